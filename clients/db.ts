import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.ts';

export type Db = PrismaClient;

export function createDb(databaseUrl: string, opts: { max?: number } = {}): Db {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: opts.max ?? 10 });
  // A connection the server ends (a restart, pg_terminate_backend) emits 'error' on its client. The query
  // using it fails and is retried by its caller; the event itself must not end the process, which it does
  // when it arrives while no listener is attached (between a transaction's end and the client's release).
  pool.on('connect', (client) => client.on('error', () => {}));
  pool.on('error', () => {});
  return new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
}

export async function pingDb(db: Db): Promise<void> {
  await db.$queryRaw`SELECT 1`;
}
