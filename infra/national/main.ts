import { serve } from '@hono/node-server';
import pino from 'pino';
import { z } from 'zod';
import { createNationalApp } from './app.ts';
import { NationalDb } from './db.ts';
import { startOutboxDelivery } from './outbox.ts';

const ms = z.coerce.number().int().min(0);
const envSchema = z.object({
  NATIONAL_PORT: z.coerce.number().int().min(0).max(65535).default(4100),
  NATIONAL_HOST: z.string().min(1).default('127.0.0.1'),
  NATIONAL_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a postgresql:// URL')
    .default('postgresql://postgres@127.0.0.1:5432/national'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Outbox delivery tuning; see outbox.ts. */
  NATIONAL_DELIVERY_POLL_MS: ms.default(500),
  NATIONAL_DELIVERY_BASE_DELAY_MS: ms.default(1000),
  NATIONAL_DELIVERY_MAX_DELAY_MS: ms.default(300_000),
  NATIONAL_DELIVERY_TIMEOUT_MS: ms.default(10_000),
});

const parsed = envSchema.safeParse(process.env);
if (!parsed.success) {
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  console.error(`Invalid configuration / 配置错误:\n${lines.join('\n')}`);
  process.exit(1);
}
const env = parsed.data;
const log = pino({ level: env.LOG_LEVEL, name: 'national', base: { service: 'national' } });

const db = await NationalDb.open(env.NATIONAL_DATABASE_URL);
const app = createNationalApp({ db, config: { logger: log } });
const delivery = startOutboxDelivery(db, {
  logger: log,
  pollIntervalMs: env.NATIONAL_DELIVERY_POLL_MS,
  baseDelayMs: env.NATIONAL_DELIVERY_BASE_DELAY_MS,
  maxDelayMs: env.NATIONAL_DELIVERY_MAX_DELAY_MS,
  timeoutMs: env.NATIONAL_DELIVERY_TIMEOUT_MS,
});

const server = serve({ fetch: app.fetch, port: env.NATIONAL_PORT, hostname: env.NATIONAL_HOST }, (info) => {
  log.info(
    { url: `http://${env.NATIONAL_HOST}:${info.port}`, docs: `http://${env.NATIONAL_HOST}:${info.port}/docs` },
    'national stand-in listening',
  );
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'stopping');
  // Stop taking calls, let the delivery in flight finish, then release the database.
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await delivery.stop();
  await db.close();
  log.info('stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
