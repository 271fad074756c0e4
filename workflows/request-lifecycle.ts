import {
  ActivityFailure,
  ApplicationFailure,
  condition,
  allHandlersFinished,
  patched,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { dueAt, parseDeadline, type Deadline } from '../domain/deadlines.ts';
import { workingDaysBefore, workingDueAt, type WorkingCalendar } from '../domain/working-days.ts';
import { national, nationalOnce, projections } from './activities.ts';
import {
  holidayArrangementSignal,
  NATIONAL_REFUSED,
  retryNationalUpdate,
  statusQuery,
  submitUpdate,
  withdrawUpdate,
  type Actor,
  type RequestInput,
  type RequestState,
  type NationalRefusal,
  type RequestStatus,
  type WithdrawInput,
} from './messages.ts';
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
  needsAttention: 'an administrator: the national platform refused a call for good (retry once fixed, or withdraw)',
};

const CLOSED: readonly RequestState[] = ['completed', 'expired', 'refused', 'withdrawn'];
/** Where a request waits on a person, not on a step under way: only there can it be withdrawn. */
const WITHDRAWABLE: Record<'applicant' | 'admin', readonly RequestState[]> = {
  applicant: ['draft', 'awaitingReview', 'returned'],
  admin: ['draft', 'awaitingReview', 'returned', 'needsAttention'],
};

/** The platform's refusal, when a national call failed because the platform refused it for good. */
function nationalRefusalOf(e: unknown): NationalRefusal | undefined {
  const cause = e instanceof ActivityFailure ? e.cause : undefined;
  if (!(cause instanceof ApplicationFailure) || cause.type !== NATIONAL_REFUSED) return undefined;
  return (cause.details?.[0] as NationalRefusal | undefined) ?? { operation: '?', status: 0, code: 'unknown' };
}

/** Marks histories in which a returned request reminds its applicant before the correction deadline. */
export const CORRECTION_REMINDER = 'correction-reminder';
/** Marks histories in which a transfer's national call refused for good makes the request need attention. */
export const TRANSFER_NEEDS_ATTENTION = 'transfer-needs-attention';

/** Thrown out of a request's waits once it is withdrawn; the workflow then ends with this status (`steerable`). */
export class RequestWithdrawn extends Error {
  constructor(readonly status: RequestStatus) {
    super('request withdrawn');
  }
}

/** Wraps a request's workflow so that a withdrawal, wherever it stops the flow, ends it with the closed status. */
export function steerable<A extends unknown[]>(run: (...args: A) => Promise<RequestStatus>): (...args: A) => Promise<RequestStatus> {
  return async (...args: A) => {
    try {
      return await run(...args);
    } catch (e) {
      if (!(e instanceof RequestWithdrawn)) throw e;
      await condition(allHandlersFinished);
      return e.status;
    }
  };
}

/**
 * What every request has: its status (answered by a query), the submit step, and the projection of each
 * state change to the database, the search attributes and the Temporal UI's current details.
 */
