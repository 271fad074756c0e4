import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createDb } from '../../clients/db.ts';
import { privateTemporal } from '../../tools/lib/deployment.ts';
import { runWorkerUntil, startChecks } from '../support/system-checks.ts';

const dir = mkdtempSync(join(tmpdir(), 'temporal-restart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Temporal dev server persistence (SQLite, the settings of infra/temporal-sqlite-pragmas)', () => {
  it('a workflow started before a restart of the server completes after it', async () => {
    const run = inject('run');
    const server = await privateTemporal(join(dir, 'restart'));
    await server.service.start();
    const taskQueue = `${run.taskQueue}-restart`;
    const workflowId = `system-check-restart-${run.runId}`;
    try {
      await startChecks(server.address, taskQueue, [workflowId]);
      await server.service.restart();
      // Only now does a worker exist: the workflow can only be known to the server from its file.
      const result = await runWorkerUntil(server.address, taskQueue, (client) => client.workflow.getHandle(workflowId).result());
      expect(result.objectKey).toBe(`system-check/${workflowId}.txt`);
      const db = createDb(run.databaseUrl, { max: 1 });
      expect(await db.systemCheck.findUnique({ where: { workflowId } })).toMatchObject({ objectKey: result.objectKey });
      await db.$disconnect();
    } finally {
      await server.service.stop();
    }
  }, 240_000);

  it('every start the server acknowledged survives the server being killed with SIGKILL at once', async () => {
    const run = inject('run');
    const server = await privateTemporal(join(dir, 'kill'));
    await server.service.start();
    const taskQueue = `${run.taskQueue}-kill`;
    const ids = Array.from({ length: 20 }, (_, i) => `system-check-kill-${run.runId}-${i}`);
    try {
      await startChecks(server.address, taskQueue, ids);
      // The server runs in WAL mode (its write-ahead file exists beside the database).
      expect(existsSync(join(dir, 'kill', 'temporal.db-wal'))).toBe(true);
      // No clean shutdown: whatever WAL with synchronous=normal had not written out would be lost here.
      await server.service.kill9();
      await server.service.start();
      const results = await runWorkerUntil(server.address, taskQueue, (client) =>
        Promise.all(ids.map((id) => client.workflow.getHandle(id).result())),
      );
      expect(results.map((r) => r.objectKey)).toEqual(ids.map((id) => `system-check/${id}.txt`));
    } finally {
      await server.service.stop();
    }
  }, 240_000);
});
