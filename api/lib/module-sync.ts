import type { Client } from '@temporalio/client';
import type { Db } from '../../clients/db.ts';
import type { Logger } from '../../clients/log.ts';
import { runPeriodically } from './periodic.ts';
import type { ModuleSyncInput, moduleSync } from '../../workflows/module-sync.ts';

/** What starting a module upload needs: the API's deps, or the command-line import's own. */
export interface ModuleSyncDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  log: Logger;
}

const workflowIdOf = (source: string) => `moduleSync-${source}`;

async function start(deps: ModuleSyncDeps, source: string, personIds: string[], kind?: ModuleSyncInput['kind']): Promise<string> {
  const workflowId = workflowIdOf(source);
  await deps.temporal.workflow.start<typeof moduleSync>('moduleSync', {
    workflowId,
    taskQueue: deps.taskQueue,
    args: [kind ? { personIds, kind } : { personIds }],
    workflowIdConflictPolicy: 'USE_EXISTING',
    staticSummary: `national upload of ${personIds.length} record(s) after ${source}`,
  });
  return workflowId;
}

/** Keeps a committed change's upload for the sweep, when no start can even be tried (no Temporal connection). */
export async function keepPendingModuleSync(
  db: Db,
  source: string,
  personIds: string[],
  error: string,
  kind?: ModuleSyncInput['kind'],
): Promise<void> {
  await db.moduleSyncPending.createMany({
    data: [{ source, personIds, kind: kind ?? null, attempts: 1, lastError: error.slice(0, 500) }],
    skipDuplicates: true,
  });
}

/**
 * Starts the upload to the national platform of the records a module change touched (workflows/module-sync.ts).
 * `source` names the change (an import, a history row), so starting it again for the same change reaches the
 * same workflow: never a second version. The change is already committed, so a start that fails is no error
 * for the caller: the change waits in ModuleSyncPending and sweepPendingModuleSyncs starts it later.
 * Answers the workflow id, or null when nothing was touched or the start waits.
 */
export async function syncModules(
  deps: ModuleSyncDeps,
  source: string,
  personIds: string[],
  kind?: ModuleSyncInput['kind'],
): Promise<string | null> {
  if (!personIds.length) return null;
  await deps.db.moduleSyncPending.createMany({ data: [{ source, personIds, kind: kind ?? null }], skipDuplicates: true });
  try {
    const workflowId = await start(deps, source, personIds, kind);
    await deps.db.moduleSyncPending.deleteMany({ where: { source } });
    return workflowId;
  } catch (e) {
    const message = (e as Error).message.slice(0, 500);
    deps.log.warn({ source, people: personIds.length, err: { message } }, 'national upload not started: kept to start later');
    await deps.db.moduleSyncPending.updateMany({ where: { source }, data: { attempts: { increment: 1 }, lastError: message } });
    return null;
  }
}

/**
 * Starts the uploads whose start failed (or whose process stopped between commit and start), oldest first;
 * answers how many were started. `olderThanMs` leaves alone those a caller is starting right now.
 */
export async function sweepPendingModuleSyncs(deps: ModuleSyncDeps, olderThanMs = 10_000): Promise<number> {
  const due = await deps.db.moduleSyncPending.findMany({
    where: { createdAt: { lte: new Date(Date.now() - olderThanMs) } },
    orderBy: { createdAt: 'asc' },
    take: 100,
  });
  let started = 0;
  for (const p of due) {
    try {
      await start(deps, p.source, p.personIds, (p.kind as ModuleSyncInput['kind'] | null) ?? undefined);
      await deps.db.moduleSyncPending.deleteMany({ where: { source: p.source } });
      started++;
    } catch (e) {
      const message = (e as Error).message.slice(0, 500);
      deps.log.warn({ source: p.source, err: { message } }, 'national upload still not started');
      await deps.db.moduleSyncPending.updateMany({ where: { source: p.source }, data: { attempts: { increment: 1 }, lastError: message } });
      break; // Temporal is still away: try again at the next sweep.
    }
  }
  return started;
}

/** The API's sweep: at start, then every `intervalMs`; stop() ends it. */
export function startModuleSyncSweep(deps: ModuleSyncDeps, intervalMs = 30_000): { stop(): void } {
  return runPeriodically('sweep of pending national uploads', intervalMs, () => sweepPendingModuleSyncs(deps), deps.log);
}
