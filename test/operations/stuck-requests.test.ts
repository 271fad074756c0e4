import { execFile } from 'node:child_process';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createActivities } from '../../activities/index.ts';
import { createLogger } from '../../clients/log.ts';
import { createNationalClient } from '../../national/client.ts';
import { bundleWorkflows, createWorker } from '../../worker/create.ts';
import { signInReviewer, signUpApplicant } from '../support/accounts.ts';
import { testContext, type TestContext } from '../support/context.ts';
import { accountantForm, fillDraft, waitForState } from '../support/forms.ts';
import { freePort, waitFor } from '../support/ports.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const TEMPORAL_BIN = process.env.TEMPORAL_BIN ?? `${ROOT}.data/bin/temporal`;

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: ROOT, env: { ...process.env, ...env } }, (error, out, err) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, out, err }),
    );
  });
}

let ctx: TestContext;
let taskQueue: string;
let bundle: Awaited<ReturnType<typeof bundleWorkflows>>;
const workers: { worker: Worker; running: Promise<void>; close: () => Promise<void> }[] = [];

/** A worker of its own task queue, reaching the national platform at `nationalUrl`. */
async function startWorker(nationalUrl: string) {
  const { worker, connection } = await createWorker({
    address: ctx.run.temporalAddress,
    namespace: 'default',
    taskQueue,
    bundle,
    shutdownSignals: [],
    activities: createActivities({
      db: ctx.db,
      storage: ctx.storage,
      log: createLogger('silent', 'worker'),
      national: createNationalClient({ baseUrl: nationalUrl, province: ctx.run.provinceCode, timeoutMs: 2000 }),
      personalData: ctx.personalData,
      provinceCode: ctx.run.provinceCode,
    }),
  });
  const running = worker.run();
  let closed: Promise<void> | undefined;
  const entry = {
    worker,
    running,
    close: () =>
      (closed ??= (async () => {
        if (worker.getState() === 'RUNNING') worker.shutdown();
        await running;
        await connection.close();
      })()),
  };
  workers.push(entry);
  return entry;
}

beforeAll(async () => {
  taskQueue = `${inject('run').taskQueue}-stuck`;
  ctx = await testContext({ TEMPORAL_TASK_QUEUE: taskQueue });
  bundle = await bundleWorkflows();
});
afterAll(async () => {
  for (const w of workers) await w.close();
  await ctx.close();
});

describe('tools/stuck-requests.ts', () => {
  it('lists a request whose national upload keeps failing, and the operator repairs it', async () => {
    // Nothing listens on this port: every upload fails at once and Temporal retries it with backoff.
    const unreachable = `http://127.0.0.1:${await freePort()}`;
    const broken = await startWorker(unreachable);

    const reviewer = await signInReviewer(ctx, '110105');
    const applicant = await signUpApplicant(ctx);
    const form = accountantForm();
    const failing = await fillDraft(ctx, applicant.token, form);
    expect((await ctx.call('POST', `/requests/${failing}/submit`, { token: applicant.token })).status).toBe(200);
    expect((await ctx.call('POST', `/requests/${failing}/review`, { token: reviewer.token, json: { outcome: 'approved' } })).status).toBe(
      200,
    );
    await waitForState(ctx, failing, 'uploading');

    const waiting = await fillDraft(ctx, applicant.token, accountantForm());
    expect((await ctx.call('POST', `/requests/${waiting}/submit`, { token: applicant.token })).status).toBe(200);

    const handle = ctx.temporal.workflow.getHandle(`collection-${failing}`);
    await waitFor(
      async () => ((await handle.describe()).raw.pendingActivities?.[0]?.attempt ?? 0) > 3,
      'the fourth upload attempt',
      45_000,
    );

    const env = { DATABASE_URL: ctx.run.databaseUrl, TEMPORAL_ADDRESS: ctx.run.temporalAddress };
    const listed = await run(
      process.execPath,
      ['--import', 'tsx', 'tools/stuck-requests.ts', '--task-queue', taskQueue, '--days', '1'],
      env,
    );
    expect(listed.code).toBe(0);
    const line = listed.out.split('\n').find((l) => l.startsWith(`collection-${failing}`));
    expect(line).toBeDefined();
    expect(line).toMatch(/uploading/);
    expect(line).toMatch(/uploadToNational #\d+/);
    expect(line).toMatch(/national uploadRecord/);
    // Waiting for review for less than a day is not stuck.
    expect(listed.out).not.toContain(`collection-${waiting}`);

    const all = await run(
      process.execPath,
      ['--import', 'tsx', 'tools/stuck-requests.ts', '--task-queue', taskQueue, '--days', '0', '--json'],
      env,
    );
    const rows = JSON.parse(all.out) as {
      workflowId: string;
      state: string;
      failing: { activity: string; attempt: number }[];
      requestId: string;
    }[];
    expect(rows.map((r) => r.workflowId).sort()).toEqual([`collection-${failing}`, `collection-${waiting}`].sort());
    expect(rows[0]).toMatchObject({
      workflowId: `collection-${failing}`,
      requestId: failing,
      state: 'uploading',
      failing: [{ activity: 'uploadToNational' }],
    });
    expect(rows[0]!.failing[0]!.attempt).toBeGreaterThan(3);

    // The repair the README describes: fix the cause (a worker that reaches the platform), then retry now
    // instead of waiting out the backoff.
    // The repair is made while the upload waits out its backoff, as the README's case: an attempt running on
    // the broken worker at that moment would first have to be answered or time out (60 s).
    const SCHEDULED = 1; // PENDING_ACTIVITY_STATE_SCHEDULED: between attempts
    await waitFor(
      async () => (await handle.describe()).raw.pendingActivities?.[0]?.state === SCHEDULED,
      'the upload waiting out its backoff',
      30_000,
    );
    await broken.close();
    // The reset goes first and the mended worker starts after it: a worker already polling could run the attempt
    // when its backoff ends, before the reset arrives, and the reset would then find no pending activity.
    const reset = await run(TEMPORAL_BIN, [
      'activity',
      'reset',
      '--address',
      ctx.run.temporalAddress,
      '--workflow-id',
      `collection-${failing}`,
      '--activity-type',
      'uploadToNational',
    ]);
    expect(reset.err).toBe('');
    expect(reset.code).toBe(0);
    await startWorker(ctx.run.nationalUrl);
    // Under a loaded machine the server may still dispatch the reset attempt at its old backoff time (up to 32 s here).
    await waitForState(ctx, failing, 'completed', 75_000);
    const remote = await createNationalClient({ baseUrl: ctx.run.nationalUrl, province: '110000' }).getRecord(form.basic.idNumber);
    expect(remote).toMatchObject({ version: 1, province: '110000' });

    const after = await run(
      process.execPath,
      ['--import', 'tsx', 'tools/stuck-requests.ts', '--task-queue', taskQueue, '--days', '1'],
      env,
    );
    expect(after.out.trim()).toBe('no stuck requests');
    await ctx.temporal.workflow.getHandle(`collection-${waiting}`).terminate('test finished');
  }, 180_000);
});
