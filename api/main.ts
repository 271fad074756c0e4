import { serve } from '@hono/node-server';
import { loadEnv, taskQueueOf } from '../config/env.ts';
import { buildServices } from '../config/runtime.ts';
import { connectTemporal } from '../clients/temporal.ts';
import { payloadCodecFromEnv } from '../clients/payload-codec.ts';
import { createNumberMasking } from '../clients/number-masking.ts';
import { createApp } from './app.ts';
import { answerClientErrors } from './client-error.ts';
import { createTokens } from './auth.ts';
import { startModuleSyncSweep } from './lib/module-sync.ts';
import { startTallyCompaction } from './statistics/tallies.ts';

const env = loadEnv();
const { log, db, storage, national, personalData } = buildServices(env, 'api');
const temporal = await connectTemporal(env.TEMPORAL_ADDRESS, env.TEMPORAL_NAMESPACE, payloadCodecFromEnv(env));
const tokens = createTokens(db, env);
const masking = createNumberMasking(env);
const app = createApp({ env, db, storage, temporal, log, tokens, national, personalData, masking, taskQueue: taskQueueOf(env) });

// The national platform calls back here with transfer events; registering is idempotent, retried until it answers.
const callbackUrl = `${env.PUBLIC_URL ?? `http://${env.API_HOST}:${env.API_PORT}`}/national/events`;
void (async function register(attempt = 1): Promise<void> {
  try {
    await national.registerProvince(callbackUrl);
    log.info({ callbackUrl }, 'registered with the national platform');
  } catch (e) {
    log.warn({ attempt, error: (e as Error).message }, 'national platform not reachable; retrying registration');
    setTimeout(() => void register(attempt + 1), Math.min(60_000, 1000 * 2 ** attempt)).unref();
  }
})();

// Module changes whose national upload could not be started (Temporal away) are started later (api/lib/module-sync.ts).
const sweep = startModuleSyncSweep({ db, temporal, taskQueue: taskQueueOf(env), log });
// The statistics tallies gain rows of differences with every change; folded every minute (api/statistics/tallies.ts).
const compaction = startTallyCompaction(db, log);

const server = serve({ fetch: app.fetch, hostname: env.API_HOST, port: env.API_PORT }, (info) =>
  log.info({ url: `http://${info.address}:${info.port}` }, 'API listening'),
);
answerClientErrors(server);

async function shutdown(signal: string) {
  log.info({ signal }, 'API stopping');
  sweep.stop();
  compaction.stop();
  server.close(async () => {
    await temporal.connection.close();
    await masking.close();
    await db.$disconnect();
    process.exit(0);
  });
  setTimeout(() => process.exit(1), 10_000).unref();
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
