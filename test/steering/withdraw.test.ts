import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAdmin, signInReviewer, signUpApplicant } from '../support/accounts.ts';
import type { TestContext } from '../support/context.ts';
import { ownDeployment } from '../support/own-deployment.ts';
import { accountantForm, fillDraft, waitForState } from '../support/forms.ts';
import { recordHistory } from '../support/histories.ts';

/** One case takes the platform down: on a deployment of this file's own (ownDeployment). */
let own: Awaited<ReturnType<typeof ownDeployment>>;
let ctx: TestContext;
let reviewer: { token: string; userId: string };
let admin: { token: string; userId: string };
beforeAll(async () => {
  own = await ownDeployment('withdraw');
  ctx = own.ctx;
  reviewer = await signInReviewer(ctx, '110105');
  admin = await signInAdmin(ctx);
}, 180_000);
afterAll(() => own?.close());

const withdraw = (id: string, token: string, json?: unknown) =>
  ctx.call('POST', `/requests/${id}/withdraw`, { token, ...(json === undefined ? {} : { json }) });
const typeOf = (r: { data: { type?: string } }) => r.data.type?.replace(/^.*\/problems\//, '');
const nationalFaults = (faults: object | null) => own.nationalFaults(faults);

async function submitted(applicant: { token: string }, form = accountantForm()) {
  const id = await fillDraft(ctx, applicant.token, form);
  const res = await ctx.call('POST', `/requests/${id}/submit`, { token: applicant.token });
  expect(res.status).toBe(200);
  return { id, form };
}

describe('withdrawing a request (撤回)', () => {
  it('by the applicant while it waits for review: the workflow answers with the closed request and releases the person', async () => {
    const applicant = await signUpApplicant(ctx);
    const { id, form } = await submitted(applicant);

    const res = await withdraw(id, applicant.token);
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ requestId: id, state: 'withdrawn', closedReason: 'withdrawn by the applicant' });

    const row = await ctx.db.request.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ state: 'withdrawn', openKey: null, closedReason: 'withdrawn by the applicant' });
    expect(row.closedAt).not.toBeNull();
    const handle = ctx.temporal.workflow.getHandle(row.workflowId);
    expect(await handle.result()).toMatchObject({ state: 'withdrawn' });
    expect((await handle.describe()).status.name).toBe('COMPLETED');

    const timeline = await ctx.call('GET', `/requests/${id}/timeline`, { token: applicant.token });
    expect(timeline.data.events.map((e: { type: string }) => e.type)).toEqual(['submitted', 'withdrawn']);
    expect(timeline.data.events[1]).toMatchObject({ by: 'applicant', reason: null });

    // Out of the inbox, and nothing more can be done with it.
    const inbox = await ctx.call('GET', '/reviews/inbox?pageSize=100', { token: reviewer.token });
    expect(inbox.data.items.map((i: { requestId: string }) => i.requestId)).not.toContain(id);
    const again = await withdraw(id, applicant.token);
    expect([again.status, typeOf(again)]).toEqual([409, 'request-closed']);

    // The person's one open collection is free again: the same person submits anew.
    const { id: second } = await submitted(applicant, form);
    expect(second).not.toBe(id);
    await recordHistory(ctx.temporal, row.workflowId, 'collectionRequest--withdrawn-in-review');
  });

  it('by the applicant once returned for correction, with a reason; the review on it is then refused', async () => {
    const applicant = await signUpApplicant(ctx);
    const { id } = await submitted(applicant);
    const returned = await ctx.call('POST', `/requests/${id}/review`, {
      token: reviewer.token,
      json: { outcome: 'returned', reasons: [{ target: 'field', path: 'basic.address', reason: '地址不完整' }] },
    });
    expect(returned.data.state).toBe('returned');

    const res = await withdraw(id, applicant.token, { reason: '已调离本市，不再采集' });
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ state: 'withdrawn', closedReason: '已调离本市，不再采集' });
    const timeline = await ctx.call('GET', `/requests/${id}/timeline`, { token: applicant.token });
    expect(timeline.data.events.at(-1)).toMatchObject({ type: 'withdrawn', by: 'applicant', reason: '已调离本市，不再采集' });

    const resubmit = await ctx.call('POST', `/requests/${id}/resubmit`, { token: applicant.token });
    expect(resubmit.status).toBe(409);
    const review = await ctx.call('POST', `/requests/${id}/review`, { token: reviewer.token, json: { outcome: 'approved' } });
    expect([review.status, typeOf(review)]).toEqual([409, 'request-closed']);
    const row = await ctx.db.request.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ state: 'withdrawn', openKey: null });
    await recordHistory(ctx.temporal, row.workflowId, 'collectionRequest--withdrawn-after-return');
  });

  it('by an administrator, only with a reason; the timeline names the administrator', async () => {
    const applicant = await signUpApplicant(ctx);
    const { id } = await submitted(applicant);

    const without = await withdraw(id, admin.token);
    expect([without.status, typeOf(without)]).toEqual([422, 'withdraw-reason-required']);
    const blank = await withdraw(id, admin.token, { reason: '   ' });
    expect(blank.status).toBe(400);

    const res = await withdraw(id, admin.token, { reason: '重复申请（与另一申请重复）' });
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ state: 'withdrawn', closedReason: '重复申请（与另一申请重复）' });
    const timeline = await ctx.call('GET', `/requests/${id}/timeline`, { token: applicant.token });
    expect(timeline.data.events.at(-1)).toMatchObject({ type: 'withdrawn', by: 'admin', reason: '重复申请（与另一申请重复）' });
    const event = await ctx.db.requestEvent.findFirstOrThrow({ where: { requestId: id, type: 'withdrawn' } });
    expect(event.actorId).toBe(admin.userId);
  });

  it('refuses a reviewer, another applicant, and anyone once the decision is recorded', async () => {
    const applicant = await signUpApplicant(ctx);
    const other = await signUpApplicant(ctx);
    const { id } = await submitted(applicant);

    const byReviewer = await withdraw(id, reviewer.token);
    expect([byReviewer.status, typeOf(byReviewer)]).toEqual([403, 'withdraw-not-allowed']);
    expect((await withdraw(id, other.token)).status).toBe(404);

    // The platform is down, so the approved request stays in its upload, retried: a decision is recorded.
    expect((await nationalFaults({ down: true })).ok).toBe(true);
    try {
      const approved = await ctx.call('POST', `/requests/${id}/review`, { token: reviewer.token, json: { outcome: 'approved' } });
      expect(approved.data.state).toBe('approved');
      await waitForState(ctx, id, 'uploading');
      for (const [token, json] of [
        [applicant.token, undefined],
        [admin.token, { reason: '申请人书面要求撤回' }],
      ] as const) {
        const res = await withdraw(id, token, json);
        expect([res.status, typeOf(res)]).toEqual([409, 'decision-recorded']);
        expect(res.data.detail_zh).toBe('该申请已有审核结果或正在办理，不能再撤回');
      }
    } finally {
      await nationalFaults(null);
    }
    await waitForState(ctx, id, 'completed', 60_000);
    const closed = await withdraw(id, applicant.token);
    expect([closed.status, typeOf(closed)]).toEqual([409, 'request-closed']);
  });

  it('a draft, which has no workflow yet, is closed at once; it can no longer be submitted or changed', async () => {
    const applicant = await signUpApplicant(ctx);
    const id = await fillDraft(ctx, applicant.token, accountantForm());
    const res = await withdraw(id, applicant.token, { reason: '填错了，重新申请' });
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ requestId: id, state: 'withdrawn', closedReason: '填错了，重新申请' });
    const submit = await ctx.call('POST', `/requests/${id}/submit`, { token: applicant.token });
    expect(submit.status).toBe(409);
    const timeline = await ctx.call('GET', `/requests/${id}/timeline`, { token: applicant.token });
    expect(timeline.data.events).toMatchObject([{ type: 'withdrawn', by: 'applicant', reason: '填错了，重新申请' }]);
  });
});
