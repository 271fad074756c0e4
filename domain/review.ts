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

export const reviewDecisionSchema = z
  .discriminatedUnion('outcome', [
    z.object({ outcome: z.literal('approved'), comment: z.string().max(500).optional() }),
    z.object({
      outcome: z.literal('returned'),
      comment: z.string().max(500).optional(),
      reasons: z.array(returnReasonSchema).max(50),
    }),
  ])
  .meta(components.REVIEW_DECISION);
export type ReviewDecision = z.infer<typeof reviewDecisionSchema>;

/** The fields and materials an applicant may change while a request is returned. */
export function returnedPaths(reasons: readonly ReturnReason[]): Set<string> {
  return new Set(reasons.map((r) => r.path));
}

/** Whether `path` (e.g. `basic.mobile` or `education.0.school`) lies under one of the returned paths. */
export function isUnderReturned(path: string, returned: ReadonlySet<string>): boolean {
  for (const p of returned) if (path === p || path.startsWith(`${p}.`)) return true;
  return false;
}
