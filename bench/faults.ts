/**
 * Fault suite: with hundreds of collection requests in flight, one fault at a time, then the checks that
 * nothing was lost, nothing uploaded twice to the national platform, and every request is in its right state.
 *
 *   npx tsx bench/faults.ts [--requests 200] [--concurrency 24] [--only none,worker-kill,temporal-restart,...] [--smoke] [--keep]
 *
 * --engine server: the same on a private Temporal server with PostgreSQL persistence (infra/temporal-server.sh)
 * instead of a private dev server; temporal-restart and temporal-kill then restart or SIGKILL that server.
 *
 * --smoke: six requests through the worker kill, in seconds (plus the private services' start), so the
 * test command proves the suite still runs; the full checks of that batch still apply.
 *
 * Faults, each on a fresh batch submitted and approved through the API by scripted users:
 *   worker-kill        SIGKILL of the worker, started again 2 s later
 *   temporal-restart   restart of the Temporal dev server (a private one with its own SQLite file)
 *   temporal-kill      SIGKILL of that server (WAL, synchronous=normal: infra/temporal-sqlite-pragmas), started again 2 s later
 *   postgres-restart   (only when asked for) the machine's PostgreSQL itself restarted: every user of it notices
 *   minio-restart      restart of MinIO (a private one) while materials are being uploaded
 *   postgres-drop      every PostgreSQL connection to the deployment's database killed, 5 times, 1 s apart
 *   national-failures  the national-platform stand-in answering 30 % of calls 503 until the batch is done
 *   none               (only when asked for) the control: the same batch with no fault
 *
 * The deployment (database, bucket, task queue, national stand-in, worker, API) runs on a private Temporal
 * dev server and a private MinIO, so the developer's own services are never restarted; PostgreSQL is the
 * running one (bash infra/services.sh). Writes bench/results/faults-<time>.json. Exits 1 when a request
 * was lost, duplicated or left in a wrong state.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createDb } from '../clients/db.ts';
import { dropDatabase } from '../prisma/migrations-runner.ts';
import { connectTemporal } from '../clients/temporal.ts';
import {
  ROOT,
  apiService,
  dropConnections,
  envOf,
  newDeployment,
  prepareDeployment,
  privateMinio,
  privateTemporal,
  sleep,
  startNational,
  storageOf,
  workerService,
  type Service,
} from '../tools/lib/deployment.ts';
import { personalDataFromEnv } from '../clients/personal-data.ts';
import { loadEnv } from '../config/env.ts';
import { PrivateTemporalServer } from '../tools/lib/temporal-server.ts';
import { checkBatch, completedCount, waitForBatch, type BatchItem } from '../tools/lib/fault-checks.ts';
import { Http, People, approve, inbox, newApplicant, newReviewer, pool, prepareDraft, submit } from '../tools/lib/scripted-users.ts';
import { machineFacts } from './lib/probes.ts';
import { r2, table } from './lib/report.ts';

const FAULTS = ['worker-kill', 'temporal-restart', 'temporal-kill', 'minio-restart', 'postgres-drop', 'national-failures'] as const;
/** Asked for by name only: it restarts the machine's PostgreSQL, which every other user of it notices. */
const MACHINE_FAULTS = ['postgres-restart'] as const;
/** `none` is the control: the same batch with no fault, to tell the fault's cost from the backlog's. */
type FaultName = (typeof FAULTS)[number] | (typeof MACHINE_FAULTS)[number] | 'none';

