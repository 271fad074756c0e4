import { condition, setHandler } from '@temporalio/workflow';
import { reviewsDistrict } from '../domain/districts.ts';
import { dueAt, parseDeadline } from '../domain/deadlines.ts';
import { reviewDecisionSchema } from '../domain/review.ts';
import { records } from './activities.ts';
import { districtReviewUpdate, resubmitUpdate } from './messages.ts';
import { refuse } from './refuse.ts';
import type { RequestLifecycle } from './request-lifecycle.ts';

const iso = (t: number) => new Date(t).toISOString();

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
  const correctionDeadline = parseDeadline(input.correctionDeadline);
  let decided: 'approved' | 'returned' | undefined;
  let resubmitted = false;

  setHandler(
    districtReviewUpdate,
    async (decision) => {
      const { actor, ...rest } = decision;
      const round = status.round;
      if (rest.outcome === 'returned') {
        status.returned = { round, reasons: rest.reasons, comment: rest.comment };
        if (corrections) status.correctionDueAt = iso(dueAt(Date.now(), correctionDeadline));
      }
      status.state = rest.outcome; // at once, so a second decision is refused by the validator
      await records.recordDecision({ requestId: input.requestId, round, reviewerId: actor.userId, decision: rest });
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
        const parsed = reviewDecisionSchema.safeParse(rest);
        if (!parsed.success || (parsed.data.outcome === 'returned' && parsed.data.reasons.length === 0)) {
          refuse('return-without-reasons');
        }
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

  if (corrections) await request.awaitSubmission();
  else await request.arrive();

  // Each flag is cleared once it has been acted on, never before waiting: a decision or a resubmission
  // may land while the previous step is still being recorded.
  for (;;) {
    const inTime = await condition(() => decided !== undefined, untilIso(status.reviewDueAt));
    if (!inTime) {
      await request.markOverdue();
      await condition(() => decided !== undefined);
    }
    const outcome = decided;
    decided = undefined;
    if (outcome === 'approved') return 'approved';
    if (!corrections) return 'refused';

    const corrected = await condition(() => resubmitted, untilIso(status.correctionDueAt));
    // A resubmit already under way when the deadline passed still counts.
    if (!corrected && status.state === 'returned') return 'expired';
    await condition(() => resubmitted);
    resubmitted = false;
  }
}

function untilIso(at: string | undefined): number {
  return Math.max(1, (at ? Date.parse(at) : Date.now()) - Date.now());
}
