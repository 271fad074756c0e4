import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkBatch, waitForBatch, type BatchItem } from '../../tools/lib/fault-checks.ts';
import {
  ROOT,
  dropConnections,
  newDeployment,
  prepareDeployment,
  privateMinio,
  removeDeployment,
  sleep,
  startNational,
  storageOf,
  waitUntil,
  workerService,
  type Deployment,
  type Service,
} from '../../tools/lib/deployment.ts';
import { signInReviewer, signUpApplicant } from '../support/accounts.ts';
import { testContext, type TestContext } from '../support/context.ts';
import { accountantForm, fillDraft } from '../support/forms.ts';
import { validPhoto, validScan } from '../support/jpeg.ts';

/**
 * The fast cases of bench/faults.ts: a few requests in flight when the worker is SIGKILLed, when
 * PostgreSQL drops every connection, when MinIO restarts, or when the national platform fails 30 % of
 * calls. This file has its own database, task queue, worker process, private MinIO and national
 * stand-in, so the faults disturb no other test file.
 */
let d: Deployment;
let worker: Service;
let minio: Service;
let national: Service;
let minioDir: string;
let ctx: TestContext;
let reviewer: { token: string };

beforeAll(async () => {
  const run = inject('run');
  d = newDeployment('faults', { temporalAddress: run.temporalAddress, bucket: 'faults' });
  minioDir = join(ROOT, '.data/faults', d.id);
  const m = await privateMinio(minioDir);
  minio = await m.service.start();
  d.minio = m.endpoint;
  await prepareDeployment(d);
  national = await startNational(d);
  worker = await workerService(d).start();
  ctx = await testContext({
    DATABASE_URL: d.databaseUrl,
    TEMPORAL_TASK_QUEUE: d.taskQueue,
    MINIO_PORT: String(d.minio.port),
    MINIO_BUCKET: d.bucket,
    STORAGE_PREFIX: d.storagePrefix,
    NATIONAL_URL: d.nationalUrl,
  });
  reviewer = await signInReviewer(ctx, '110105');
}, 180_000);

afterAll(async () => {
  await worker?.stop();
  worker?.close();
  await ctx?.close();
  await national?.stop();
  national?.close();
  if (d) await removeDeployment(d);
  await minio?.stop();
  minio?.close();
  if (minioDir) rmSync(minioDir, { recursive: true, force: true });
});

