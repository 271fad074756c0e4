/**
 * The API of bench/statistics.ts in a process of its own, serving HTTP on a free port of 127.0.0.1, so
 * the benchmark can read the peak memory of the process that streams an export (VmHWM of
 * /proc/<pid>/status) apart from its own. Prints `listening <port>` once it accepts requests.
 *
 *   npx tsx bench/export-server.ts --database-url postgresql://postgres@127.0.0.1:5432/acct_bench_statistics
 */
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { createDb } from '../clients/db.ts';
import { personalDataFromEnv } from '../clients/personal-data.ts';
import { loadEnv } from '../config/env.ts';
import { statisticsApp } from './lib/statistics-app.ts';

const { values } = parseArgs({ options: { 'database-url': { type: 'string' } } });
const env = loadEnv({
  DATABASE_URL: values['database-url']!,
  NODE_ENV: 'test',
  LOG_LEVEL: 'warn',
  PROVINCE_CODE: process.env.PROVINCE_CODE ?? '110000',
});
const db = createDb(env.DATABASE_URL);
const { app } = statisticsApp(env, db, personalDataFromEnv(env));
const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => console.log(`listening ${info.port}`));
process.on('SIGTERM', () => server.close(() => void db.$disconnect().then(() => process.exit(0))));