const { values: opt } = parseArgs({
  options: {
    requests: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '24' },
    applicants: { type: 'string', default: '20' },
    only: { type: 'string' },
    smoke: { type: 'boolean', default: false },
    engine: { type: 'string', default: 'dev' },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  },
});
if (opt.help) {
  console.log(
    `usage: npx tsx bench/faults.ts [--requests 200] [--concurrency 24] [--applicants 20] [--only none,${[...FAULTS, ...MACHINE_FAULTS].join(',')}] [--engine dev|server] [--smoke] [--keep]`,
  );
  process.exit(0);
}
const N = opt.smoke ? 6 : Number(opt.requests);
const C = opt.smoke ? 3 : Number(opt.concurrency);
const A = Math.max(1, Math.min(opt.smoke ? 2 : Number(opt.applicants), N));
const only = opt.only ? opt.only.split(',').map((s) => s.trim()) : opt.smoke ? ['worker-kill'] : [...FAULTS];
for (const f of only)
  if (f !== 'none' && ![...FAULTS, ...MACHINE_FAULTS].includes(f as (typeof FAULTS)[number]))
    throw new Error(`unknown fault ${f}; one of none, ${[...FAULTS, ...MACHINE_FAULTS].join(', ')}`);
if (opt.engine !== 'dev' && opt.engine !== 'server') throw new Error(`unknown engine ${opt.engine}; dev or server`);
/** Drafted while the fault hits (uploads, form saves), not beforehand: every stage of a request meets the fault. */
const LATE = Math.max(1, Math.round(N * 0.1));
/** The fault fires once this many of the batch completed, so the rest are at every stage from review to upload. */
const TRIGGER = Math.max(1, Math.round(N * 0.1));
const NATIONAL_FAIL_RATE = 0.3;

const say = (s: string) => console.error(`[faults] ${s}`);
const since = (t: number) => (Date.now() - t) / 1000;

interface Row {
  fault: FaultName;
  what: string;
  inFlight: number;
  lost: number;
  duplicated: number;
  wrongState: number;
  recoverSeconds: number | null;
  /** API calls the scripted users had to repeat (network error or 5xx during the fault). */
  clientRetries: number;
  /** Every second from the first approval: [seconds, approved, completed]; the fault at faultSecond. */
  series: [number, number, number][];
  faultSecond: number;
  details: { lost: string[]; duplicated: string[]; wrongState: string[] };
}

