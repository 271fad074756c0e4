import type { Db } from '../clients/db.ts';
import type { Logger } from '../clients/log.ts';
import type { NotificationContent } from '../domain/notifications.ts';
import type { MessageChannel } from '../clients/mail.ts';
import type { PersonalData } from '../clients/personal-data.ts';
import { redactPersonalData } from '../domain/redact.ts';

/** What the delivery loop works with; `personalData` opens the sealed mobile numbers of SMS deliveries. */
export interface DeliveryDeps {
  db: Db;
  log: Logger;
  channels: Record<string, MessageChannel>;
  personalData?: PersonalData;
}

/** How long a claimed delivery is held by the worker sending it; past that, another worker takes it over. */
const CLAIM_SECONDS = 60;
/** Backoff after a failed send: 10 s, doubling, at most an hour. */
const backoffSeconds = (attempts: number) => Math.min(3600, 10 * 2 ** Math.max(0, attempts - 1));

interface Claimed {
  id: string;
  channel: string;
  address: string;
  attempts: number;
  notificationId: string;
}

/**
 * Sends the outbox's deliveries through their channels: claims a batch (FOR UPDATE SKIP LOCKED, so two workers never
 * take the same one), sends each, marks it delivered; a failure is retried later with backoff. Marked delivered only by
 * the claim that sent it, so a delivery is sent once; only a worker that dies between the send and the mark sends it
 * again, with the same Message-ID.
 */
export async function deliverDue(deps: DeliveryDeps, batch = 20): Promise<number> {
  const { db, log, channels, personalData } = deps;
  const channelNames = Object.keys(channels);
  if (!channelNames.length) return 0;
  const claimed = await db.$queryRaw<Claimed[]>`
    UPDATE "NotificationDelivery" d
       SET "claimedUntil" = now() + make_interval(secs => ${CLAIM_SECONDS}), "attempts" = d."attempts" + 1
     WHERE d."id" IN (
       SELECT "id" FROM "NotificationDelivery"
        WHERE "deliveredAt" IS NULL AND "nextAttemptAt" <= now()
          AND ("claimedUntil" IS NULL OR "claimedUntil" < now())
          AND "channel" = ANY(${channelNames})
        ORDER BY "nextAttemptAt"
        LIMIT ${batch}
        FOR UPDATE SKIP LOCKED)
    RETURNING d."id", d."channel", d."address", d."attempts", d."notificationId"`;
  for (const d of claimed) {
    const n = await db.notification.findUniqueOrThrow({ where: { id: d.notificationId } });
    const c = n.content as unknown as NotificationContent;
    const reasons = c.reasons?.length ? `\n\n${c.reasons.map((r) => `- ${r.path}: ${r.reason}`).join('\n')}` : '';
    try {
      await channels[d.channel]!.send({
        id: n.id,
        to: d.channel === 'sms' ? openMobile(personalData, d.address) : d.address,
        subject: `${c.subject.zh} / ${c.subject.en}`,
        text: `${c.body.zh}${reasons}\n\n${c.body.en}\n\n(${n.requestId})`,
      });
      await db.notificationDelivery.updateMany({
        where: { id: d.id, deliveredAt: null },
        data: { deliveredAt: new Date(), claimedUntil: null, lastError: null },
      });
    } catch (e) {
      // A gateway's error may repeat the number it was given: never kept or logged as it is.
      const message = redactPersonalData((e as Error).message).slice(0, 500);
      log.warn(
        { deliveryId: d.id, channel: d.channel, attempts: d.attempts, err: { message } },
        'notification not delivered: retrying later',
      );
      await db.notificationDelivery.update({
        where: { id: d.id },
        data: {
          claimedUntil: null,
          lastError: message,
          nextAttemptAt: new Date(Date.now() + backoffSeconds(d.attempts) * 1000),
        },
      });
    }
  }
  return claimed.length;
}

/** An SMS delivery's mobile number is kept sealed in the outbox; it is opened here, for the gateway only. */
function openMobile(personalData: PersonalData | undefined, sealed: string): string {
  if (!personalData) throw new Error('SMS delivery needs the personal-data keys to open the mobile number');
  return personalData.open('mobile', sealed);
}

/** The worker's delivery loop: drains what is due, then looks again every `intervalMs`; stop() ends it. */
export function startDelivery(deps: DeliveryDeps, intervalMs = 1000): { stop(): Promise<void> } {
  let stopping = false;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopping) {
      try {
        while (!stopping && (await deliverDue(deps)) > 0);
      } catch (e) {
        deps.log.warn({ err: { message: (e as Error).message } }, 'notification delivery round failed');
      }
      await new Promise<void>((r) => {
        wake = r;
        setTimeout(r, intervalMs);
      });
    }
  })();
  return {
    async stop() {
      stopping = true;
      wake?.();
      await loop;
    },
  };
}