export class RequestLifecycle {
  readonly status: RequestStatus;
  private submitted = false;
  /** Set once the withdrawal is recorded: every wait of the request ends there. */
  withdrawn = false;
  /** The administrator who asked for a refused national call to be made again. */
  private retryBy: string | undefined;
  private attentions = 0;
  /** The working-day calendar (an activity's result, years added by signal); absent in runs from before it. */
  private calendar: WorkingCalendar | undefined;
  private calendarLoading = false;
  private submitting = false;
  /** When each clock started, so that a newly loaded year can count its due date again. */
  private reviewClockFrom: number | undefined;
  private correctionClockFrom: number | undefined;
  /** Set when a due date moved (a year loaded): the waits take the new one. */
  dueChanged = false;

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
    if (patched('working-calendar')) {
      this.calendarLoading = true;
      void projections()
        .workingCalendar()
        .then((calendar) => {
          this.calendar = { ...calendar, ...this.calendar };
          this.calendarLoading = false;
        });
    }
    setHandler(holidayArrangementSignal, (a) => this.yearLoaded(a.year, { holidays: a.holidays, workdays: a.workdays }));
    setHandler(
      submitUpdate,
      async ({ actor }) => {
        this.submitting = true; // a second submit meanwhile is refused by the validator
        // No await unless the calendar is still coming: runs from before it take this step as they did.
        if (this.calendarLoading) await this.calendarLoaded();
        this.status.round = 1;
        this.startReviewClock();
        await this.enter('awaitingReview', { type: 'submitted', actorId: actor.userId });
        this.submitted = true;
        return this.status;
      },
      {
        validator: ({ actor }) => {
          this.mustBeApplicant(actor);
          if (this.status.state !== 'draft' || this.submitting) refuse('already-submitted');
        },
      },
    );
    setHandler(withdrawUpdate, (w) => this.withdraw(w), { validator: (w) => this.mayWithdraw(w) });
    setHandler(
      retryNationalUpdate,
      async ({ actor }) => {
        this.retryBy = actor.userId;
        // Answered once the call is under way again, with the state it is made in.
        await condition(() => this.status.state !== 'needsAttention');
        return this.status;
      },
      {
        validator: ({ actor }) => {
          if (actor.role !== 'admin') refuse('not-an-administrator');
          if (this.status.state !== 'needsAttention' || this.retryBy !== undefined) refuse('not-needing-attention');
        },
      },
    );
    this.publish();
  }

  private mayWithdraw({ actor, reason }: WithdrawInput): void {
    if (actor.role === 'applicant') this.mustBeApplicant(actor);
    else if (actor.role !== 'admin') refuse('withdraw-not-allowed');
    else if (!reason?.trim()) refuse('withdraw-reason-required');
    // Nobody here applied for a transfer another province sent: the district accepts or refuses it.
    if (!this.input.applicantId) refuse('received-transfer-not-withdrawable');
    if (CLOSED.includes(this.status.state)) refuse('request-closed');
    if (!WITHDRAWABLE[actor.role as 'applicant' | 'admin'].includes(this.status.state)) refuse('decision-recorded');
  }

  private async withdraw({ actor, reason }: WithdrawInput): Promise<RequestStatus> {
    const why = reason?.trim();
    this.status.closedReason = why || 'withdrawn by the applicant';
    // The state changes at once (in enter), so a decision or resubmit arriving now is refused by its validator.
    await this.enter('withdrawn', {
      type: 'withdrawn',
      actorId: actor.userId,
      detail: { by: actor.role, ...(why ? { reason: why } : {}) },
    });
    this.withdrawn = true;
    return this.status;
  }

  /**
   * A national call: retried while the platform is unavailable; refused by it for good, the request needs
   * attention (state, search attribute RequestState, the refusal kept) until an administrator has the call
   * made again once the cause is fixed, or withdraws the request.
   */
  async untilAccepted<T>(call: () => Promise<T>): Promise<T> {
    for (;;) {
      try {
        return await call();
      } catch (e) {
        const refusal = nationalRefusalOf(e);
        if (!refusal || !patched('needs-attention')) throw e;
        const resume = this.status.state;
        const n = ++this.attentions;
        this.status.attention = refusal;
        await this.enter('needsAttention', {
          type: 'needsAttention',
          detail: { code: refusal.code, status: refusal.status, operation: refusal.operation },
          key: `${this.input.requestId}:needsAttention:${n}`,
        });
        await condition(() => this.retryBy !== undefined || this.withdrawn);
        this.throwIfWithdrawn();
        const actorId = this.retryBy;
        this.status.attention = undefined;
        await this.enter(resume, { type: 'retried', actorId, key: `${this.input.requestId}:retried:${n}` });
        this.retryBy = undefined;
      }
    }
  }

  /**
   * A transfer's national call: from the patch on, a refusal for good makes the request need attention (untilAccepted);
   * runs from before it retry the call as they always did.
   */
  nationalStep<T>(call: (api: typeof national) => Promise<T>): Promise<T> {
    if (!patched(TRANSFER_NEEDS_ATTENTION)) return call(national);
    return this.untilAccepted(() => call(nationalOnce));
  }

  /**
   * When the applicant of a returned request is reminded of its correction deadline: CORRECTION_REMINDER (3 working
   * days of the calendar by default) before it. None in runs from before the reminder, nor when that moment is not
   * after the return (the return's own message names the date).
   */
  correctionReminderAt(): number | undefined {
    if (!this.status.correctionDueAt || this.correctionClockFrom === undefined) return undefined;
    if (!patched(CORRECTION_REMINDER)) return undefined;
    const lead = parseDeadline(this.input.correctionReminder ?? '3wd');
    const due = Date.parse(this.status.correctionDueAt);
    const at = 'ms' in lead ? due - lead.ms : workingDaysBefore(due, lead.workingDays, this.calendar ?? {});
    return at > this.correctionClockFrom ? at : undefined;
  }

  /** The returned request is still not resubmitted: its applicant is told the deadline is near (the outbox). */
  async remindCorrection(): Promise<void> {
    if (this.status.state !== 'returned') return; // a resubmission or withdrawal under way: nobody is to be reminded
    await projections().recordTransition({
      requestId: this.input.requestId,
      status: { ...this.status },
      event: {
        type: 'correctionReminder',
        key: `${this.input.requestId}:correctionReminder:${this.status.round}`,
        detail: { dueAt: this.status.correctionDueAt },
      },
    });
  }

  /** Ends the request's flow where it waits, once a withdrawal is recorded. */
  throwIfWithdrawn(): void {
    if (this.withdrawn) throw new RequestWithdrawn(this.status);
  }

  /** The review deadline runs from each (re)submission. */
  startReviewClock(): void {
    this.status.overdue = false;
    this.reviewClockFrom = Date.now();
    this.status.reviewDueAt = this.due(this.reviewClockFrom, this.input.reviewDeadline);
  }

  /** The correction deadline runs from each return. */
  startCorrectionClock(): void {
    this.correctionClockFrom = Date.now();
    this.status.correctionDueAt = this.due(this.correctionClockFrom, this.input.correctionDeadline);
  }

  private calendarLoaded(): Promise<void> {
    return condition(() => !this.calendarLoading);
  }

  /** A due date in working days of the calendar (weekends only in runs from before it), with a warning for years without data. */
  private due(from: number, text: string): string {
    const deadline: Deadline = parseDeadline(text);
    if (!this.calendar) return new Date(dueAt(from, deadline)).toISOString();
    const { at, gaps } = workingDueAt(from, deadline, this.calendar);
    // Only one clock runs at a time (review, or correction): the warning is about the latest due date.
    this.status.dueDateWarning = gaps.length
      ? {
          years: gaps,
          en: `No holiday arrangement is loaded for ${gaps.join(', ')}: the due date counts weekends only there and may come too early`,
          zh: `尚未载入 ${gaps.join('、')} 年的节假日安排：该年份仅按周末计算，截止日期可能偏早`,
        }
      : undefined;
    return new Date(at).toISOString();
  }

  /** A year loaded while the request runs: its open due date is counted again, and the waits take the new one. */
  private yearLoaded(year: number, days: { holidays: string[]; workdays: string[] }): void {
    if (!this.calendar && !this.calendarLoading) return; // a run from before the calendar: it keeps its weekends-only dates
    this.calendar = { ...this.calendar, [String(year)]: days };
    if (this.calendarLoading) return; // the loading calendar lacks it, and is merged under it
    const before = [this.status.reviewDueAt, this.status.correctionDueAt];
    if (this.status.state === 'awaitingReview' && this.reviewClockFrom !== undefined) {
      this.status.reviewDueAt = this.due(this.reviewClockFrom, this.input.reviewDeadline);
    }
    if (this.status.state === 'returned' && this.correctionClockFrom !== undefined && this.status.correctionDueAt) {
      this.status.correctionDueAt = this.due(this.correctionClockFrom, this.input.correctionDeadline);
    }
    if (before[0] === this.status.reviewDueAt && before[1] === this.status.correctionDueAt) return;
    this.dueChanged = true;
    this.publish();
    void projections().recordTransition({
      requestId: this.input.requestId,
      status: { ...this.status },
      event: { type: 'dueDateRecounted', key: `${this.input.requestId}:dueDateRecounted:${this.status.round}:${year}`, detail: { year } },
    });
  }

  mustBeApplicant(actor: Actor): void {
    if (actor.role !== 'applicant' || actor.userId !== this.input.applicantId) refuse('not-your-request');
  }

  async awaitSubmission(): Promise<void> {
    await condition(() => this.submitted || this.withdrawn);
    this.throwIfWithdrawn();
  }

  /** A request that arrives already submitted (a transfer sent by another province): straight to review. */
  async arrive(): Promise<void> {
    if (this.calendarLoading) await this.calendarLoaded();
    this.status.round = 1;
    this.startReviewClock();
    await this.enter('awaitingReview', { type: 'received' });
    this.submitted = true;
  }

  /** Changes state in memory at once (so validators see it), then records it durably. */
  async enter(state: RequestState, event: Omit<TransitionEvent, 'key'> & { key?: string }): Promise<void> {
    this.status.state = state;
    this.publish();
    await projections().recordTransition({
      requestId: this.input.requestId,
      status: { ...this.status },
      event: { ...event, key: event.key ?? `${this.input.requestId}:${event.type}:${this.status.round}` },
    });
  }

  /** Past a deadline: flagged (database, search attribute, details) and reminded, still waiting. */
  async markOverdue(type: 'reviewOverdue' | 'destinationOverdue' = 'reviewOverdue'): Promise<void> {
    if (this.status.state === 'withdrawn') return; // being withdrawn: nobody is to be reminded
    this.status.overdue = true;
    this.publish();
    await projections().recordTransition({
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
