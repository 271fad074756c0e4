import { inject } from 'vitest';
import {
  newDeployment,
  prepareDeployment,
  removeDeployment,
  startNational,
  workerService,
  type Deployment,
} from '../../tools/lib/deployment.ts';
import { testContext, type TestContext } from './context.ts';

/**
 * A database, task queue, worker process and national stand-in of the test file's own, on the run's
 * Temporal server and MinIO: for a file that switches the platform's faults on, or loads a holiday
 * arrangement and signals every running request, which would otherwise reach every other file's requests.
 */
export async function ownDeployment(
  label: string,
  /** More of the API's environment (config/env.ts), as testContext takes it. */
  env: Record<string, string> = {},
): Promise<{
  d: Deployment;
  ctx: TestContext;
  /** Switches the stand-in's faults (`null`: none). */
  nationalFaults: (faults: object | null) => Promise<Response>;
  close: () => Promise<void>;
}> {
  const d = newDeployment(label, { temporalAddress: inject('run').temporalAddress });
  await prepareDeployment(d);
  const national = await startNational(d);
  const worker = await workerService(d).start();
  const ctx = await testContext({
    DATABASE_URL: d.databaseUrl,
    TEMPORAL_TASK_QUEUE: d.taskQueue,
    MINIO_BUCKET: d.bucket,
    STORAGE_PREFIX: d.storagePrefix,
    NATIONAL_URL: d.nationalUrl,
    ...env,
  });
  return {
    d,
    ctx,
    nationalFaults: (faults) =>
      fetch(`${d.nationalUrl}/admin/faults`, {
        method: faults ? 'PUT' : 'DELETE',
        headers: { 'content-type': 'application/json' },
        body: faults ? JSON.stringify(faults) : undefined,
      }),
    async close() {
      await ctx.close();
      await worker.stop();
      worker.close();
      await national.stop();
      national.close();
      await removeDeployment(d);
    },
  };
}
