import { maskName } from '../../domain/identity.ts';
import type { Actor } from '../../workflows/messages.ts';
import type { ApiDeps } from '../deps.ts';
import { problems, refusal } from '../problem.ts';
import { unitOfContact } from './units.ts';

/** States in which a confirmation can still help the request: before and during review. */
const OPEN = ['draft', 'awaitingReview', 'returned'] as const;

/** The form's work unit code: a unit sees the requests that name it, nothing else. */
const namingUnit = (creditCode: string) => ({ form: { path: ['work', 'unitCreditCode'], equals: creditCode } });

export async function confirmedUnitOf(deps: ApiDeps, actor: Actor) {
  const unit = await unitOfContact(deps, actor);
  if (unit.status !== 'confirmed') throw refusal('unit-not-confirmed');
  return unit;
}

/** Open requests naming the unit, masked, with whether the unit has confirmed the person's employment. */
export async function requestsNamingUnit(deps: ApiDeps, creditCode: string) {
  const rows = await deps.db.request.findMany({
    where: { ...namingUnit(creditCode), state: { in: [...OPEN] } },
    select: { id: true, kind: true, state: true, form: true, employmentConfirmation: { select: { at: true } } },
    orderBy: { createdAt: 'asc' },
    take: 2000,
  });
  return rows.map((r) => {
    const name = (r.form as { basic?: { name?: unknown } } | null)?.basic?.name;
    return {
      requestId: r.id,
      kind: r.kind,
      state: r.state,
      name: typeof name === 'string' ? maskName(name) : null,
      employmentConfirmedAt: r.employmentConfirmation?.at.toISOString() ?? null,
    };
  });
}

/**
 * The unit confirms that the person of a request naming it works there (从事会计工作证明 online). The
 * confirmation is attached to the request; the reviewer sees it, and the work-proof scan becomes optional.
 */
export async function confirmEmployment(deps: ApiDeps, actor: Actor, requestId: string) {
  const unit = await confirmedUnitOf(deps, actor);
  const request = /^[0-9a-f-]{36}$/.test(requestId)
    ? await deps.db.request.findFirst({ where: { id: requestId, ...namingUnit(unit.creditCode) }, select: { id: true, state: true } })
    : null;
  // A request that does not name the unit does not exist for it.
  if (!request) throw problems.notFound('Request', '该申请');
  if (!(OPEN as readonly string[]).includes(request.state)) throw refusal('request-closed');
  const confirmation = await deps.db.employmentConfirmation.upsert({
    where: { requestId },
    create: { requestId, unitId: unit.id, creditCode: unit.creditCode, unitName: unit.name, confirmedById: actor.userId },
    update: {},
  });
  await deps.db.accessLog.create({
    data: { userId: actor.userId, role: actor.role, resource: 'unit.employmentConfirmation', requestId, reason: 'unit' },
  });
  return { requestId, unitName: confirmation.unitName, creditCode: confirmation.creditCode, confirmedAt: confirmation.at.toISOString() };
}
