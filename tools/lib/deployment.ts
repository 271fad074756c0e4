/**
 * A whole deployment for benchmarks and operations tests: its own database, bucket prefix, task queue
 * and national-platform stand-in, with the worker and the API as child processes (so they can be
 * killed, restarted and measured), and optionally a private Temporal dev server and a private MinIO
 * that can be restarted without disturbing the developer's own services.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Connection } from '@temporalio/client';
import { SearchAttributeType } from '@temporalio/common';
import { createStorage, type Storage } from '../../clients/storage.ts';
import { applyMigrations, dropDatabase, withServer } from '../../prisma/migrations-runner.ts';
import { freePort, sleep, waitUntil } from './net.ts';

export { freePort, sleep, waitUntil };
import * as searchAttributes from '../../workflows/search-attributes.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const LOG_DIR = join(ROOT, '.data/logs');
export const TEMPORAL_BIN = process.env.TEMPORAL_BIN ?? join(ROOT, '.data/bin/temporal');
export const MINIO_BIN = process.env.MINIO_BIN ?? join(ROOT, '.data/bin/minio');

export interface MinioEndpoint {
  endPoint: string;
  port: number;
  accessKey: string;
  secretKey: string;
}

export interface Deployment {
  id: string;
  provinceCode: string;
  databaseUrl: string;
  nationalDatabaseUrl: string;
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  minio: MinioEndpoint;
  bucket: string;
  storagePrefix: string;
  /** Set by startNational, or given when the deployment shares an existing stand-in. */
  nationalUrl: string;
}

export const defaultMinio = (): MinioEndpoint => ({
  endPoint: '127.0.0.1',
  port: Number(process.env.MINIO_PORT ?? 9000),
  accessKey: process.env.MINIO_ACCESS_KEY ?? 'minioadmin',
  secretKey: process.env.MINIO_SECRET_KEY ?? 'minioadmin',
});

/** Names everything a deployment owns from one fresh id, so runs never see each other's data. */
export function newDeployment(label: string, overrides: Partial<Deployment> = {}): Deployment {
  const id = `${label}${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  return {
    id,
    provinceCode: '110000',
    databaseUrl: `postgresql://postgres@127.0.0.1:5432/acct_${id}`,
    nationalDatabaseUrl: `postgresql://postgres@127.0.0.1:5432/national_${id}`,
    temporalAddress: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    namespace: 'default',
    taskQueue: `q-${id}`,
    minio: defaultMinio(),
    bucket: 'bench-runs',
    storagePrefix: `${id}/`,
    nationalUrl: '',
    ...overrides,
  };
}

/** The environment the API and the worker read (config/env.ts). */
export function envOf(d: Deployment, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    PROVINCE_CODE: d.provinceCode,
    DATABASE_URL: d.databaseUrl,
    TEMPORAL_ADDRESS: d.temporalAddress,
    TEMPORAL_NAMESPACE: d.namespace,
    TEMPORAL_TASK_QUEUE: d.taskQueue,
    MINIO_ENDPOINT: d.minio.endPoint,
    MINIO_PORT: String(d.minio.port),
    MINIO_ACCESS_KEY: d.minio.accessKey,
    MINIO_SECRET_KEY: d.minio.secretKey,
    MINIO_BUCKET: d.bucket,
    STORAGE_PREFIX: d.storagePrefix,
    NATIONAL_URL: d.nationalUrl,
    ...extra,
  };
}

export function storageOf(d: Deployment): Storage {
  return createStorage({ ...d.minio, useSSL: false, bucket: d.bucket, prefix: d.storagePrefix });
}

export async function prepareDeployment(d: Deployment): Promise<void> {
  await applyMigrations(d.databaseUrl);
  await storageOf(d).ensureBucket();
}

/** Drops the deployment's databases and removes its objects. */
export async function removeDeployment(d: Deployment, opts: { keepNationalDatabase?: boolean } = {}): Promise<void> {
  await dropDatabase(d.databaseUrl).catch(() => {});
  if (!opts.keepNationalDatabase) await dropDatabase(d.nationalDatabaseUrl).catch(() => {});
  const storage = storageOf(d);
  const keys = await storage.list('').catch(() => [] as string[]);
  for (let i = 0; i < keys.length; i += 16) await Promise.all(keys.slice(i, i + 16).map((k) => storage.remove(k)));
}

/** Kills every session of a database but the caller's: the "dropped connections" fault. */
export async function dropConnections(databaseUrl: string): Promise<number> {
  return withServer(databaseUrl, async (admin, name) => {
    const res = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [
      name,
    ]);
    return res.rowCount ?? 0;
  });
}

// --- child processes ---

