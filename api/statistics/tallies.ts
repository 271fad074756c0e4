import type { Logger } from '../../clients/log.ts';
import type { Db } from '../../clients/db.ts';
import { runPeriodically } from '../lib/periodic.ts';

/**
 * Folds each tally group's rows of differences into one ("tallies_compact", migration
 * 20261204000000_statistics_tallies), so the statistics sum over about one row per group. Safe beside
 * writers, readers and another compaction: each tally is folded in one statement.
 */
export async function compactTallies(db: Db): Promise<void> {
  await db.$executeRaw`SELECT "tallies_compact"()`;
}

/** The API folds the tallies every minute: a minute of collections adds a few rows per group at most. */
export function startTallyCompaction(db: Db, log: Logger, intervalMs = 60_000): { stop(): void } {
  return runPeriodically('compaction of the statistics tallies', intervalMs, () => compactTallies(db), log);
}
