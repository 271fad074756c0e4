import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ReturnReason, ReviewDecision } from '../domain/review-rules.ts';
import type { HolidayArrangement } from '../domain/working-days.ts';

/** Defined once; the API sends exactly these. Payloads carry ids and codes, never personal data. */

import type { RequestKind } from '../domain/enums.ts';

export type { RequestKind };
export type RequestState =
  | 'draft'
  | 'awaitingReview'
  | 'returned'
  | 'approved'
  | 'recording'
  | 'uploading'
  | 'awaitingDestination'
  | 'needsAttention'
  | 'completed'
  | 'refused'
  | 'expired'
  | 'withdrawn';

export interface Actor {
  userId: string;
  role: 'applicant' | 'reviewer' | 'admin' | 'employer';
  /** A reviewer's first district (older histories carry only this). */
  districtCode?: string;
  /** Every district the reviewer reviews, as the account is at the moment of the call. */
  districtCodes?: string[];
}

export interface RequestInput {
  requestId: string;
  kind: RequestKind;
  provinceCode: string;
  districtCode: string;
  /** Absent for a transfer that arrived from another province. */
  applicantId?: string;
  /** The other province of a transfer. */
  counterpartProvince?: string;
  /** Configured durations, e.g. `10wd`, `30d`, `2s` (see domain/deadlines.ts). */
  reviewDeadline: string;
  correctionDeadline: string;
  /** How long before the correction deadline the applicant is reminded (e.g. `3wd`); `3wd` when absent. */
  correctionReminder?: string;
  /** How long a transfer out waits for the destination before it is flagged overdue and reminded. */
  destinationDeadline?: string;
}

export interface RequestStatus {
  requestId: string;
  kind: RequestKind;
  state: RequestState;
  round: number;
  districtCode: string;
  overdue: boolean;
  reviewDueAt?: string;
  correctionDueAt?: string;
  /** The latest return's reasons, while the request is returned. */
  returned?: { round: number; reasons: ReturnReason[]; comment?: string };
  closedReason?: string;
  /** A due date counted through a year whose holiday arrangement is not loaded: its holidays were not skipped. */
  dueDateWarning?: { years: number[]; en: string; zh: string };
  /** While the request needs attention: the platform's refusal of its national call. */
  attention?: NationalRefusal;
}

/** The failure type of a national call the platform refused for good (activities/national-refusal.ts). */
export const NATIONAL_REFUSED = 'NationalRefused';

/** What is kept of the platform's refusal: its status, code and own words, never personal data. */
export interface NationalRefusal {
  operation: string;
  status: number;
  code: string;
  title?: string;
  detail?: string;
  detail_zh?: string;
}

export type ReviewInput = ReviewDecision & { actor: Actor };

export const submitUpdate = defineUpdate<RequestStatus, [{ actor: Actor }]>('submit');
export const districtReviewUpdate = defineUpdate<RequestStatus, [ReviewInput]>('districtReview');
export const resubmitUpdate = defineUpdate<RequestStatus, [{ actor: Actor }]>('resubmit');
export const statusQuery = defineQuery<RequestStatus>('status');

/**
 * Withdraws (撤回) a submitted request: the applicant their own while it waits for review or correction,
 * an administrator any open request not yet decided, with a reason. Answered with the closed request.
 */
export interface WithdrawInput {
  actor: Actor;
  reason?: string;
}
export const withdrawUpdate = defineUpdate<RequestStatus, [WithdrawInput]>('withdraw');

/** A year's holiday arrangement, loaded by an administrator: running requests count their due dates again with it. */
export const holidayArrangementSignal = defineSignal<[HolidayArrangement]>('holidayArrangement');

/** An administrator has the refused national call made again, once its cause is fixed (needsAttention only). */
export const retryNationalUpdate = defineUpdate<RequestStatus, [{ actor: Actor }]>('retryNational');

/** The destination province's answer to a transfer out, relayed by the national platform. */
export interface DestinationDecision {
  decision: 'accepted' | 'refused';
  reason?: string;
}
export const destinationDecisionSignal = defineSignal<[DestinationDecision]>('destinationDecision');

/** Workflow ids come from the request's business key, so one request can never become two workflows. */
export const workflowIdOf = (kind: RequestKind, requestId: string) => `${kind}-${requestId}`;

/** A contact change (mobile, email, address) takes effect at once: answered once the record is updated. */
export const contactChangeAppliedUpdate = defineUpdate<RequestStatus, [{ actor: Actor }]>('contactChangeApplied');
/** A contact change is a request of kind `change` without review, run by its own workflow type. */
export const contactChangeWorkflowId = (requestId: string) => `contactChange-${requestId}`;
