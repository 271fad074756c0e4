import { Client, Connection } from '@temporalio/client';
import { inject } from 'vitest';
import { createActivities } from '../../activities/index.ts';
import { createDb } from '../../clients/db.ts';
import { createLogger } from '../../clients/log.ts';
import { payloadCodecFromEnv } from '../../clients/payload-codec.ts';
import { personalDataFromEnv } from '../../clients/personal-data.ts';
import { createStorage } from '../../clients/storage.ts';
import { loadEnv } from '../../config/env.ts';
import { createNationalClient } from '../../national/client.ts';
import { bundleWorkflows, createWorker } from '../../worker/create.ts';

/**
 * The system check workflow (one activity writing to MinIO, one to PostgreSQL) on a Temporal server a test
 * runs itself: restarted, killed or split into processes, to see that what it acknowledged survives.
 */

// Payloads are encrypted as the worker encrypts them (configured keys).
const dataConverter = { payloadCodecs: [payloadCodecFromEnv(loadEnv())] };

/** A worker of the private server's own task queue, running until `until` settles. */
export async function runWorkerUntil<T>(address: string, taskQueue: string, until: (client: Client) => Promise<T>): Promise<T> {
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

export async function startChecks(address: string, taskQueue: string, ids: string[]): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    const client = new Client({ connection, dataConverter });
    await Promise.all(ids.map((workflowId) => client.workflow.start('systemCheck', { taskQueue, workflowId })));
  } finally {
    await connection.close();
  }
}