const d = newDeployment('faults', { bucket: 'faults' });
const privateDir = join(ROOT, '.data/faults', d.id);
const services: Pick<Service, 'stop' | 'close'>[] = [];
let realServer = null as PrivateTemporalServer | null;
const rows: Row[] = [];
let exitCode = 0;
try {
  const facts = machineFacts();
  say(`machine: ${facts.cores} × ${facts.cpuModel}, load ${facts.loadavg.join(' ')}; deployment ${d.id}; ${N} requests per fault`);

  const temporal =
    opt.engine === 'server'
      ? await (async () => {
          // Below 32000: the server keeps its membership ports in a smallint column.
          realServer = new PrivateTemporalServer(d.id, Number(process.env.FAULTS_TEMPORAL_SERVER_PORT ?? 7533));
          return { service: realServer, address: realServer.address };
        })()
      : await privateTemporal(join(privateDir, 'temporal'));
  services.push(await temporal.service.start());
  d.temporalAddress = temporal.address;
  const minio = await privateMinio(join(privateDir, 'minio'));
  services.push(await minio.service.start());
  d.minio = minio.endpoint;
  say(
    `private Temporal ${opt.engine === 'server' ? 'server (PostgreSQL)' : 'dev server'} at ${temporal.address}, private MinIO at :${minio.endpoint.port}`,
  );

  await prepareDeployment(d);
  const national = await startNational(d);
  services.push(national);
  const worker = await workerService(d).start();
  services.push(worker);
  const { service: api, url } = await apiService(d);
  services.push(await api.start());
  say(`worker, API (${url}) and national stand-in (${d.nationalUrl}) started`);
  /** The keys the deployment's API and worker use (its environment, complete once the stand-in has its URL), to find its people by archive number. */
  const personalData = personalDataFromEnv(loadEnv(envOf(d)));

  const temporalClient = await connectTemporal(d.temporalAddress, d.namespace);
  const db = createDb(d.databaseUrl, { max: 2 });
  const reviewerHttp = new Http(url, { retryForMs: 60_000, timeoutMs: 30_000 });
  const reviewer = await newReviewer(reviewerHttp, db, '110105');
  await db.$disconnect();
  const tokens = await pool(Array.from({ length: A }), 4, () => newApplicant(reviewerHttp));
  const people = new People();

  const faults: Record<FaultName, { what: string; inject: () => Promise<void>; after?: () => Promise<void> }> = {
    none: {
      what: 'no fault (control)',
      async inject() {},
    },
    'worker-kill': {
      what: 'worker SIGKILLed, started again 2 s later',
      async inject() {
        await worker.kill9();
        await sleep(2000);
        await worker.start();
      },
    },
    'temporal-restart': {
      what:
        opt.engine === 'server' ? 'Temporal server restarted (PostgreSQL persistence)' : 'Temporal dev server restarted (SQLite file kept)',
      inject: () => temporal.service.restart(),
    },
    'temporal-kill': {
      what:
        opt.engine === 'server'
          ? 'Temporal server SIGKILLed (PostgreSQL persistence), started again 2 s later'
          : 'Temporal dev server SIGKILLed (SQLite WAL file kept), started again 2 s later',
      async inject() {
        await temporal.service.kill9();
        await sleep(2000);
        await temporal.service.start();
      },
    },
    'postgres-restart': {
      what: "the machine's PostgreSQL restarted (every connection of every process lost)",
      async inject() {
        await restartPostgres();
      },
    },
    'minio-restart': {
      what: 'MinIO restarted while materials are uploaded',
      inject: () => minio.service.restart(),
    },
    'postgres-drop': {
      what: 'every PostgreSQL connection of the database killed, 5 times 1 s apart',
      async inject() {
        let killed = 0;
        for (let i = 0; i < 5; i++) {
          if (i) await sleep(1000);
          killed += await dropConnections(d.databaseUrl);
        }
        say(`  ${killed} connections killed`);
      },
    },
    'national-failures': {
      what: `national stand-in failing ${NATIONAL_FAIL_RATE * 100} % of calls until the batch is done`,
      inject: () => setNationalFaults({ failRate: NATIONAL_FAIL_RATE }),
      after: () => setNationalFaults(null),
    },
  };

  async function setNationalFaults(faults: { failRate: number } | null) {
    const res = await fetch(
      `${d.nationalUrl}/admin/faults`,
      faults ? { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) } : { method: 'DELETE' },
    );
    if (!res.ok) throw new Error(`national stand-in /admin/faults: ${res.status} ${await res.text()}`);
  }

  for (const name of only as FaultName[]) {
    const fault = faults[name];
    say(`--- ${name}: ${fault.what}`);
    // Patient scripted users: a call that failed for want of a service is repeated for up to 3 minutes.
    const http = new Http(url, { retryForMs: 180_000, timeoutMs: 30_000 });
    const tokenOf = (i: number) => tokens[i % A]!;

    // Most of the batch is drafted beforehand (people fill in forms over days) and submitted: they wait for review.
    const t0 = Date.now();
    const early = await pool(Array.from({ length: N - LATE }), C, (_, i) => prepareDraft(http, tokenOf(i), people.next()));
    await pool(early, C, (b, i) => submit(http, tokenOf(i), b.id));
    say(`  ${early.length} drafted and submitted in ${since(t0).toFixed(1)} s; approving, and drafting ${LATE} more`);

    // Then the reviewer approves them from the inbox while the last applicants are still uploading materials and submitting.
    const batch: BatchItem[] = [...early];
    const expected = new Set(early.map((b) => b.id));
    const progress = { approved: 0 };
    const approving = reviewFromInbox(http, reviewer, expected, N, C, progress);
    // A few at a time, so that some are still uploading materials when the fault hits.
    let lateDone = 0;
    const lateOnes = pool(Array.from({ length: LATE }), 4, async (_, i) => {
      const draft = await prepareDraft(http, tokenOf(i), people.next());
      batch.push(draft);
      expected.add(draft.id);
      await submit(http, tokenOf(i), draft.id);
      lateDone++;
    });
    const driving = Promise.all([approving, lateOnes]);
    const tApprove = Date.now();
    const series: [number, number, number][] = [];
    const sampler = setInterval(() => {
      void completedCount(
        d.databaseUrl,
        batch.map((b) => b.id),
      ).then((n) => {
        series.push([r2(since(tApprove)), progress.approved, n ?? -1]);
        if (series.length % 10 === 0) say(`  ${r2(since(tApprove))} s: ${progress.approved} approved, ${n ?? '?'} completed`);
      });
    }, 1000);
    let drivingFailed = false;
    driving.catch(() => (drivingFailed = true));

    // The fault, once a tenth of the batch is through or half of the late drafts are in.
    const triggerBy = Date.now() + 120_000;
    for (;;) {
      const n = await completedCount(
        d.databaseUrl,
        batch.map((b) => b.id),
      );
      if ((n ?? 0) >= TRIGGER || lateDone >= LATE / 2 || drivingFailed || Date.now() > triggerBy) break;
      await sleep(50);
    }
    const completedAtFault =
      (await completedCount(
        d.databaseUrl,
        batch.map((b) => b.id),
      )) ?? 0;
    const inFlight = N - completedAtFault;
    const faultAt = Date.now();
    say(
      `  fault with ${inFlight} requests in flight: ${progress.approved} approved, ${completedAtFault} completed, ${LATE - lateDone} still being drafted`,
    );
    await fault.inject();
    say(`  fault over after ${since(faultAt).toFixed(1)} s`);

    await driving;
    const ids = batch.map((b) => b.id);
    const doneAt = await waitForBatch(d.databaseUrl, ids, Date.now() + 300_000);
    clearInterval(sampler);
    await fault.after?.();
    const recoverSeconds = doneAt === null ? null : (doneAt - faultAt) / 1000;

    const check = await checkBatch({
      databaseUrl: d.databaseUrl,
      nationalDatabaseUrl: d.nationalDatabaseUrl,
      temporal: temporalClient,
      personalData,
      batch,
    });
    check.wrongState.push(...(await missingMaterials(ids)));
    rows.push({
      fault: name,
      what: fault.what,
      inFlight,
      lost: check.lost.length,
      duplicated: check.duplicated.length,
      wrongState: check.wrongState.length,
      recoverSeconds: recoverSeconds === null ? null : r2(recoverSeconds),
      clientRetries: http.retries,
      series,
      faultSecond: r2((faultAt - tApprove) / 1000),
      details: check,
    });
    const row = rows.at(-1)!;
    say(`  lost ${row.lost}, duplicated ${row.duplicated}, wrong state ${row.wrongState}, recovered in ${row.recoverSeconds ?? 'never'} s`);
    for (const w of [
      ...check.lost.slice(0, 5).map((id) => `lost ${id}`),
      ...check.duplicated.slice(0, 5).map((a) => `duplicated ${a}`),
      ...check.wrongState.slice(0, 5),
    ])
      say(`    ${w}`);
  }

  await temporalClient.connection.close();

  console.log(
    `\nFault suite on ${facts.cores} × ${facts.cpuModel}, ${N} requests per fault (${N - LATE} submitted before, ${LATE} drafted during the fault)`,
  );
  console.log(
    table(
      ['fault', 'requests in flight', 'lost', 'duplicated', 'wrong state', 'time to recover (s)', 'client retries'],
      rows.map((r) => [r.fault, r.inFlight, r.lost, r.duplicated, r.wrongState, r.recoverSeconds ?? 'never', r.clientRetries]),
    ),
  );
  const outDir = join(ROOT, 'bench/results');
  mkdirSync(outDir, { recursive: true });
  const at = new Date().toISOString();
  const file = join(outDir, `faults-${at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(
    file,
    JSON.stringify(
      { at, machine: facts, settings: { requests: N, concurrency: C, applicants: A, late: LATE, trigger: TRIGGER }, rows },
      null,
      2,
    ),
  );
  console.log(`\nresults: ${file}`);
  if (rows.some((r) => r.lost || r.duplicated || r.wrongState || r.recoverSeconds === null)) exitCode = 1;
} catch (e) {
  console.error(`[faults] failed: ${(e as Error).stack ?? e}`);
  exitCode = 1;
} finally {
  for (const s of services.reverse()) {
    await s.stop().catch(() => {});
    s.close();
  }
  if (!opt.keep) {
    await realServer?.remove().catch((e) => say(`the private Temporal server's databases stay: ${e}`));
    await dropDatabases();
    rmSync(privateDir, { recursive: true, force: true });
  } else say(`kept: database ${d.databaseUrl}, private servers' data in ${privateDir}`);
}
process.exit(exitCode);

