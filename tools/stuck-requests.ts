/**
 * Lists stuck requests: running request workflows that have waited in one state longer than N days,
 * whose review is overdue, whose activities keep failing (an activity past its Nth attempt), or that need
 * attention (the national platform refused a call for good: an administrator retries or withdraws it).
 *
 *   npx tsx tools/stuck-requests.ts [--days N] [--task-queue Q] [--district CODE] [--attempts N] [--json]
 *
 * Finds workflows through Temporal visibility (the search attributes RequestKind, RequestState,
 * DistrictCode, ReviewOverdue), describes each to see its pending activities, and reads since when a
 * request is in its state from the database's projection (its latest transition event).
 * Reads TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE and DATABASE_URL like the API does.
 */
import { parseArgs } from 'node:util';
import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import { createDb, type Db } from '../clients/db.ts';
import { connectTemporal } from '../clients/temporal.ts';
import { loadEnv } from '../config/env.ts';
import { eachLimit } from './lib/backup-format.ts';

export interface StuckRequest {
  workflowId: string;
  requestId: string | null;
  kind: string;
  /** The workflow's own state (search attribute RequestState). */
  state: string;
  /** The database projection's state, when it differs from the workflow's (a projection that lags is a symptom). */
  projectedState: string | null;
  district: string;
  taskQueue: string;
  /** Since when the request is in its state. */
  since: Date;
  daysInState: number;
  overdue: boolean;
  /** needsAttention: the national platform's refusal, as the request keeps it. */
  attention: { code: string; status: number; operation: string } | null;
  /** Activities past the attempt threshold. */
  failing: { activity: string; attempt: number; lastFailure: string; nextAttemptAt: Date | null }[];
  reasons: string[];
}

export interface StuckQuery {
  temporal: Client;
  db?: Db;
  /** Waiting in one state longer than this many days (fractions allowed). */
  days: number;
  /** An activity is failing repeatedly once its attempt number is above this. */
  attempts: number;
  taskQueue?: string;
  district?: string;
}

const quote = (v: string) => `'${v.replaceAll("'", "\\'")}'`;
const OVERDUE_EVENTS = ['reviewOverdue', 'destinationOverdue'];

