import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { personalDataFromEnv } from '../../clients/personal-data.ts';
import { loadEnv } from '../../config/env.ts';
import { applyMigrations, dropDatabase } from '../../prisma/migrations-runner.ts';
import { API_NODE_FLAGS, buildApi } from '../../tools/build-api.ts';
import { freePort, waitFor } from '../support/ports.ts';

/**
 * The API as production starts it (built by tools/build-api.ts and run by plain Node with its flags, as
 * infra/up.sh does; NODE_ENV=production, its own secrets, a fresh database): the seed
 * writes no demo account, so the demo password opens nothing, and the first administrator comes from
 * the one-time command, with a password they must replace.
 */
const ROOT = new URL('../../', import.meta.url).pathname;
const key = () => randomBytes(32).toString('base64');
let env: Record<string, string>;
let api: ChildProcess | undefined;
let base: string;
let databaseUrl: string;
let built: string;

function tool(
  script: string,
  args: string[] = [],
  extra: Record<string, string> = {},
): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', script, ...args],
      { cwd: ROOT, env: { ...process.env, ...env, ...extra } },
      (error, out, err) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, out, err }),
    );
  });
}

beforeAll(async () => {
  const run = inject('run');
  databaseUrl = `${run.databaseUrl}_production`;
  await applyMigrations(databaseUrl);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  env = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    PROVINCE_CODE: run.provinceCode,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: run.temporalAddress,
    TEMPORAL_TASK_QUEUE: `production-start-${run.runId}`,
    NATIONAL_URL: run.nationalUrl,
    API_PORT: String(port),
    AUTH_SECRET: randomBytes(32).toString('hex'),
    MINIO_SECRET_KEY: randomBytes(16).toString('hex'),
    PAYLOAD_KEYS: `prod-test:${key()}`,
    DATA_KEYS: `prod-data:${key()}`,
    LOOKUP_KEY: key(),
  };
  const seeded = await tool('prisma/seed.ts');
  expect(seeded.code).toBe(0);
  expect(seeded.out).toMatch(/no demo accounts/);
  built = await buildApi('api/main.ts', `.data/api-test-${run.runId}`);
  api = spawn(process.execPath, [...API_NODE_FLAGS, built], { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'ignore' });
  await waitFor(async () => (await fetch(`${base}/healthz`).catch(() => null))?.ok === true, 'the production API', 60_000);
}, 120_000);

afterAll(async () => {
  if (api && api.exitCode === null) {
    const exited = new Promise((r) => api!.once('exit', r));
    api.kill('SIGTERM');
    await exited;
  }
  await dropDatabase(databaseUrl);
  if (built) await rm(dirname(built), { recursive: true, force: true });
});

const post = async (path: string, body: unknown, token?: string) => {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, data: res.status === 204 ? null : await res.json() };
};

describe('production start-up', () => {
  it('has no demo account: the demo password opens nothing', async () => {
    for (const username of ['admin', `reviewer-110105`]) {
      const res = await post('/auth/login', { username, password: 'demo-password-2026' });
      expect(res.status).toBe(401);
    }
  });

  it('creates the first administrator once, with a one-time password they must replace', async () => {
    const made = await tool('tools/create-admin.ts', ['--username', 'province-admin', '--display-name', '省财政厅会计处管理员']);
    expect(made.code).toBe(0);
    const otp = /One-time password[^:]*: (\S+)/.exec(made.out)?.[1];
    expect(otp).toBeTruthy();
    // Once only: the others are created by an administrator.
    const again = await tool('tools/create-admin.ts', ['--username', 'second-admin', '--display-name', '第二位']);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/exists already/);

    const first = await post('/auth/login', { username: 'province-admin', password: otp });
    expect(first.status).toBe(200);
    expect(first.data.user).toMatchObject({ role: 'admin', mustChangePassword: true });
    const token = first.data.token as string;
    const blocked = await fetch(`${base}/admin/staff`, { headers: { authorization: `Bearer ${token}` } });
    expect(blocked.status).toBe(403);
    expect((await post('/auth/password', { currentPassword: otp, newPassword: 'the province chooses this 1' }, token)).status).toBe(204);
    const staff = await fetch(`${base}/admin/staff`, { headers: { authorization: `Bearer ${token}` } });
    expect(staff.status).toBe(200);
    expect((await staff.json()).items.map((a: { username: string }) => a.username)).toEqual(['province-admin']);
    // The trail names the command as the maker.
    const trail = await (await fetch(`${base}/admin/account-changes`, { headers: { authorization: `Bearer ${token}` } })).json();
    expect(trail.items).toMatchObject([{ action: 'created', actorId: null, username: 'province-admin' }]);
  });

  it("runs the built number-masking thread without the TypeScript loader: an export's numbers open and mask there", async () => {
    const personalData = personalDataFromEnv(loadEnv(env));
    const thread = new Worker(join(dirname(built), 'number-masking-worker.mjs'), {
      workerData: { DATA_KEYS: env.DATA_KEYS, DATA_KEY_ID: env.DATA_KEY_ID, LOOKUP_KEY: env.LOOKUP_KEY },
    });
    try {
      const answer = new Promise((resolve, reject) => {
        thread.once('message', resolve);
        thread.once('error', reject);
      });
      thread.postMessage({
        id: 7,
        ids: [personalData.seal('idNumber', '11010519491231002X')],
        mobiles: [personalData.seal('mobile', '13800138000')],
      });
      expect(await answer).toEqual({ id: 7, ids: ['110105********002X'], mobiles: ['138****8000'] });
    } finally {
      await thread.terminate();
    }
  });
});
