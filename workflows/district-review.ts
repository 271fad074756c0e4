import { condition, patched, setHandler } from '@temporalio/workflow';
import { reviewsDistrict } from '../domain/reviewer-districts.ts';
import { isReceivedTransferDecision, isReviewDecision } from '../domain/review-rules.ts';
import { projections } from './activities.ts';
import { districtReviewUpdate, resubmitUpdate } from './messages.ts';
import { refuse } from './refuse.ts';
import type { RequestLifecycle } from './request-lifecycle.ts';

/** Marks histories where a received transfer was decided with `accepted` / `refused`. */
export const RECEIVED_TRANSFER_DECISIONS = 'received-transfer-decisions';

/**
 * District review with the correction loop, the one review mechanism every kind of request uses:
 * the request enters review (the applicant submits, or another province's transfer arrives), then
 * waits for the district's decision (flagged overdue past the review deadline); on a return, waits for
 * the applicant to correct and resubmit, or expires past the correction deadline.
 *
 * The review's Updates are registered before the request can enter review: the inbox shows a request
 * as soon as its state is recorded, and a reviewer who answers at once must find a handler, not a refusal.
 */
export async function districtReview(
  request: RequestLifecycle,
  options: { enters?: 'bySubmission' | 'byArrival' } = {},
): Promise<'approved' | 'expired' | 'refused'> {
  // A transfer sent by another province arrives: nobody here can correct it, so a return is a refusal.
  const corrections = options.enters !== 'byArrival';
  const { status, input } = request;
  let decided: 'approved' | 'returned' | 'refused' | undefined;
  let resubmitted = false;

  setHandler(
    districtReviewUpdate,
    async (decision) => {
      const { actor, ...rest } = decision;
      const round = status.round;
      if (isReceivedTransferDecision(rest)) {
        // Explicit decisions on a transfer sent here: only new Updates carry them, so histories recorded
        // before them never reach this branch; the marker says which code decided.
        patched(RECEIVED_TRANSFER_DECISIONS);
        const state = rest.outcome === 'accepted' ? 'approved' : 'refused';
        status.state = state; // at once, so a second decision is refused by the validator
        if (rest.outcome === 'refused') status.closedReason = rest.reason;
        await projections().recordDecision({ requestId: input.requestId, round, reviewerId: actor.userId, decision: rest });
        await request.enter(state, {
          type: state,
          actorId: actor.userId,
          // The closing transition records `refused` again once the origin is told; this one is the decision.
          key: `${input.requestId}:decided:${round}`,
        });
        decided = state;
        return status;
      }
      if (rest.outcome === 'returned') {
        status.returned = { round, reasons: rest.reasons, comment: rest.comment };
        if (corrections) request.startCorrectionClock();
      }
      status.state = rest.outcome; // at once, so a second decision is refused by the validator
      await projections().recordDecision({ requestId: input.requestId, round, reviewerId: actor.userId, decision: rest });
      await request.enter(rest.outcome, {
        type: rest.outcome,
        actorId: actor.userId,
        detail: rest.outcome === 'returned' ? { reasons: rest.reasons.length } : undefined,
      });
      decided = rest.outcome;
      return status;
    },
    {
      validator: (decision) => {
        const { actor, ...rest } = decision;
        if (actor.role !== 'reviewer') refuse('not-a-reviewer');
        // The districts the API read from the account for this call: one taken away is refused at once.
        if (!reviewsDistrict(actor, input.districtCode)) refuse('wrong-district');
        if (status.state !== 'awaitingReview') refuse('not-awaiting-review');
        const valid = isReviewDecision(rest);
        if (valid && isReceivedTransferDecision(rest) && corrections) refuse('decision-not-applicable');
        if (!valid || (rest.outcome === 'returned' && rest.reasons.length === 0)) refuse('return-without-reasons');
      },
    },
  );

  setHandler(
    resubmitUpdate,
    async ({ actor }) => {
      status.round += 1;
      status.returned = undefined;
      status.correctionDueAt = undefined;
      request.startReviewClock();
      await request.enter('awaitingReview', { type: 'resubmitted', actorId: actor.userId });
      resubmitted = true;
      return status;
    },
    {
      validator: ({ actor }) => {
        request.mustBeApplicant(actor);
        if (status.state !== 'returned') refuse('not-returned');
      },
    },
  );

  const takeDueChange = () => {
    const changed = request.dueChanged;
    request.dueChanged = false;
    return changed;
  };

  if (corrections) await request.awaitSubmission();
  else await request.arrive();

  // Each flag is cleared once it has been acted on, never before waiting: a decision or a resubmission
  // may land while the previous step is still being recorded.
  // A withdrawal ends every wait (request.throwIfWithdrawn).
  for (;;) {
    const inTime = await condition(() => decided !== undefined || request.withdrawn || request.dueChanged, untilIso(status.reviewDueAt));
    request.throwIfWithdrawn();
    if (takeDueChange() && decided === undefined) continue; // a year loaded: wait for the due date counted again
    if (!inTime) {
      await request.markOverdue();
      await condition(() => decided !== undefined || request.withdrawn);
      request.throwIfWithdrawn();
    }
    const outcome = decided;
    decided = undefined;
    if (outcome === 'approved') return 'approved';
    if (!corrections) return 'refused';

    let corrected: boolean;
    let reminded = false;
    for (;;) {
      // First until the applicant's reminder is due (CORRECTION_REMINDER before the deadline), then until the deadline.
      const remindAt = reminded ? undefined : request.correctionReminderAt();
      corrected = await condition(
        () => resubmitted || request.withdrawn || request.dueChanged,
        remindAt !== undefined ? untilMs(remindAt) : untilIso(status.correctionDueAt),
      );
      request.throwIfWithdrawn();
      if (takeDueChange() && !resubmitted && status.state === 'returned') continue; // a year loaded: both are counted again
      if (remindAt === undefined || corrected || status.state !== 'returned') break;
      reminded = true;
      await request.remindCorrection();
    }
    // A resubmit (or a withdrawal) already under way when the deadline passed still counts.
    if (!corrected && status.state === 'returned') return 'expired';
    await condition(() => resubmitted || request.withdrawn);
    request.throwIfWithdrawn();
    resubmitted = false;
  }
}

function untilIso(at: string | undefined): number {
  return untilMs(at ? Date.parse(at) : Date.now());
}

function untilMs(at: number): number {
  return Math.max(1, at - Date.now());
}
