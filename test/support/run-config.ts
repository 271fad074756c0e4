import { randomBytes } from 'node:crypto';

/** Names of everything one test run owns, so runs never see each other's data. */
export function newRunConfig() {
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  return {
    runId,
    databaseUrl: `postgresql://postgres@127.0.0.1:5432/acct_test_${runId}`,
    nationalDatabaseUrl: `postgresql://postgres@127.0.0.1:5432/national_test_${runId}`,
    bucket: 'test-runs',
    storagePrefix: `run-${runId}/`,
    taskQueue: `test-${runId}`,
    provinceCode: '110000',
    temporalAddress: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    nationalUrl: '',
  };
}
export type RunConfig = ReturnType<typeof newRunConfig>;

declare module 'vitest' {
  export interface ProvidedContext {
    run: RunConfig;
  }
}
