import { inject } from 'vitest';
import { createDb } from '../../clients/db.ts';
import { createLogger } from '../../clients/log.ts';
import { createStorage } from '../../clients/storage.ts';
import { connectTemporal } from '../../clients/temporal.ts';
import { payloadCodecFromEnv } from '../../clients/payload-codec.ts';
import { createNumberMasking } from '../../clients/number-masking.ts';
import { personalDataFromEnv } from '../../clients/personal-data.ts';
import { loadEnv } from '../../config/env.ts';
import { createApp } from '../../api/app.ts';
import { createTokens } from '../../api/auth.ts';
import { createNationalClient } from '../../national/client.ts';
import { apiClient } from './client.ts';
import { LOG_DIR } from './global-setup.ts';

/**
 * The API of this test run, in-process, on the run's own database, bucket prefix and task queue.
 * `overrides` set configuration (e.g. short deadlines) exactly as the environment would.
 */
export async function testContext(overrides: Record<string, string> = {}) {
  const run = inject('run');
  const env = loadEnv({
    NODE_ENV: 'test',
    PROVINCE_CODE: run.provinceCode,
    DATABASE_URL: run.databaseUrl,
    MINIO_BUCKET: run.bucket,
    STORAGE_PREFIX: run.storagePrefix,
    NATIONAL_URL: run.nationalUrl,
    TEMPORAL_ADDRESS: run.temporalAddress,
    TEMPORAL_TASK_QUEUE: run.taskQueue,
    ...overrides,
  });
  const db = createDb(env.DATABASE_URL, { max: 4 });
  const storage = createStorage({
    endPoint: env.MINIO_ENDPOINT,
    port: env.MINIO_PORT,
    useSSL: false,
    accessKey: env.MINIO_ACCESS_KEY,
    secretKey: env.MINIO_SECRET_KEY,
    bucket: env.MINIO_BUCKET,
    prefix: env.STORAGE_PREFIX,
  });
  const temporal = await connectTemporal(env.TEMPORAL_ADDRESS, env.TEMPORAL_NAMESPACE, payloadCodecFromEnv(env));
  const log = createLogger('info', 'api', `${LOG_DIR}test-${run.runId}-api.log`);
  const tokens = createTokens(db, env);
  const national = createNationalClient({ baseUrl: env.NATIONAL_URL, province: env.PROVINCE_CODE });
  const personalData = personalDataFromEnv(env);
  const masking = createNumberMasking(env);
  const app = createApp({ env, db, storage, temporal, log, tokens, national, personalData, masking, taskQueue: env.TEMPORAL_TASK_QUEUE! });

  /** Calls the API; JSON in, parsed JSON out. */
  async function call(
    method: string,
    path: string,
    opts: { token?: string; json?: unknown; body?: BodyInit; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body = opts.body;
    if (opts.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.json);
    }
    const res = await app.request(path, { method, headers, body });
    const text = await res.text();
    let data: any = text;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, headers: res.headers, data };
  }

  return {
    run,
    env,
    db,
    storage,
    temporal,
    app,
    tokens,
    personalData,
    /** Where-clause of the person (or requests) with this archive number: its keyed hash, as the system finds it. */
    byArchiveNo: (archiveNo: string) => ({ archiveNoHash: personalData.lookup('idNumber', archiveNo) }),
    call,
    /** The typed client of the API (api-client/), signed in with `token` when given. */
    client: (token?: string) => apiClient(app, token),
    async close() {
      await temporal.connection.close();
      await masking.close();
      await db.$disconnect();
    },
  };
}
export type TestContext = Awaited<ReturnType<typeof testContext>>;
