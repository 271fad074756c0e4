import type { Db } from '../../clients/db.ts';
import { returnedPaths } from '../../domain/review-rules.ts';

/** The paths named by the latest return of a request. */
export async function latestReturn(db: Db, requestId: string): Promise<Set<string>> {
  const decision = await db.reviewDecision.findFirst({
    where: { requestId, outcome: 'returned' },
    orderBy: { round: 'desc' },
    include: { reasons: true },
  });
  return returnedPaths(decision?.reasons.map((r) => ({ target: r.target as 'field' | 'material', path: r.path, reason: r.reason })) ?? []);
}
