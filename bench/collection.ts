/**
 * Benchmark: end-to-end collection throughput, against the engine's floor (the same two Updates, no
 * activity) and the same-shape bare baseline on the same Temporal server in the same run; API latency at a fixed rate against a bare Hono route; peak memory of the API and the worker.
 *
 *   npx tsx bench/collection.ts [--requests 200] [--concurrency 32] [--applicants 20]
 *                               [--rate 200] [--latency-submits 400] [--latency-status 2000]
 *                               [--steady-rate 5] [--steady-submits 100] [--engine dev|server|shared]
 *                               [--preload 0] [--preload-concurrency 64] [--retention 168h] [--cpu-prof DIR]
 *                               [--smoke] [--keep]
 *
 * --smoke: a handful of requests at every stage, in seconds (plus the deployment's start), so the test
 * command proves the benchmark still runs; its figures mean nothing.
 *
 * --engine: the Temporal engine measured, always one of the benchmark's own so nothing else's history or
 * load is in it: `dev` (default) a private dev server on a fresh SQLite file (WAL, infra/temporal-sqlite-pragmas);
 * `server` a private Temporal server with PostgreSQL persistence (infra/temporal-server.sh through
 * tools/lib/temporal-server.ts, frontend port BENCH_TEMPORAL_SERVER_PORT or 7633, databases temporal_<id>);
 * `shared` the running server at TEMPORAL_ADDRESS (whatever it already holds).
 * --preload N: before measuring, fills that engine with N closed workflows of a collection's size
 * (bench/baseline/workflows.ts preloadedRequest: 43 events, 5.3 KB of payloads, one workflow task each),
 * measuring the floor before and after, so the table shows whether throughput falls as the history grows.
 * --cpu-prof DIR: the worker and the API run with V8's CPU profiler and write their profiles (one per thread) there.
 * --retention: the namespace's retention, set on the private engine before anything runs (the project's is
 * 7 days: a week of closed histories is what a province's engine holds).
 *
 * Builds its own deployment (database, bucket prefix, task queue, national stand-in, worker and API as
 * child processes) on PostgreSQL and MinIO (bash infra/services.sh), and removes it and its engine
 * afterwards (--keep keeps them). Writes bench/results/collection-<time>.json and .png.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client, WithStartWorkflowOperation, type WorkflowHandle } from '@temporalio/client';
import pg from 'pg';
import { createDb } from '../clients/db.ts';
import { connectTemporal } from '../clients/temporal.ts';
import {
  LOG_DIR,
  ROOT,
  Service,
  TEMPORAL_BIN,
  apiService,
  freePort,
  newDeployment,
  prepareDeployment,
  privateTemporal,
  removeDeployment,
  sleep,
  startNational,
  workerService,
} from '../tools/lib/deployment.ts';
import { PrivateTemporalServer } from '../tools/lib/temporal-server.ts';
import { DistrictCodeKey, ProvinceCodeKey, RequestKindKey, RequestStateKey, ReviewOverdueKey } from '../workflows/search-attributes.ts';
import { Http, People, approve, inbox, newApplicant, newReviewer, pool, prepareDraft, submit } from '../tools/lib/scripted-users.ts';
import { baselineReview, baselineSubmit } from './baseline/messages.ts';
import { bars, lines, page, stacked, writePng } from './lib/chart.ts';
import { fixedRate, percentile, type LatencyStats } from './lib/load.ts';
import { cpuWindow, findPid, machineFacts, postmasterPid, type CpuWindow } from './lib/probes.ts';
import { mb, r2, table } from './lib/report.ts';

const { values: opt } = parseArgs({
  options: {
    requests: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '32' },
    applicants: { type: 'string', default: '20' },
    rate: { type: 'string', default: '200' },
    'latency-submits': { type: 'string', default: '400' },
    'latency-status': { type: 'string', default: '2000' },
    'steady-rate': { type: 'string', default: '5' },
    'steady-submits': { type: 'string', default: '100' },
    worker: { type: 'string', default: 'worker/main.ts' },
    engine: { type: 'string', default: 'dev' },
    preload: { type: 'string', default: '0' },
    'preload-concurrency': { type: 'string', default: '64' },
    retention: { type: 'string', default: '168h' },
    smoke: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (opt.help) {
  console.log(
    'usage: npx tsx bench/collection.ts [--requests 200] [--concurrency 32] [--applicants 20] [--rate 200] [--latency-submits 400] [--latency-status 2000] [--steady-rate 5] [--steady-submits 100] [--worker worker/main.ts] [--engine dev|server|shared] [--preload 0] [--preload-concurrency 64] [--retention 168h] [--cpu-prof DIR] [--smoke] [--keep]',
  );
  process.exit(0);
}
const smoke = opt.smoke;
const N = smoke ? 6 : Number(opt.requests);
const C = smoke ? 3 : Number(opt.concurrency);
const A = Math.max(1, Math.min(smoke ? 2 : Number(opt.applicants), N));
const RATE = smoke ? 20 : Number(opt.rate);
const M = smoke ? 6 : Number(opt['latency-submits']);
const S = smoke ? 20 : Number(opt['latency-status']);
// Submits at a rate the deployment sustains, for the service time of one submit without a queue.
const STEADY_RATE = Number(opt['steady-rate']);
const STEADY = smoke ? 2 : Number(opt['steady-submits']);
const ENGINE = opt.engine as 'dev' | 'server' | 'shared';
if (!['dev', 'server', 'shared'].includes(ENGINE)) throw new Error(`unknown engine ${opt.engine}; dev, server or shared`);
const PRELOAD = Number(opt.preload);
const PRELOAD_C = Number(opt['preload-concurrency']);
if (PRELOAD > 0 && ENGINE === 'shared') throw new Error("--preload fills the benchmark's own engine: use --engine dev or server");
// Issue 19: complete collections/s on two cores; share of the floor; submit p99 at the steady rate; status p99 at --rate.
const TARGETS = { throughput: 12, ratio: 0.5, submitP99: 100, statusP99: 15 };
const CPU_KEYS = ['driver', 'api', 'worker', 'baseline worker', 'national', 'bare route', 'temporal', 'postgres', 'minio', 'other'];

const ENGINE_NAMES: Record<string, string> = {
  dev: 'private Temporal dev server (SQLite, WAL)',
  server: 'private Temporal server v1.29.1 (PostgreSQL persistence)',
  shared: 'the running Temporal server',
};
const say = (s: string) => console.error(`[bench] ${s}`);
const seconds = (t0: number) => (performance.now() - t0) / 1000;

const d = newDeployment('bench');
const privateDir = join(ROOT, '.data/bench', d.id);
const services: Pick<Service, 'stop' | 'close'>[] = [];
let realServer: PrivateTemporalServer | null = null;
const clients: { end(): Promise<unknown> }[] = [];
let exitCode = 0;
try {
  const facts = machineFacts();
  say(`machine: ${facts.cores} × ${facts.cpuModel}, load ${facts.loadavg.join(' ')}; deployment ${d.id}`);
  // The engine: the benchmark's own, so its history is what this run (and --preload) put there.
  let temporalPid: () => number | undefined;
  if (ENGINE === 'dev') {
    const dev = await privateTemporal(join(privateDir, 'temporal'));
    services.push(await dev.service.start());
    d.temporalAddress = dev.address;
    temporalPid = () => dev.service.pid;
  } else if (ENGINE === 'server') {
    // Below 32000: the server keeps its membership ports in a smallint column (faults.ts uses 7533, tests 7433).
    const server = new PrivateTemporalServer(d.id, Number(process.env.BENCH_TEMPORAL_SERVER_PORT ?? 7633));
    realServer = server;
    say(`starting a private Temporal server (PostgreSQL persistence, databases ${server.databases.join(', ')}) on ${server.address}`);
    services.push(await server.start());
    d.temporalAddress = server.address;
    temporalPid = () => server.pid() ?? undefined;
  } else {
    const port = d.temporalAddress.split(':').pop();
    const pid = findPid((cmd) => (cmd.includes('start-dev') && cmd.includes(`--port ${port}`)) || cmd.includes('temporal-server'));
    temporalPid = () => pid;
  }
  if (ENGINE !== 'shared') await setRetention(d.temporalAddress, d.namespace, opt.retention);
  say(`engine: ${ENGINE} at ${d.temporalAddress}${ENGINE === 'shared' ? '' : `, retention ${opt.retention}`}`);

  await prepareDeployment(d);
  const national = await startNational(d);
  services.push(national);
  const nodeArgs = opt['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${opt['cpu-prof']}`] : [];
  const worker = await workerService(d, { entry: opt.worker, nodeArgs }).start();
  services.push(worker);
  const { service: api, url } = await apiService(d, { nodeArgs });
  services.push(await api.start());
  const baselineQueue = `${d.taskQueue}-baseline`;
  const baselineWorker = await new Service({
    name: 'baseline worker',
    command: process.execPath,
    args: ['--import', 'tsx', 'bench/baseline/worker.ts'],
    env: { TEMPORAL_ADDRESS: d.temporalAddress, TEMPORAL_TASK_QUEUE: baselineQueue },
    readyLine: /worker started/,
    logFile: join(LOG_DIR, `${d.id}-baseline-worker.log`),
  }).start();
  services.push(baselineWorker);
  const barePort = await freePort();
  const bare = await new Service({
    name: 'bare route',
    command: process.execPath,
    args: ['--import', 'tsx', 'bench/bare-server.ts'],
    env: { PORT: String(barePort) },
    ready: async () => (await fetch(`http://127.0.0.1:${barePort}/ping`)).ok,
    logFile: join(LOG_DIR, `${d.id}-bare.log`),
  }).start();
  services.push(bare);

  const minioPid = findPid((cmd) => cmd.includes(' server ') && cmd.includes(`:${d.minio.port}`) && cmd.includes('minio'));
  const pgPid = postmasterPid();
  const components = {
    api: () => api.pid,
    worker: () => worker.pid,
    'baseline worker': () => baselineWorker.pid,
    national: () => national.pid,
    'bare route': () => bare.pid,
    temporal: temporalPid,
    postgres: () => pgPid,
    minio: () => minioPid,
  };

  // Memory: sampled all along, tagged with the phase.
  let phase = 'start';
  const t00 = performance.now();
  const rss: { t: number; phase: string; api: number; worker: number; baseline: number }[] = [];
  const sampler = setInterval(
    () => rss.push({ t: seconds(t00), phase, api: api.sample(), worker: worker.sample(), baseline: baselineWorker.sample() }),
    250,
  );
  const peakOf = (p: string, k: 'api' | 'worker' | 'baseline') => Math.max(0, ...rss.filter((x) => x.phase === p).map((x) => x[k]));

  // The baselines on the same server: the engine's floor (2 Updates, no activity), the same shape with no-op activities.
  const temporal = await connectTemporal(d.temporalAddress, d.namespace);
  /** N bare workflows of one type driven as the API drives a collection: update-with-start, an Update, the result. */
  const runBare = async (workflowType: 'floorRequest' | 'baselineRequest', label: string, tag = '') => {
    phase = 'baseline';
    say(`${label}: ${N} bare workflows, ${C} at a time`);
    const cpu = cpuWindow(components);
    const t0 = performance.now();
    const done: number[] = [];
    const toReview: WorkflowHandle[] = [];
    const results: Promise<unknown>[] = [];
    const submitting = pool(Array.from({ length: N }), C, async (_, i) => {
      const start = new WithStartWorkflowOperation(workflowType, {
        workflowId: `${workflowType}-${d.id}${tag}-${i}`,
        taskQueue: baselineQueue,
        workflowIdConflictPolicy: 'FAIL',
      });
      await temporal.workflow.executeUpdateWithStart(baselineSubmit, { startWorkflowOperation: start });
      toReview.push(await start.workflowHandle());
    });
    let reviewed = 0;
    await Promise.all([
      submitting,
      ...Array.from({ length: C }, async () => {
        while (reviewed < N) {
          const h = toReview.shift();
          if (!h) {
            await sleep(2);
            continue;
          }
          reviewed++;
          await h.executeUpdate(baselineReview);
          results.push(h.result().then(() => done.push(seconds(t0))));
        }
      }),
    ]);
    await Promise.all(results);
    const s = seconds(t0);
    const progress: [number, number][] = [[0, 0], ...done.sort((a, b) => a - b).map((t, i): [number, number] => [t, i + 1])];
    say(`${label}: ${(N / s).toFixed(1)} workflows/s (${s.toFixed(1)} s)`);
    return { run: { workflows: N, seconds: s, perSecond: N / s, cpu: cpu.end() }, progress };
  };

  // --- 0. a history already there: the floor on the fresh engine, N closed workflows, the floor again (measured in step 3) ---
  let preload: { workflows: number; seconds: number; perSecond: number; chunks: [number, number][]; cpu: CpuWindow } | null = null;
  let floorFresh: { workflows: number; seconds: number; perSecond: number; cpu: CpuWindow } | null = null;
  if (PRELOAD > 0) {
    floorFresh = (await runBare('floorRequest', 'floor on the fresh engine', 'fresh')).run;
    phase = 'preload';
    say(`preloading ${PRELOAD} closed workflows of a collection's size, ${PRELOAD_C} at a time`);
    const payloads = randomBytes(4000).toString('base64'); // 5.3 KB, as one collection's history holds
    const step = Math.max(1, Math.round(PRELOAD / 20));
    const chunks: [number, number][] = [];
    const cpu = cpuWindow(components);
    const t0 = performance.now();
    let done = 0;
    let last = t0;
    // Without the project's payload codec (the baseline worker has none): the input is random bytes already.
    const plain = new Client({ connection: temporal.connection, namespace: d.namespace });
    await pool(Array.from({ length: PRELOAD }), PRELOAD_C, async (_, i) => {
      await plain.workflow.execute('preloadedRequest', {
        workflowId: `preloaded-${d.id}-${i}`,
        taskQueue: baselineQueue,
        args: [payloads],
        typedSearchAttributes: [
          { key: RequestKindKey, value: 'collection' },
          { key: RequestStateKey, value: 'draft' },
          { key: DistrictCodeKey, value: '110105' },
          { key: ProvinceCodeKey, value: d.provinceCode },
          { key: ReviewOverdueKey, value: false },
        ],
      });
      if (++done % step === 0) {
        const now = performance.now();
        // [closed workflows so far, workflows/s over the last step]
        chunks.push([done, r2((step * 1000) / (now - last))]);
        last = now;
        say(`preloaded ${done} (${chunks.at(-1)![1]} workflows/s)`);
      }
    });
    const s = seconds(t0);
    preload = { workflows: PRELOAD, seconds: s, perSecond: PRELOAD / s, chunks, cpu: cpu.end() };
    say(`preloaded ${PRELOAD} in ${s.toFixed(0)} s (${(PRELOAD / s).toFixed(1)} workflows/s)`);
  }

  const http = new Http(url, { timeoutMs: 120_000 });
  const db = createDb(d.databaseUrl, { max: 2 });
  const sql = new pg.Client({ connectionString: d.databaseUrl });
  sql.on('error', () => {});
  await sql.connect();
  clients.push(sql, { end: () => db.$disconnect() });
  const reviewer = await newReviewer(http, db, '110105');
  /**
   * Database round trips: transactions committed or rolled back per database (pg_stat_database; every
   * statement outside a transaction is one). Backends report within 10 s of going idle, so a window waits
   * that long at each end (not in --smoke, whose figures mean nothing).
   */
  const dbNames = {
    app: new URL(d.databaseUrl).pathname.slice(1),
    national: new URL(d.nationalDatabaseUrl).pathname.slice(1),
    ...(realServer ? { temporal: realServer.databases[0]!, visibility: realServer.databases[1]! } : {}),
  };
  const xacts = async (): Promise<Record<string, number>> => {
    if (!smoke) await sleep(11_000);
    const rows = (
      await sql.query('SELECT datname, (xact_commit + xact_rollback)::bigint AS n FROM pg_stat_database WHERE datname = ANY($1)', [
        Object.values(dbNames),
      ])
    ).rows as { datname: string; n: string }[];
    return Object.fromEntries(Object.entries(dbNames).map(([k, db]) => [k, Number(rows.find((r) => r.datname === db)?.n ?? 0)]));
  };
  const perEach = (a: Record<string, number>, b: Record<string, number>, n: number) =>
    Object.fromEntries(Object.keys(a).map((k) => [k, r2(((b[k] ?? 0) - (a[k] ?? 0)) / n)]));

  // --- 1. drafts (not part of the throughput: people fill in forms over days) ---
  phase = 'prepare';
  say(`preparing ${N + M + STEADY} drafts for ${A} applicants (each: 6 form parts, 5 materials, commitment)`);
  let cpu = cpuWindow(components);
  let t0 = performance.now();
  const applicantTokens = await pool(Array.from({ length: A }), 4, () => newApplicant(http));
  const people = new People();
  const drafts = await pool(Array.from({ length: N + M + STEADY }), C, (_, i) =>
    prepareDraft(http, applicantTokens[i % A]!, people.next()),
  );
  const prepare = { seconds: seconds(t0), drafts: N + M + STEADY, apiCalls: (N + M + STEADY) * 13 + A * 2, cpu: cpu.end() };
  say(`prepared in ${prepare.seconds.toFixed(1)} s (${r2(prepare.drafts / prepare.seconds)} drafts/s)`);
  const tokenOf = (i: number) => applicantTokens[i % A]!;

  // --- 2. end to end: submit → scripted reviewer approves from the inbox → record → national upload → completed ---
  phase = 'collection';
  say(`end to end: ${N} requests, ${C} at a time`);
  const batch = drafts.slice(0, N);
  const ids = new Set(batch.map((b) => b.id));
  const xactsBefore = await xacts();
  cpu = cpuWindow(components);
  t0 = performance.now();
  const collectionProgress: [number, number][] = [[0, 0]];
  // Both run while the loop below counts completions: a failure of either ends the run at once
  // (through the finally below, which stops the deployment), not as an unhandled rejection.
  let failure: unknown;
  const working = Promise.all([pool(batch, C, (b, i) => submit(http, tokenOf(i), b.id)), reviewAll(http, reviewer, ids, C)]).catch(
    (e: unknown) => {
      failure ??= e;
    },
  );
  const deadline = Date.now() + Math.max(180_000, N * 2000);
  for (;;) {
    if (failure) throw failure;
    const n = Number(
      (await sql.query('SELECT count(*)::int AS n FROM "Request" WHERE state = $1 AND id = ANY($2)', ['completed', [...ids]])).rows[0].n,
    );
    collectionProgress.push([seconds(t0), n]);
    if (n >= N) break;
    if (Date.now() > deadline) throw new Error(`only ${n} of ${N} requests completed in time`);
    await sleep(100);
  }
  await working;
  if (failure) throw failure;
  const collectionSeconds = seconds(t0);
  const collectionCpu = cpu.end();
  const collectionXacts = perEach(xactsBefore, await xacts(), N);
  const perRequest = (
    await sql.query('SELECT EXTRACT(EPOCH FROM ("closedAt" - "submittedAt")) * 1000 AS ms FROM "Request" WHERE id = ANY($1)', [[...ids]])
  ).rows
    .map((r: { ms: string }) => Number(r.ms))
    .sort((a: number, b: number) => a - b);
  const nationalDb = new pg.Client({ connectionString: d.nationalDatabaseUrl });
  await nationalDb.connect();
  const uploaded = (
    await nationalDb.query(
      'SELECT count(*)::int AS n, count(*) FILTER (WHERE latest_version = 1)::int AS v1 FROM archives WHERE archive_no = ANY($1)',
      [batch.map((b) => b.archiveNo)],
    )
  ).rows[0] as { n: number; v1: number };
  await nationalDb.end();
  if (uploaded.n !== N || uploaded.v1 !== N)
    throw new Error(`national stand-in holds ${uploaded.n} records (${uploaded.v1} at version 1) of ${N}`);
  const collection = {
    requests: N,
    seconds: collectionSeconds,
    perSecond: N / collectionSeconds,
    submitToCompletedMs: { p50: r2(percentile(perRequest, 50)), p99: r2(percentile(perRequest, 99)), max: r2(perRequest.at(-1) ?? NaN) },
    nationalRecords: uploaded.n,
    cpu: collectionCpu,
    transactionsPerCollection: collectionXacts,
  };
  say(`collection: ${collection.perSecond.toFixed(1)} requests/s (${collectionSeconds.toFixed(1)} s)`);

  const floorRun = await runBare('floorRequest', 'floor');
  const baselineRun = await runBare('baselineRequest', 'same-shape baseline');
  const floor = floorRun.run;
  const baseline = baselineRun.run;

  // --- 4. API latency: submit at a rate the deployment sustains, then at a fixed rate, status (the recorded state), the bare route ---
  phase = 'latency';
  say(`latency at ${RATE} req/s: ${M} submits, ${S} status reads, ${S} bare-route reads`);
  const latency = drafts.slice(N, N + M);
  const steady = drafts.slice(N + M);
  const steadyXactsBefore = await xacts();
  const steadyStats = await fixedRate(
    STEADY,
    STEADY_RATE,
    30_000,
    async (i) => (await http.call('POST', `/requests/${steady[i]!.id}/submit`, { token: tokenOf(N + M + i) })).status === 200,
  );
  // Each submit's own: its API request (session, checks, claim) and its workflow's first task (the projection write).
  const steadyXacts = perEach(steadyXactsBefore, await xacts(), STEADY);
  cpu = cpuWindow(components);
  const submitStats = await fixedRate(
    M,
    RATE,
    30_000,
    async (i) => (await http.call('POST', `/requests/${latency[i]!.id}/submit`, { token: tokenOf(N + i) })).status === 200,
  );
  const submitCpu = cpu.end();
  cpu = cpuWindow(components);
  const statusStats = await fixedRate(S, RATE, 30_000, async (i) => {
    const k = i % M;
    return (await http.call('GET', `/requests/${latency[k]!.id}/status`, { token: tokenOf(N + k) })).status === 200;
  });
  const statusCpu = cpu.end();
  const bareHttp = new Http(`http://127.0.0.1:${barePort}`);
  cpu = cpuWindow(components);
  const bareStats = await fixedRate(S, RATE, 30_000, async () => (await bareHttp.call('GET', '/ping')).status === 200);
  const bareCpu = cpu.end();
  phase = 'end';
  clearInterval(sampler);

  const memory = {
    apiPeakMb: mb(api.peakRss),
    workerPeakMb: mb(worker.peakRss),
    baselineWorkerPeakMb: mb(baselineWorker.peakRss),
    apiHighWaterMb: mb(api.highWaterRss()),
    workerHighWaterMb: mb(worker.highWaterRss()),
    byPhase: Object.fromEntries(
      ['prepare', 'collection', 'baseline', 'latency'].map((p) => [p, { apiMb: mb(peakOf(p, 'api')), workerMb: mb(peakOf(p, 'worker')) }]),
    ),
  };

  const ratio = collection.perSecond / floor.perSecond;
  const shapeRatio = collection.perSecond / baseline.perSecond;
  const result = {
    at: new Date().toISOString(),
    machine: facts,
    settings: {
      requests: N,
      concurrency: C,
      applicants: A,
      rate: RATE,
      latencySubmits: M,
      latencyStatus: S,
      steadyRate: STEADY_RATE,
      steadySubmits: STEADY,
      worker: opt.worker,
      temporal: d.temporalAddress,
      engine: ENGINE,
      retention: ENGINE === 'shared' ? null : opt.retention,
      preload: PRELOAD,
      preloadConcurrency: PRELOAD_C,
    },
    targets: TARGETS,
    prepare: { ...prepare, draftsPerSecond: prepare.drafts / prepare.seconds },
    preload,
    floorFresh,
    collection,
    floor,
    baseline,
    ratio,
    shapeRatio,
    latency: {
      submit: submitStats,
      steadySubmit: steadyStats,
      status: statusStats,
      bare: bareStats,
      transactionsPerSubmit: steadyXacts,
      cpu: { submit: submitCpu, status: statusCpu, bare: bareCpu },
    },
    memory,
    series: {
      collection: collectionProgress,
      floor: floorRun.progress,
      baseline: baselineRun.progress,
      rss: rss.map((x) => [r2(x.t), mb(x.api), mb(x.worker)]),
    },
  };

  const outDir = join(ROOT, 'bench/results');
  mkdirSync(outDir, { recursive: true });
  const stamp = result.at.replace(/[:.]/g, '-');
  const jsonFile = join(outDir, `collection-${stamp}.json`);
  writeFileSync(jsonFile, JSON.stringify(result, null, 2));
  console.log(report(result));
  const pngFile = join(outDir, `collection-${stamp}.png`);
  await writePng(chart(result), pngFile);
  console.log(`\nresults: ${jsonFile}\nchart:   ${pngFile}`);

  // The latency phase's requests wait for a review that will not come.
  for await (const wf of temporal.workflow.list({ query: `TaskQueue = '${d.taskQueue}' AND ExecutionStatus = 'Running'` })) {
    await temporal.workflow
      .getHandle(wf.workflowId)
      .terminate('benchmark finished')
      .catch(() => {});
  }
  await temporal.connection.close();
} catch (e) {
  console.error(`[bench] failed: ${(e as Error).stack ?? e}`);
  exitCode = 1;
} finally {
  for (const c of clients) await c.end().catch(() => {});
  for (const s of services.reverse()) {
    await s.stop();
    s.close();
  }
  if (!opt.keep) {
    await removeDeployment(d);
    await realServer?.remove().catch((e: unknown) => say(`could not remove the private Temporal server's databases: ${e}`));
    rmSync(privateDir, { recursive: true, force: true });
  } else
    say(
      `kept: database ${d.databaseUrl}, prefix ${d.bucket}/${d.storagePrefix}${realServer ? `, databases ${realServer.databases.join(', ')}` : ENGINE === 'dev' ? `, ${privateDir}` : ''}`,
    );
}
process.exit(exitCode);