/**
 * The scripted reviewer: reads the district's inbox (oldest first, as the database shows it) and approves the
 * batch's requests, `limit` at a time, until `total` are approved. A request the inbox does not show yet
 * (its submission not yet recorded, e.g. while the worker is down) is approved once it appears.
 */
async function reviewFromInbox(
  http: Http,
  token: string,
  ids: Set<string>,
  total: number,
  limit: number,
  progress: { approved: number },
): Promise<void> {
  const queue: string[] = [];
  const seen = new Set<string>();
  let approved = 0;
  let refreshing: Promise<void> | null = null;
  const refresh = async () => {
    for (const id of await inbox(http, token, 100)) {
      if (ids.has(id) && !seen.has(id)) {
        seen.add(id);
        queue.push(id);
      }
    }
  };
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (approved < total) {
        const id = queue.shift();
        if (!id) {
          refreshing ??= refresh().finally(() => (refreshing = null));
          await refreshing;
          if (!queue.length) await sleep(200);
          continue;
        }
        await approve(http, token, id);
        progress.approved = ++approved;
      }
    }),
  );
}

/** Every material in force of the batch must still be in the object store with the bytes that were uploaded. */
async function missingMaterials(ids: string[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: d.databaseUrl });
  client.on('error', () => {});
  await client.connect();
  const { rows: materials } = await client
    .query<{ requestId: string; objectKey: string; sha256: string }>(
      `SELECT "requestId", "objectKey", sha256 FROM "RequestMaterial" WHERE "requestId" = ANY($1) AND "replacedAt" IS NULL`,
      [ids],
    )
    .finally(() => client.end().catch(() => {}));
  const storage = storageOf(d);
  const wrong: string[] = [];
  await pool(materials, 16, async (m) => {
    const bytes = await storage.get(m.objectKey).catch(() => null);
    if (!bytes) wrong.push(`${m.requestId}: material ${m.objectKey} missing from the object store`);
    else if (createHash('sha256').update(bytes).digest('hex') !== m.sha256)
      wrong.push(`${m.requestId}: material ${m.objectKey} has other bytes`);
  });
  return wrong;
}

/** The private servers' data goes with their folder; only the databases live elsewhere. */
/** The machine's PostgreSQL restarted (Debian's cluster tools), back once it accepts connections. */
async function restartPostgres() {
  const { execFileSync } = await import('node:child_process');
  const [version] = execFileSync('pg_lsclusters', ['--no-header'], { encoding: 'utf8' }).trim().split(/\s+/);
  execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version!, 'main', 'restart'], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    const c = new pg.Client({ connectionString: d.databaseUrl });
    try {
      await c.connect();
      await c.end();
      return;
    } catch {
      await sleep(200);
    }
  }
  throw new Error('PostgreSQL did not come back within 20 s');
}

async function dropDatabases() {
  for (const url of [d.databaseUrl, d.nationalDatabaseUrl]) await dropDatabase(url).catch(() => {});
}
