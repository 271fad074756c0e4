import { condition, allHandlersFinished, setCurrentDetails, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import { dueAt, parseDeadline } from '../domain/deadlines.ts';
import { records } from './activities.ts';
import { statusQuery, submitUpdate, type Actor, type RequestInput, type RequestState, type RequestStatus } from './messages.ts';
import { refuse } from './refuse.ts';
import { RequestStateKey, ReviewOverdueKey } from './search-attributes.ts';
import type { TransitionEvent } from '../activities/requests.ts';

const WAITING_FOR: Partial<Record<RequestState, string>> = {
  draft: 'the applicant to submit',
  awaitingReview: 'a reviewer of the district to approve or return it',
  returned: 'the applicant to correct what was returned and resubmit',
  recording: 'the official record to be written',
  uploading: 'the national platform to accept the record',
  awaitingDestination: 'the destination province to accept or refuse',
};

/**
 * What every request has: its status (answered by a query), the submit step, and the projection of each
 * state change to the database, the search attributes and the Temporal UI's current details.
 */
export class RequestLifecycle {
  readonly status: RequestStatus;
  private submitted = false;

  constructor(readonly input: RequestInput) {
    this.status = {
      requestId: input.requestId,
      kind: input.kind,
      state: 'draft',
      round: 0,
      districtCode: input.districtCode,
      overdue: false,
    };
    setHandler(statusQuery, () => this.status);
    setHandler(
      submitUpdate,
      async ({ actor }) => {
        this.status.round = 1;
        this.startReviewClock();
        await this.enter('awaitingReview', { type: 'submitted', actorId: actor.userId });
        this.submitted = true;
        return this.status;
      },
      {
        validator: ({ actor }) => {
          this.mustBeApplicant(actor);
          if (this.status.state !== 'draft') refuse('already-submitted');
        },
      },
    );
    this.publish();
  }

  /** The review deadline runs from each (re)submission. */
  startReviewClock(): void {
    this.status.overdue = false;
    this.status.reviewDueAt = new Date(dueAt(Date.now(), parseDeadline(this.input.reviewDeadline))).toISOString();
  }

  mustBeApplicant(actor: Actor): void {
    if (actor.role !== 'applicant' || actor.userId !== this.input.applicantId) refuse('not-your-request');
  }

  awaitSubmission(): Promise<void> {
    return condition(() => this.submitted);
  }

  /** A request that arrives already submitted (a transfer sent by another province): straight to review. */
  async arrive(): Promise<void> {
    this.status.round = 1;
    this.startReviewClock();
    await this.enter('awaitingReview', { type: 'received' });
    this.submitted = true;
  }

  /** Changes state in memory at once (so validators see it), then records it durably. */
  async enter(state: RequestState, event: Omit<TransitionEvent, 'key'> & { key?: string }): Promise<void> {
    this.status.state = state;
    this.publish();
    await records.recordTransition({
      requestId: this.input.requestId,
      status: { ...this.status },
      event: { ...event, key: event.key ?? `${this.input.requestId}:${event.type}:${this.status.round}` },
    });
  }

  /** Past a deadline: flagged (database, search attribute, details) and reminded, still waiting. */
  async markOverdue(type: 'reviewOverdue' | 'destinationOverdue' = 'reviewOverdue'): Promise<void> {
    this.status.overdue = true;
    this.publish();
    await records.recordTransition({
      requestId: this.input.requestId,
      status: { ...this.status },
      event: { type, key: `${this.input.requestId}:${type}:${this.status.round}` },
      remindReviewers: true,
    });
  }

  async close(state: 'completed' | 'expired' | 'refused' | 'withdrawn', reason?: string): Promise<RequestStatus> {
    if (reason) this.status.closedReason = reason;
    await this.enter(state, { type: state, detail: reason ? { reason } : undefined });
    await condition(allHandlersFinished);
    return this.status;
  }

  /** Already in its closed state (recorded when it was decided): waits for its handlers, then ends. */
  async finish(): Promise<RequestStatus> {
    await condition(allHandlersFinished);
    return this.status;
  }

  private publish(): void {
    upsertSearchAttributes([
      { key: RequestStateKey, value: this.status.state },
      { key: ReviewOverdueKey, value: this.status.overdue },
    ]);
    const waiting = WAITING_FOR[this.status.state];
    setCurrentDetails(
      [
        `**${this.input.kind}** request \`${this.input.requestId}\`, district ${this.input.districtCode}`,
        `state: **${this.status.state}**, round ${this.status.round}${this.status.overdue ? ', **review overdue**' : ''}`,
        waiting ? `waiting for ${waiting}` : '',
        this.status.reviewDueAt && this.status.state === 'awaitingReview' ? `review due ${this.status.reviewDueAt}` : '',
        this.status.correctionDueAt && this.status.state === 'returned' ? `correction due ${this.status.correctionDueAt}` : '',
      ]
        .filter(Boolean)
        .join('\n\n'),
    );
  }
}