/** Sets the namespace's retention on the benchmark's own engine (the dev server starts with its own default). */
function setRetention(address: string, namespace: string, retention: string): Promise<void> {
  return new Promise((resolve, reject) =>
    execFile(
      TEMPORAL_BIN,
      ['operator', 'namespace', 'update', '--address', address, '-n', namespace, '--retention', retention],
      (e, _out, err) => (e ? reject(new Error(`retention ${retention} on ${address}: ${err || e.message}`)) : resolve()),
    ),
  );
}

/** The scripted reviewer: reads the district's inbox (oldest first) and approves, `limit` at a time. */
async function reviewAll(http: Http, token: string, ids: Set<string>, limit: number): Promise<void> {
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
      while (approved < ids.size) {
        const id = queue.shift();
        if (!id) {
          refreshing ??= refresh().finally(() => (refreshing = null));
          await refreshing;
          if (!queue.length) await sleep(20);
          continue;
        }
        // Refused as not awaiting review, yet listed in the inbox: the workflow had not yet taken the submit
        // again after a timed-out workflow task (its projection ran ahead). Asked again once the inbox lists it.
        if ((await approve(http, token, id)).status === 200) approved++;
        else setTimeout(() => seen.delete(id), 500);
      }
    }),
  );
}

type Result = {
  machine: ReturnType<typeof machineFacts>;
  settings: {
    requests: number;
    concurrency: number;
    rate: number;
    steadyRate: number;
    engine: string;
    temporal: string;
    retention: string | null;
  };
  preload: { workflows: number; seconds: number; perSecond: number; chunks: [number, number][]; cpu: CpuWindow } | null;
  floorFresh: { seconds: number; perSecond: number; cpu: CpuWindow } | null;
  prepare: { seconds: number; draftsPerSecond: number; cpu: CpuWindow };
  collection: {
    requests: number;
    seconds: number;
    perSecond: number;
    submitToCompletedMs: { p50: number; p99: number; max: number };
    cpu: CpuWindow;
    transactionsPerCollection: Record<string, number>;
  };
  floor: { seconds: number; perSecond: number; cpu: CpuWindow };
  baseline: { seconds: number; perSecond: number; cpu: CpuWindow };
  ratio: number;
  shapeRatio: number;
  latency: {
    submit: LatencyStats;
    steadySubmit: LatencyStats;
    status: LatencyStats;
    bare: LatencyStats;
    transactionsPerSubmit: Record<string, number>;
    cpu: Record<string, CpuWindow>;
  };
  memory: { apiPeakMb: number; workerPeakMb: number; apiHighWaterMb: number; workerHighWaterMb: number; baselineWorkerPeakMb: number };
  series: { collection: [number, number][]; floor: [number, number][]; baseline: [number, number][] };
};

