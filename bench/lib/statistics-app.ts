/**
 * The API as the statistics benchmark runs it: the whole app over one database, without Temporal (the
 * statistics, search, inbox, access-log and export endpoints read the database only).
 */
import type { Client } from '@temporalio/client';
import { createApp } from '../../api/app.ts';
import { createTokens } from '../../api/auth.ts';
import type { Db } from '../../clients/db.ts';
import { createLogger } from '../../clients/log.ts';
import type { PersonalData } from '../../clients/personal-data.ts';
import { createStorage } from '../../clients/storage.ts';
import type { Env } from '../../config/env.ts';
import { createNumberMasking } from '../../clients/number-masking.ts';
import { createNationalClient } from '../../national/client.ts';

export function statisticsApp(env: Env, db: Db, personalData: PersonalData) {
  const noTemporal = new Proxy(
    {},
    {
      get: () => {
        throw new Error('the statistics benchmark does not use Temporal');
      },
    },
  ) as Client;
  const tokens = createTokens(db, env);
  const app = createApp({
    env,
    db,
    storage: createStorage({
      endPoint: env.MINIO_ENDPOINT,
      port: env.MINIO_PORT,
      useSSL: false,
      accessKey: env.MINIO_ACCESS_KEY,
      secretKey: env.MINIO_SECRET_KEY,
      bucket: env.MINIO_BUCKET,
      prefix: 'bench-statistics/',
    }),
    temporal: noTemporal,
    log: createLogger('warn', 'bench-api'),
    tokens,
    national: createNationalClient({ baseUrl: env.NATIONAL_URL, province: env.PROVINCE_CODE }),
    personalData,
    masking: createNumberMasking(env),
    taskQueue: 'bench-statistics',
  });
  return { app, tokens };
}
