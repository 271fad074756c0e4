import { createDb } from '../clients/db.ts';
import { storageFromEnv } from '../clients/index.ts';
import { createLogger } from '../clients/log.ts';
import { personalDataFromEnv } from '../clients/personal-data.ts';
import { createNationalClient } from '../national/client.ts';
import type { Env } from './env.ts';

/** The long-lived clients a process needs, built from validated configuration. */
export function buildServices(env: Env, name: string) {
  const log = createLogger(env.LOG_LEVEL, name);
  const db = createDb(env.DATABASE_URL);
  const storage = storageFromEnv(env);
  const national = createNationalClient({ baseUrl: env.NATIONAL_URL, province: env.PROVINCE_CODE });
  const personalData = personalDataFromEnv(env);
  return { log, db, storage, national, personalData };
}
