import { z } from 'zod';

/**
 * Every setting comes from the environment and is checked once, at start.
 * A wrong value stops the process with a message naming the variable.
 */
const duration = z.string().regex(/^\d+(ms|s|m|h|d|wd)$/, 'a number followed by ms, s, m, h, d or wd (working days), e.g. 10wd or 30d');

// Development defaults; production must set its own (checked below).
export const DEV_SECRET = 'development-only-secret-change-me-in-production';
export const DEV_MINIO_USER = 'minioadmin';
export const DEV_MINIO_PASSWORD = 'minioadmin';

const port = z.coerce.number().int().min(1).max(65535);
const count = z.coerce.number().int().min(1).max(1_000_000);
/** A plain duration (no working days): a number followed by ms, s, m, h or d. */
const span = z.string().regex(/^\d+(ms|s|m|h|d)$/, 'a number followed by ms, s, m, h or d, e.g. 15m');

/** Development payload key (id:base64 of 32 bytes); production must configure its own. */
export const DEV_PAYLOAD_KEYS = 'dev-2026:HDzQ2JM/JJ2PlvXQYPmJ0Kvb6Q/aRA3kTV7ebDbW7yo=';
/** Development keys of personal data at rest (ID and mobile numbers) and of their lookup hashes. */
export const DEV_DATA_KEYS = 'dev-data-2026:NDqIyBpWb+wGh6LVYiDotIe0yB6fnF0DU+baE6FL8zY=';
export const DEV_LOOKUP_KEY = 'toB7ORQBZTbcCIiyCF0z56m5GDRrSy9dlLA7Hrqhk9w=';
const keyId = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/);
const keyList = z
  .string()
  .regex(
    /^[A-Za-z0-9_.-]{1,64}:[A-Za-z0-9+/]{43}=(,[A-Za-z0-9_.-]{1,64}:[A-Za-z0-9+/]{43}=)*$/,
    'comma-separated id:key pairs, each key 32 bytes in base64 (e.g. k2026:$(openssl rand -base64 32))',
  );

