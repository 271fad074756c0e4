import type { Logger } from 'pino';
import type { NationalDb } from './db.ts';

export type DeliveryConfig = {
  /** Pause between polls when nothing is due (default 500 ms). */
  pollIntervalMs?: number;
  /** First retry delay; doubles on each failure (default 1 s). */
  baseDelayMs?: number;
  /** Ceiling of the retry delay (default 5 min). */
  maxDelayMs?: number;
  /** Time a province has to answer one delivery (default 10 s). */
  timeoutMs?: number;
  /** Events claimed per poll (default 20). */
  batchSize?: number;
  logger?: Logger;
  fetch?: typeof fetch;
  random?: () => number;
};

export type OutboxDelivery = {
  /** Delivers what is due now; returns how many events were attempted. */
  runOnce(): Promise<number>;
  /** Stops polling and waits for the delivery in flight. */
  stop(): Promise<void>;
};

/** Exponential backoff with jitter (half to full delay), so that retries of many events spread out. */
export function retryDelay(attempts: number, base: number, max: number, random: () => number = Math.random): number {
  const full = Math.min(max, base * 2 ** Math.max(0, attempts - 1));
  return Math.round(full / 2 + (full / 2) * random());
}

/**
 * Background delivery of the outbox: each due event is POSTed to its province's callback URL with
 * `Idempotency-Key: <eventId>`. A 2xx marks it delivered; anything else schedules a retry.
 * State lives in the database, so delivery resumes after a restart.
 */
export function startOutboxDelivery(db: NationalDb, config: DeliveryConfig = {}): OutboxDelivery {
  const pollIntervalMs = config.pollIntervalMs ?? 500;
  const baseDelayMs = config.baseDelayMs ?? 1000;
  const maxDelayMs = config.maxDelayMs ?? 5 * 60_000;
  const timeoutMs = config.timeoutMs ?? 10_000;
  const batchSize = config.batchSize ?? 20;
  const doFetch = config.fetch ?? fetch;
  const random = config.random ?? Math.random;
  const log = config.logger;

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<unknown> = Promise.resolve();

  async function deliver(event: { eventId: string; province: string; payload: unknown; attempts: number; callbackUrl: string | null }) {
    let error: string;
    if (!event.callbackUrl) {
      error = `province ${event.province} has not registered a callback URL`;
    } else {
      try {
        const res = await doFetch(event.callbackUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': event.eventId },
          body: JSON.stringify(event.payload),
          signal: AbortSignal.timeout(timeoutMs),
        });
        await res.body?.cancel().catch(() => {});
        if (res.ok) {
          await db.markDelivered(event.eventId);
          log?.info({ eventId: event.eventId, province: event.province, attempts: event.attempts }, 'event delivered');
          return;
        }
        error = `HTTP ${res.status}`;
      } catch (err) {
        error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      }
    }
    const delay = retryDelay(event.attempts, baseDelayMs, maxDelayMs, random);
    await db.markFailed(event.eventId, error, delay);
    log?.warn(
      { eventId: event.eventId, province: event.province, attempts: event.attempts, error, retryInMs: delay },
      'event delivery failed',
    );
  }

  async function runOnce(): Promise<number> {
    // The lease outlasts one delivery attempt, so a slow province is not called twice at once.
    const events = await db.claimDueEvents(batchSize, timeoutMs + 5_000);
    await Promise.all(events.map((e) => deliver(e).catch((err) => log?.error({ err, eventId: e.eventId }, 'outbox bookkeeping failed'))));
    return events.length;
  }

  function schedule(ms: number) {
    if (stopped) return;
    timer = setTimeout(() => {
      const run = runOnce().then(
        (n) => schedule(n === batchSize ? 0 : pollIntervalMs),
        (err) => {
          log?.error({ err }, 'outbox poll failed');
          schedule(pollIntervalMs);
        },
      );
      inFlight = run;
    }, ms);
  }

  schedule(0);

  return {
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await inFlight;
    },
  };
}
