/** What tools/backup.ts writes and tools/restore.ts reads: a folder with a dump, the objects and a manifest. */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Client } from 'minio';

export const MANIFEST = 'manifest.json';
export const DUMP_FILE = 'database.dump';
export const OBJECTS_DIR = 'objects';
export const FORMAT = 'accounting-personnel-backup';
export const FORMAT_VERSION = 1;

export interface ManifestObject {
  /** Key relative to the deployment's prefix; also the file's path under objects/. */
  key: string;
  size: number;
  sha256: string;
  contentType: string;
  /** User metadata (x-amz-meta-*), restored with the object. */
  metadata: Record<string, string>;
}

export interface Manifest {
  format: typeof FORMAT;
  formatVersion: typeof FORMAT_VERSION;
  startedAt: string;
  finishedAt: string;
  versions: {
    app: string;
    node: string;
    pgDump: string;
    postgresServer: string;
    /** The newest migration applied to the dumped database (_prisma_migrations). */
    latestMigration: string | null;
  };
  database: {
    /** The source, without its password. */
    source: string;
    file: typeof DUMP_FILE;
    format: 'custom';
    bytes: number;
    sha256: string;
  };
  storage: {
    endpoint: string;
    bucket: string;
    prefix: string;
    objectCount: number;
    totalBytes: number;
    objects: ManifestObject[];
  };
}

export function sha256File(path: string): Promise<{ sha256: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    let bytes = 0;
    createReadStream(path)
      .on('data', (c) => {
        hash.update(c);
        bytes += (c as Buffer).length;
      })
      .on('error', reject)
      .on('end', () => resolve({ sha256: hash.digest('hex'), bytes }));
  });
}

export const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

// Query parameters Prisma understands but libpq (pg_dump, pg_restore) refuses.
const PRISMA_ONLY_PARAMS = [
  'schema',
  'connection_limit',
  'pool_timeout',
  'socket_timeout',
  'pgbouncer',
  'statement_cache_size',
  'sslaccept',
  'sslidentity',
  'sslpassword',
];

/** A URL libpq accepts, with the password moved to PGPASSWORD so that it never shows in a process list. */
export function libpqTarget(databaseUrl: string): { url: string; env: Record<string, string>; display: string; name: string } {
  const url = new URL(databaseUrl);
  for (const p of PRISMA_ONLY_PARAMS) url.searchParams.delete(p);
  const env: Record<string, string> = {};
  if (url.password) env.PGPASSWORD = decodeURIComponent(url.password);
  url.password = '';
  return { url: url.toString(), env, display: url.toString(), name: decodeURIComponent(url.pathname.slice(1)) };
}

/** Runs a command; resolves with its stdout, rejects with its stderr. */
export function run(command: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('error', (e) => reject(new Error(`${command}: ${e.message}`)));
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${command} exited ${code}: ${err.trim().slice(-2000)}`))));
  });
}

export interface MinioSettings {
  endPoint: string;
  port: number;
  useSSL: boolean;
  accessKey: string;
  secretKey: string;
}

export const minioClient = (s: MinioSettings) => new Client(s);

/** Keys are made by the system, but a folder must never be written outside itself. */
export function assertSafeKey(key: string): void {
  if (!key || key.startsWith('/') || key.split('/').some((s) => s === '..' || s === '.' || s === '')) {
    throw new Error(`object key cannot be stored as a file safely: ${JSON.stringify(key)}`);
  }
}

export function normalizePrefix(prefix: string): string {
  if (!prefix) return '';
  const p = prefix.endsWith('/') ? prefix : `${prefix}/`;
  if (!/^([a-z0-9-]+\/)*$/.test(p)) throw new Error(`prefix must be path segments of a-z, 0-9 and -, e.g. restored-2026/: ${prefix}`);
  return p;
}

/** Runs fn over items, at most `limit` at a time. */
export async function eachLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}