/** Retries while the API answers 5xx, as a patient client would during a fault. */
let repeatedCalls = 0;
async function patient(call: () => Promise<{ status: number; data: any }>, what: string) {
  const until = Date.now() + 60_000;
  for (;;) {
    const res = await call().catch((e) => ({ status: 599, data: String(e) }));
    if (res.status < 500) return res;
    if (Date.now() > until) throw new Error(`${what}: still ${res.status} ${JSON.stringify(res.data)}`);
    repeatedCalls++;
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
  return patient(
    () => ctx.call('POST', `/requests/${id}/review`, { token: reviewer.token, json: { outcome: 'approved' } }),
    `approve ${id}`,
  ).then((res) => {
    // A retried decision that had gone through is refused as no longer awaiting review.
    if (res.status !== 200 && !(res.status === 409 && /not-awaiting-review$/.test(res.data?.type)))
      throw new Error(`approve ${id}: ${res.status} ${JSON.stringify(res.data)}`);
  });
}

/** A draft filled in by an applicant who repeats what failed for want of a service. */
async function patientDraft(token: string): Promise<BatchItem & { token: string }> {
  const form = accountantForm();
  const ok = async (what: string, call: () => ReturnType<TestContext['call']>) => {
    const res = await patient(call, what);
    if (res.status !== 200 && res.status !== 201) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.data)}`);
    return res;
  };
  const id: string = (await ok('create draft', () => ctx.call('POST', '/requests/collection', { token }))).data.requestId;
  for (const [part, value] of Object.entries(form))
    await ok(`save ${part}`, () => ctx.call('PUT', `/requests/${id}/form/${part}`, { token, json: value }));
  for (const kind of ['photo', 'idDocument', 'qualificationCertificate', 'workProof', 'educationCertificate']) {
    const bytes = kind === 'photo' ? await validPhoto() : await validScan(kind);
    await ok(`upload ${kind}`, () =>
      ctx.call('PUT', `/requests/${id}/materials/${kind}`, {
        token,
        body: bytes as unknown as BodyInit,
        headers: { 'content-type': 'image/jpeg' },
      }),
    );
  }
  await ok('commitment', () => ctx.call('POST', `/requests/${id}/commitment`, { token }));
  return { id, archiveNo: form.basic.idNumber, token };
}

async function expectAllCorrect(batch: BatchItem[]) {
  const finished = await waitForBatch(
    d.databaseUrl,
    batch.map((b) => b.id),
    Date.now() + 120_000,
  );
  const check = await checkBatch({
    databaseUrl: d.databaseUrl,
    nationalDatabaseUrl: d.nationalDatabaseUrl,
    temporal: ctx.temporal,
    personalData: ctx.personalData,
    batch,
  });
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

  it('MinIO restarting while materials are uploaded: uploads are repeated, every request completes with its materials intact', async () => {
    const before = await drafts(3);
    for (const b of before) expect((await ctx.call('POST', `/requests/${b.id}/submit`, { token: b.token })).status).toBe(200);
    const applicant = await signUpApplicant(ctx);
    await minio.stop();
    // While it is away, a material cannot be read: the answer says so (503, naming MinIO), not 500.
    const away = await ctx.app.request(`/requests/${before[0]!.id}/materials/photo`, {
      headers: { authorization: `Bearer ${reviewer.token}` },
    });
    expect(away.status).toBe(503);
    expect(away.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(await away.json()).toMatchObject({
      type: expect.stringMatching(/service-unavailable$/),
      detail: expect.stringContaining('MinIO'),
      detail_zh: expect.stringContaining('MinIO'),
    });
    // Down while two applicants upload their materials and the reviewer decides the others.
    const repeatedBefore = repeatedCalls;
    const uploading = Promise.all([patientDraft(applicant.token), patientDraft(applicant.token)]);
    const approving = Promise.all(before.map((b) => approve(b.id)));
    await waitUntil(async () => repeatedCalls > repeatedBefore, 'an upload refused while MinIO is down', 30_000, 50);
    await sleep(1000);
    await minio.start();
    const during = await uploading;
    for (const b of during)
      expect((await patient(() => ctx.call('POST', `/requests/${b.id}/submit`, { token: b.token }), `submit ${b.id}`)).status).toBe(200);
    await approving;
    await Promise.all(during.map((b) => approve(b.id)));
    const batch = [...before, ...during];
    await expectAllCorrect(batch);
    const materials = await ctx.db.requestMaterial.findMany({ where: { requestId: { in: batch.map((b) => b.id) }, replacedAt: null } });
    expect(materials).toHaveLength(batch.length * 5);
    const storage = storageOf(d);
    for (const m of materials)
      expect(
        createHash('sha256')
          .update(await storage.get(m.objectKey))
          .digest('hex'),
      ).toBe(m.sha256);
  }, 180_000);

  it('the national platform failing 30 % of calls: uploads are retried with the same key, one national version each', async () => {
    const setFaults = (init: RequestInit) => fetch(`${d.nationalUrl}/admin/faults`, init).then((r) => expect(r.status).toBe(200));
    await setFaults({ method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ failRate: 0.3 }) });
    try {
      const batch = await drafts(10);
      for (const b of batch) expect((await ctx.call('POST', `/requests/${b.id}/submit`, { token: b.token })).status).toBe(200);
      await Promise.all(batch.map((b) => approve(b.id)));
      await expectAllCorrect(batch);
    } finally {
      await setFaults({ method: 'DELETE' });
    }
  }, 180_000);
});