export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

    /** The provincial-level authority this deployment serves (GB/T 2260), e.g. 110000 Beijing, 130000 Hebei. */
    PROVINCE_CODE: z
      .string()
      .regex(/^\d{2}0000$/, 'a six-digit provincial code ending in 0000')
      .default('110000'),

    API_HOST: z.string().min(1).default('127.0.0.1'),
    API_PORT: port.default(3000),
    /** Public base URL of this API; the national platform calls back to `${PUBLIC_URL}/national/events`. */
    PUBLIC_URL: z.url().optional(),
    /** Secret that signs session tokens; at least 32 characters. */
    AUTH_SECRET: z.string().min(32, 'at least 32 characters').default(DEV_SECRET),
    /** Absolute lifetime of a session from sign-in, however much it is used. */
    SESSION_TTL: duration.default('8h'),
    /** A session not used for this long ends (checked on the server, on every call). */
    SESSION_IDLE_TIMEOUT: span.default('30m'),

    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'a postgresql:// URL')
      .default('postgresql://postgres@127.0.0.1:5432/accounting'),

    TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
    TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    TEMPORAL_TASK_QUEUE: z.string().min(1).optional(),

    /**
     * The worker's slots, pollers and cache (worker/tuning.ts explains each and why its default). Defaults
     * suit two cores running the API, the worker and the engine together.
     */
    WORKER_WORKFLOW_TASK_SLOTS: count.default(40),
    WORKER_ACTIVITY_SLOTS: count.default(100),
    WORKER_LOCAL_ACTIVITY_SLOTS: count.default(100),
    WORKER_CACHED_WORKFLOWS: count.optional(),
    WORKER_WORKFLOW_POLLERS: count.default(10),
    WORKER_ACTIVITY_POLLERS: count.default(10),

    MINIO_ENDPOINT: z.string().min(1).default('127.0.0.1'),
    MINIO_PORT: port.default(9000),
    MINIO_USE_SSL: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
    MINIO_ACCESS_KEY: z.string().min(3).default(DEV_MINIO_USER),
    MINIO_SECRET_KEY: z.string().min(8).default(DEV_MINIO_PASSWORD),
    MINIO_BUCKET: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{2,62}$/, 'a valid S3 bucket name')
      .default('materials'),
    /** Prefix of every object key; lets several deployments or test runs share one bucket. */
    STORAGE_PREFIX: z
      .string()
      .regex(/^([a-z0-9-]+\/)*$/, 'empty, or path segments each ending in /')
      .default(''),

    NATIONAL_URL: z.url().default('http://127.0.0.1:4100'),

    /** The SMTP server notifications are emailed through (Mailpit in development: infra/mailpit.sh). */
    SMTP_HOST: z.string().min(1).default('127.0.0.1'),
    SMTP_PORT: port.default(1025),
    MAIL_FROM: z.string().min(3).default('会计人员信息管理系统 <noreply@accounting.example>'),

    /** A review not done within this is overdue (default 10 working days). */
    REVIEW_DEADLINE: duration.default('10wd'),
    /** A returned request not resubmitted within this expires (default 30 days). */
    CORRECTION_DEADLINE: duration.default('30d'),
    /** A returned request still not resubmitted this long before its correction deadline: the applicant is reminded (default 3 working days). */
    CORRECTION_REMINDER: duration.default('3wd'),
    /**
     * The SMS channel of notifications (returned, approved, completed, correction reminder) to the person's mobile:
     * `off`, or `stand-in` (clients/sms.ts records what it is given; a province plugs in its own gateway there).
     */
    SMS_CHANNEL: z.enum(['off', 'stand-in']).default('off'),
    /** A transfer out not answered by the destination within this is flagged overdue and reminded (default 30 days). */
    DESTINATION_DEADLINE: duration.default('30d'),

    /** Consecutive wrong passwords after which an account is locked, and for how long. */
    LOGIN_MAX_FAILURES: count.default(5),
    LOGIN_LOCKOUT: span.default('15m'),
    /** Sign-in attempts allowed per username and per client address within LOGIN_RATE_WINDOW. */
    LOGIN_RATE_PER_USERNAME: count.default(10),
    LOGIN_RATE_PER_ADDRESS: count.default(30),
    LOGIN_RATE_WINDOW: span.default('1m'),
    /** Behind a reverse proxy: take the client address from X-Forwarded-For. */
    TRUST_PROXY: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),

    /** Largest request body (bytes) of every endpoint but material uploads and the codec endpoint. */
    BODY_LIMIT_BYTES: count.default(256 * 1024),
    /** Largest body of POST /codec/encode and /codec/decode (Temporal payloads can be large). */
    CODEC_BODY_LIMIT_BYTES: count.default(4 * 1024 * 1024),

    /** Keys encrypting Temporal payloads (AES-256-GCM): `id:base64key,...`; old ids stay to decrypt old histories. */
    PAYLOAD_KEYS: keyList.default(DEV_PAYLOAD_KEYS),
    /** The key id new payloads are encrypted with; defaults to the first of PAYLOAD_KEYS. */
    PAYLOAD_KEY_ID: keyId.optional(),
    /**
     * Keys encrypting ID and mobile numbers in the database (AES-256-GCM): `id:base64key,...`. Every
     * sealed value names its key, so old ids stay configured as long as values sealed with them exist.
     */
    DATA_KEYS: keyList.default(DEV_DATA_KEYS),
    /** The key id new values are sealed with; defaults to the first of DATA_KEYS. */
    DATA_KEY_ID: keyId.optional(),
    /**
     * Key of the keyed hashes (HMAC-SHA256) that find a person by ID number and keep it unique, 32 bytes
     * in base64. Changing it means recomputing every hash (the numbers are opened with DATA_KEYS).
     */
    LOOKUP_KEY: z
      .string()
      .regex(/^[A-Za-z0-9+/]{43}=$/, '32 bytes in base64 (e.g. $(openssl rand -base64 32))')
      .default(DEV_LOOKUP_KEY),
    /** Origins (the Temporal Web UI) allowed to call the codec endpoint from a browser. */
    CODEC_CORS_ORIGINS: z.string().default('http://127.0.0.1:8233,http://localhost:8233'),
  })
  .superRefine((env, ctx) => {
    for (const [list, current] of [
      ['PAYLOAD_KEYS', 'PAYLOAD_KEY_ID'],
      ['DATA_KEYS', 'DATA_KEY_ID'],
    ] as const) {
      const keyIds = env[list].split(',').map((k) => k.split(':')[0]);
      if (new Set(keyIds).size !== keyIds.length) ctx.addIssue({ code: 'custom', path: [list], message: 'each key id may appear once' });
      const id = env[current];
      if (id && !keyIds.includes(id)) ctx.addIssue({ code: 'custom', path: [current], message: `must be one of the ids in ${list}` });
    }
    if (env.NODE_ENV !== 'production') return;
    if (env.PAYLOAD_KEYS.split(',').includes(DEV_PAYLOAD_KEYS))
      ctx.addIssue({ code: 'custom', path: ['PAYLOAD_KEYS'], message: 'must be set in production' });
    if (env.DATA_KEYS.split(',').includes(DEV_DATA_KEYS))
      ctx.addIssue({ code: 'custom', path: ['DATA_KEYS'], message: 'must be set in production' });
    if (env.LOOKUP_KEY === DEV_LOOKUP_KEY) ctx.addIssue({ code: 'custom', path: ['LOOKUP_KEY'], message: 'must be set in production' });
    if (env.AUTH_SECRET === DEV_SECRET) ctx.addIssue({ code: 'custom', path: ['AUTH_SECRET'], message: 'must be set in production' });
    if (env.MINIO_SECRET_KEY === DEV_MINIO_PASSWORD)
      ctx.addIssue({ code: 'custom', path: ['MINIO_SECRET_KEY'], message: 'must be set in production' });
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
