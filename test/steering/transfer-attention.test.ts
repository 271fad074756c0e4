import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findStuckRequests } from '../../tools/stuck-requests.ts';
import { signInAdmin, signInReviewer } from '../support/accounts.ts';
import { collectedPerson } from '../support/collected.ts';
import type { TestContext } from '../support/context.ts';
import { uploadMaterial, waitForState } from '../support/forms.ts';
import { recordHistory } from '../support/histories.ts';
import { validScan } from '../support/jpeg.ts';
import { ownDeployment } from '../support/own-deployment.ts';

/**
 * A transfer's national call the platform refuses for good (here: every transfer started is refused as one of a record
 * another province owns) is not retried for ever: the transfer needs attention, visibly, until an administrator has it
 * made again once the cause is fixed. The platform's faults are switched on a deployment of this file's own.
 */
const X = '110105';
let own: Awaited<ReturnType<typeof ownDeployment>>;
let ctx: TestContext;
let reviewer: { token: string; userId: string };
let admin: { token: string; userId: string };
beforeAll(async () => {
  own = await ownDeployment('transferattention');
  ctx = own.ctx;
  reviewer = await signInReviewer(ctx, X);
  admin = await signInAdmin(ctx);
}, 180_000);
afterAll(() => own?.close());

const typeOf = (r: { data: { type?: string } }) => r.data.type?.replace(/^.*\/problems\//, '');

describe("a transfer's national call refused for good: the transfer needs attention", () => {
  it('moves to needsAttention with the refusal, is listed, and goes on to await the destination once retried', async () => {
    const { applicant } = await collectedPerson(ctx, X);
    const draft = await ctx.call('POST', '/requests/transfer-out', { token: applicant.token });
    expect(draft.status, JSON.stringify(draft.data)).toBe(201);
    const id = draft.data.requestId as string;
    const part = await ctx.call('PUT', `/requests/${id}/form/transfer`, {
      token: applicant.token,
      json: { toProvince: '130000', toDistrict: '130102', reason: '工作调动' },
    });
    expect(part.status, JSON.stringify(part.data)).toBe(200);
    expect((await uploadMaterial(ctx, applicant.token, id, 'transferProof', await validScan('transfer'))).status).toBe(200);
    expect((await ctx.call('POST', `/requests/${id}/commitment`, { token: applicant.token })).status).toBe(200);
    expect((await ctx.call('POST', `/requests/${id}/submit`, { token: applicant.token })).status).toBe(200);

    expect((await own.nationalFaults({ refuseTransfers: true })).ok).toBe(true);
    const approved = await ctx.call('POST', `/requests/${id}/review`, { token: reviewer.token, json: { outcome: 'approved' } });
    expect(approved.data.state).toBe('approved');
    const row = await waitForState(ctx, id, 'needsAttention', 60_000);
    expect(row.workflowId).toBe(`transferOut-${id}`);

    const status = await ctx.call('GET', `/requests/${id}/status?live=true`, { token: applicant.token });
    expect(status.data).toMatchObject({
      kind: 'transferOut',
      state: 'needsAttention',
      attention: { operation: 'startTransfer', status: 409, code: 'record-owned-elsewhere' },
    });
    const handle = ctx.temporal.workflow.getHandle(row.workflowId);
    expect((await handle.describe()).searchAttributes.RequestState).toEqual(['needsAttention']);
    const listed = await ctx.call('GET', '/admin/requests/needs-attention', { token: admin.token });
    expect(listed.data).toContainEqual(
      expect.objectContaining({ requestId: id, kind: 'transferOut', problem: expect.objectContaining({ code: 'record-owned-elsewhere' }) }),
    );
    let stuck: Awaited<ReturnType<typeof findStuckRequests>> = [];
    for (let i = 0; i < 50 && !stuck.some((s) => s.requestId === id); i++) {
      stuck = await findStuckRequests({ temporal: ctx.temporal, db: ctx.db, days: 10, attempts: 3, taskQueue: own.d.taskQueue });
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(stuck.find((s) => s.requestId === id)).toMatchObject({ state: 'needsAttention', attention: { code: 'record-owned-elsewhere' } });

    // Not retried by itself: a while later it still needs attention, the refusal the same.
    await new Promise((r) => setTimeout(r, 3_000));
    expect(await ctx.db.request.findUniqueOrThrow({ where: { id } })).toMatchObject({ state: 'needsAttention' });

    // The cause is fixed; the administrator retries; the transfer reaches the platform and waits for the destination.
    await own.nationalFaults(null);
    const retried = await ctx.call('POST', `/requests/${id}/retry`, { token: admin.token });
    expect(retried.status, JSON.stringify(retried.data)).toBe(200);
    expect(retried.data.state).toBe('uploading');
    await waitForState(ctx, id, 'awaitingDestination', 60_000);
    const again = await ctx.call('POST', `/requests/${id}/retry`, { token: admin.token });
    expect([again.status, typeOf(again)]).toEqual([409, 'not-needing-attention']);

    const timeline = await ctx.call('GET', `/requests/${id}/timeline`, { token: applicant.token });
    expect(timeline.data.events.map((e: { type: string }) => e.type)).toEqual([
      'submitted',
      'approved',
      'uploading',
      'needsAttention',
      'retried',
      'awaitingDestination',
    ]);
    // The destination province is not running here: the transfer waits for it, as any transfer out does.
    await handle.terminate('test over: no destination province runs here');
    await recordHistory(ctx.temporal, row.workflowId, 'transferOutRequest--needs-attention-then-retried');
  }, 180_000);
});
