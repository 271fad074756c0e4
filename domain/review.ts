import { z } from 'zod';
import { DECISION_LIMITS as L, RETURN_PATH } from './review-rules.ts';
import { components } from './schemas/components.ts';

/** A reviewer's return names what is wrong, per field or per material, so the applicant fixes only that. */
export const returnReasonSchema = z
  .object({
    target: z.enum(['field', 'material']),
    /** e.g. `basic.mobile`, `work.unitName`, `materials.photo` */
    path: z.string().min(1).max(L.path).regex(RETURN_PATH, 'a dotted field path such as basic.mobile or materials.photo'),
    reason: z.string().trim().min(L.reason.min).max(L.reason.max),
  })
  .meta(components.RETURN_REASON);

/**
 * A district's decision. `approved` / `returned` (with reasons, per field and material) where the applicant can
 * correct what is returned; `accepted` / `refused` (with the reason the origin province is told) for a transfer
 * another province sent here, which nobody here can correct. For those, `approved` and `returned` are still
 * accepted as before (meaning accepted, and refused with the reasons joined), so clients written earlier keep working.
 */
export const reviewDecisionSchema = z
  .discriminatedUnion('outcome', [
    z.object({ outcome: z.literal('approved'), comment: z.string().max(L.comment).optional() }),
    z.object({
      outcome: z.literal('returned'),
      comment: z.string().max(L.comment).optional(),
      reasons: z.array(returnReasonSchema).max(L.reasons),
    }),
    z.object({ outcome: z.literal('accepted'), comment: z.string().max(L.comment).optional() }),
    z.object({
      outcome: z.literal('refused'),
      /** Told to the origin province and its applicant. */
      reason: z.string().trim().min(L.reason.min).max(L.reason.max),
      comment: z.string().max(L.comment).optional(),
    }),
  ])
  .meta(components.REVIEW_DECISION);
