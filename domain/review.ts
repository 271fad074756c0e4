import { z } from 'zod';
import { components } from './schemas/components.ts';

/** A reviewer's return names what is wrong, per field or per material, so the applicant fixes only that. */
export const returnReasonSchema = z
  .object({
    target: z.enum(['field', 'material']),
    /** e.g. `basic.mobile`, `work.unitName`, `materials.photo` */
    path: z
      .string()
      .min(1)
      .max(120)
      .regex(/^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*$/, 'a dotted field path such as basic.mobile or materials.photo'),
    reason: z.string().trim().min(2).max(500),
  })
  .meta(components.RETURN_REASON);
export type ReturnReason = z.infer<typeof returnReasonSchema>;

/**
 * A district's decision. `approved` / `returned` (with reasons, per field and material) where the applicant can
 * correct what is returned; `accepted` / `refused` (with the reason the origin province is told) for a transfer
 * another province sent here, which nobody here can correct. For those, `approved` and `returned` are still
 * accepted as before (meaning accepted, and refused with the reasons joined), so clients written earlier keep working.
 */
export const reviewDecisionSchema = z
  .discriminatedUnion('outcome', [
    z.object({ outcome: z.literal('approved'), comment: z.string().max(500).optional() }),
    z.object({
      outcome: z.literal('returned'),
      comment: z.string().max(500).optional(),
      reasons: z.array(returnReasonSchema).max(50),
    }),
    z.object({ outcome: z.literal('accepted'), comment: z.string().max(500).optional() }),
    z.object({
      outcome: z.literal('refused'),
      /** Told to the origin province and its applicant. */
      reason: z.string().trim().min(2).max(500),
      comment: z.string().max(500).optional(),
    }),
  ])
  .meta(components.REVIEW_DECISION);
export type ReviewDecision = z.infer<typeof reviewDecisionSchema>;

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