export async function findStuckRequests(q: StuckQuery): Promise<StuckRequest[]> {
  const filters = [`ExecutionStatus = 'Running'`, 'RequestKind IS NOT NULL'];
  if (q.taskQueue) filters.push(`TaskQueue = ${quote(q.taskQueue)}`);
  if (q.district) filters.push(`DistrictCode = ${quote(q.district)}`);
  const running: WorkflowExecutionInfo[] = [];
  for await (const wf of q.temporal.workflow.list({ query: filters.join(' AND ') })) running.push(wf);

  // Since when each request is in its state: its latest transition recorded by the workflow.
  const projections = new Map<string, { id: string; state: string; since: Date; attention: StuckRequest['attention'] }>();
  if (q.db && running.length) {
    try {
      for (let i = 0; i < running.length; i += 500) {
        const rows = await q.db.request.findMany({
          where: { workflowId: { in: running.slice(i, i + 500).map((w) => w.workflowId) } },
          select: {
            id: true,
            workflowId: true,
            state: true,
            updatedAt: true,
            attention: true,
            events: { where: { type: { notIn: OVERDUE_EVENTS } }, orderBy: { at: 'desc' }, take: 1, select: { at: true } },
          },
        });
        for (const r of rows)
          projections.set(r.workflowId, {
            id: r.id,
            state: r.state,
            since: r.events[0]?.at ?? r.updatedAt,
            attention: (r.attention as StuckRequest['attention']) ?? null,
          });
      }
    } catch (e) {
      console.error(`database not readable (${(e as Error).message.split('\n')[0]}); days are counted from each workflow's start`);
    }
  }

  const now = Date.now();
  const out: StuckRequest[] = [];
  await eachLimit(running, 16, async (wf) => {
    const sa = wf.searchAttributes as Record<string, unknown[] | undefined>;
    const first = (name: string) => sa[name]?.[0];
    const state = String(first('RequestState') ?? '?');
    const overdue = first('ReviewOverdue') === true;
    const projection = projections.get(wf.workflowId);
    const since = projection?.since ?? wf.startTime;
    const daysInState = (now - since.getTime()) / 86_400_000;

    const failing: StuckRequest['failing'] = [];
    try {
      const described = await q.temporal.workflow.getHandle(wf.workflowId, wf.runId).describe();
      for (const a of described.raw.pendingActivities ?? []) {
        const attempt = a.attempt ?? 0;
        if (attempt <= q.attempts) continue;
        failing.push({
          activity: a.activityType?.name ?? '?',
          attempt,
          lastFailure: oneLine(a.lastFailure?.message ?? ''),
          nextAttemptAt: a.nextAttemptScheduleTime?.seconds != null ? new Date(Number(a.nextAttemptScheduleTime.seconds) * 1000) : null,
        });
      }
    } catch {
      // Closed meanwhile: not stuck.
      return;
    }

    const reasons: string[] = [];
    if (daysInState > q.days) reasons.push(`in ${state} for ${daysInState.toFixed(daysInState < 1 ? 3 : 1)} d`);
    if (overdue) reasons.push('review overdue');
    const attention = state === 'needsAttention' ? (projection?.attention ?? null) : null;
    if (state === 'needsAttention')
      reasons.push(`needs attention: national platform refused${attention ? ` (${attention.status} ${attention.code})` : ''}`);
    for (const f of failing) reasons.push(`${f.activity} failing (attempt ${f.attempt})`);
    if (!reasons.length) return;
    out.push({
      workflowId: wf.workflowId,
      requestId: projection?.id ?? null,
      kind: String(first('RequestKind') ?? wf.type),
      state,
      projectedState: projection && projection.state !== state ? projection.state : null,
      district: String(first('DistrictCode') ?? ''),
      taskQueue: wf.taskQueue,
      since,
      daysInState,
      overdue,
      attention: attention ? { code: attention.code, status: attention.status, operation: attention.operation } : null,
      failing,
      reasons,
    });
  });
  // Needing attention first, then failing, then the longest waiting.
  return out.sort(
    (a, b) => Number(!!b.attention) - Number(!!a.attention) || b.failing.length - a.failing.length || b.daysInState - a.daysInState,
  );
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

export function formatTable(rows: StuckRequest[]): string {
  if (!rows.length) return 'no stuck requests';
  const header = ['workflow id', 'kind', 'state', 'district', 'in state since', 'days', 'overdue', 'failing activity', 'last failure'];
  const lines = rows.map((r) => [
    r.workflowId,
    r.kind,
    r.projectedState ? `${r.state} (db: ${r.projectedState})` : r.state,
    r.district,
    r.since.toISOString().slice(0, 19).replace('T', ' '),
    r.daysInState.toFixed(r.daysInState < 1 ? 3 : 1),
    r.overdue ? 'yes' : '',
    r.failing.map((f) => `${f.activity} #${f.attempt}`).join(', '),
    [r.attention ? `refused: ${r.attention.status} ${r.attention.code}` : '', ...r.failing.map((f) => f.lastFailure.slice(0, 80))]
      .filter(Boolean)
      .join(' | '),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...lines.map(fmt), '', `${rows.length} stuck request(s)`].join('\n');
}

const USAGE =
  'usage: npx tsx tools/stuck-requests.ts [--days N (default 10)] [--task-queue Q] [--district CODE] [--attempts N (default 3)] [--json]';

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      days: { type: 'string', default: '10' },
      'task-queue': { type: 'string' },
      district: { type: 'string' },
      attempts: { type: 'string', default: '3' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const days = Number(values.days);
  const attempts = Number(values.attempts);
  if (values.help || !Number.isFinite(days) || days < 0 || !Number.isInteger(attempts) || attempts < 0) {
    console.error(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const env = loadEnv();
  const temporal = await connectTemporal(env.TEMPORAL_ADDRESS, env.TEMPORAL_NAMESPACE);
  const db = createDb(env.DATABASE_URL, { max: 2 });
  try {
    const rows = await findStuckRequests({ temporal, db, days, attempts, taskQueue: values['task-queue'], district: values.district });
    console.log(values.json ? JSON.stringify(rows, null, 2) : formatTable(rows));
  } finally {
    await temporal.connection.close();
    await db.$disconnect();
  }
}
