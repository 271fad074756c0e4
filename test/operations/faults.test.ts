import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkBatch, waitForBatch, type BatchItem } from '../../tools/lib/fault-checks.ts';
import { dropConnections, newDeployment, prepareDeployment, removeDeployment, sleep, workerService, type Deployment, type Service } from '../../tools/lib/deployment.ts';
import { signInReviewer, signUpApplicant } from '../support/accounts.ts';
import { testContext, type TestContext } from '../support/context.ts';
import { accountantForm, fillDraft } from '../support/forms.ts';

/**
 * The fast cases of bench/faults.ts: a few requests in flight when the worker is SIGKILLed, or when
 * PostgreSQL drops every connection. This file has its own database, task queue and worker process
 * (sharing the run's national stand-in), so the faults disturb no other test file.
 */
let d: Deployment;
let worker: Service;
let ctx: TestContext;
let reviewer: { token: string };

beforeAll(async () => {
  const run = inject('run');
  d = newDeployment('faults', {
    temporalAddress: run.temporalAddress,
    nationalUrl: run.nationalUrl,
    nationalDatabaseUrl: run.nationalDatabaseUrl,
    bucket: run.bucket,
  });
  d.storagePrefix = `${run.storagePrefix}${d.id}/`;
  await prepareDeployment(d);
  worker = await workerService(d).start();
  ctx = await testContext({ DATABASE_URL: d.databaseUrl, TEMPORAL_TASK_QUEUE: d.taskQueue, STORAGE_PREFIX: d.storagePrefix });
  reviewer = await signInReviewer(ctx, '110105');
}, 180_000);

afterAll(async () => {
  await worker?.stop();
  worker?.close();
  await ctx?.close();
  if (d) await removeDeployment(d, { keepNationalDatabase: true });
});

/** Retries while the API answers 5xx, as a patient client would during a fault. */
async function patient(call: () => Promise<{ status: number; data: any }>, what: string) {
  const until = Date.now() + 60_000;
  for (;;) {
    const res = await call().catch((e) => ({ status: 599, data: String(e) }));
    if (res.status < 500) return res;
    if (Date.now() > until) throw new Error(`${what}: still ${res.status} ${JSON.stringify(res.data)}`);
    await sleep(250);
  }
}

async function drafts(count: number): Promise<(BatchItem & { token: string })[]> {
  const out: (BatchItem & { token: string })[] = [];
  const applicant = await signUpApplicant(ctx);
  for (let i = 0; i < count; i++) {
    const form = accountantForm();
    out.push({ id: await fillDraft(ctx, applicant.token, form), archiveNo: form.basic.idNumber, token: applicant.token });
  }
  return out;
}

function approve(id: string) {
  return patient(() => ctx.call('POST', `/requests/${id}/review`, { token: reviewer.token, json: { outcome: 'approved' } }), `approve ${id}`).then((res) => {
    // A retried decision that had gone through is refused as no longer awaiting review.
    if (res.status !== 200 && !(res.status === 409 && /not-awaiting-review$/.test(res.data?.type))) throw new Error(`approve ${id}: ${res.status} ${JSON.stringify(res.data)}`);
  });
}

async function expectAllCorrect(batch: BatchItem[]) {
  const finished = await waitForBatch(d.databaseUrl, batch.map((b) => b.id), Date.now() + 120_000);
  const check = await checkBatch({ databaseUrl: d.databaseUrl, nationalDatabaseUrl: d.nationalDatabaseUrl, temporal: ctx.temporal, batch });
  expect(check).toEqual({ lost: [], duplicated: [], wrongState: [] });
  expect(finished).not.toBeNull();
}

describe('faults with requests in flight', () => {
  it('SIGKILL of the worker mid-request: every request completes once it is back, nothing duplicated', async () => {
    const batch = await drafts(6);
    for (const b of batch) expect((await ctx.call('POST', `/requests/${b.id}/submit`, { token: b.token })).status).toBe(200);
    for (const b of batch.slice(0, 3)) await approve(b.id);
    // Killed while the first three record and upload, with three decisions on their way to it.
    const pending = batch.slice(3).map((b) => approve(b.id));
    const pid = worker.pid;
    await worker.kill9();
    expect(worker.child?.signalCode).toBe('SIGKILL');
    await sleep(1000);
    await worker.start();
    expect(worker.pid).not.toBe(pid);
    await Promise.all(pending);
    await expectAllCorrect(batch);
  }, 180_000);

  it('PostgreSQL dropping every connection mid-request: every request completes, nothing duplicated', async () => {
    const batch = await drafts(6);
    for (const b of batch) expect((await ctx.call('POST', `/requests/${b.id}/submit`, { token: b.token })).status).toBe(200);
    const approving = Promise.all(batch.map((b) => approve(b.id)));
    let dropped = 0;
    for (let i = 0; i < 4; i++) {
      dropped += await dropConnections(d.databaseUrl);
      await sleep(300);
    }
    await approving;
    dropped += await dropConnections(d.databaseUrl);
    expect(dropped).toBeGreaterThan(0);
    await expectAllCorrect(batch);
  }, 180_000);
});
