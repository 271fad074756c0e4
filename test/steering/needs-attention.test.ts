import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findStuckRequests } from '../../tools/stuck-requests.ts';
import { signInAdmin, signInReviewer, signUpApplicant } from '../support/accounts.ts';
import type { TestContext } from '../support/context.ts';
import { ownDeployment } from '../support/own-deployment.ts';
import { accountantForm, fillDraft, waitForState } from '../support/forms.ts';
import { recordHistory } from '../support/histories.ts';

/** The platform is made to refuse every upload: on a deployment of this file's own (ownDeployment). */
let own: Awaited<ReturnType<typeof ownDeployment>>;
let ctx: TestContext;
let reviewer: { token: string; userId: string };
let admin: { token: string; userId: string };
beforeAll(async () => {
  own = await ownDeployment('attention');
  ctx = own.ctx;
  reviewer = await signInReviewer(ctx, '110105');
  admin = await signInAdmin(ctx);
}, 180_000);
afterAll(() => own?.close());

const typeOf = (r: { data: { type?: string } }) => r.data.type?.replace(/^.*\/problems\//, '');
const nationalFaults = (faults: object | null) => own.nationalFaults(faults);

/** A collection approved while the platform refuses every upload for good: it ends up needing attention. */
async function refusedCollection() {
  const applicant = await signUpApplicant(ctx);
  const id = await fillDraft(ctx, applicant.token, accountantForm());
  expect((await ctx.call('POST', `/requests/${id}/submit`, { token: applicant.token })).status).toBe(200);
  expect((await nationalFaults({ refuseUploads: true })).ok).toBe(true);
  const approved = await ctx.call('POST', `/requests/${id}/review`, { token: reviewer.token, json: { outcome: 'approved' } });
  expect(approved.data.state).toBe('approved');
  const row = await waitForState(ctx, id, 'needsAttention');
  return { id, applicant, row };
}

describe('a national call the platform refuses for good: the request needs attention', () => {
  it('is not retried: the request shows the refusal, is listed for administrators, and completes once retried after the fix', async () => {
    const { id, applicant, row } = await refusedCollection();
    // One attempt only: the platform's refusal would be the same on every retry.
    const sync = await ctx.db.nationalSync.findFirstOrThrow({ where: { requestId: id } });
    expect(sync).toMatchObject({ status: 'pending', attempts: 1 });
    expect(sync.lastError).toContain('record-owned-elsewhere');

    const status = await ctx.call('GET', `/requests/${id}/status`, { token: applicant.token });
    expect(status.data).toMatchObject({
      state: 'needsAttention',
      attention: { operation: 'uploadRecord', status: 409, code: 'record-owned-elsewhere' },
    });
    expect(status.data.attention.detail_zh).toContain('该档案属于其他省份');
    const live = await ctx.call('GET', `/requests/${id}/status?live=true`, { token: applicant.token });
    expect(live.data).toMatchObject({ state: 'needsAttention', attention: { code: 'record-owned-elsewhere' } });

    // Marked by its search attribute, and found by the operator's tool and the administrator's list.
    const handle = ctx.temporal.workflow.getHandle(row.workflowId);
    expect((await handle.describe()).searchAttributes.RequestState).toEqual(['needsAttention']);
    const listed = await ctx.call('GET', '/admin/requests/needs-attention?district=110105', { token: admin.token });
    expect(listed.status).toBe(200);
    expect(listed.data).toContainEqual(
      expect.objectContaining({
        requestId: id,
        kind: 'collection',
        districtCode: '110105',
        problem: expect.objectContaining({ code: 'record-owned-elsewhere' }),
      }),
    );
    expect((await ctx.call('GET', '/admin/requests/needs-attention', { token: reviewer.token })).status).toBe(403);
    let stuck: Awaited<ReturnType<typeof findStuckRequests>> = [];
    for (let i = 0; i < 50 && !stuck.some((s) => s.requestId === id); i++) {
      // Visibility catches up with the workflow's search attributes within a moment.
      stuck = await findStuckRequests({ temporal: ctx.temporal, db: ctx.db, days: 10, attempts: 3, taskQueue: own.d.taskQueue });
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(stuck.find((s) => s.requestId === id)).toMatchObject({
      state: 'needsAttention',
      attention: { code: 'record-owned-elsewhere', status: 409 },
      reasons: expect.arrayContaining([expect.stringContaining('needs attention')]),
    });

    // Only an administrator retries; the applicant may no longer withdraw it (it was decided).
    const byApplicant = await ctx.call('POST', `/requests/${id}/retry`, { token: applicant.token });
    expect([byApplicant.status, typeOf(byApplicant)]).toEqual([403, 'not-an-administrator']);
    const withdrawn = await ctx.call('POST', `/requests/${id}/withdraw`, { token: applicant.token });
    expect([withdrawn.status, typeOf(withdrawn)]).toEqual([409, 'decision-recorded']);

    // The cause is fixed; the administrator retries; the upload goes through.
    await nationalFaults(null);
    const retried = await ctx.call('POST', `/requests/${id}/retry`, { token: admin.token });
    expect(retried.status).toBe(200);
    expect(retried.data.state).toBe('uploading');
    expect(retried.data.attention).toBeUndefined();
    await waitForState(ctx, id, 'completed', 60_000);
    const again = await ctx.call('POST', `/requests/${id}/retry`, { token: admin.token });
    expect([again.status, typeOf(again)]).toEqual([409, 'request-closed']);

    const timeline = await ctx.call('GET', `/requests/${id}/timeline`, { token: applicant.token });
    expect(timeline.data.events.map((e: { type: string }) => e.type)).toEqual([
      'submitted',
      'approved',
      'recording',
      'uploading',
      'needsAttention',
      'retried',
      'completed',
    ]);
    expect(timeline.data.events[4]).toMatchObject({ reason: 'record-owned-elsewhere' });
    expect(await ctx.db.requestEvent.findFirstOrThrow({ where: { requestId: id, type: 'retried' } })).toMatchObject({
      actorId: admin.userId,
    });
    expect(await ctx.db.nationalSync.findFirstOrThrow({ where: { requestId: id } })).toMatchObject({ status: 'synced', version: 1 });
    await recordHistory(ctx.temporal, row.workflowId, 'collectionRequest--needs-attention-then-retried');
  });

  it('an administrator may withdraw it instead, with a reason; a retry of a request that needs none is refused', async () => {
    const { id, applicant, row } = await refusedCollection();
    await nationalFaults(null);
    const res = await ctx.call('POST', `/requests/${id}/withdraw`, {
      token: admin.token,
      json: { reason: '该人员档案属于其他省份，应办理调入' },
    });
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ state: 'withdrawn', closedReason: '该人员档案属于其他省份，应办理调入' });
    expect(await ctx.temporal.workflow.getHandle(row.workflowId).result()).toMatchObject({ state: 'withdrawn' });
    expect(await ctx.db.request.findUniqueOrThrow({ where: { id } })).toMatchObject({ state: 'withdrawn', openKey: null });
    const listed = await ctx.call('GET', '/admin/requests/needs-attention', { token: admin.token });
    expect(listed.data.map((i: { requestId: string }) => i.requestId)).not.toContain(id);

    const other = await fillDraft(ctx, applicant.token, accountantForm());
    expect((await ctx.call('POST', `/requests/${other}/submit`, { token: applicant.token })).status).toBe(200);
    const notNeeded = await ctx.call('POST', `/requests/${other}/retry`, { token: admin.token });
    expect([notNeeded.status, typeOf(notNeeded)]).toEqual([409, 'not-needing-attention']);
    await recordHistory(ctx.temporal, row.workflowId, 'collectionRequest--needs-attention-then-withdrawn');
  });
});
