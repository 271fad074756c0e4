import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { isReviewDecision, type ReturnReason, type ReviewDecision } from '../../domain/review-rules.ts';
import { type returnReasonSchema, reviewDecisionSchema } from '../../domain/review.ts';

const reason = (over: Partial<Record<keyof ReturnReason, unknown>> = {}) => ({
  target: 'field',
  path: 'basic.mobile',
  reason: '号码位数不对',
  ...over,
});

/** Decisions on either side of every limit, each shape the API and a hand-made Update may send. */
const cases: unknown[] = [
  { outcome: 'approved' },
  { outcome: 'approved', comment: 'x'.repeat(500) },
  { outcome: 'approved', comment: 'x'.repeat(501) },
  { outcome: 'approved', comment: 7 },
  { outcome: 'accepted' },
  { outcome: 'accepted', comment: '', extra: true },
  { outcome: 'returned', reasons: [] },
  { outcome: 'returned', reasons: [reason()] },
  { outcome: 'returned', reasons: Array.from({ length: 50 }, () => reason()) },
  { outcome: 'returned', reasons: Array.from({ length: 51 }, () => reason()) },
  { outcome: 'returned' },
  { outcome: 'returned', reasons: 'basic.mobile' },
  { outcome: 'returned', reasons: [reason({ target: 'form' })] },
  { outcome: 'returned', reasons: [reason({ target: 'material', path: 'materials.photo' })] },
  { outcome: 'returned', reasons: [reason({ path: '' })] },
  { outcome: 'returned', reasons: [reason({ path: '1basic' })] },
  { outcome: 'returned', reasons: [reason({ path: 'basic..mobile' })] },
  { outcome: 'returned', reasons: [reason({ path: 'education.0.school' })] },
  { outcome: 'returned', reasons: [reason({ path: `a${'b'.repeat(119)}` })] },
  { outcome: 'returned', reasons: [reason({ path: `a${'b'.repeat(120)}` })] },
  { outcome: 'returned', reasons: [reason({ reason: '对' })] },
  { outcome: 'returned', reasons: [reason({ reason: '  对  ' })] },
  { outcome: 'returned', reasons: [reason({ reason: '  不对  ' })] },
  { outcome: 'returned', reasons: [reason({ reason: 'x'.repeat(500) })] },
  { outcome: 'returned', reasons: [reason({ reason: ` ${'x'.repeat(500)} ` })] },
  { outcome: 'returned', reasons: [reason({ reason: 'x'.repeat(501) })] },
  { outcome: 'returned', reasons: [reason({ reason: 12 })] },
  { outcome: 'returned', reasons: [null] },
  { outcome: 'refused', reason: '调转证明未加盖单位公章' },
  { outcome: 'refused', reason: ' 否 ' },
  { outcome: 'refused' },
  { outcome: 'refused', reason: 'x'.repeat(501) },
  { outcome: 'approve' },
  {},
  null,
  'approved',
  [{ outcome: 'approved' }],
];

describe('the review decision rules the workflows check without zod', () => {
  it.each(cases.map((c, i) => [i, c]))('case %i answers as reviewDecisionSchema does', (_, decision) => {
    expect(isReviewDecision(decision)).toBe(reviewDecisionSchema.safeParse(decision).success);
  });

  it('accepts and refuses some of each', () => {
    const answers = cases.map((c) => isReviewDecision(c));
    expect(answers.filter(Boolean).length).toBeGreaterThan(10);
    expect(answers.filter((a) => !a).length).toBeGreaterThan(10);
  });

  it('has the types the schemas infer', () => {
    expectTypeOf<z.infer<typeof reviewDecisionSchema>>().toEqualTypeOf<ReviewDecision>();
    expectTypeOf<z.infer<typeof returnReasonSchema>>().toEqualTypeOf<ReturnReason>();
  });
});
