import { chinaDate } from '../../domain/dates.ts';
import { maskName } from '../../domain/identity.ts';
import { PROFESSIONAL_SHARE, REQUIRED_CREDITS } from '../../domain/continuing-education.ts';
import type { Actor } from '../../workflows/messages.ts';
import type { ApiDeps } from '../deps.ts';
import { confirmedUnitOf, requestsNamingUnit } from './employment.ts';

/**
 * The accountants whose records name the unit's credit code, as the unit sees them: masked name and
 * archive number, whether their collection is done, returned requests waiting for a correction, and
 * this year's continuing education; and the open requests naming the unit, for confirming employment. Every person shown is one access-log entry (who, when, whom).
 */
export async function unitAccountants(deps: ApiDeps, actor: Actor, year: number | undefined) {
  const unit = await confirmedUnitOf(deps, actor);
  const y = year ?? Number(chinaDate(Date.now()).slice(0, 4));
  const people = await deps.db.person.findMany({
    where: { status: 'active', work: { unitCreditCode: unit.creditCode } },
    select: {
      id: true,
      name: true,
      archiveNoPrefix: true,
      archiveNoHash: true,
      continuingEducationYears: { where: { year: y }, select: { totalTenths: true, professionalTenths: true } },
    },
    orderBy: { id: 'asc' },
    take: 2000,
  });
  const returned = await deps.db.request.groupBy({
    by: ['archiveNoHash'],
    where: { archiveNoHash: { in: people.map((p) => p.archiveNoHash) }, state: 'returned' },
    _count: { _all: true },
  });
  const returnedOf = new Map(returned.map((r) => [r.archiveNoHash, r._count._all]));
  if (people.length) {
    await deps.db.accessLog.createMany({
      data: people.map((p) => ({ userId: actor.userId, role: actor.role, resource: 'unit.accountants', personId: p.id, reason: 'unit' })),
    });
  }
  return {
    year: y,
    unit: { id: unit.id, creditCode: unit.creditCode, name: unit.name },
    requests: await requestsNamingUnit(deps, unit.creditCode),
    items: people.map((p) => {
      const ce = p.continuingEducationYears[0];
      const total = ce?.totalTenths ?? 0;
      const professional = ce?.professionalTenths ?? 0;
      return {
        personId: p.id,
        name: maskName(p.name),
        archiveNo: `${p.archiveNoPrefix}************`,
        collection: 'collected' as const,
        returnedRequests: returnedOf.get(p.archiveNoHash) ?? 0,
        continuingEducation: {
          totalCredits: total / 10,
          complete: total >= REQUIRED_CREDITS * 10 && professional * PROFESSIONAL_SHARE.denominator >= total * PROFESSIONAL_SHARE.numerator,
        },
      };
    }),
  };
}
