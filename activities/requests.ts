import { createHash } from 'node:crypto';
import { Prisma } from '../generated/prisma/client.ts';
import { REFUSAL_PATH, type ReviewDecision } from '../domain/review-rules.ts';
import { notificationsOf, SMS_TYPES } from '../domain/notifications.ts';
import { maskName } from '../domain/identity.ts';
import { isSealed } from '../clients/personal-data.ts';
import type { RequestStatus } from '../workflows/messages.ts';
import type { ActivityDeps } from './deps.ts';

export interface TransitionEvent {
  /** Makes the event idempotent: an activity that runs twice records it once. */
  key: string;
  type: string;
  actorId?: string;
  detail?: Record<string, unknown>;
}

/** A notification's id follows from its event key, so a retried activity names the same row and its deliveries. */
const notificationId = (eventKey: string) => {
  const h = createHash('sha256').update(eventKey).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

const CLOSED = new Set(['completed', 'expired', 'refused', 'withdrawn']);

/** Projections of the workflows' state into the database: what the API lists and the applicant follows. */
export function requestActivities({ db, log, personalData, smsNotifications: sms = false }: ActivityDeps) {
  /** The outbox rows a transition causes: one per recipient, keyed by the transition's key and the recipient. */
  async function notificationRows(requestId: string, s: RequestStatus, event: TransitionEvent) {
    const rows: Prisma.NotificationCreateManyInput[] = [];
    const deliveries: Prisma.NotificationDeliveryCreateManyInput[] = [];
    const facts = {
      type: event.type,
      reasons: s.returned?.reasons,
      correctionDueAt: s.correctionDueAt,
      reviewDueAt: s.reviewDueAt,
      closedReason: s.closedReason,
    };
    if (!notificationsOf(facts).length) return { rows, deliveries };
    const request = await db.request.findUnique({ where: { id: requestId }, select: { applicantId: true, form: true } });
    const form = (request?.form ?? null) as {
      basic?: { email?: string; mobile?: string; name?: string };
      work?: { unitCreditCode?: string };
    } | null;
    const applicantId = request?.applicantId ?? undefined;
    const messages = notificationsOf({ ...facts, ...(form?.basic?.name ? { maskedName: maskName(form.basic.name) } : {}) });
    for (const { audience, content } of messages) {
      let recipients: string[];
      let email: string | undefined;
      let mobileSealed: string | undefined;
      if (audience === 'applicant') {
        // Whatever address the record has: the form's, else the person's; none, in-app only.
        email = form?.basic?.email || undefined;
        const person =
          applicantId && (!email || !form?.basic?.mobile)
            ? await db.person.findFirst({ where: { applicantId }, select: { email: true, mobileSealed: true } })
            : null;
        email ??= person?.email ?? undefined;
        if (sms && SMS_TYPES.has(event.type)) {
          // The mobile number stays sealed in the outbox: only the delivering worker opens it.
          const mobile = form?.basic?.mobile || person?.mobileSealed || undefined;
          mobileSealed = mobile && !isSealed(mobile) ? personalData.seal('mobile', mobile) : mobile;
        }
        // Nobody here applied for a transfer another province sent; nobody is told of their own withdrawal.
        recipients = applicantId && !(event.type === 'withdrawn' && event.actorId === applicantId) ? [applicantId] : [];
      } else if (audience === 'unit') {
        // The employer unit the form names, once confirmed: its contact account is told.
        const creditCode = form?.work?.unitCreditCode;
        const unit = creditCode
          ? await db.employerUnit.findFirst({ where: { creditCode, status: 'confirmed' }, select: { contactUserId: true, email: true } })
          : null;
        email = unit?.email ?? undefined;
        recipients = unit ? [unit.contactUserId] : [];
      } else {
        const reviewers = await db.user.findMany({
          where: { role: 'reviewer', districtCode: s.districtCode },
          select: { id: true },
          orderBy: { id: 'asc' },
        });
        recipients = reviewers.map((r) => r.id);
      }
      for (const recipientId of recipients) {
        const eventKey = `${event.key}:${recipientId}`;
        const id = notificationId(eventKey);
        if (email) deliveries.push({ notificationId: id, channel: 'email', address: email });
        if (mobileSealed) deliveries.push({ notificationId: id, channel: 'sms', address: mobileSealed });
        rows.push({
          id,
          eventKey,
          recipientId,
          requestId,
          type: event.type,
          content: content as unknown as Prisma.InputJsonValue,
        });
      }
    }
    return { rows, deliveries };
  }

  return {
    async recordTransition(t: {
      requestId: string;
      status: RequestStatus;
      event: TransitionEvent;
      remindReviewers?: boolean;
    }): Promise<void> {
      const s = t.status;
      const closed = CLOSED.has(s.state);
      const notifications = await notificationRows(t.requestId, s, t.event);
      await db.$transaction([
        db.request.update({
          where: { id: t.requestId },
          data: {
            state: s.state,
            round: s.round,
            overdue: s.overdue,
            reviewDueAt: s.reviewDueAt ? new Date(s.reviewDueAt) : null,
            correctionDueAt: s.correctionDueAt ? new Date(s.correctionDueAt) : null,
            attention: s.attention ? (s.attention as unknown as Prisma.InputJsonValue) : Prisma.DbNull,
            ...(t.event.type === 'submitted' ? { submittedAt: new Date() } : {}),
            ...(t.event.type === 'resubmitted' ? { submittedAt: new Date() } : {}),
            // A transfer sent by another province is received: the inbox orders it by when it arrived.
            ...(t.event.type === 'received' ? { submittedAt: new Date() } : {}),
            ...(closed ? { closedAt: new Date(), closedReason: s.closedReason ?? null, openKey: null } : {}),
          },
        }),
        db.requestEvent.createMany({
          data: [
            {
              requestId: t.requestId,
              key: t.event.key,
              type: t.event.type,
              actorId: t.event.actorId ?? null,
              detail: (t.event.detail ?? undefined) as Prisma.InputJsonValue | undefined,
            },
          ],
          skipDuplicates: true,
        }),
        // The outbox, with the change it tells of: a retried activity finds its rows there (eventKey) and adds none.
        db.notification.createMany({ data: notifications.rows, skipDuplicates: true }),
        db.notificationDelivery.createMany({ data: notifications.deliveries, skipDuplicates: true }),
      ]);
      if (s.dueDateWarning) {
        log.warn(
          { requestId: t.requestId, years: s.dueDateWarning.years },
          'due date counted without a holiday arrangement for these years: load it',
        );
      }
      if (t.remindReviewers) {
        // The reminder: the inbox marks the request overdue, its reviewers are notified (reviewOverdue, above),
        // and the log line reaches the district's on-call channel.
        log.warn({ requestId: t.requestId, district: s.districtCode, dueAt: s.reviewDueAt }, 'review overdue: reminding the district');
      }
    },

    async recordDecision(d: { requestId: string; round: number; reviewerId: string; decision: ReviewDecision }): Promise<void> {
      const reasons =
        d.decision.outcome === 'returned'
          ? d.decision.reasons
          : d.decision.outcome === 'refused'
            ? [{ target: 'field', path: REFUSAL_PATH, reason: d.decision.reason }]
            : [];
      try {
        await db.reviewDecision.create({
          data: {
            requestId: d.requestId,
            round: d.round,
            reviewerId: d.reviewerId,
            outcome: d.decision.outcome,
            comment: d.decision.comment ?? null,
            reasons: { create: reasons.map((r) => ({ target: r.target, path: r.path, reason: r.reason })) },
          },
        });
      } catch (e) {
        // Already recorded by an earlier attempt of this activity: (requestId, round) is unique.
        if ((e as { code?: string }).code !== 'P2002') throw e;
      }
    },
  };
}
