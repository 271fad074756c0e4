import { serve } from '@hono/node-server';
import { inject } from 'vitest';
import type { WorkflowBundle } from '@temporalio/worker';
import { createActivities } from '../../activities/index.ts';
import { createLogger } from '../../clients/log.ts';
import { createNationalClient } from '../../national/client.ts';
import { applyMigrations, dropDatabase } from '../../prisma/migrations-runner.ts';
import { createWorker } from '../../worker/create.ts';
import { payloadCodecFromEnv } from '../../clients/payload-codec.ts';
import { testContext, type TestContext } from './context.ts';
import { LOG_DIR } from './global-setup.ts';

/**
 * One deployment of this system for one province, as production runs it: its own database, bucket
 * prefix, task queue and worker, its API on a real port (the national platform calls it back), and
 * its callback registered with the given national platform.
 */
export async function startProvince(
  provinceCode: string,
  opts: { nationalUrl: string; bundle: WorkflowBundle; env?: Record<string, string> },
) {
  const run = inject('run');
  const tag = `${run.runId}_${provinceCode}_${Math.random().toString(36).slice(2, 6)}`;
  const databaseUrl = `postgresql://postgres@127.0.0.1:5432/acct_test_${tag}`;
  await applyMigrations(databaseUrl);
  const taskQueue = `test-${tag}`;
  const ctx: TestContext = await testContext({
    PROVINCE_CODE: provinceCode,
    DATABASE_URL: databaseUrl,
    STORAGE_PREFIX: `${run.storagePrefix}${provinceCode}-${tag.slice(-4)}/`,
    TEMPORAL_TASK_QUEUE: taskQueue,
    NATIONAL_URL: opts.nationalUrl,
    ...opts.env,
  });
  const national = createNationalClient({ baseUrl: opts.nationalUrl, province: provinceCode });
  const { worker, connection } = await createWorker({
    address: run.temporalAddress,
    namespace: 'default',
    taskQueue,
    bundle: opts.bundle,
    shutdownSignals: [],
    payloadCodec: payloadCodecFromEnv(ctx.env),
    activities: createActivities({
      db: ctx.db,
      storage: ctx.storage,
      national,
      log: createLogger('info', `worker-${provinceCode}`, `${LOG_DIR}test-${run.runId}-worker-${provinceCode}.log`),
      personalData: ctx.personalData,
      provinceCode,
    }),
  });
  const running = worker.run();
  const { server, url } = await new Promise<{ server: ReturnType<typeof serve>; url: string }>((resolve) => {
    const server = serve({ fetch: ctx.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve({ server, url: `http://127.0.0.1:${info.port}` }),
    );
  });
  await national.registerProvince(`${url}/national/events`);
  return {
    provinceCode,
    ctx,
    url,
    national,
    async close() {
      worker.shutdown();
      await running;
      await connection.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await ctx.close();
      await dropDatabase(databaseUrl);
    },
  };
}
export type Province = Awaited<ReturnType<typeof startProvince>>;
