/**
 * Benchmark: latency of the live statistics and person-search endpoints on a generated population.
 *
 *   npx tsx bench/statistics.ts [--people 100000] [--iterations 300] [--warmup 30] [--concurrency 4]
 *                               [--database-url postgresql://postgres@127.0.0.1:5432/acct_bench_statistics] [--fresh]
 *
 * Uses its own database (kept between runs, so the population is generated once; --fresh drops it), with
 * the committed migrations and tools/lib/population.ts people of PROVINCE_CODE (default 110000).
 * Requests go through the whole API in-process with `app.request` — routing, token check, validation,
 * role scoping, SQL, JSON — without a socket; each is timed until its body has been read. Requests are
 * sent one at a time (closed loop), so a figure is the service time of one request on an otherwise idle
 * API; a second phase repeats a few with several clients at once. Baselines measured in the same run: a
 * bare Hono route (in-process), `SELECT 1` through the same Prisma client and pool, and a reference
 * query that counts 100,000 generated rows in PostgreSQL. The reference also runs after every request
 * of every scenario, so each scenario has its ratio to the reference at the same moments: the machine is
 * shared, and the ratio stays meaningful when others load it. Writes bench/results/statistics-<time>.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Hono } from 'hono';
import cliProgress from 'cli-progress';
import type { Client } from '@temporalio/client';
import { createApp } from '../api/app.ts';
import { upsertStaff } from '../api/auth/users.ts';
import { createTokens } from '../api/auth.ts';
import { createDb } from '../clients/db.ts';
import { createLogger } from '../clients/log.ts';
import { personalDataFromEnv } from '../clients/personal-data.ts';
import { createStorage } from '../clients/storage.ts';
import { loadEnv } from '../config/env.ts';
import { chinaDate } from '../domain/dates.ts';
import { createNationalClient } from '../national/client.ts';
import { applyMigrations, dropDatabase } from '../prisma/migrations-runner.ts';
import { countGenerated, generatePopulation, seededRandom } from '../tools/lib/population.ts';
import { percentile } from './lib/load.ts';
import { cpuWindow, machineFacts } from './lib/probes.ts';
import { r2, table } from './lib/report.ts';

const { values: opt } = parseArgs({
  options: {
    people: { type: 'string', default: '100000' },
    iterations: { type: 'string', default: '300' },
    warmup: { type: 'string', default: '30' },
    concurrency: { type: 'string', default: '4' },
    'database-url': { type: 'string', default: 'postgresql://postgres@127.0.0.1:5432/acct_bench_statistics' },
    fresh: { type: 'boolean', default: false },
    smoke: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  },
});
if (opt.help) {
  console.log(
    'usage: npx tsx bench/statistics.ts [--people 100000] [--iterations 300] [--warmup 30] [--concurrency 4] [--database-url URL] [--fresh] [--smoke]',
  );
  process.exit(0);
}
/** --smoke: a few hundred people in a database of its own, dropped afterwards; proves the benchmark runs. */
const smoke = opt.smoke;
const PEOPLE = smoke ? 300 : Number(opt.people);
const N = smoke ? 5 : Number(opt.iterations);
const WARMUP = smoke ? 1 : Number(opt.warmup);
const CONCURRENCY = smoke ? 2 : Number(opt.concurrency);
const DATABASE_URL = smoke ? `postgresql://postgres@127.0.0.1:5432/acct_bench_smoke_${process.pid}` : opt['database-url']!;
const TARGETS = { statistics: 100, search: 50 };
const say = (s: string) => console.error(`[bench] ${s}`);

const env = loadEnv({ DATABASE_URL, NODE_ENV: 'test', LOG_LEVEL: 'warn', PROVINCE_CODE: process.env.PROVINCE_CODE ?? '110000' });
if (opt.fresh || smoke) await dropDatabase(DATABASE_URL);
await applyMigrations(DATABASE_URL);
const db = createDb(DATABASE_URL);
const personalData = personalDataFromEnv(env);

