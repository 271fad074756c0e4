import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorage } from '../../clients/storage.ts';
import { dropDatabase } from '../../prisma/migrations-runner.ts';
import type { Manifest } from '../../tools/lib/backup-format.ts';
import { signInReviewer, signUpApplicant } from '../support/accounts.ts';
import { testContext, type TestContext } from '../support/context.ts';
import { accountantForm, fillDraft, waitForState } from '../support/forms.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Runs one of the tools as an operator would, with the deployment's environment. */
function tool(script: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, env: { ...process.env, ...env } }, (error, out, err) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, out, err }),
    );
  });
}

let ctx: TestContext;
let restored: TestContext | undefined;
let reviewer: { token: string; userId: string };
const dir = mkdtempSync(join(tmpdir(), 'backup-test-'));
let restoredUrl: string;
let restoredPrefix: string;
let damagedUrl: string;

beforeAll(async () => {
  ctx = await testContext();
  reviewer = await signInReviewer(ctx, '110105');
  restoredUrl = ctx.run.databaseUrl.replace(/acct_test_/, 'acct_restored_');
  damagedUrl = ctx.run.databaseUrl.replace(/acct_test_/, 'acct_damaged_');
  restoredPrefix = `restored-${ctx.run.runId}/`;
});

afterAll(async () => {
  await restored?.close();
  await ctx.close();
  await dropDatabase(restoredUrl).catch(() => {});
  await dropDatabase(damagedUrl).catch(() => {});
  const storage = createStorage({
    endPoint: '127.0.0.1',
    port: ctx.env.MINIO_PORT,
    useSSL: false,
    accessKey: ctx.env.MINIO_ACCESS_KEY,
    secretKey: ctx.env.MINIO_SECRET_KEY,
    bucket: ctx.run.bucket,
    prefix: restoredPrefix,
  });
  for (const key of await storage.list('')) await storage.remove(key);
  rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('a restored deployment serves the same people, requests, timelines and material bytes', async () => {
    // Three people collected end to end, and one request returned to its applicant with reasons.
    const requests: { id: string; token: string; archiveNo: string }[] = [];
    for (let i = 0; i < 3; i++) {
      const applicant = await signUpApplicant(ctx);
      const form = accountantForm();
      const id = await fillDraft(ctx, applicant.token, form);
      expect((await ctx.call('POST', `/requests/${id}/submit`, { token: applicant.token })).status).toBe(200);
      expect((await ctx.call('POST', `/requests/${id}/review`, { token: reviewer.token, json: { outcome: 'approved' } })).status).toBe(200);
      requests.push({ id, token: applicant.token, archiveNo: form.basic.idNumber });
    }
    const returning = await signUpApplicant(ctx);
    const returnedForm = accountantForm();
    const returnedId = await fillDraft(ctx, returning.token, returnedForm);
    await ctx.call('POST', `/requests/${returnedId}/submit`, { token: returning.token });
    await ctx.call('POST', `/requests/${returnedId}/review`, {
      token: reviewer.token,
      json: { outcome: 'returned', reasons: [{ target: 'material', path: 'materials.photo', reason: '照片不清晰' }] },
    });
    for (const r of requests) await waitForState(ctx, r.id, 'completed');
    await waitForState(ctx, returnedId, 'returned');
    requests.push({ id: returnedId, token: returning.token, archiveNo: returnedForm.basic.idNumber });

    const backupDir = join(dir, 'backup');
    const env = { DATABASE_URL: ctx.run.databaseUrl, MINIO_BUCKET: ctx.run.bucket, STORAGE_PREFIX: ctx.run.storagePrefix };
    const backedUp = await tool('tools/backup.ts', [backupDir], env);
    expect(backedUp.err + backedUp.out).toContain('backup written');
    expect(backedUp.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(backupDir, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.database.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.versions.latestMigration).toBeTruthy();
    const materialRows = await ctx.db.requestMaterial.findMany({ where: { requestId: { in: requests.map((r) => r.id) } } });
    expect(materialRows).toHaveLength(20);
    for (const m of materialRows) expect(manifest.storage.objects.find((o) => o.key === m.objectKey)?.sha256).toBe(m.sha256);

    const restoredRun = await tool('tools/restore.ts', [
      backupDir,
      '--database-url',
      restoredUrl,
      '--bucket',
      ctx.run.bucket,
      '--prefix',
      restoredPrefix,
    ]);
    expect(restoredRun.err + restoredRun.out).toContain('every checksum verified');
    expect(restoredRun.code).toBe(0);

    // A second API over the restored database and prefix (same Temporal, same signing secret).
    restored = await testContext({ DATABASE_URL: restoredUrl, STORAGE_PREFIX: restoredPrefix });
    for (const r of requests) {
      for (const token of [r.token, reviewer.token]) {
        const [a, b] = [await ctx.call('GET', `/requests/${r.id}`, { token }), await restored.call('GET', `/requests/${r.id}`, { token })];
        expect(b.status).toBe(200);
        expect(b.data).toEqual(a.data);
        const [ta, tb] = [
          await ctx.call('GET', `/requests/${r.id}/timeline`, { token }),
          await restored.call('GET', `/requests/${r.id}/timeline`, { token }),
        ];
        expect(tb.status).toBe(200);
        expect(tb.data).toEqual(ta.data);
      }
      const detail = (await restored.call('GET', `/requests/${r.id}`, { token: reviewer.token })).data;
      expect(detail.materials).toHaveLength(5);
      for (const m of detail.materials as { kind: string; sha256: string }[]) {
        const res = await restored.app.request(`/requests/${r.id}/materials/${m.kind}`, {
          headers: { authorization: `Bearer ${r.token}` },
        });
        expect(res.status).toBe(200);
        expect(sha(new Uint8Array(await res.arrayBuffer()))).toBe(m.sha256);
      }
      const mine = await restored.call('GET', '/requests', { token: r.token });
      expect(mine.data.map((x: { requestId: string }) => x.requestId)).toContain(r.id);
    }
    expect(requests.map((r) => r.id)).toContain(returnedId);
    const returnedTimeline = await restored.call('GET', `/requests/${returnedId}/timeline`, { token: returning.token });
    expect(returnedTimeline.data.events.at(-1)).toMatchObject({
      type: 'returned',
      reasons: [{ path: 'materials.photo', reason: '照片不清晰' }],
    });

    // The people: every module, the materials and the history, row for row.
    const include = {
      educations: true,
      work: true,
      qualifications: true,
      student: true,
      materials: true,
      history: true,
      syncs: true,
      credits: true,
      talents: true,
      continuingEducations: true,
    } as const;
    const hashes = requests.slice(0, 3).map((r) => ctx.byArchiveNo(r.archiveNo).archiveNoHash);
    const people = await ctx.db.person.findMany({ where: { archiveNoHash: { in: hashes } }, include, orderBy: { archiveNoHash: 'asc' } });
    const restoredPeople = await restored.db.person.findMany({
      where: { archiveNoHash: { in: hashes } },
      include,
      orderBy: { archiveNoHash: 'asc' },
    });
    expect(people).toHaveLength(3);
    expect(restoredPeople).toEqual(people);
    for (const p of restoredPeople) {
      for (const m of p.materials) expect(sha(await restored.storage.get(m.objectKey))).toBe(m.sha256);
    }

    // Applicants' accounts came back too: the same password signs in.
    const user = await ctx.db.user.findUniqueOrThrow({ where: { id: returning.userId } });
    const signIn = await restored.call('POST', '/auth/login', { json: { username: user.username, password: 'test-password-2026' } });
    expect(signIn.status).toBe(200);
    expect(signIn.data.user.id).toBe(returning.userId);
  });

  it('refuses a database that is not empty, and a damaged backup, before changing anything', async () => {
    const backupDir = join(dir, 'backup');
    expect(existsSync(join(backupDir, 'manifest.json'))).toBe(true);
    const again = await tool('tools/restore.ts', [
      backupDir,
      '--database-url',
      restoredUrl,
      '--bucket',
      ctx.run.bucket,
      '--prefix',
      `${restoredPrefix}again/`,
    ]);
    expect(again.code).not.toBe(0);
    expect(again.err).toMatch(/is not empty/);

    const damagedDir = join(dir, 'damaged');
    cpSync(backupDir, damagedDir, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(damagedDir, 'manifest.json'), 'utf8')) as Manifest;
    const victim = join(damagedDir, 'objects', manifest.storage.objects[0]!.key);
    const bytes = readFileSync(victim);
    bytes[bytes.length - 3] = bytes[bytes.length - 3]! ^ 0xff;
    writeFileSync(victim, bytes);
    const damaged = await tool('tools/restore.ts', [
      damagedDir,
      '--database-url',
      damagedUrl,
      '--bucket',
      ctx.run.bucket,
      '--prefix',
      `damaged-${ctx.run.runId}/`,
    ]);
    expect(damaged.code).not.toBe(0);
    expect(damaged.err).toContain('the backup is damaged');
    expect(damaged.err).toContain(manifest.storage.objects[0]!.key);
    const probe = await ctx.db.$queryRaw<
      { n: bigint }[]
    >`SELECT count(*) AS n FROM pg_database WHERE datname = ${new URL(damagedUrl).pathname.slice(1)}`;
    expect(Number(probe[0]!.n)).toBe(0);
  });
});
