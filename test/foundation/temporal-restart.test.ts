import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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
import { freePort, waitFor } from '../support/ports.ts';

const TEMPORAL_BIN = process.env.TEMPORAL_BIN ?? 'temporal';
// Payloads are encrypted as the worker encrypts them (configured keys).
const dataConverter = { payloadCodecs: [payloadCodecFromEnv(loadEnv())] };

/** A private dev server, so restarting it disturbs no other test. */
async function startServer(dbFile: string, port: number): Promise<ChildProcess> {
  const [ui, http, metrics] = [await freePort(), await freePort(), await freePort()];
  const child = spawn(
    TEMPORAL_BIN,
    [
      'server',
      'start-dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--ui-port',
      String(ui),
      '--headless',
      '--http-port',
      String(http),
      '--metrics-port',
      String(metrics),
      '--db-filename',
      dbFile,
      '--log-level',
      'error',
    ],
    { stdio: 'ignore' },
  );
  await waitFor(
    async () => {
      const c = await Connection.connect({ address: `127.0.0.1:${port}`, connectTimeout: '1s' });
      await c.healthService.check({});
      await c.close();
      return true;
    },
    'the private Temporal dev server',
    90_000,
  );
  return child;
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

const dir = mkdtempSync(join(tmpdir(), 'temporal-restart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Temporal dev server persistence', () => {
  it('a workflow started before a restart of the server completes after it', async () => {
    const run = inject('run');
    const port = await freePort();
    const dbFile = join(dir, 'temporal.db');
    const taskQueue = `${run.taskQueue}-restart`;

    let server = await startServer(dbFile, port);
    let connection = await Connection.connect({ address: `127.0.0.1:${port}` });
    const workflowId = `system-check-restart-${run.runId}`;
    await new Client({ connection, dataConverter }).workflow.start('systemCheck', { taskQueue, workflowId });
    await connection.close();

    await stop(server);
    server = await startServer(dbFile, port);
    try {
      // Only now does a worker exist: the workflow can only be known to the server from its file.
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
        address: `127.0.0.1:${port}`,
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
      connection = await Connection.connect({ address: `127.0.0.1:${port}` });
      const result = await worker.runUntil(new Client({ connection, dataConverter }).workflow.getHandle(workflowId).result());
      expect(result.objectKey).toBe(`system-check/${workflowId}.txt`);
      expect(await db.systemCheck.findUnique({ where: { workflowId } })).toMatchObject({ objectKey: result.objectKey });
      await connection.close();
      await workerConnection.close();
      await db.$disconnect();
    } finally {
      await stop(server);
    }
  }, 240_000);
});
