import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { sweepPendingModuleSyncs } from '../../api/lib/module-sync.ts';
import { createActivities } from '../../activities/index.ts';
import { createLogger } from '../../clients/log.ts';
import { createNationalClient } from '../../national/client.ts';
import { signInAdmin } from '../support/accounts.ts';
import { collectedPerson } from '../support/collected.ts';
import { testContext, type TestContext } from '../support/context.ts';
import { recordHistory } from '../support/histories.ts';

const TOOL = new URL('../../tools/import-continuing-education.ts', import.meta.url).pathname;
const run = promisify(execFile);
let ctx: TestContext;
let national: ReturnType<typeof createNationalClient>;
let admin: { token: string };
beforeAll(async () => {
  ctx = await testContext();
  national = createNationalClient({ baseUrl: ctx.run.nationalUrl, province: '110000' });
  admin = await signInAdmin(ctx);
});
afterAll(() => ctx.close());

const versions = async (archiveNo: string) => (await national.getRecordVersions(archiveNo))?.versions ?? [];

/** Waits until every module upload of the person has settled, then answers the platform's versions. */
async function settled(personId: string, archiveNo: string, uploads: number) {
  const until = Date.now() + 60_000;
  for (;;) {
    const synced = await ctx.db.nationalSync.count({ where: { personId, requestId: { startsWith: 'moduleSync-' }, status: 'synced' } });
    if (synced >= uploads) return versions(archiveNo);
    if (Date.now() > until) throw new Error(`${synced} module uploads of ${uploads} settled`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

const year = new Date().getFullYear() - 1;
const csv = (rows: string[][]) =>
  new TextEncoder().encode(['档案号,年度,课程,学分,专业科目,培训单位,完成日期', ...rows.map((r) => r.join(','))].join('\n'));
const importCsv = (bytes: Uint8Array) =>
  ctx.call('POST', '/admin/continuing-education/import', {
    token: admin.token,
    body: bytes as BodyInit,
    headers: { 'content-type': 'text/csv' },
  });

describe('module changes reach the national platform (变动数据自动同步)', () => {
  it('a continuing-education import makes one new version per touched person, however many rows; a retried import none', async () => {
    const a = await collectedPerson(ctx);
    const b = await collectedPerson(ctx);
    expect(await versions(a.archiveNo)).toHaveLength(1);
    const file = csv([
      [a.archiveNo, String(year), '财务报表分析', '10', '是', '北京会计学会', `${year}-03-01`],
      [a.archiveNo, String(year), '管理会计', '20', '是', '北京会计学会', `${year}-04-01`],
      [a.archiveNo, String(year), '职业道德', '6', '否', '北京会计学会', `${year}-05-01`],
      [b.archiveNo, String(year), '政府会计', '30', '是', '北京会计学会', `${year}-06-01`],
      [b.archiveNo, String(year), '内部控制', '15', '是', '北京会计学会', `${year}-07-01`],
    ]);
    const res = await importCsv(file);
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ imported: 5, people: 2 });
    expect(res.data.personIds).toBeUndefined();

    const va = await settled(a.person.id, a.archiveNo, 1);
    const vb = await settled(b.person.id, b.archiveNo, 1);
    expect(va.map((v) => v.version)).toEqual([1, 2]);
    expect(vb.map((v) => v.version)).toEqual([1, 2]);
    // The new version is the whole record with the imported courses.
    expect((va[1]!.record as { continuingEducation: { course: string }[] }).continuingEducation.map((c) => c.course)).toEqual(
      expect.arrayContaining(['财务报表分析', '管理会计', '职业道德']),
    );

    // The same file again: every row a duplicate, no person touched, no version.
    const again = await importCsv(file);
    expect(again.data).toMatchObject({ imported: 0, rejected: 5 });
    await new Promise((r) => setTimeout(r, 1500));
    expect(await versions(a.archiveNo)).toHaveLength(2);
    expect(await versions(b.archiveNo)).toHaveLength(2);

    // The upload activity retried (same idempotency key): the platform answers the same version, makes no other.
    const sync = await ctx.db.nationalSync.findFirstOrThrow({ where: { personId: a.person.id, requestId: { startsWith: 'moduleSync-' } } });
    const activities = createActivities({
      db: ctx.db,
      storage: ctx.storage,
      national,
      log: createLogger('silent', 'test'),
      personalData: ctx.personalData,
      provinceCode: '110000',
    });
    const retried = await activities.uploadToNational({
      requestId: sync.requestId!,
      personId: a.person.id,
      kind: 'change',
      idempotencyKey: sync.idempotencyKey,
    });
    expect(retried.version).toBe(2);
    expect(await versions(a.archiveNo)).toHaveLength(2);

    // The import's workflow made one upload per person, and its history replays (test/replay).
    const handle = ctx.temporal.workflow.getHandle(sync.requestId!);
    expect(await handle.result()).toEqual({ uploaded: 2 });
    await recordHistory(ctx.temporal, sync.requestId!, 'moduleSync--import');
  });

  it('a talent record and a credit record each make one new version; a repeated record none', async () => {
    const { person, archiveNo } = await collectedPerson(ctx);
    const path = `/people/${person.id}`;
    expect((await ctx.call('POST', `${path}/talents`, { token: admin.token, json: { type: 'leading', year: 2020 } })).status).toBe(201);
    expect((await settled(person.id, archiveNo, 1)).map((v) => v.version)).toEqual([1, 2]);

    const penalty = {
      kind: 'untrustworthy',
      occurredOn: `${year}-02-01`,
      issuer: '北京市财政局',
      documentNo: `京财监〔${year}〕7号`,
      description: '未按规定保管会计档案，予以警告',
    };
    expect((await ctx.call('POST', `${path}/credits`, { token: admin.token, json: penalty })).status).toBe(201);
    const after = await settled(person.id, archiveNo, 2);
    expect(after.map((v) => v.version)).toEqual([1, 2, 3]);
    expect((after[2]!.record as { credits: { kind: string }[] }).credits).toMatchObject([{ kind: 'untrustworthy' }]);
    expect((after[2]!.record as { talents: { type: string }[] }).talents).toMatchObject([{ type: 'leading' }]);

    // The same decision posted again (a retried POST) stays one record and one version.
    expect((await ctx.call('POST', `${path}/credits`, { token: admin.token, json: penalty })).status).toBe(409);
    expect((await ctx.call('POST', `${path}/talents`, { token: admin.token, json: { type: 'leading', year: 2020 } })).status).toBe(409);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await versions(archiveNo)).toHaveLength(3);
  });

  it('the command-line import syncs like the API import: one version per touched person, none when run again', async () => {
    const a = await collectedPerson(ctx);
    const b = await collectedPerson(ctx);
    const dir = mkdtempSync(join(tmpdir(), 'ce-cli-sync-'));
    const file = join(dir, 'ce.csv');
    writeFileSync(
      file,
      csv([
        [a.archiveNo, String(year), '税法实务', '12', '是', '北京会计学会', `${year}-03-02`],
        [a.archiveNo, String(year), '成本会计', '18', '是', '北京会计学会', `${year}-04-02`],
        [b.archiveNo, String(year), '审计基础', '24', '是', '北京会计学会', `${year}-05-02`],
      ]),
    );
    const tool = () =>
      run(process.execPath, ['--import', 'tsx', TOOL, file], {
        env: {
          ...process.env,
          DATABASE_URL: ctx.run.databaseUrl,
          TEMPORAL_ADDRESS: ctx.run.temporalAddress,
          TEMPORAL_TASK_QUEUE: ctx.run.taskQueue,
          NODE_ENV: 'test',
        },
      });
    const { stdout } = await tool();
    expect(stdout).toContain('3 imported (2 people)');
    const workflowId = /national upload of 2 people started: (moduleSync-ceImport-[0-9a-f-]+)/.exec(stdout)?.[1];
    expect(workflowId).toBeDefined();
    expect(await ctx.temporal.workflow.getHandle(workflowId!).result()).toEqual({ uploaded: 2 });
    expect((await settled(a.person.id, a.archiveNo, 1)).map((v) => v.version)).toEqual([1, 2]);
    expect((await settled(b.person.id, b.archiveNo, 1)).map((v) => v.version)).toEqual([1, 2]);
    // Each upload's key is derived from the import's workflow.
    const keys = await ctx.db.nationalSync.findMany({ where: { requestId: workflowId }, select: { idempotencyKey: true } });
    expect(keys.map((k) => k.idempotencyKey).sort()).toEqual(
      [a.person.id, b.person.id].map((id) => `${workflowId}:${id}:national-upload`).sort(),
    );

    // The same file again imports nothing, so starts no upload and makes no version.
    const again = await tool();
    expect(again.stdout).toContain('0 imported');
    expect(again.stdout).not.toContain('national upload');
    expect(await versions(a.archiveNo)).toHaveLength(2);
  });

  it('continues as new in batches, so a large import is short histories with one upload per person', async () => {
    const people = await Promise.all([collectedPerson(ctx), collectedPerson(ctx), collectedPerson(ctx)]);
    const workflowId = `moduleSync-test-batches-${crypto.randomUUID()}`;
    const handle = await ctx.temporal.workflow.start('moduleSync', {
      workflowId,
      taskQueue: ctx.run.taskQueue,
      args: [{ personIds: people.map((p) => p.person.id), batch: 2 }],
    });
    expect(await handle.result()).toEqual({ uploaded: 3 });
    // The first run uploaded two people and continued as new with the third.
    const first = await ctx.temporal.workflow.getHandle(workflowId, handle.firstExecutionRunId).describe();
    expect(first.status.name).toBe('CONTINUED_AS_NEW');
    const last = await ctx.temporal.workflow.getHandle(workflowId).describe();
    expect(last.runId).not.toBe(handle.firstExecutionRunId);
    // One upload per person across the runs, each under the workflow's id.
    const uploads = await ctx.db.nationalSync.findMany({ where: { requestId: workflowId }, select: { personId: true, status: true } });
    expect(uploads.map((u) => u.personId).sort()).toEqual(people.map((p) => p.person.id).sort());
    expect(uploads.every((u) => u.status === 'synced')).toBe(true);
    await recordHistory(ctx.temporal, workflowId, 'moduleSync--continued-as-new', handle.firstExecutionRunId);
  });

  it('a change committed while Temporal cannot be reached is saved without error and reaches the platform later', async () => {
    const { person, archiveNo } = await collectedPerson(ctx);
    // An API whose Temporal connection is gone: the talent record commits, the start fails.
    const connection = await Connection.connect({ address: ctx.run.temporalAddress });
    const away = new Client({ connection, namespace: ctx.env.TEMPORAL_NAMESPACE });
    await connection.close();
    const app = createApp({
      env: ctx.env,
      db: ctx.db,
      storage: ctx.storage,
      temporal: away,
      log: createLogger('silent', 'test'),
      tokens: ctx.tokens,
      national,
      personalData: ctx.personalData,
      taskQueue: ctx.run.taskQueue,
    });
    const res = await app.request(`/people/${person.id}/talents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'leading', year: 2021 }),
    });
    expect(res.status).toBe(201);
    expect(await ctx.db.highEndTalent.count({ where: { personId: person.id } })).toBe(1);
    const pending = await ctx.db.moduleSyncPending.findMany({ where: { personIds: { has: person.id } } });
    expect(pending).toHaveLength(1);
    expect(pending[0]!.attempts).toBe(1);
    expect(pending[0]!.lastError).toBeTruthy();
    await new Promise((r) => setTimeout(r, 1000));
    expect(await versions(archiveNo)).toHaveLength(1);

    // The sweep (the API runs it every 30 s) starts it once Temporal answers; the pending row goes.
    const deps = { db: ctx.db, temporal: ctx.temporal, taskQueue: ctx.run.taskQueue, log: createLogger('silent', 'test') };
    const started = await sweepPendingModuleSyncs(deps, 0);
    expect(started).toBeGreaterThanOrEqual(1);
    expect(await ctx.db.moduleSyncPending.count({ where: { source: pending[0]!.source } })).toBe(0);
    const after = await settled(person.id, archiveNo, 1);
    expect(after.map((v) => v.version)).toEqual([1, 2]);
    expect((after[1]!.record as { talents: { year: number }[] }).talents).toMatchObject([{ year: 2021 }]);
  });
});
