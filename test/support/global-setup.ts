import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { TestProject } from 'vitest/node';
import { createActivities } from '../../activities/index.ts';
import { createDb } from '../../clients/db.ts';
import { createLogger } from '../../clients/log.ts';
import { createStorage } from '../../clients/storage.ts';
import { payloadCodecFromEnv } from '../../clients/payload-codec.ts';
import { personalDataFromEnv } from '../../clients/personal-data.ts';
import { loadEnv } from '../../config/env.ts';
import { createNationalClient } from '../../national/client.ts';
import { applyMigrations, dropDatabase } from '../../prisma/migrations-runner.ts';
import { bundleWorkflows, createWorker } from '../../worker/create.ts';
import { failRunOnPersonalDataInLogs } from './log-scan.ts';
import { freePort, waitFor } from './ports.ts';
import { newRunConfig } from './run-config.ts';

export const LOG_DIR = new URL('../../.data/logs/', import.meta.url).pathname;

/**
 * Once per test run: a fresh database, bucket prefix and task queue; the national-platform stand-in
 * on its own database; one worker (in this process) that every test file's requests run on.
 */
export default async function setup(project: TestProject) {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const run = newRunConfig();
  mkdirSync(LOG_DIR, { recursive: true });
  await applyMigrations(run.databaseUrl);

  const nationalPort = await freePort();
  run.nationalUrl = `http://127.0.0.1:${nationalPort}`;
  const nationalLog = createWriteStream(`${LOG_DIR}test-${run.runId}-national.log`);
  const national = spawn(process.execPath, ['--import', 'tsx', 'infra/national/main.ts'], {
    env: { ...process.env, NATIONAL_PORT: String(nationalPort), NATIONAL_DATABASE_URL: run.nationalDatabaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  national.stdout.pipe(nationalLog);
  national.stderr.pipe(nationalLog);
  await waitFor(async () => (await fetch(`${run.nationalUrl}/healthz`)).ok, 'the national-platform stand-in');

  const storage = createStorage({
    endPoint: '127.0.0.1',
    port: Number(process.env.MINIO_PORT ?? 9000),
    useSSL: false,
    accessKey: process.env.MINIO_ACCESS_KEY ?? 'minioadmin',
    secretKey: process.env.MINIO_SECRET_KEY ?? 'minioadmin',
    bucket: run.bucket,
    prefix: run.storagePrefix,
  });
  await storage.ensureBucket();

  const db = createDb(run.databaseUrl);
  const log = createLogger('info', 'worker', `${LOG_DIR}test-${run.runId}-worker.log`);
  const { worker, connection } = await createWorker({
    address: run.temporalAddress,
    namespace: 'default',
    taskQueue: run.taskQueue,
    bundle: await bundleWorkflows(),
    shutdownSignals: [],
    // The same keys as the test contexts' clients (configuration defaults).
    payloadCodec: payloadCodecFromEnv(loadEnv({ NODE_ENV: 'test' })),
    activities: createActivities({
      db,
      storage,
      log,
      national: createNationalClient({ baseUrl: run.nationalUrl, province: run.provinceCode }),
      // The same keys as the test contexts' API (configuration defaults).
      personalData: personalDataFromEnv(loadEnv({ NODE_ENV: 'test' })),
      provinceCode: run.provinceCode,
    }),
  });
  const running = worker.run();
  project.provide('run', run);

  return async () => {
    worker.shutdown();
    await running;
    await connection.close();
    await db.$disconnect();
    national.kill('SIGTERM');
    for (const key of await storage.list('')) await storage.remove(key);
    await dropDatabase(run.databaseUrl);
    await dropDatabase(run.nationalDatabaseUrl).catch(() => {});
    // Every test file has finished and the worker has stopped: the run's logs are complete.
    failRunOnPersonalDataInLogs(LOG_DIR, run.runId);
  };
}
