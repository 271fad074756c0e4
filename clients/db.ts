import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { type Prisma, PrismaClient } from '../generated/prisma/client.ts';

export type Db = PrismaClient;

/** The driver's pool under each client, for `rowArrays`. */
const pools = new WeakMap<Db, pg.Pool>();

export function createDb(databaseUrl: string, opts: { max?: number } = {}): Db {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: opts.max ?? 10 });
  // A connection the server ends (a restart, pg_terminate_backend) emits 'error' on its client. The query
  // using it fails and is retried by its caller; the event itself must not end the process, which it does
  // when it arrives while no listener is attached (between a transaction's end and the client's release).
  pool.on('connect', (client) => client.on('error', () => {}));
  pool.on('error', () => {});
  const db = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(db, pool);
  return db;
}

/**
 * A read of many rows straight through the driver, each row an array of its columns in the query's order:
 * for the exports' thousands of rows a chunk, where Prisma's mapping of every row costs more than the read.
 */
export async function rowArrays<Row extends unknown[]>(db: Db, query: Prisma.Sql): Promise<Row[]> {
  const pool = pools.get(db);
  if (!pool) throw new Error('rowArrays: the client was not made by createDb');
  return (await pool.query<Row>({ text: query.text, values: query.values, rowMode: 'array' })).rows;
}

export async function pingDb(db: Db): Promise<void> {
  await db.$queryRaw`SELECT 1`;
}
