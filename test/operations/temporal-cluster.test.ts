import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb } from '../../clients/db.ts';
import { runWorkerUntil, startChecks } from '../support/system-checks.ts';

const ROOT = new URL('../../', import.meta.url).pathname;

/**
 * The Temporal server as a province scales it out: frontend, history, matching and worker as separate
 * processes on PostgreSQL (infra/temporal-server.sh, TEMPORAL_TOPOLOGY=split), on ports and databases of
 * this file's own. One history process is killed with SIGKILL while workflows wait for it.
 */
const port = Number(process.env.TEST_TEMPORAL_CLUSTER_PORT ?? 7633);
const address = `127.0.0.1:${port}`;
const stamp = Date.now().toString(36);
const name = `temporal-server-split-${stamp}`;
const database = `temporal_split_${stamp}`;
const env = {
  ...process.env,
  TEMPORAL_TOPOLOGY: 'split',
  TEMPORAL_PORT: String(port),
  TEMPORAL_SQL_DATABASE: database,
  TEMPORAL_SERVER_NAME: name,
};
const SERVICES = ['frontend', 'history', 'matching', 'worker'];

function sh(command: string, extra: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('bash', ['-c', command], { cwd: ROOT, env: { ...env, ...extra } }, (error, out, err) =>
      error ? reject(new Error(`${command}: ${err || error.message}`)) : resolve(out),
    );
  });
}

/** The process group start_bg gave a service (its pid file under .data/run). */
const groupOf = (svc: string) => Number(readFileSync(`${ROOT}.data/run/${name}-${svc}.pid`, 'utf8').trim());
const kill = (svc: string, signal: NodeJS.Signals) => {
  try {
    process.kill(-groupOf(svc), signal);
  } catch {
    // already gone
  }
};

beforeAll(async () => {
  await sh('bash infra/temporal-server.sh');
}, 300_000);

afterAll(async () => {
  for (const svc of SERVICES) kill(svc, 'SIGKILL');
  await sh(
    `sleep 1; for db in ${database} ${database}_visibility; do psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"; done`,
  );
}, 60_000);

describe('the Temporal server split into its four services, on PostgreSQL', () => {
  it('runs every service as its own process', () => {
    for (const svc of SERVICES) expect(() => process.kill(groupOf(svc), 0), svc).not.toThrow();
  });

  it('completes every workflow, once, through a history process killed with SIGKILL and started again', async () => {
    const run = inject('run');
    const taskQueue = `${run.taskQueue}-split`;
    const before = Array.from({ length: 10 }, (_, i) => `system-check-split-${stamp}-a${i}`);
    const after = Array.from({ length: 5 }, (_, i) => `system-check-split-${stamp}-b${i}`);
    await startChecks(address, taskQueue, before);

    kill('history', 'SIGKILL');
    await new Promise((r) => setTimeout(r, 2000));
    await sh('bash infra/temporal-server.sh', { TEMPORAL_SERVICES: 'history' });

    // Starts wait for the history service to own its shards again; a worker only exists from now on.
    await startChecks(address, taskQueue, after);
    const ids = [...before, ...after];
    const results = await runWorkerUntil(address, taskQueue, (client) =>
      Promise.all(ids.map((id) => client.workflow.getHandle(id).result())),
    );
    expect(results.map((r) => r.objectKey)).toEqual(ids.map((id) => `system-check/${id}.txt`));
    const db = createDb(run.databaseUrl, { max: 1 });
    try {
      // Nothing done twice: one row per workflow.
      expect(await db.systemCheck.count({ where: { workflowId: { in: ids } } })).toBe(ids.length);
    } finally {
      await db.$disconnect();
    }
  }, 300_000);
});
