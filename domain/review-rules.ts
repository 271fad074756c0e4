/**
 * The rules of a district's decision without zod, for the workflows: their bundle is evaluated again for every
 * workflow a worker starts, and zod's module set-up alone cost more than the rest of a collection's workflow code.
 * `domain/review.ts` builds the API's schemas from the same limits; test/domain/review-rules.test.ts holds both
 * to the same answers.
 */

/** What a reviewer returns: per field or per material, so the applicant fixes only that. */
export interface ReturnReason {
  target: 'field' | 'material';
  /** e.g. `basic.mobile`, `work.unitName`, `materials.photo` */
  path: string;
  reason: string;
}

/** A district's decision (its schema, with the meaning of each outcome: `reviewDecisionSchema` in domain/review.ts). */
export type ReviewDecision =
  | { outcome: 'approved'; comment?: string }
  | { outcome: 'returned'; comment?: string; reasons: ReturnReason[] }
  | { outcome: 'accepted'; comment?: string }
  | { outcome: 'refused'; reason: string; comment?: string };

export const DECISION_LIMITS = {
  comment: 500,
  reason: { min: 2, max: 500 },
  path: 120,
  reasons: 50,
} as const;

/** A dotted field path such as `basic.mobile` or `materials.photo`. */
export const RETURN_PATH = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*$/;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const trimmedWithin = (v: unknown, { min, max }: { min: number; max: number }) => {
  const n = typeof v === 'string' ? v.trim().length : -1;
  return n >= min && n <= max;
};
const optionalComment = (v: unknown) => v === undefined || (typeof v === 'string' && v.length <= DECISION_LIMITS.comment);

function isReturnReason(r: unknown): r is ReturnReason {
  return (
    isRecord(r) &&
    (r.target === 'field' || r.target === 'material') &&
    typeof r.path === 'string' &&
    r.path.length >= 1 &&
    r.path.length <= DECISION_LIMITS.path &&
    RETURN_PATH.test(r.path) &&
    trimmedWithin(r.reason, DECISION_LIMITS.reason)
  );
}

/** Whether `d` is a decision `reviewDecisionSchema` accepts. */
export function isReviewDecision(d: unknown): d is ReviewDecision {
  if (!isRecord(d) || !optionalComment(d.comment)) return false;
  switch (d.outcome) {
    case 'approved':
    case 'accepted':
      return true;
    case 'returned':
      return Array.isArray(d.reasons) && d.reasons.length <= DECISION_LIMITS.reasons && d.reasons.every(isReturnReason);
    case 'refused':
      return trimmedWithin(d.reason, DECISION_LIMITS.reason);
    default:
      return false;
  }
}

/** The outcomes only a received transfer takes. */
export const isReceivedTransferDecision = (d: ReviewDecision): d is Extract<ReviewDecision, { outcome: 'accepted' | 'refused' }> =>
  d.outcome === 'accepted' || d.outcome === 'refused';

/** Where a refusal's reason is kept among a decision's reasons: the transfer as a whole. */
export const REFUSAL_PATH = 'transfer';

/** The fields and materials an applicant may change while a request is returned. */
export function returnedPaths(reasons: readonly ReturnReason[]): Set<string> {
  return new Set(reasons.map((r) => r.path));
}

/** Whether `path` (e.g. `basic.mobile` or `education.0.school`) lies under one of the returned paths. */
export function isUnderReturned(path: string, returned: ReadonlySet<string>): boolean {
  for (const p of returned) if (path === p || path.startsWith(`${p}.`)) return true;
  return false;
}
