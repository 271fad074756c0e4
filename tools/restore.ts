/**
 * Restores a backup made by tools/backup.ts into a fresh database and a bucket/prefix, verifying every
 * checksum: the backup's files before anything is changed, the restored objects after.
 *
 *   npx tsx tools/restore.ts <folder> --database-url URL --bucket B [--prefix P] [--force]
 *
 * The database is created when missing. A database that already holds tables, or a prefix that already
 * holds objects, is refused unless --force (which replaces what the backup contains and keeps the rest).
 * MinIO is reached with MINIO_ENDPOINT, MINIO_PORT, MINIO_USE_SSL, MINIO_ACCESS_KEY, MINIO_SECRET_KEY.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadEnv } from '../config/env.ts';
import { ensureDatabase } from '../prisma/migrations-runner.ts';
import {
  DUMP_FILE,
  FORMAT,
  FORMAT_VERSION,
  MANIFEST,
  OBJECTS_DIR,
  assertSafeKey,
  eachLimit,
  libpqTarget,
  minioClient,
  normalizePrefix,
  run,
  sha256,
  sha256File,
  type Manifest,
  type MinioSettings,
} from './lib/backup-format.ts';

export interface RestoreOptions {
  folder: string;
  databaseUrl: string;
  minio: MinioSettings;
  bucket: string;
  prefix: string;
  force?: boolean;
  log?: (line: string) => void;
}

export interface RestoreReport {
  databaseCreated: boolean;
  objects: number;
  bytes: number;
  /** Object keys named by rows of the restored database (columns "objectKey"), all found among the restored objects. */
  referencedKeys: number;
}

export async function readManifest(folder: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(join(folder, MANIFEST), 'utf8');
  } catch {
    throw new Error(`${folder} has no ${MANIFEST}: not a backup, or an unfinished one`);
  }
  const m = JSON.parse(text) as Manifest;
  if (m.format !== FORMAT || m.formatVersion !== FORMAT_VERSION) {
    throw new Error(`${folder}: not a backup of this system's format ${FORMAT} v${FORMAT_VERSION}`);
  }
  return m;
}

/** Every file of the backup against the manifest; returns what is wrong (empty when all is well). */
export async function verifyBackup(folder: string, m: Manifest): Promise<string[]> {
  const problems: string[] = [];
  const dump = await sha256File(join(folder, DUMP_FILE)).catch(() => null);
  if (!dump) problems.push(`${DUMP_FILE} is missing`);
  else if (dump.sha256 !== m.database.sha256 || dump.bytes !== m.database.bytes)
    problems.push(`${DUMP_FILE}: checksum does not match the manifest`);
  await eachLimit(m.storage.objects, 16, async (o) => {
    assertSafeKey(o.key);
    const got = await sha256File(join(folder, OBJECTS_DIR, o.key)).catch(() => null);
    if (!got) problems.push(`${OBJECTS_DIR}/${o.key} is missing`);
    else if (got.sha256 !== o.sha256 || got.bytes !== o.size)
      problems.push(`${OBJECTS_DIR}/${o.key}: checksum does not match the manifest`);
  });
  return problems.sort();
}

