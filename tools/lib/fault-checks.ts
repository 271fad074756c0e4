/**
 * After a fault: was any request lost, any national record duplicated, any request left in a wrong state?
 * Reads the province's database, the national stand-in's database and Temporal directly, with fresh
 * connections (a fault may have just killed the pooled ones).
 */
import type { Client } from '@temporalio/client';
import pg from 'pg';
import type { PersonalData } from '../../clients/personal-data.ts';
import { sleep } from './deployment.ts';

export interface BatchItem {
  id: string;
  archiveNo: string;
}

export interface BatchCheck {
  /** Not completed (or not found) once the deadline passed. */
  lost: string[];
  /** Archive numbers with more than one national version, or a version other than 1. */
  duplicated: string[];
  /** Completed in the database but wrong somewhere else: workflow, timeline, person, national sync. */
  wrongState: string[];
}

/** The collection's timeline for a request approved at the first review. */
export const EXPECTED_EVENTS = ['submitted', 'approved', 'recording', 'uploading', 'completed'];

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end().catch(() => {});
  }
}

/** How many of the batch the database shows completed; null while the database cannot be read. */
export async function completedCount(databaseUrl: string, ids: string[]): Promise<number | null> {
  try {
    const rows = await query<{ n: number }>(
      databaseUrl,
      `SELECT count(*)::int AS n FROM "Request" WHERE state = 'completed' AND id = ANY($1)`,
      [ids],
    );
    return rows[0]!.n;
  } catch {
    return null;
  }
}

/** Waits until every request of the batch is completed or the deadline passes; returns when the last one completed (ms epoch) or null. */
export async function waitForBatch(
  databaseUrl: string,
  ids: string[],
  deadline: number,
  onProgress?: (n: number) => void,
): Promise<number | null> {
  for (;;) {
    const n = await completedCount(databaseUrl, ids);
    if (n !== null) onProgress?.(n);
    if (n === ids.length) return Date.now();
    if (Date.now() > deadline) return null;
    await sleep(200);
  }
}

/** `personalData` finds the province's people by the keyed hash of their archive numbers, as the system does. */
export async function checkBatch(o: {
  databaseUrl: string;
  nationalDatabaseUrl: string;
  temporal: Client;
  personalData: PersonalData;
  batch: BatchItem[];
}): Promise<BatchCheck> {
  const ids = o.batch.map((b) => b.id);
  const archives = o.batch.map((b) => b.archiveNo);
  const requests = await query<{ id: string; state: string; workflowId: string }>(
    o.databaseUrl,
    `SELECT id, state, "workflowId" FROM "Request" WHERE id = ANY($1)`,
    [ids],
  );
  const byId = new Map(requests.map((r) => [r.id, r]));
  const lost = ids.filter((id) => byId.get(id)?.state !== 'completed');

  const events = await query<{ requestId: string; types: string[] }>(
    o.databaseUrl,
    `SELECT "requestId", array_agg(type ORDER BY at, type) AS types FROM "RequestEvent" WHERE "requestId" = ANY($1) GROUP BY "requestId"`,
    [ids],
  );
  const eventsOf = new Map(events.map((e) => [e.requestId, e.types]));
  const syncs = await query<{ requestId: string; n: number; ok: number }>(
    o.databaseUrl,
    `SELECT "requestId", count(*)::int AS n, count(*) FILTER (WHERE status = 'synced' AND version = 1)::int AS ok FROM "NationalSync" WHERE "requestId" = ANY($1) GROUP BY "requestId"`,
    [ids],
  );
  const syncOf = new Map(syncs.map((s) => [s.requestId, s]));
  const hashOf = new Map(archives.map((a) => [a, o.personalData.lookup('idNumber', a)] as const));
  const people = await query<{ hash: string; n: number }>(
    o.databaseUrl,
    `SELECT "archiveNoHash" AS hash, count(*)::int AS n FROM "Person" WHERE "archiveNoHash" = ANY($1) GROUP BY 1`,
    [[...hashOf.values()]],
  );
  const personCount = new Map(people.map((p) => [p.hash, p.n]));

  const national = await query<{ archive_no: string; latest_version: number; versions: number }>(
    o.nationalDatabaseUrl,
    `SELECT a.archive_no, a.latest_version, (SELECT count(*)::int FROM record_versions v WHERE v.archive_no = a.archive_no) AS versions
     FROM archives a WHERE a.archive_no = ANY($1)`,
    [archives],
  );
  const nationalOf = new Map(national.map((n) => [n.archive_no, n]));
  const duplicated = national.filter((n) => n.versions !== 1 || n.latest_version !== 1).map((n) => n.archive_no);

  const wrongState: string[] = [];
  for (const b of o.batch) {
    const r = byId.get(b.id);
    if (r?.state !== 'completed') continue;
    const why: string[] = [];
    const types = eventsOf.get(b.id) ?? [];
    if (types.join() !== EXPECTED_EVENTS.join()) why.push(`timeline ${types.join('>')}`);
    const sync = syncOf.get(b.id);
    if (sync?.n !== 1 || sync.ok !== 1) why.push('national sync not exactly one synced version 1');
    if (personCount.get(hashOf.get(b.archiveNo)!) !== 1) why.push('not exactly one person');
    if (!nationalOf.has(b.archiveNo)) why.push('no national record');
    try {
      // The projection says completed one step before the workflow returns: give it a moment to close.
      const handle = o.temporal.workflow.getHandle(r.workflowId);
      let status = (await handle.describe()).status.name;
      for (let i = 0; status === 'RUNNING' && i < 100; i++) {
        await new Promise((res) => setTimeout(res, 100));
        status = (await handle.describe()).status.name;
      }
      if (status !== 'COMPLETED') why.push(`workflow ${status}`);
    } catch (e) {
      why.push(`workflow not found (${(e as Error).message})`);
    }
    if (why.length) wrongState.push(`${b.id}: ${why.join('; ')}`);
  }
  return { lost, duplicated, wrongState };
}
