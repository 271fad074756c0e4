import { z } from 'zod';

/**
 * Every setting comes from the environment and is checked once, at start.
 * A wrong value stops the process with a message naming the variable.
 */
const duration = z
  .string()
  .regex(/^\d+(ms|s|m|h|d|wd)$/, 'a number followed by ms, s, m, h, d or wd (working days), e.g. 10wd or 30d');

// Development defaults; production must set its own (checked below).
export const DEV_SECRET = 'development-only-secret-change-me-in-production';
export const DEV_MINIO_USER = 'minioadmin';
export const DEV_MINIO_PASSWORD = 'minioadmin';

const port = z.coerce.number().int().min(1).max(65535);

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  /** The provincial-level authority this deployment serves (GB/T 2260), e.g. 110000 Beijing, 130000 Hebei. */
  PROVINCE_CODE: z.string().regex(/^\d{2}0000$/, 'a six-digit provincial code ending in 0000').default('110000'),

  API_HOST: z.string().min(1).default('127.0.0.1'),
  API_PORT: port.default(3000),
  /** Public base URL of this API; the national platform calls back to `${PUBLIC_URL}/national/events`. */
  PUBLIC_URL: z.url().optional(),
  /** Secret that signs session tokens; at least 32 characters. */
  AUTH_SECRET: z.string().min(32, 'at least 32 characters').default(DEV_SECRET),
  SESSION_TTL: duration.default('8h'),

  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a postgresql:// URL')
    .default('postgresql://postgres@127.0.0.1:5432/accounting'),

  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).optional(),

  MINIO_ENDPOINT: z.string().min(1).default('127.0.0.1'),
  MINIO_PORT: port.default(9000),
  MINIO_USE_SSL: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  MINIO_ACCESS_KEY: z.string().min(3).default(DEV_MINIO_USER),
  MINIO_SECRET_KEY: z.string().min(8).default(DEV_MINIO_PASSWORD),
  MINIO_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{2,62}$/, 'a valid S3 bucket name').default('materials'),
  /** Prefix of every object key; lets several deployments or test runs share one bucket. */
  STORAGE_PREFIX: z.string().regex(/^([a-z0-9-]+\/)*$/, 'empty, or path segments each ending in /').default(''),

  NATIONAL_URL: z.url().default('http://127.0.0.1:4100'),

  /** A review not done within this is overdue (default 10 working days). */
  REVIEW_DEADLINE: duration.default('10wd'),
  /** A returned request not resubmitted within this expires (default 30 days). */
  CORRECTION_DEADLINE: duration.default('30d'),
  /** A transfer out not answered by the destination within this is flagged overdue and reminded (default 30 days). */
  DESTINATION_DEADLINE: duration.default('30d'),
}).superRefine((env, ctx) => {
  if (env.NODE_ENV !== 'production') return;
  if (env.AUTH_SECRET === DEV_SECRET) ctx.addIssue({ code: 'custom', path: ['AUTH_SECRET'], message: 'must be set in production' });
  if (env.MINIO_SECRET_KEY === DEV_MINIO_PASSWORD) ctx.addIssue({ code: 'custom', path: ['MINIO_SECRET_KEY'], message: 'must be set in production' });
});

export type Env = z.infer<typeof envSchema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new Error(`Invalid configuration / 配置错误:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** The task queue of a deployment: one per province so two provinces can share a Temporal server. */
export function taskQueueOf(env: Pick<Env, 'TEMPORAL_TASK_QUEUE' | 'PROVINCE_CODE'>): string {
  return env.TEMPORAL_TASK_QUEUE ?? `accounting-${env.PROVINCE_CODE}`;
}
