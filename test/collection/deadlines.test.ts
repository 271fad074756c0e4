import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInReviewer, signUpApplicant } from '../support/accounts.ts';
import { testContext, type TestContext } from '../support/context.ts';
import { recordHistory } from '../support/histories.ts';
import { accountantForm, fillDraft, newPerson, waitForState } from '../support/forms.ts';

// Deadlines shortened by configuration, exactly as an operator would set REVIEW_DEADLINE / CORRECTION_DEADLINE.
let ctx: TestContext;
let reviewer: { token: string };
beforeAll(async () => {
  ctx = await testContext({ REVIEW_DEADLINE: '2s', CORRECTION_DEADLINE: '3s' });
  reviewer = await signInReviewer(ctx, '110105');
});
afterAll(() => ctx.close());

async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, what: string, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('deadlines', () => {
  it('flags a review overdue past the review deadline: in the inbox, the search attribute and the timeline', async () => {
    const applicant = await signUpApplicant(ctx);
    const id = await fillDraft(ctx, applicant.token, accountantForm());
    await ctx.call('POST', `/requests/${id}/submit`, { token: applicant.token });
    const fresh = await ctx.db.request.findUniqueOrThrow({ where: { id } });
    expect(fresh.overdue).toBe(false);

    await until(
      () => ctx.db.request.findUniqueOrThrow({ where: { id } }),
      (r) => r.overdue,
      'the overdue flag',
    );
    const inbox = await ctx.call('GET', '/reviews/inbox?pageSize=100', { token: reviewer.token });
    expect(inbox.data.items.find((i: { requestId: string }) => i.requestId === id)).toMatchObject({ overdue: true });
    const described = await ctx.temporal.workflow.getHandle(`collection-${id}`).describe();
    expect(described.searchAttributes.ReviewOverdue).toEqual([true]);
    const timeline = await ctx.call('GET', `/requests/${id}/timeline`, { token: applicant.token });
    expect(timeline.data.events.map((e: { type: string }) => e.type)).toEqual(['submitted', 'reviewOverdue']);
    // The reminder reaches the district's reviewers as a message.
    const told = await ctx.call('GET', '/notifications', { token: reviewer.token });
    expect(told.data.items.filter((n: { requestId: string }) => n.requestId === id).map((n: { type: string }) => n.type)).toEqual([
      'reviewOverdue',
      'submitted',
    ]);

    // Overdue is a flag, not an end: the reviewer can still decide.
    const approved = await ctx.call('POST', `/requests/${id}/review`, { token: reviewer.token, json: { outcome: 'approved' } });
    expect(approved.data.state).toBe('approved');
    await waitForState(ctx, id, 'completed');
    await recordHistory(ctx.temporal, `collection-${id}`, 'collectionRequest--overdue-then-approved');
  });

  it('expires a returned request that is not resubmitted in time, says why, and frees the person for a new request', async () => {
    const applicant = await signUpApplicant(ctx);
    const person = newPerson();
    const id = await fillDraft(ctx, applicant.token, accountantForm(person));
    await ctx.call('POST', `/requests/${id}/submit`, { token: applicant.token });
    await ctx.call('POST', `/requests/${id}/review`, {
      token: reviewer.token,
      json: { outcome: 'returned', reasons: [{ target: 'field', path: 'basic.address', reason: '请填写完整地址' }] },
    });

    const expired = await waitForState(ctx, id, 'expired', 20_000);
    expect(expired.closedReason).toMatch(/correction deadline/);
    expect(expired.openKey).toBeNull();
    const detail = await ctx.call('GET', `/requests/${id}`, { token: applicant.token });
    expect(detail.data).toMatchObject({ state: 'expired', closedReason: expect.stringMatching(/correction deadline/) });
    const timeline = await ctx.call('GET', `/requests/${id}/timeline`, { token: applicant.token });
    expect(timeline.data.events.at(-1)).toMatchObject({ type: 'expired', reason: expect.stringMatching(/correction deadline/) });
    await recordHistory(ctx.temporal, `collection-${id}`, 'collectionRequest--expired-after-return');
    const late = await ctx.call('POST', `/requests/${id}/resubmit`, { token: applicant.token });
    expect(late.status).toBe(409);

    const again = await fillDraft(ctx, applicant.token, accountantForm(person));
    expect((await ctx.call('POST', `/requests/${again}/submit`, { token: applicant.token })).status).toBe(200);
  });
});