try {
  // --- the population ---
  const existing = await countGenerated(db);
  if (existing < PEOPLE) {
    say(`generating ${PEOPLE - existing} people in ${env.PROVINCE_CODE} (once; the database is kept for later runs)`);
    const bar = new cliProgress.SingleBar(
      { format: 'people |{bar}| {value}/{total}', hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(PEOPLE - existing, 0);
    const report = await generatePopulation(db, personalData, {
      count: PEOPLE - existing,
      provinceCode: env.PROVINCE_CODE,
      today: chinaDate(Date.now()),
      seed: 2026 + existing,
      onProgress: (n) => bar.update(n),
    });
    bar.stop();
    say(`generated ${report.people} people in ${report.seconds} s`);
  }
  await db.$executeRaw`VACUUM (ANALYZE) "Person", "Education", "WorkInfo", "Qualification", "ContinuingEducation", "Request"`;
  const tables = await db.$queryRaw<
    { people: number; educations: number; qualifications: number; works: number; courses: number; requests: number }[]
  >`
    SELECT (SELECT count(*) FROM "Person")::int AS people, (SELECT count(*) FROM "Education")::int AS educations,
           (SELECT count(*) FROM "Qualification")::int AS qualifications, (SELECT count(*) FROM "WorkInfo")::int AS works,
           (SELECT count(*) FROM "ContinuingEducation")::int AS courses, (SELECT count(*) FROM "Request")::int AS requests`;
  const rowCounts = tables[0]!;
  say(
    `database: ${Object.entries(rowCounts)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')}`,
  );

  // --- the API, in-process; these endpoints use the database only ---
  const noTemporal = new Proxy(
    {},
    {
      get: () => {
        throw new Error('the statistics benchmark does not use Temporal');
      },
    },
  ) as Client;
  const tokens = createTokens(db, env);
  const app = createApp({
    env,
    db,
    storage: createStorage({
      endPoint: env.MINIO_ENDPOINT,
      port: env.MINIO_PORT,
      useSSL: false,
      accessKey: env.MINIO_ACCESS_KEY,
      secretKey: env.MINIO_SECRET_KEY,
      bucket: env.MINIO_BUCKET,
      prefix: 'bench-statistics/',
    }),
    temporal: noTemporal,
    log: createLogger('warn', 'bench-api'),
    tokens,
    national: createNationalClient({ baseUrl: env.NATIONAL_URL, province: env.PROVINCE_CODE }),
    personalData,
    taskQueue: 'bench-statistics',
  });
  const bare = new Hono();
  bare.get('/ping', (c) => c.json({ ok: true }));

  // The largest district: the reviewer whose statistics cost the most.
  const [largest] = await db.$queryRaw<{ districtCode: string; n: number }[]>`
    SELECT "districtCode", count(*)::int AS n FROM "Person" GROUP BY 1 ORDER BY 2 DESC LIMIT 1`;
  const admin = await upsertStaff(db, {
    username: 'bench-admin',
    password: 'bench-password-2026',
    role: 'admin',
    displayName: 'Benchmark administrator',
  });
  const reviewer = await upsertStaff(db, {
    username: `bench-reviewer-${largest!.districtCode}`,
    password: 'bench-password-2026',
    role: 'reviewer',
    displayName: 'Benchmark reviewer',
    districtCode: largest!.districtCode,
  });
  const adminToken = (await tokens.issue({ userId: admin.id })).token;
  const reviewerToken = (await tokens.issue({ userId: reviewer.id })).token;

  // Search terms drawn from the data, so every query finds something (seeded: the same terms each run).
  const random = seededRandom(7);
  const sample = (
    await db.$queryRaw<{ name: string; archiveNoSealed: string; unitName: string | null }[]>`
      SELECT p.name, p."archiveNoSealed", w."unitName" FROM "Person" p LEFT JOIN "WorkInfo" w ON w."personId" = p.id
       WHERE p."idType" = 'mainlandId' AND p."districtCode" = ${largest!.districtCode} ORDER BY md5(p.id) LIMIT 500`
  ).map(({ archiveNoSealed, ...s }) => ({ ...s, archiveNo: personalData.open('idNumber', archiveNoSealed) }));
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const names = sample.map((s) => s.name);
  const units = sample.flatMap((s) => (s.unitName ? [s.unitName] : []));
  const terms = {
    fullName: () => (names.length ? pick(names) : '张伟'),
    surname: () => pick(names).slice(0, 1),
    givenPart: () => pick(names).slice(-1),
    archiveNo: () => pick(sample).archiveNo,
    archivePrefix: () => pick(sample).archiveNo.slice(0, 6),
    // Part of a unit's name after the city: its trade name and trade (4 characters), or the trade name alone (2).
    unitPart: () => pick(units).slice(2, 6),
    unitShort: () => pick(units).slice(2, 4),
  };
  const q = (s: string) => encodeURIComponent(s);

  /** CPU work of a known size in PostgreSQL: the yardstick of the machine's speed at a moment. */
  async function reference() {
    await db.$queryRaw`SELECT count(*) FROM generate_series(1, 100000)`;
    return new Response('ok');
  }

  interface Scenario {
    name: string;
    kind: 'baseline' | 'statistics' | 'search';
    run: () => Response | Promise<Response>;
  }
  const get = (path: string, token: string) => async () => app.request(path, { headers: { authorization: `Bearer ${token}` } });
  const scenarios: Scenario[] = [
    { name: 'baseline: bare Hono route', kind: 'baseline', run: () => bare.request('/ping') },
    {
      name: 'baseline: SELECT 1 (Prisma)',
      kind: 'baseline',
      run: async () => {
        await db.$queryRaw`SELECT 1`;
        return new Response('ok');
      },
    },
    { name: 'baseline: reference, count 100,000 rows (PostgreSQL)', kind: 'baseline', run: reference },
    { name: 'statistics, administrator (province, all sections)', kind: 'statistics', run: get('/statistics', adminToken) },
    { name: `statistics, reviewer (${largest!.districtCode}, all sections)`, kind: 'statistics', run: get('/statistics', reviewerToken) },
    { name: 'statistics, administrator, people section', kind: 'statistics', run: get('/statistics?sections=people', adminToken) },
    { name: 'statistics, administrator, requests section', kind: 'statistics', run: get('/statistics?sections=requests', adminToken) },
    {
      name: 'statistics, administrator, continuing education',
      kind: 'statistics',
      run: get('/statistics?sections=continuingEducation', adminToken),
    },
    { name: 'search, administrator, no filter (page 1)', kind: 'search', run: get('/people', adminToken) },
    { name: 'search, administrator, full name', kind: 'search', run: () => get(`/people?name=${q(terms.fullName())}`, adminToken)() },
    {
      name: 'search, administrator, full name anywhere (contains)',
      kind: 'search',
      run: () => get(`/people?name=${q(terms.fullName())}&nameMatch=contains`, adminToken)(),
    },
    { name: 'search, administrator, surname', kind: 'search', run: () => get(`/people?name=${q(terms.surname())}`, adminToken)() },
    {
      name: 'search, administrator, one character anywhere',
      kind: 'search',
      run: () => get(`/people?name=${q(terms.givenPart())}&nameMatch=contains`, adminToken)(),
    },
    {
      name: 'search, administrator, archive number',
      kind: 'search',
      run: () => get(`/people?archiveNo=${terms.archiveNo()}`, adminToken)(),
    },
    {
      name: 'search, administrator, archive-number prefix',
      kind: 'search',
      run: () => get(`/people?archiveNo=${terms.archivePrefix()}`, adminToken)(),
    },
    {
      name: 'search, administrator, unit name, 4 characters',
      kind: 'search',
      run: () => get(`/people?unit=${q(terms.unitPart())}`, adminToken)(),
    },
    {
      name: 'search, administrator, unit name, 2 characters',
      kind: 'search',
      run: () => get(`/people?unit=${q(terms.unitShort())}`, adminToken)(),
    },
    {
      name: `search, reviewer (${largest!.districtCode}), full name`,
      kind: 'search',
      run: () => get(`/people?name=${q(terms.fullName())}`, reviewerToken)(),
    },
    { name: `search, reviewer (${largest!.districtCode}), no filter`, kind: 'search', run: get('/people', reviewerToken) },
  ];

  interface Result {
    name: string;
    kind: string;
    clients: number;
    count: number;
    errors: number;
    p50: number;
    p90: number;
    p99: number;
    max: number;
    mean: number;
    perSecond: number;
    machineBusy: number;
    referenceP50: number | null;
  }
  async function measure(s: Scenario, clients: number, count: number): Promise<Result> {
    for (let i = 0; i < WARMUP; i++) await (await s.run()).text();
    const times: number[] = [];
    const references: number[] = [];
    // One client, not a baseline: the reference right after each request, at the same moments.
    const paired = clients === 1 && s.kind !== 'baseline';
    let errors = 0;
    let next = 0;
    let busy = 0;
    const cpu = cpuWindow({});
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (next < count) {
          next++;
          const start = performance.now();
          const res = await s.run();
          await res.text();
          const end = performance.now();
          busy += end - start;
          if (res.status === 200) times.push(end - start);
          else errors++;
          if (paired) {
            const r0 = performance.now();
            await reference();
            references.push(performance.now() - r0);
          }
        }
      }),
    );
    // Requests per second of the scenario alone (the reference's time left out).
    const seconds = paired ? busy / 1000 : (performance.now() - t0) / 1000;
    references.sort((a, b) => a - b);
    const window = cpu.end();
    times.sort((a, b) => a - b);
    return {
      name: s.name,
      kind: s.kind,
      clients,
      count: times.length,
      errors,
      p50: r2(percentile(times, 50)),
      p90: r2(percentile(times, 90)),
      p99: r2(percentile(times, 99)),
      max: r2(times.at(-1) ?? NaN),
      mean: r2(times.reduce((a, b) => a + b, 0) / Math.max(1, times.length)),
      perSecond: r2(times.length / seconds),
      // Share of both cores busy during the measurement, this process and everything else on the machine.
      machineBusy: r2(window.utilisation),
      referenceP50: references.length ? r2(percentile(references, 50)) : null,
    };
  }

  const facts = machineFacts();
  say(`machine: ${facts.cores} × ${facts.cpuModel}, load ${facts.loadavg.join(' ')}`);
  const results: Result[] = [];
  for (const s of scenarios) {
    const count = s.kind === 'baseline' ? N * 3 : N;
    say(`${s.name}: ${count} requests, one at a time`);
    results.push(await measure(s, 1, count));
  }
  const underLoad = scenarios.filter((s) => /administrator \(province|full name|^baseline: SELECT/.test(s.name));
  for (const s of underLoad) {
    say(`${s.name}: ${N} requests, ${CONCURRENCY} clients at once`);
    results.push(await measure(s, CONCURRENCY, N));
  }

  const referenceAlone = results.find((r) => r.name.startsWith('baseline: reference'))!;
  const verdict = (r: Result) =>
    r.kind === 'baseline' || r.clients > 1 ? '' : r.p99 <= TARGETS[r.kind as 'statistics' | 'search'] ? 'met' : 'missed';
  console.log(
    `\nStatistics and search, ${rowCounts.people} people (${rowCounts.qualifications} qualifications, ${rowCounts.educations} education, ${rowCounts.courses} continuing-education records)`,
  );
  console.log(
    `in-process app.request; latency in ms until the body is read; targets p99 ≤ ${TARGETS.statistics} ms statistics, ≤ ${TARGETS.search} ms search (one client)`,
  );
  console.log(
    `"ref p50": the reference query (count 100,000 rows, ${referenceAlone.p50} ms alone) run after each request of the row; "p50 / ref": the request in units of it\n`,
  );
  console.log(
    table(
      ['scenario', 'clients', 'n', 'p50', 'p90', 'p99', 'max', 'req/s', 'ref p50', 'p50 / ref', 'busy', 'target'],
      results.map((r) => [
        r.name,
        r.clients,
        r.count + (r.errors ? ` (${r.errors} errors)` : ''),
        r.p50,
        r.p90,
        r.p99,
        r.max,
        r.perSecond,
        r.referenceP50 ?? '',
        r.referenceP50 ? r2(r.p50 / r.referenceP50) : '',
        `${Math.round(r.machineBusy * 100)}%`,
        verdict(r),
      ]),
    ),
  );
  const end = machineFacts();
  console.log(
    `\nmachine load average ${facts.loadavg.join(' ')} at the start, ${end.loadavg.join(' ')} at the end ("busy": share of both cores in use during a row, everything included)`,
  );

  const dir = new URL('./results/', import.meta.url).pathname;
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `statistics-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(
    file,
    JSON.stringify(
      {
        when: new Date().toISOString(),
        method: 'in-process app.request, closed loop',
        machine: facts,
        loadAtEnd: end.loadavg,
        database: rowCounts,
        iterations: N,
        warmup: WARMUP,
        targets: TARGETS,
        results,
      },
      null,
      2,
    ),
  );
  console.log(`results: ${file}`);
} finally {
  await db.$disconnect();
  if (smoke) await dropDatabase(DATABASE_URL);
}
