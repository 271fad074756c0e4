import type { Worker } from '@temporalio/worker';
import type { NativeConnection } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities/index.ts';
import { createLogger } from '../../clients/log.ts';
import { personalDataFromEnv } from '../../clients/personal-data.ts';
import { createNationalClient } from '../../national/client.ts';
import { bundleWorkflows, createWorker } from '../../worker/create.ts';
import { signInReviewer, signUpApplicant } from '../support/accounts.ts';
import { testContext, type TestContext } from '../support/context.ts';
import { accountantForm, fillDraft, waitForState } from '../support/forms.ts';

/**
 * The inbox is the database's projection: a request shows there as soon as its `awaitingReview` state is
 * written, which happens inside the activity that records the submission, before the workflow hears
 * that activity has finished. A reviewer may answer in that window. Here the window is made wide on
 * purpose: a worker of this file's own task queue runs the real activities, but holds back the
 * completion of each `awaitingReview` recording for a while after it has been written.
 */
const HOLD_MS = 1500;

let ctx: TestContext;
let worker: Worker;
let connection: NativeConnection;
let running: Promise<void>;
let reviewer: { token: string };

beforeAll(async () => {
  const base = await testContext();
  const taskQueue = `${base.run.taskQueue}-prompt-review`;
  await base.close();
  ctx = await testContext({ TEMPORAL_TASK_QUEUE: taskQueue });
  const activities = createActivities({
    db: ctx.db,
    storage: ctx.storage,
    log: createLogger('silent', 'worker'),
    national: createNationalClient({ baseUrl: ctx.run.nationalUrl, province: ctx.run.provinceCode }),
    personalData: personalDataFromEnv(ctx.env),
    provinceCode: ctx.run.provinceCode,
  });
  const recordTransition = activities.recordTransition;
  activities.recordTransition = async (t) => {
    const done = await recordTransition(t);
    if (t.status.state === 'awaitingReview') await new Promise((r) => setTimeout(r, HOLD_MS));
    return done;
  };
  ({ worker, connection } = await createWorker({
    address: ctx.run.temporalAddress,
    namespace: 'default',
    taskQueue,
    bundle: await bundleWorkflows(),
    shutdownSignals: [],
    activities,
  }));
  running = worker.run();
  reviewer = await signInReviewer(ctx, '110105');
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await connection?.close();
  await ctx?.close();
});

/** Reads the projection until the request shows in the district's inbox. */
async function shownForReview(id: string, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const r = await ctx.db.request.findUniqueOrThrow({ where: { id }, select: { state: true } });
    if (r.state === 'awaitingReview') return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`request ${id} never showed for review`);
}

describe('a reviewer who answers the moment a request shows in the inbox', () => {
  it('is heard at submission and at resubmission, never refused for want of a handler, and no decision is lost', async () => {
    const applicant = await signUpApplicant(ctx);
    const id = await fillDraft(ctx, applicant.token, accountantForm());

    const submitting = ctx.call('POST', `/requests/${id}/submit`, { token: applicant.token });
    await shownForReview(id);
    const returned = await ctx.call('POST', `/requests/${id}/review`, {
      token: reviewer.token,
      json: { outcome: 'returned', reasons: [{ target: 'field', path: 'basic.address', reason: '请填写门牌号' }] },
    });
    expect(returned.status, JSON.stringify(returned.data)).toBe(200);
    expect(returned.data.state).toBe('returned');
    expect((await submitting).status).toBe(200);

    const resubmitting = ctx.call('POST', `/requests/${id}/resubmit`, { token: applicant.token });
    await shownForReview(id);
    const approved = await ctx.call('POST', `/requests/${id}/review`, { token: reviewer.token, json: { outcome: 'approved' } });
    expect(approved.status, JSON.stringify(approved.data)).toBe(200);
    expect(approved.data.state).toBe('approved');
    expect((await resubmitting).status).toBe(200);

    // The approval given while the resubmission was being recorded carries the request to the end.
    await waitForState(ctx, id, 'completed');
    const timeline = await ctx.call('GET', `/requests/${id}/timeline`, { token: applicant.token });
    expect(timeline.data.events.map((e: { type: string }) => e.type)).toEqual([
      'submitted',
      'returned',
      'resubmitted',
      'approved',
      'recording',
      'uploading',
      'completed',
    ]);
  }, 90_000);
});
