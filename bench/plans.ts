/**
 * The plans of the live statistics at the size of the benchmark's database: every query that
 * api/statistics/counts.ts sends for the whole province and for its largest district, run under
 * `EXPLAIN (ANALYZE, BUFFERS)` as the statistics run it (no parallel workers), with the index use of the
 * tables it reads. Writes a Markdown note.
 *
 *   npx tsx bench/plans.ts [--database-url postgresql://postgres@127.0.0.1:5432/acct_bench_statistics] [--out bench/plans-1m.md]
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { statistics } from '../api/statistics/counts.ts';
import { createDb, type Db } from '../clients/db.ts';
import { chinaDate } from '../domain/dates.ts';
import { Prisma } from '../generated/prisma/client.ts';

const { values: opt } = parseArgs({
  options: {
    'database-url': { type: 'string', default: 'postgresql://postgres@127.0.0.1:5432/acct_bench_statistics' },
    out: { type: 'string', default: 'bench/plans-1m.md' },
    province: { type: 'string', default: process.env.PROVINCE_CODE ?? '110000' },
  },
});
const url = opt['database-url']!;
const db = createDb(url, { max: 4 });
const client = new pg.Client({ connectionString: url });
await client.connect();

/** The database client, recording the SQL of each raw query it is given (and sending it on). */
function recording(into: Prisma.Sql[]): Db {
  return new Proxy(db, {
    get(target, key, receiver) {
      if (key !== '$queryRaw') return Reflect.get(target, key, receiver);
      return (first: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) => {
        const sql = first instanceof Prisma.Sql ? first : Prisma.sql(first, ...values);
        if (!/set_config/.test(sql.text)) into.push(sql);
        return target.$queryRaw(sql);
      };
    },
  }) as Db;
}

try {
  const [facts] = (
    await client.query<{ people: number; largest: string }>(
      `SELECT count(*)::int AS people, (SELECT "districtCode" FROM "Person" GROUP BY 1 ORDER BY count(*) DESC LIMIT 1) AS largest FROM "Person"`,
    )
  ).rows;
  const today = chinaDate(Date.now());
  const lines: string[] = [
    `# Plans of the live statistics, ${facts!.people.toLocaleString('en')} people`,
    '',
    `\`npx tsx bench/plans.ts --database-url … --out ${opt.out}\` on the database of \`bench/statistics.ts\` (${new Date().toISOString().slice(0, 16)}Z,`,
    `PostgreSQL ${(await client.query('SHOW server_version')).rows[0].server_version}); each query as \`api/statistics/counts.ts\` sends it,`,
    'without parallel workers, run once before so its pages are cached as in steady use.',
    '',
  ];
  for (const [title, scope] of [
    ['Whole province', { provinceCode: opt.province!, districtCode: null }],
    [`One district (${facts!.largest}, the largest)`, { provinceCode: opt.province!, districtCode: facts!.largest }],
  ] as const) {
    const queries: Prisma.Sql[] = [];
    await statistics(recording(queries), scope, {
      sections: ['people', 'requests', 'continuingEducation'],
      today,
      now: new Date(),
      year: Number(today.slice(0, 4)),
    });
    lines.push(`## ${title}`, '');
    for (const q of queries) {
      await client.query('BEGIN');
      await client.query(`SET LOCAL max_parallel_workers_per_gather = 0`);
      const plan = (await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${q.text}`, q.values as unknown[])).rows.map((r) => r['QUERY PLAN']);
      await client.query('COMMIT');
      lines.push('```sql', q.text.replace(/\s+/g, ' ').trim(), '```', '', '```', ...plan, '```', '');
    }
  }
  const usage = await client.query(`
    SELECT relname AS table, indexrelname AS index, idx_scan AS scans, pg_size_pretty(pg_relation_size(indexrelid)) AS size
      FROM pg_stat_user_indexes WHERE relname IN ('Person', 'Education', 'Qualification', 'ContinuingEducation', 'ContinuingEducationYear', 'WorkInfo', 'Request', 'AccessLog', 'PersonTally', 'PersonLevelTally', 'ContinuingEducationTally')
     ORDER BY relname, indexrelname`);
  lines.push('## Index use in this database since it was created', '', '| table | index | scans | size |', '|---|---|---:|---:|');
  for (const r of usage.rows) lines.push(`| ${r.table} | ${r.index} | ${r.scans} | ${r.size} |`);
  writeFileSync(opt.out!, `${lines.join('\n')}\n`);
  console.log(`plans: ${opt.out}`);
} finally {
  await client.end();
  await db.$disconnect();
}
