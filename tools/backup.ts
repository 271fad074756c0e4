/**
 * Backs up a deployment: PostgreSQL (pg_dump, custom format) and every MinIO object under the
 * deployment's bucket and prefix, into a folder with a manifest of checksums and versions.
 *
 *   npx tsx tools/backup.ts <folder> [--database-url URL] [--bucket B] [--prefix P]
 *
 * Defaults come from the same environment the API and the worker read (DATABASE_URL, MINIO_*,
 * STORAGE_PREFIX). Restore with tools/restore.ts.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, readFileSync } from 'node:fs';
import { mkdir, readdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadEnv } from '../config/env.ts';
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
  sha256File,
  type Manifest,
  type ManifestObject,
  type MinioSettings,
} from './lib/backup-format.ts';

export interface BackupOptions {
  folder: string;
  databaseUrl: string;
  minio: MinioSettings;
  bucket: string;
  prefix: string;
  log?: (line: string) => void;
}

// Headers S3 keeps as such; everything else in statObject's metaData is user metadata (x-amz-meta-*).
const STANDARD_HEADERS = new Set([
  'content-type',
  'cache-control',
  'content-disposition',
  'content-encoding',
  'content-language',
  'expires',
]);

export async function backup(o: BackupOptions): Promise<Manifest> {
  const log = o.log ?? (() => {});
  const startedAt = new Date();
  const prefix = normalizePrefix(o.prefix);
  await mkdir(o.folder, { recursive: true });
  if ((await readdir(o.folder)).length) throw new Error(`${o.folder} is not empty; back up into a new folder`);

  const target = libpqTarget(o.databaseUrl);
  const pgDump = (await run('pg_dump', ['--version'])).trim();
  const { server, latestMigration } = await databaseFacts(o.databaseUrl);

  // The database first, then the objects: the API stores an object before the row that names it,
  // so every object a row of the dump refers to already exists when the objects are copied.
  log(`dumping ${target.display}`);
  const dumpPath = join(o.folder, DUMP_FILE);
  await run('pg_dump', ['--format=custom', `--file=${dumpPath}`, `--dbname=${target.url}`], target.env);
  const dump = await sha256File(dumpPath);

  const client = minioClient(o.minio);
  const listed: { name: string; size: number }[] = [];
  if (await client.bucketExists(o.bucket)) {
    for await (const obj of client.listObjectsV2(o.bucket, prefix, true)) {
      const { name, size } = obj as { name?: string; size: number };
      if (name) listed.push({ name, size });
    }
  }
  log(`copying ${listed.length} objects from ${o.bucket}/${prefix}`);
  const objects: ManifestObject[] = [];
  await eachLimit(listed, 8, async ({ name }) => {
    const key = name.slice(prefix.length);
    assertSafeKey(key);
    const file = join(o.folder, OBJECTS_DIR, key);
    await mkdir(dirname(file), { recursive: true });
    const stat = await client.statObject(o.bucket, name);
    const hash = createHash('sha256');
    let size = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    // Written under a temporary name, so a file under its real name is always whole.
    await pipeline(await client.getObject(o.bucket, name), tap, createWriteStream(`${file}.part`));
    await rename(`${file}.part`, file);
    const meta = (stat.metaData ?? {}) as Record<string, string>;
    objects.push({
      key,
      size,
      sha256: hash.digest('hex'),
      contentType: meta['content-type'] ?? 'application/octet-stream',
      metadata: Object.fromEntries(Object.entries(meta).filter(([k]) => !STANDARD_HEADERS.has(k.toLowerCase()))),
    });
  });
  objects.sort((a, b) => a.key.localeCompare(b.key));

  const manifest: Manifest = {
    format: FORMAT,
    formatVersion: FORMAT_VERSION,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    versions: { app: appVersion(), node: process.version, pgDump, postgresServer: server, latestMigration },
    database: { source: target.display, file: DUMP_FILE, format: 'custom', bytes: dump.bytes, sha256: dump.sha256 },
    storage: {
      endpoint: `${o.minio.useSSL ? 'https' : 'http'}://${o.minio.endPoint}:${o.minio.port}`,
      bucket: o.bucket,
      prefix,
      objectCount: objects.length,
      totalBytes: objects.reduce((n, x) => n + x.size, 0),
      objects,
    },
  };
  // The manifest is written last: a folder without one is an unfinished backup, and restore refuses it.
  await writeFile(join(o.folder, `${MANIFEST}.part`), JSON.stringify(manifest, null, 2));
  await rename(join(o.folder, `${MANIFEST}.part`), join(o.folder, MANIFEST));
  return manifest;
}

async function databaseFacts(databaseUrl: string): Promise<{ server: string; latestMigration: string | null }> {
  const target = libpqTarget(databaseUrl);
  const client = new pg.Client({ connectionString: target.url, password: target.env.PGPASSWORD });
  await client.connect();
  try {
    const server = (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v;
    const ledger = await client
      .query<{ name: string }>(
        'SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name DESC LIMIT 1',
      )
      .catch(() => ({ rows: [] as { name: string }[] }));
    return { server, latestMigration: ledger.rows[0]?.name ?? null };
  } finally {
    await client.end();
  }
}

function appVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

const USAGE = 'usage: npx tsx tools/backup.ts <folder> [--database-url URL] [--bucket B] [--prefix P]';

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'database-url': { type: 'string' },
      bucket: { type: 'string' },
      prefix: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals.length !== 1) {
    console.error(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  try {
    const env = loadEnv();
    const m = await backup({
      folder: positionals[0]!,
      databaseUrl: values['database-url'] ?? env.DATABASE_URL,
      minio: {
        endPoint: env.MINIO_ENDPOINT,
        port: env.MINIO_PORT,
        useSSL: env.MINIO_USE_SSL,
        accessKey: env.MINIO_ACCESS_KEY,
        secretKey: env.MINIO_SECRET_KEY,
      },
      bucket: values.bucket ?? env.MINIO_BUCKET,
      prefix: values.prefix ?? env.STORAGE_PREFIX,
      log: (l) => console.error(l),
    });
    console.log(
      `backup written to ${positionals[0]}: database ${m.database.bytes} bytes (sha256 ${m.database.sha256.slice(0, 12)}…), ` +
        `${m.storage.objectCount} objects, ${m.storage.totalBytes} bytes from ${m.storage.bucket}/${m.storage.prefix}`,
    );
  } catch (e) {
    console.error(`backup failed: ${(e as Error).message}`);
    process.exit(1);
  }
}
