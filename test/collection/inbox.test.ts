import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskIdNumber } from '../../domain/identity.ts';
import { signInReviewer, signUpApplicant } from '../support/accounts.ts';
import { collectedPerson } from '../support/collected.ts';
import { testContext, type TestContext } from '../support/context.ts';
import { accountantForm, fillDraft, newPerson, uploadMaterial } from '../support/forms.ts';
import { validScan } from '../support/jpeg.ts';

// The district is this file's own (平谷), so the counts are the requests made here. The review deadline is
// short, as an operator would set it, so that the requests become overdue while the test watches.
const DISTRICT = '110117';
let ctx: TestContext;
let reviewer: { token: string };
beforeAll(async () => {
  ctx = await testContext({ REVIEW_DEADLINE: '3s' });
  reviewer = await signInReviewer(ctx, DISTRICT);
});
afterAll(() => ctx.close());

type Item = Record<string, unknown> & { requestId: string };
const inbox = async (query = '') => {
  const res = await ctx.call('GET', `/reviews/inbox?pageSize=100${query}`, { token: reviewer.token });
  expect(res.status).toBe(200);
  return res.data as {
    total: number;
    items: Item[];
    counts: { byKind: Record<string, number>; byState: Record<string, number>; overdue: number };
  };
};

describe("the reviewer's inbox (待审核申请)", () => {
  it('tells items apart: who, what, when, round, due, overdue, what a change changes; filters by kind, state and overdue, with counts', async () => {
    // A person collected here changes their work unit; another person's collection waits.
    const { applicant, form: recorded } = await collectedPerson(ctx, DISTRICT);
    const change = (await ctx.call('POST', '/requests/change', { token: applicant.token })).data.requestId as string;
    const saved = await ctx.call('PUT', `/requests/${change}/form/work`, {
      token: applicant.token,
      json: { ...recorded.work, unitName: '平谷新单位有限公司' },
    });
    expect(saved.status).toBe(200);
    expect((await uploadMaterial(ctx, applicant.token, change, 'workProof', await validScan('workProof'))).status).toBe(200);
    await ctx.call('POST', `/requests/${change}/commitment`, { token: applicant.token });
    expect((await ctx.call('POST', `/requests/${change}/submit`, { token: applicant.token })).status).toBe(200);

    const other = await signUpApplicant(ctx);
    const form = accountantForm(newPerson(DISTRICT));
    form.basic.name = '李娜';
    const collection = await fillDraft(ctx, other.token, form);
    expect((await ctx.call('POST', `/requests/${collection}/submit`, { token: other.token })).status).toBe(200);

    const all = await inbox();
    const byId = new Map(all.items.map((i) => [i.requestId, i]));
    expect(byId.get(collection)).toMatchObject({
      kind: 'collection',
      state: 'awaitingReview',
      name: '李娜',
      archiveNo: maskIdNumber(form.basic.idNumber),
      round: 1,
      received: false,
      overdue: false,
      origin: null,
      destination: null,
      changes: null,
    });
    expect(byId.get(change)).toMatchObject({
      kind: 'change',
      name: recorded.basic.name,
      archiveNo: maskIdNumber(recorded.basic.idNumber),
      changes: ['work'],
      overdue: false,
    });
    for (const id of [change, collection]) {
      const item = byId.get(id)!;
      expect(Date.parse(item.submittedAt as string)).toBeLessThanOrEqual(Date.now());
      expect(Date.parse(item.reviewDueAt as string)).toBeGreaterThan(Date.parse(item.submittedAt as string));
    }
    // No full number anywhere in the list.
    expect(JSON.stringify(all)).not.toContain(form.basic.idNumber);
    expect(all.counts.byKind).toMatchObject({ collection: 1, change: 1, transferOut: 0 });
    expect(all.counts.byState).toEqual({ awaitingReview: 2, returned: 0 });
    expect(all.total).toBe(2);

    const changes = await inbox('&kind=change');
    expect(changes.items.map((i) => i.requestId)).toEqual([change]);
    expect(changes.total).toBe(1);
    // The kind's own counts keep every kind; the state's counts follow the kind.
    expect(changes.counts.byKind).toMatchObject({ collection: 1, change: 1 });
    expect(changes.counts.byState).toEqual({ awaitingReview: 1, returned: 0 });

    // Returned: waits for the applicant, shown under its own state.
    const returned = await ctx.call('POST', `/requests/${collection}/review`, {
      token: reviewer.token,
      json: { outcome: 'returned', reasons: [{ target: 'field', path: 'basic.address', reason: '请补充门牌号' }] },
    });
    expect(returned.data.state).toBe('returned');
    const waiting = await inbox('&state=returned');
    expect(waiting.items.map((i) => i.requestId)).toEqual([collection]);
    expect(waiting.items[0]).toMatchObject({ state: 'returned', name: '李娜' });
    expect(Date.parse(waiting.items[0]!.correctionDueAt as string)).toBeGreaterThan(Date.now());
    expect(waiting.counts.byState).toEqual({ awaitingReview: 1, returned: 1 });

    // Past the review deadline the change is overdue, and the overdue filter finds it.
    await new Promise((r) => setTimeout(r, 3500));
    const late = await inbox('&overdue=true');
    expect(late.items.map((i) => i.requestId)).toEqual([change]);
    expect(late.items[0]).toMatchObject({ overdue: true });
    expect(late.counts.overdue).toBe(1);
    expect((await inbox('&overdue=false')).items).toEqual([]);

    const bad = await ctx.call('GET', '/reviews/inbox?kind=holiday', { token: reviewer.token });
    expect(bad.status).toBe(400);
  }, 120_000);
});
