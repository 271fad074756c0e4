/**
 * Benchmark: latency of the live statistics, person-search, inbox and access-log endpoints on a generated
 * population, and the whole-province person exports.
 *
 *   npx tsx bench/statistics.ts [--count 100000] [--iterations 300] [--warmup 30] [--concurrency 4]
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
 * shared, and the ratio stays meaningful when others load it.
 *
 * Beside the population: 5,000 requests awaiting review in the largest district (and 15,000 closed ones
 * across the province; rows of the inbox's table, no workflows) and 1,000,000 access-log entries. The
 * exports run last, over HTTP against the same API in a process of its own (bench/export-server.ts), so
 * the peak memory printed is that of the process streaming them. Prints the issue's targets with PASS or
 * FAIL. Writes bench/results/statistics-<time>.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { Hono } from 'hono';
import cliProgress from 'cli-progress';
import { upsertStaff } from '../api/auth/users.ts';
import { createDb } from '../clients/db.ts';
import { personalDataFromEnv } from '../clients/personal-data.ts';
import { loadEnv } from '../config/env.ts';
import { chinaDate } from '../domain/dates.ts';
import { applyMigrations, dropDatabase } from '../prisma/migrations-runner.ts';
import { peopleCsvStream } from '../api/statistics/export.ts';
import { allPeople, type PersonListItem } from '../api/statistics/search.ts';
import { createNumberMasking } from '../clients/number-masking.ts';
import type { PersonalData } from '../clients/personal-data.ts';
import { API_NODE_FLAGS, buildApi } from '../tools/build-api.ts';
import { countGenerated, generatePopulation, seededRandom } from '../tools/lib/population.ts';
import { percentile } from './lib/load.ts';
import { cpuWindow, machineFacts } from './lib/probes.ts';
import { r2, table } from './lib/report.ts';
import { statisticsApp } from './lib/statistics-app.ts';

const { values: opt } = parseArgs({
  options: {
    count: { type: 'string' },
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
    'usage: npx tsx bench/statistics.ts [--count 100000] [--iterations 300] [--warmup 30] [--concurrency 4] [--database-url URL] [--fresh] [--smoke]',
  );
  process.exit(0);
}
/** --smoke: a few hundred people in a database of its own, dropped afterwards; proves the benchmark runs. */
const smoke = opt.smoke;
const PEOPLE = smoke ? 300 : Number(opt.count ?? opt.people);
/** Requests awaiting review in the largest district, and access-log entries. */
const INBOX = smoke ? 60 : 5000;
const ACCESS_LOG = smoke ? 3000 : 1_000_000;
/** People the in-process CSV runs read: enough for a steady rate, a fraction of a million's time. */
const EXPORT_BASELINE_ROWS = 300_000;
const N = smoke ? 5 : Number(opt.iterations);
const WARMUP = smoke ? 1 : Number(opt.warmup);
const CONCURRENCY = smoke ? 2 : Number(opt.concurrency);
const DATABASE_URL = smoke ? `postgresql://postgres@127.0.0.1:5432/acct_bench_smoke_${process.pid}` : opt['database-url']!;
/** The issue's targets (p99 ms, one client); exports: peak RSS of the API and CSV rows per second. */
const TARGETS = { province: 200, district: 50, search: 50, inbox: 30, exportRssMb: 300, csvRowsPerSecond: 50_000 };
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
      batchSize: 10_000,
      copyUrl: DATABASE_URL,
      onProgress: (n) => bar.update(n),
    });
    bar.stop();
    say(`generated ${report.people} people in ${report.seconds} s`);
  }
  await db.$executeRaw`VACUUM (ANALYZE) "Person", "Education", "WorkInfo", "Qualification", "ContinuingEducation", "ContinuingEducationYear", "Request", "PersonTally", "PersonLevelTally", "ContinuingEducationTally"`;
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
  const { app, tokens } = statisticsApp(env, db, personalData);
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

  // --- the inbox: requests awaiting review in the largest district, closed ones everywhere ---
  const seeded = async (prefix: string) =>
    (await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "Request" WHERE "workflowId" LIKE ${`${prefix}%`}`)[0]!.n;
  /** `n` requests of people of the district (all districts: null), seven in ten collections, the rest changes. */
  const addRequests = (prefix: string, n: number, district: string | null, state: 'awaitingReview' | 'completed') => db.$executeRaw`
    WITH p AS MATERIALIZED (SELECT *, row_number() OVER (ORDER BY id) AS k FROM "Person"
                             WHERE ${district}::text IS NULL OR "districtCode" = ${district} ORDER BY id LIMIT 20000)
    INSERT INTO "Request" ("id", "kind", "state", "archiveNoHash", "archiveNoSealed", "provinceCode", "districtCode", "workflowId", "form",
                           "submittedAt", "reviewDueAt", "closedAt", "updatedAt")
    SELECT gen_random_uuid()::text, (CASE WHEN g % 10 < 7 THEN 'collection' ELSE 'change' END)::"RequestKind", ${state}::"RequestState",
           p."archiveNoHash", p."archiveNoSealed", p."provinceCode", p."districtCode", ${prefix} || g,
           CASE WHEN g % 10 < 7 THEN jsonb_build_object('basic', jsonb_build_object('name', p.name)) ELSE '{"contact": {}}'::jsonb END,
           now() - g * interval '1 minute', now() + interval '5 days' - g * interval '1 minute',
           CASE WHEN ${state} = 'completed' THEN now() ELSE NULL END, now()
      FROM generate_series(1, ${n}::int) g
      JOIN p ON p.k = 1 + (g - 1) % (SELECT count(*) FROM p)`;
  if ((await seeded('bench-inbox-')) < INBOX || (await seeded('bench-closed-')) < INBOX * 3) {
    say(`adding ${INBOX} requests awaiting review in ${largest!.districtCode} and ${INBOX * 3} closed ones (once)`);
    await db.$executeRaw`DELETE FROM "Request" WHERE "workflowId" LIKE 'bench-inbox-%' OR "workflowId" LIKE 'bench-closed-%'`;
    await addRequests('bench-inbox-', INBOX, largest!.districtCode, 'awaitingReview');
    await addRequests('bench-closed-', INBOX * 3, null, 'completed');
  }

  // --- the access log: reads by 40 staff of 20,000 people's records and requests, one every 20 seconds back in time ---
  const logged = (await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "AccessLog"`)[0]!.n;
  if (logged < ACCESS_LOG) {
    say(`adding ${ACCESS_LOG - logged} access-log entries (once)`);
    const readers = [admin.id, reviewer.id, ...Array.from({ length: 38 }, () => randomUUID())];
    await db.$executeRaw`
      INSERT INTO "AccessLog" ("id", "userId", "role", "resource", "personId", "reason", "at")
      SELECT gen_random_uuid()::text, readers[1 + g % cardinality(readers)], (CASE WHEN g % 5 = 0 THEN 'admin' ELSE 'reviewer' END)::"Role",
             CASE WHEN g % 3 = 0 THEN 'person.material' ELSE 'person.record' END, people[1 + ((g::bigint * 7919) % cardinality(people))::int], '复核',
             now() - g * interval '20 seconds'
        FROM generate_series(${logged + 1}::int, ${ACCESS_LOG}::int) g,
             (SELECT array_agg(id) AS people FROM (SELECT id FROM "Person" ORDER BY md5(id) LIMIT 20000) s) pp,
             (SELECT ${readers}::text[] AS readers) rr`;
  }
  await db.$executeRaw`VACUUM (ANALYZE) "Request", "AccessLog"`;
  const [loggedPerson] = await db.$queryRaw<
    { personId: string }[]
  >`SELECT "personId" FROM "AccessLog" WHERE "personId" IS NOT NULL LIMIT 1`;

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
    kind: 'baseline' | 'statistics' | 'search' | 'inbox' | 'accessLog';
    run: () => Response | Promise<Response>;
    /** The issue's p99 target, ms (one client). */
    target?: keyof typeof TARGETS;
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
    {
      name: 'statistics, administrator (province, all sections)',
      kind: 'statistics',
      run: get('/statistics', adminToken),
      target: 'province',
    },
    {
      name: `statistics, reviewer (${largest!.districtCode}, all sections)`,
      kind: 'statistics',
      run: get('/statistics', reviewerToken),
      target: 'district',
    },
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
    {
      name: `inbox, reviewer (${largest!.districtCode}, ${INBOX} awaiting), first page`,
      kind: 'inbox',
      run: get('/reviews/inbox', reviewerToken),
      target: 'inbox',
    },
    {
      name: `inbox, reviewer (${largest!.districtCode}), page ${Math.ceil(INBOX / 40)} (20 a page, the middle)`,
      kind: 'inbox',
      run: get(`/reviews/inbox?page=${Math.ceil(INBOX / 40)}`, reviewerToken),
      target: 'inbox',
    },
    { name: `access log (${ACCESS_LOG} entries), newest page`, kind: 'accessLog', run: get('/admin/access-log', adminToken) },
    { name: 'access log, one reader', kind: 'accessLog', run: get(`/admin/access-log?userId=${reviewer.id}`, adminToken) },
    {
      name: "access log, one person's record",
      kind: 'accessLog',
      run: get(`/admin/access-log?personId=${loggedPerson?.personId ?? admin.id}`, adminToken),
    },
  ];
  for (const s of scenarios) if (s.kind === 'search') s.target = 'search';

  interface Result {
    name: string;
    kind: string;
    target?: keyof typeof TARGETS;
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
      target: clients === 1 ? s.target : undefined,
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
    r.target === undefined ? '' : r.p99 <= TARGETS[r.target] ? `≤ ${TARGETS[r.target]} met` : `> ${TARGETS[r.target]} missed`;
  console.log(
    `\nStatistics and search, ${rowCounts.people} people (${rowCounts.qualifications} qualifications, ${rowCounts.educations} education, ${rowCounts.courses} continuing-education records)`,
  );
  console.log(
    `in-process app.request; latency in ms until the body is read; targets p99 (one client): ≤ ${TARGETS.province} ms whole-province statistics, ≤ ${TARGETS.district} ms one district's, ≤ ${TARGETS.search} ms search, ≤ ${TARGETS.inbox} ms an inbox page`,
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

  // --- exports of the whole province, over HTTP from an API process of its own ---
  const exports = await measureExports(adminToken);
  console.log(`\nExports of the whole province (${rowCounts.people} people), API in a process of its own, over HTTP on 127.0.0.1`);
  console.log(
    table(
      ['format', 'rows', 'MB', 'first byte ms', 'seconds', 'rows/s', 'API RSS before MB', 'API peak RSS MB'],
      exports.map((e) => [e.format, e.rows, r2(e.bytes / 1e6), e.firstByteMs, e.seconds, e.rowsPerSecond, e.rssBeforeMb, e.peakRssMb]),
    ),
  );

  // --- what a CSV export's rows cost: in this process, with the numbers opened as exported, and without ---
  const csvCosts = await measureCsvInProcess(Math.min(EXPORT_BASELINE_ROWS, rowCounts.people));
  console.log(`\nCSV export in this process, the first ${csvCosts[0]!.rows} people in list order (the same query, chunks and writer)`);
  console.log(
    table(
      ['run', 'rows', 'seconds', 'rows/s', 'µs a row'],
      csvCosts.map((c) => [c.name, c.rows, c.seconds, c.rowsPerSecond, r2(1e6 / c.rowsPerSecond)]),
    ),
  );

  // --- the issue's targets ---
  const single = results.filter((r) => r.clients === 1);
  const worst = (target: keyof typeof TARGETS) =>
    single.filter((r) => r.target === target).reduce<Result | undefined>((w, r) => (w && w.p99 >= r.p99 ? w : r), undefined);
  const verdicts: [string, string, boolean][] = [];
  for (const [target, label] of [
    ['province', 'whole-province statistics, all sections'],
    ['district', "one district's statistics"],
    ['search', 'every person-search row (the slowest)'],
    ['inbox', `a district inbox page with ${INBOX} waiting (the slower page)`],
  ] as const) {
    const w = worst(target);
    if (w) verdicts.push([`${label}: p99 ≤ ${TARGETS[target]} ms`, `${w.p99} ms (${w.name})`, w.p99 <= TARGETS[target]]);
  }
  const peak = Math.max(...exports.map((e) => e.peakRssMb));
  verdicts.push([`exports: peak RSS of the API < ${TARGETS.exportRssMb} MB`, `${peak} MB`, peak < TARGETS.exportRssMb]);
  const csv = exports.find((e) => e.format === 'csv')!;
  verdicts.push([
    `CSV export ≥ ${TARGETS.csvRowsPerSecond.toLocaleString('en')} rows/s`,
    `${csv.rowsPerSecond} rows/s`,
    csv.rowsPerSecond >= TARGETS.csvRowsPerSecond,
  ]);
  console.log(`\nTargets at ${rowCounts.people} people (benchmarks, not timed tests; two cores shared):`);
  console.log(
    table(
      ['target', 'measured', ''],
      verdicts.map(([t, m, ok]) => [t, m, ok ? 'PASS' : 'FAIL']),
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
        inbox: INBOX,
        accessLog: ACCESS_LOG,
        results,
        exports,
        csvCosts,
        verdicts: verdicts.map(([target, measured, pass]) => ({ target, measured, pass })),
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

interface ExportRun {
  format: 'csv' | 'xlsx';
  rows: number;
  bytes: number;
  firstByteMs: number;
  seconds: number;
  rowsPerSecond: number;
  rssBeforeMb: number;
  peakRssMb: number;
}

/**
 * The CSV export's rows in this process: the baseline with the sealed values written unopened, then each row's ID
 * and mobile numbers opened to be masked on this thread, and on a worker thread as the API does.
 */
async function measureCsvInProcess(rows: number) {
  const scope = { provinceCode: env.PROVINCE_CODE, districtCode: null };
  const unopened: PersonalData = { ...personalData, open: (_field, sealed) => sealed.slice(-18) };
  async function* firstRows(chunks: AsyncIterable<PersonListItem[]>) {
    let n = 0;
    for await (const chunk of chunks) {
      yield chunk.slice(0, rows - n);
      n += chunk.length;
      if (n >= rows) return;
    }
  }
  const runs: { name: string; rows: number; seconds: number; rowsPerSecond: number }[] = [];
  const masking = createNumberMasking(env);
  for (const [name, deps] of [
    ['baseline: the numbers not opened', { db, personalData: unopened }],
    ['the numbers opened and masked on the same thread', { db, personalData }],
    ["as exported: opened and masked on a worker thread (the API's)", { db, personalData, masking }],
  ] as const) {
    say(`CSV in this process, ${name}`);
    const t0 = performance.now();
    let lines = -1;
    for await (const bytes of peopleCsvStream(firstRows(allPeople(deps, scope, {}))) as unknown as AsyncIterable<Uint8Array>) {
      for (const b of bytes) if (b === 0x0a) lines++;
    }
    const seconds = (performance.now() - t0) / 1000;
    runs.push({ name, rows: lines, seconds: r2(seconds), rowsPerSecond: Math.round(lines / seconds) });
  }
  await masking.close();
  return runs;
}

/** Memory of a process from /proc: its resident set now and its peak (high-water mark), MB. */
function memoryOf(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
}

/**
 * The whole province's people, CSV then .xlsx, from an API process started for them (its peak memory is
 * the exports', not this process's population and results), each read to its end as a client would.
 */
async function measureExports(token: string): Promise<ExportRun[]> {
  // Built and run as infra/up.sh runs the API: bundled, plain Node, the same flags.
  const main = await buildApi('bench/export-server.ts', '.data/bench-export-server');
  const server = spawn(process.execPath, [...API_NODE_FLAGS, main, '--database-url', DATABASE_URL], {
    env: { ...process.env, PROVINCE_CODE: env.PROVINCE_CODE },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      server.once('exit', (code) => reject(new Error(`export server exited (${code})`)));
      createInterface({ input: server.stdout! }).on('line', (line) => {
        const m = /^listening (\d+)$/.exec(line);
        if (m) resolve(Number(m[1]));
      });
    });
    const runs: ExportRun[] = [];
    // Warm-up: a small export of each format first, so the process has loaded what a first request loads.
    for (const format of ['csv', 'xlsx'] as const) {
      const res = await fetch(`http://127.0.0.1:${port}/people/export?format=${format}&name=${encodeURIComponent('张')}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      await res.arrayBuffer();
    }
    for (const format of ['csv', 'xlsx'] as const) {
      say(`export, ${format}, whole province`);
      // The high-water mark starts again at the current size (Linux: 5 to clear_refs), so each export has its own peak.
      try {
        writeFileSync(`/proc/${server.pid}/clear_refs`, '5');
      } catch {}
      const before = memoryOf(server.pid!);
      const t0 = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}/people/export?format=${format}`, { headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`export ${format}: ${res.status} ${await res.text()}`);
      let bytes = 0;
      let firstByteMs = NaN;
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        if (bytes === 0) firstByteMs = r2(performance.now() - t0);
        bytes += chunk.byteLength;
      }
      const seconds = (performance.now() - t0) / 1000;
      const rows = Number(res.headers.get('x-total-count'));
      runs.push({
        format,
        rows,
        bytes,
        firstByteMs,
        seconds: r2(seconds),
        rowsPerSecond: Math.round(rows / seconds),
        rssBeforeMb: before.rssMb,
        peakRssMb: memoryOf(server.pid!).peakMb,
      });
    }
    return runs;
  } finally {
    server.kill('SIGTERM');
  }
}
