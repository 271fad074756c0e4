import { Client } from 'minio';
import { naming } from './unavailable.ts';

/** Object storage for materials. Keys are always built by the system, never from file names. */
export interface Storage {
  readonly bucket: string;
  put(key: string, bytes: Uint8Array, contentType: string, meta?: Record<string, string>): Promise<void>;
  get(key: string): Promise<Buffer>;
  stat(key: string): Promise<{ size: number; meta: Record<string, string> } | null>;
  remove(key: string): Promise<void>;
  list(prefix: string): Promise<string[]>;
  ensureBucket(): Promise<void>;
  ping(): Promise<void>;
}

export interface StorageConfig {
  endPoint: string;
  port: number;
  useSSL: boolean;
  accessKey: string;
  secretKey: string;
  bucket: string;
  /** Prepended to every key, so deployments and test runs can share a bucket without seeing each other. */
  prefix: string;
}

export function createStorage(cfg: StorageConfig): Storage {
  const client = new Client({
    endPoint: cfg.endPoint,
    port: cfg.port,
    useSSL: cfg.useSSL,
    accessKey: cfg.accessKey,
    secretKey: cfg.secretKey,
  });
  const full = (key: string) => cfg.prefix + key;
  // Every call names MinIO when it is away, so the API can answer 503 instead of failing obscurely.
  const s3 = <T>(fn: () => Promise<T>) => naming('MinIO', fn);
  return {
    bucket: cfg.bucket,
    async put(key, bytes, contentType, meta = {}) {
      const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      await s3(() => client.putObject(cfg.bucket, full(key), buf, buf.length, { 'Content-Type': contentType, ...meta }));
    },
    get(key) {
      return s3(async () => {
        const stream = await client.getObject(cfg.bucket, full(key));
        const chunks: Buffer[] = [];
        for await (const c of stream) chunks.push(c as Buffer);
        return Buffer.concat(chunks);
      });
    },
    async stat(key) {
      try {
        const s = await s3(() => client.statObject(cfg.bucket, full(key)));
        return { size: s.size, meta: s.metaData as Record<string, string> };
      } catch (e) {
        if ((e as { code?: string }).code === 'NotFound' || (e as { code?: string }).code === 'NoSuchKey') return null;
        throw e;
      }
    },
    async remove(key) {
      await s3(() => client.removeObject(cfg.bucket, full(key)));
    },
    async list(prefix) {
      const keys: string[] = [];
      const stream = client.listObjectsV2(cfg.bucket, full(prefix), true);
      for await (const o of stream) if ((o as { name?: string }).name) keys.push((o as { name: string }).name.slice(cfg.prefix.length));
      return keys;
    },
    async ensureBucket() {
      if (!(await client.bucketExists(cfg.bucket))) {
        await client.makeBucket(cfg.bucket).catch((e: { code?: string }) => {
          if (e.code !== 'BucketAlreadyOwnedByYou' && e.code !== 'BucketAlreadyExists') throw e;
        });
      }
    },
    async ping() {
      await client.bucketExists(cfg.bucket);
    },
  };
}