export async function restore(o: RestoreOptions): Promise<RestoreReport> {
  const log = o.log ?? (() => {});
  const prefix = normalizePrefix(o.prefix);
  const m = await readManifest(o.folder);

  log(`verifying the backup taken ${m.finishedAt} (${m.storage.objectCount} objects)`);
  const damaged = await verifyBackup(o.folder, m);
  if (damaged.length) {
    throw new Error(
      `the backup is damaged; nothing was restored:\n  ${damaged.slice(0, 20).join('\n  ')}${damaged.length > 20 ? `\n  … and ${damaged.length - 20} more` : ''}`,
    );
  }

  // Both targets are checked before either is changed.
  const target = libpqTarget(o.databaseUrl);
  const existed = await databaseExists(o.databaseUrl);
  const relations = existed ? await relationCount(o.databaseUrl) : 0;
  if (relations > 0 && !o.force) {
    throw new Error(
      `database ${target.name} is not empty (${relations} tables, sequences or views); restore into a fresh database, or pass --force to replace what the backup contains`,
    );
  }
  const client = minioClient(o.minio);
  const bucketExists = await client.bucketExists(o.bucket);
  if (bucketExists && !o.force) {
    for await (const obj of client.listObjectsV2(o.bucket, prefix, true)) {
      if ((obj as { name?: string }).name) {
        throw new Error(`${o.bucket}/${prefix} already holds objects; restore into a fresh prefix, or pass --force to overwrite`);
      }
    }
  }

  if (!existed) await ensureDatabase(o.databaseUrl);
  log(`restoring the database into ${target.display}`);
  await run(
    'pg_restore',
    [
      '--no-owner',
      '--no-privileges',
      '--exit-on-error',
      '--single-transaction',
      ...(o.force ? ['--clean', '--if-exists'] : []),
      `--dbname=${target.url}`,
      join(o.folder, DUMP_FILE),
    ],
    target.env,
  );

  if (!bucketExists) {
    await client.makeBucket(o.bucket).catch((e: { code?: string }) => {
      if (e.code !== 'BucketAlreadyOwnedByYou' && e.code !== 'BucketAlreadyExists') throw e;
    });
  }
  log(`restoring ${m.storage.objectCount} objects into ${o.bucket}/${prefix}`);
  await eachLimit(m.storage.objects, 8, async (obj) => {
    const bytes = await readFile(join(o.folder, OBJECTS_DIR, obj.key));
    // Checked again as read: the file may have changed since it was verified.
    if (sha256(bytes) !== obj.sha256) throw new Error(`${OBJECTS_DIR}/${obj.key} changed during the restore`);
    const meta = Object.fromEntries(Object.entries(obj.metadata).map(([k, v]) => [`x-amz-meta-${k}`, v]));
    await client.putObject(o.bucket, prefix + obj.key, bytes, bytes.length, { 'Content-Type': obj.contentType, ...meta });
  });

  log('verifying the restored objects');
  const wrong: string[] = [];
  await eachLimit(m.storage.objects, 8, async (obj) => {
    const chunks: Buffer[] = [];
    for await (const c of await client.getObject(o.bucket, prefix + obj.key)) chunks.push(c as Buffer);
    if (sha256(Buffer.concat(chunks)) !== obj.sha256) wrong.push(obj.key);
  });
  if (wrong.length) throw new Error(`restored objects differ from the backup: ${wrong.slice(0, 10).join(', ')}`);

  const restoredKeys = new Set(m.storage.objects.map((x) => x.key));
  const referenced = await referencedObjectKeys(o.databaseUrl);
  const missing = referenced.filter((k) => !restoredKeys.has(k));
  if (missing.length) {
    throw new Error(`${missing.length} objects named by the database are not in the backup, e.g. ${missing.slice(0, 5).join(', ')}`);
  }
  return {
    databaseCreated: !existed,
    objects: m.storage.objectCount,
    bytes: m.storage.totalBytes,
    referencedKeys: referenced.length,
  };
}

async function adminQuery<T extends pg.QueryResultRow>(databaseUrl: string, database: string | null, sql: string, params: unknown[] = []) {
  const url = new URL(libpqTarget(databaseUrl).url);
  if (database !== null) url.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: url.toString(), password: libpqTarget(databaseUrl).env.PGPASSWORD });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

async function databaseExists(databaseUrl: string): Promise<boolean> {
  const rows = await adminQuery(databaseUrl, 'postgres', 'SELECT 1 FROM pg_database WHERE datname = $1', [libpqTarget(databaseUrl).name]);
  return rows.length > 0;
}

async function relationCount(databaseUrl: string): Promise<number> {
  const rows = await adminQuery<{ n: number }>(
    databaseUrl,
    null,
    `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'`,
  );
  return rows[0]!.n;
}

/** Every value of every column named objectKey: the objects the restored rows depend on. */
async function referencedObjectKeys(databaseUrl: string): Promise<string[]> {
  const cols = await adminQuery<{ schema: string; table: string }>(
    databaseUrl,
    null,
    `SELECT table_schema AS schema, table_name AS table FROM information_schema.columns
     WHERE column_name = 'objectKey' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
  );
  const keys = new Set<string>();
  for (const { schema, table } of cols) {
    const q = `SELECT DISTINCT "objectKey" AS k FROM "${schema.replaceAll('"', '""')}"."${table.replaceAll('"', '""')}" WHERE "objectKey" IS NOT NULL`;
    for (const r of await adminQuery<{ k: string }>(databaseUrl, null, q)) keys.add(r.k);
  }
  return [...keys].sort();
}

const USAGE = 'usage: npx tsx tools/restore.ts <folder> --database-url URL --bucket B [--prefix P] [--force]';

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'database-url': { type: 'string' },
      bucket: { type: 'string' },
      prefix: { type: 'string' },
      force: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals.length !== 1 || !values['database-url'] || !values.bucket) {
    console.error(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  try {
    const env = loadEnv();
    const r = await restore({
      folder: positionals[0]!,
      databaseUrl: values['database-url'],
      minio: {
        endPoint: env.MINIO_ENDPOINT,
        port: env.MINIO_PORT,
        useSSL: env.MINIO_USE_SSL,
        accessKey: env.MINIO_ACCESS_KEY,
        secretKey: env.MINIO_SECRET_KEY,
      },
      bucket: values.bucket,
      prefix: values.prefix ?? '',
      force: values.force,
      log: (l) => console.error(l),
    });
    console.log(
      `restored: database ${libpqTarget(values['database-url']).display}${r.databaseCreated ? ' (created)' : ''}; ` +
        `${r.objects} objects (${r.bytes} bytes) into ${values.bucket}/${normalizePrefix(values.prefix ?? '')}; ` +
        `every checksum verified; all ${r.referencedKeys} objects the database names are present`,
    );
  } catch (e) {
    console.error(`restore failed: ${(e as Error).message}`);
    process.exit(1);
  }
}
