import type { Env } from '../config/env.ts';
import { createStorage } from './storage.ts';

export function storageFromEnv(env: Env) {
  return createStorage({
    endPoint: env.MINIO_ENDPOINT,
    port: env.MINIO_PORT,
    useSSL: env.MINIO_USE_SSL,
    accessKey: env.MINIO_ACCESS_KEY,
    secretKey: env.MINIO_SECRET_KEY,
    bucket: env.MINIO_BUCKET,
    prefix: env.STORAGE_PREFIX,
  });
}
