import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createActivities } from '../../activities/index.ts';
import { createDb } from '../../clients/db.ts';
import { createLogger } from '../../clients/log.ts';
import { createStorage } from '../../clients/storage.ts';
import { createNationalClient } from '../../national/client.ts';
import { bundleWorkflows, createWorker } from '../../worker/create.ts';
import { payloadCodecFromEnv } from '../../clients/payload-codec.ts';
import { personalDataFromEnv } from '../../clients/personal-data.ts';
import { loadEnv } from '../../config/env.ts';
import { privateTemporal } from '../../tools/lib/deployment.ts';

// Payloads are encrypted as the worker encrypts them (configured keys).
const dataConverter = { payloadCodecs: [payloadCodecFromEnv(loadEnv())] };

const dir = mkdtempSync(join(tmpdir(), 'temporal-restart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A worker of the private server's own task queue, running until `until` settles. */
async function runWorkerUntil<T>(address: string, taskQueue: string, until: (client: Client) => Promise<T>): Promise<T> {
  const run = inject('run');
  const db = createDb(run.databaseUrl, { max: 2 });
  const storage = createStorage({
    endPoint: '127.0.0.1',
    port: 9000,
    useSSL: false,
    accessKey: 'minioadmin',
    secretKey: 'minioadmin',
    bucket: run.bucket,
    prefix: run.storagePrefix,
  });
  const { worker, connection: workerConnection } = await createWorker({
    address,
    namespace: 'default',
    taskQueue,
    bundle: await bundleWorkflows(),
    shutdownSignals: [],
    activities: createActivities({
      db,
      storage,
      log: createLogger('silent', 'worker'),
      national: createNationalClient({ baseUrl: run.nationalUrl, province: run.provinceCode }),
      personalData: personalDataFromEnv(loadEnv({ NODE_ENV: 'test' })),
      provinceCode: run.provinceCode,
    }),
  });
  const connection = await Connection.connect({ address });
  try {
    return await worker.runUntil(until(new Client({ connection, dataConverter })));
  } finally {
    await connection.close();
    await workerConnection.close();
    await db.$disconnect();
  }
}

async function startChecks(address: string, taskQueue: string, ids: string[]): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    const client = new Client({ connection, dataConverter });
    await Promise.all(ids.map((workflowId) => client.workflow.start('systemCheck', { taskQueue, workflowId })));
  } finally {
    await connection.close();
  }
}

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