export interface ServiceSpec {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
  /** Answers true once the process serves. */
  ready?: () => Promise<boolean>;
  /** Or: ready once a line of its output matches. */
  readyLine?: RegExp;
  readyTimeoutMs?: number;
  logFile: string;
  /**
   * Starts again this many times when the process exits because a port it chose itself was taken between its
   * choosing and binding it (the Temporal dev server picks its history and matching ports from the ephemeral
   * range, where any outgoing connection on the machine may land first).
   */
  retriesOnAddressInUse?: number;
}

/** A child process that can be started, stopped, SIGKILLed and restarted, and whose memory can be read. */
export class Service {
  child: ChildProcess | undefined;
  private log: WriteStream;
  /** Highest RSS seen by sample(), in bytes, across restarts. */
  peakRss = 0;

  constructor(readonly spec: ServiceSpec) {
    mkdirSync(join(spec.logFile, '..'), { recursive: true });
    this.log = createWriteStream(spec.logFile, { flags: 'a' });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(): Promise<this> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.startOnce();
      } catch (e) {
        if (attempt >= (this.spec.retriesOnAddressInUse ?? 0) || !/address already in use/.test((e as Error).message)) throw e;
        this.log.write(`--- ${this.spec.name}: a port was taken while it started; starting again\n`);
      }
    }
  }

  private async startOnce(): Promise<this> {
    const { spec } = this;
    const child = spawn(spec.command, spec.args, {
      cwd: ROOT,
      env: { ...process.env, ...spec.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let sawLine = false;
    let tail = '';
    const onData = (chunk: Buffer) => {
      this.log.write(chunk);
      tail = (tail + chunk.toString()).slice(-4000);
      if (spec.readyLine?.test(tail)) sawLine = true;
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    const exited = () => child.exitCode !== null || child.signalCode !== null;
    try {
      await waitUntil(
        async () => {
          if (exited()) throw new Error('exited');
          return spec.readyLine ? sawLine : spec.ready ? spec.ready() : true;
        },
        spec.name,
        spec.readyTimeoutMs ?? 90_000,
        100,
      );
    } catch (e) {
      if (!exited()) child.kill('SIGKILL');
      throw new Error(
        `${spec.name} did not start (${exited() ? `exited ${child.exitCode ?? child.signalCode}` : (e as Error).message}); see ${spec.logFile}\n${tail.slice(-1500)}`,
      );
    }
    if (exited()) throw new Error(`${spec.name} exited at start; see ${spec.logFile}\n${tail.slice(-1500)}`);
    return this;
  }

  /** Stops gracefully, then forcefully after timeoutMs. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 15_000): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await done;
    clearTimeout(timer);
  }

  kill9(): Promise<void> {
    return this.stop('SIGKILL');
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** Current resident set size in bytes (Linux /proc), also folded into peakRss. */
  sample(): number {
    const pid = this.pid;
    if (!pid || !this.running) return 0;
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      const rss = m ? Number(m[1]) * 1024 : 0;
      if (rss > this.peakRss) this.peakRss = rss;
      return rss;
    } catch {
      return 0;
    }
  }

  /** The kernel's own high-water mark of RSS for the current process (VmHWM), in bytes. */
  highWaterRss(): number {
    const pid = this.pid;
    if (!pid || !this.running) return 0;
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return m ? Number(m[1]) * 1024 : 0;
    } catch {
      return 0;
    }
  }

  close(): void {
    this.log.end();
  }
}

/** Node's arguments for a TypeScript entry point, after any of Node's own flags (e.g. `--cpu-prof`). */
const tsxArgs = (entry: string, nodeArgs: string[] = []) => [...nodeArgs, '--import', 'tsx', entry];
const logFileOf = (d: Deployment, name: string) => join(LOG_DIR, `${d.id}-${name}.log`);

/** The national-platform stand-in on the deployment's own database. */
export async function startNational(d: Deployment, opts: { port?: number } = {}): Promise<Service> {
  const port = opts.port ?? (await freePort());
  d.nationalUrl = `http://127.0.0.1:${port}`;
  return new Service({
    name: 'national stand-in',
    command: process.execPath,
    args: tsxArgs('infra/national/main.ts'),
    env: { NATIONAL_PORT: String(port), NATIONAL_DATABASE_URL: d.nationalDatabaseUrl, LOG_LEVEL: 'warn', NATIONAL_DELIVERY_POLL_MS: '500' },
    ready: async () => (await fetch(`${d.nationalUrl}/healthz`)).ok,
    logFile: logFileOf(d, 'national'),
  }).start();
}

/** The project's worker entry point (worker/main.ts), or another entry, as a child process. */
export function workerService(
  d: Deployment,
  opts: { entry?: string; env?: Record<string, string>; name?: string; nodeArgs?: string[] } = {},
): Service {
  return new Service({
    name: opts.name ?? 'worker',
    command: process.execPath,
    args: tsxArgs(opts.entry ?? 'worker/main.ts', opts.nodeArgs),
    env: envOf(d, { LOG_LEVEL: 'info', ...opts.env }),
    readyLine: /worker started/,
    readyTimeoutMs: 120_000,
    logFile: logFileOf(d, opts.name ?? 'worker'),
  });
}

/** The project's API (api/main.ts) as a child process on its own port. */
export async function apiService(
  d: Deployment,
  opts: { port?: number; env?: Record<string, string>; nodeArgs?: string[] } = {},
): Promise<{ service: Service; url: string }> {
  const port = opts.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const service = new Service({
    name: 'api',
    command: process.execPath,
    args: tsxArgs('api/main.ts', opts.nodeArgs),
    env: envOf(d, { API_HOST: '127.0.0.1', API_PORT: String(port), PUBLIC_URL: url, ...opts.env }),
    ready: async () => (await fetch(`${url}/readyz`)).ok,
    logFile: logFileOf(d, 'api'),
  });
  return { service, url };
}

// --- private servers ---

const CLI_TYPES: Record<string, string> = {
  [SearchAttributeType.KEYWORD]: 'Keyword',
  [SearchAttributeType.BOOL]: 'Bool',
  [SearchAttributeType.TEXT]: 'Text',
  [SearchAttributeType.INT]: 'Int',
  [SearchAttributeType.DOUBLE]: 'Double',
  [SearchAttributeType.DATETIME]: 'Datetime',
  [SearchAttributeType.KEYWORD_LIST]: 'KeywordList',
};

/** `--search-attribute Name=Type` for every key the workflows use (the same list infra/temporal.sh registers). */
export function searchAttributeArgs(): string[] {
  return Object.values(searchAttributes).flatMap((k) => ['--search-attribute', `${k.name}=${CLI_TYPES[k.type]}`]);
}

/**
 * The dev server's SQLite settings (infra/temporal-sqlite-pragmas, also read by infra/temporal.sh): WAL with
 * synchronous=normal commits without an fsync per transaction and still loses nothing when the server
 * process is killed (test/foundation/temporal-restart.test.ts kills it with SIGKILL).
 */
export function sqlitePragmaArgs(): string[] {
  return readFileSync(join(ROOT, 'infra/temporal-sqlite-pragmas'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .flatMap((p) => ['--sqlite-pragma', p]);
}

/** A private Temporal dev server on its own ports and database file; restartable, keeping its workflows. */
export async function privateTemporal(dir: string, extraArgs: string[] = []): Promise<{ service: Service; address: string }> {
  if (!existsSync(TEMPORAL_BIN)) throw new Error(`no Temporal CLI at ${TEMPORAL_BIN}; run bash infra/services.sh once`);
  mkdirSync(dir, { recursive: true });
  const [port, ui, http, metrics] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const address = `127.0.0.1:${port}`;
  const service = new Service({
    name: 'private Temporal dev server',
    command: TEMPORAL_BIN,
    args: [
      'server',
      'start-dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--ui-port',
      String(ui),
      '--headless',
      '--http-port',
      String(http),
      '--metrics-port',
      String(metrics),
      '--db-filename',
      join(dir, 'temporal.db'),
      '--log-level',
      'error',
      ...searchAttributeArgs(),
      ...sqlitePragmaArgs(),
      ...extraArgs,
    ],
    ready: async () => {
      const c = await Connection.connect({ address, connectTimeout: '1s' });
      try {
        await c.healthService.check({});
      } finally {
        await c.close();
      }
      return true;
    },
    readyTimeoutMs: 120_000,
    logFile: join(dir, 'temporal.log'),
    retriesOnAddressInUse: 3,
  });
  return { service, address };
}

/** A private MinIO on its own ports and data folder; restartable, keeping its objects. */
export async function privateMinio(dir: string): Promise<{ service: Service; endpoint: MinioEndpoint }> {
  if (!existsSync(MINIO_BIN)) throw new Error(`no MinIO server at ${MINIO_BIN}; run bash infra/services.sh once`);
  mkdirSync(join(dir, 'data'), { recursive: true });
  const [port, consolePort] = [await freePort(), await freePort()];
  const endpoint: MinioEndpoint = { endPoint: '127.0.0.1', port, accessKey: 'minioadmin', secretKey: 'minioadmin' };
  const service = new Service({
    name: 'private MinIO',
    command: MINIO_BIN,
    args: ['server', join(dir, 'data'), '--quiet', '--address', `127.0.0.1:${port}`, '--console-address', `127.0.0.1:${consolePort}`],
    env: { MINIO_ROOT_USER: endpoint.accessKey, MINIO_ROOT_PASSWORD: endpoint.secretKey, MINIO_BROWSER: 'off' },
    ready: async () => (await fetch(`http://127.0.0.1:${port}/minio/health/ready`)).ok,
    logFile: join(dir, 'minio.log'),
  });
  return { service, endpoint };
}