function fmtX(x: Record<string, number>): string {
  return Object.entries(x)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

function report(r: Result): string {
  const ok = (good: boolean) => (good ? 'met' : 'MISSED');
  const lat = (name: string, s: LatencyStats, target?: number) => [
    name,
    s.count,
    s.errors,
    r2(s.achievedRate),
    s.p50,
    s.p99,
    s.max,
    s.serviceP99,
    target === undefined ? '' : `${target} (${ok(s.p99 <= target)})`,
  ];
  const cpuRows = (
    [
      ...(r.preload ? [['preload', r.preload.cpu] as [string, CpuWindow]] : []),
      ['prepare drafts', r.prepare.cpu],
      ['collection e2e', r.collection.cpu],
      ['floor', r.floor.cpu],
      ['same-shape baseline', r.baseline.cpu],
      ['latency: submit', r.latency.cpu.submit!],
      ['latency: status', r.latency.cpu.status!],
      ['latency: bare', r.latency.cpu.bare!],
    ] as [string, CpuWindow][]
  ).map(([name, w]) => [name, r2(w.seconds), `${Math.round(w.utilisation * 100)}%`, ...CPU_KEYS.map((k) => r2(w.cpu[k] ?? 0))]);
  return [
    `\nEnd-to-end collection on ${r.machine.cores} × ${r.machine.cpuModel} (load before: ${r.machine.loadavg.join(' ')})`,
    `Engine: ${ENGINE_NAMES[r.settings.engine] ?? r.settings.engine} at ${r.settings.temporal}${r.settings.retention ? `, retention ${r.settings.retention}` : ''}${
      r.preload
        ? `; preloaded with ${r.preload.workflows} closed workflows in ${r2(r.preload.seconds)} s (${r2(r.preload.perSecond)}/s; per ${r.preload.chunks[0]?.[0] ?? 0}: first ${r.preload.chunks[0]?.[1] ?? ''}/s, last ${r.preload.chunks.at(-1)?.[1] ?? ''}/s)`
        : ', fresh'
    }`,
    table(
      ['run', 'requests', 'seconds', 'per second', 'target', 'submit→completed p50 ms', 'p99 ms'],
      [
        [
          'collection (API → workflow → DB → national)',
          r.collection.requests,
          r2(r.collection.seconds),
          r2(r.collection.perSecond),
          `${TARGETS.throughput} (${ok(r.collection.perSecond >= TARGETS.throughput)})`,
          r.collection.submitToCompletedMs.p50,
          r.collection.submitToCompletedMs.p99,
        ],
        ...(r.floorFresh
          ? [
              [
                'floor on the fresh engine, before the preload',
                r.collection.requests,
                r2(r.floorFresh.seconds),
                r2(r.floorFresh.perSecond),
                '',
                '',
                '',
              ],
            ]
          : []),
        ['floor: 2 Updates, no activity (the engine)', r.collection.requests, r2(r.floor.seconds), r2(r.floor.perSecond), '', '', ''],
        [
          'same-shape baseline (2 Updates, 8 no-op activities)',
          r.collection.requests,
          r2(r.baseline.seconds),
          r2(r.baseline.perSecond),
          '',
          '',
          '',
        ],
        [
          'ratio collection / floor',
          '',
          '',
          `${Math.round(r.ratio * 100)}%`,
          `${TARGETS.ratio * 100}% (${ok(r.ratio >= TARGETS.ratio)})`,
          '',
          '',
        ],
        ['ratio collection / same-shape baseline', '', '', `${Math.round(r.shapeRatio * 100)}%`, '', '', ''],
      ],
    ),
    `\nDrafts prepared (untimed for throughput): ${r2(r.prepare.draftsPerSecond)} drafts/s over ${r2(r.prepare.seconds)} s`,
    `\nAPI latency at ${r.settings.rate} req/s, ms from the intended send time`,
    table(
      ['route', 'count', 'errors', 'sent/s', 'p50', 'p99', 'max', 'service p99', 'p99 target'],
      [
        lat('POST /requests/{id}/submit (a burst)', r.latency.submit),
        lat('GET /requests/{id}/status', r.latency.status, TARGETS.statusP99),
        lat('bare Hono route', r.latency.bare),
      ],
    ),
    `\nSubmit at ${r.settings.steadyRate} req/s (a rate the deployment sustains: the service time of one submit)`,
    table(
      ['route', 'count', 'errors', 'sent/s', 'p50', 'p99', 'max', 'service p99', 'p99 target'],
      [lat('POST /requests/{id}/submit', r.latency.steadySubmit, TARGETS.submitP99)],
    ),
    `\nDatabase transactions (round trips) per collection, all processes: ${fmtX(r.collection.transactionsPerCollection)}; per submit at ${r.settings.steadyRate}/s (its API request and its workflow's first task): ${fmtX(r.latency.transactionsPerSubmit)}`,
    `\nPeak RSS: API ${r.memory.apiPeakMb} MB (kernel high-water ${r.memory.apiHighWaterMb} MB), worker ${r.memory.workerPeakMb} MB (high-water ${r.memory.workerHighWaterMb} MB), baseline worker ${r.memory.baselineWorkerPeakMb} MB`,
    `\nCPU seconds per component (2 cores = 2 CPU s per second)`,
    table(['phase', 'seconds', 'busy', ...CPU_KEYS], cpuRows),
  ].join('\n');
}

function chart(r: Result): string {
  const W = 1400;
  const P = (col: number, row: number) => ({ x: 20 + col * 460, y: 70 + row * 330, w: 440, h: 310 });
  const cpuParts = (w: CpuWindow) => Object.fromEntries(CPU_KEYS.map((k) => [k, r2(w.cpu[k] ?? 0)]));
  const body = [
    bars(
      P(0, 0),
      'End-to-end throughput',
      'requests per second',
      [
        { label: 'collection', values: [{ name: 'per second', value: r2(r.collection.perSecond) }] },
        { label: 'floor', values: [{ name: 'per second', value: r2(r.floor.perSecond) }] },
        { label: 'same-shape baseline', values: [{ name: 'per second', value: r2(r.baseline.perSecond) }] },
      ],
      { targets: [{ value: TARGETS.throughput, label: `target ${TARGETS.throughput}/s` }] },
    ),
    lines(P(1, 0), 'Completed over time', 'requests completed', [
      { name: 'collection', points: r.series.collection },
      { name: 'floor', points: r.series.floor },
      { name: 'same-shape baseline', points: r.series.baseline },
    ]),
    bars(
      P(2, 0),
      `API latency at ${r.settings.rate} req/s`,
      'milliseconds',
      [
        {
          label: 'submit',
          values: [
            { name: 'p50', value: r.latency.submit.p50 },
            { name: 'p99', value: r.latency.submit.p99 },
          ],
        },
        {
          label: 'status',
          values: [
            { name: 'p50', value: r.latency.status.p50 },
            { name: 'p99', value: r.latency.status.p99 },
          ],
        },
        {
          label: 'bare route',
          values: [
            { name: 'p50', value: r.latency.bare.p50 },
            { name: 'p99', value: r.latency.bare.p99 },
          ],
        },
      ],
      {
        log: true,
        targets: [
          { value: TARGETS.submitP99, label: `submit p99 target ${TARGETS.submitP99} (at ${r.settings.steadyRate}/s)` },
          { value: TARGETS.statusP99, label: 'status p99 target 15' },
        ],
      },
    ),
    stacked({ ...P(0, 1), w: 900 }, 'CPU seconds by component', 'CPU seconds', [
      { label: 'collection e2e', parts: cpuParts(r.collection.cpu) },
      { label: 'floor', parts: cpuParts(r.floor.cpu) },
      { label: 'same-shape baseline', parts: cpuParts(r.baseline.cpu) },
      { label: 'latency: submit', parts: cpuParts(r.latency.cpu.submit!) },
      { label: 'latency: status', parts: cpuParts(r.latency.cpu.status!) },
    ]),
    bars(P(2, 1), 'Peak RSS', 'MB', [
      { label: 'API', values: [{ name: 'MB', value: r.memory.apiPeakMb }] },
      { label: 'worker', values: [{ name: 'MB', value: r.memory.workerPeakMb }] },
      { label: 'baseline worker', values: [{ name: 'MB', value: r.memory.baselineWorkerPeakMb }] },
    ]),
  ].join('');
  return page(
    W,
    740,
    'Collection benchmark',
    `${r.collection.requests} requests, ${r.settings.concurrency} at a time; ${r.machine.cores} × ${r.machine.cpuModel}; ratio ${Math.round(r.ratio * 100)}% of the floor`,
    body,
  );
}
