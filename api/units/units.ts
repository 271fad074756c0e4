import { isDistrictOf } from '../../domain/districts.ts';
import { reviewsDistrict } from '../../domain/reviewer-districts.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import type { Actor } from '../../workflows/messages.ts';
import { checkPasswordRules } from '../auth/password.ts';
import { hashPassword } from '../auth/users.ts';
import type { ApiDeps } from '../deps.ts';
import { problem, problems, refusal } from '../problem.ts';

type UnitRow = Prisma.EmployerUnitGetPayload<object>;

export const unitView = (u: UnitRow) => ({
  id: u.id,
  creditCode: u.creditCode,
  name: u.name,
  districtCode: u.districtCode,
  contactName: u.contactName,
  phone: u.phone,
  email: u.email,
  status: u.status,
  confirmedAt: u.confirmedAt?.toISOString() ?? null,
  createdAt: u.createdAt.toISOString(),
});

const notFound = () => problems.notFound('Unit', '该用人单位');

/** A unit and its contact account, in one transaction; the unit waits for confirmation. */
export async function registerUnit(
  deps: ApiDeps,
  body: {
    creditCode: string;
    name: string;
    districtCode: string;
    contactName: string;
    phone: string;
    email?: string;
    username: string;
    password: string;
  },
) {
  if (!isDistrictOf(deps.env.PROVINCE_CODE, body.districtCode)) throw refusal('unknown-district', { rule: 'unit.districtCode' });
  checkPasswordRules(body.password, body.username, 'password');
  const passwordHash = await hashPassword(body.password);
  try {
    const unit = await deps.db.$transaction(async (tx) => {
      const contact = await tx.user.create({
        data: { username: body.username, passwordHash, role: 'employer', displayName: body.contactName, phone: body.phone },
      });
      return tx.employerUnit.create({
        data: {
          creditCode: body.creditCode,
          name: body.name,
          districtCode: body.districtCode,
          contactUserId: contact.id,
          contactName: body.contactName,
          phone: body.phone,
          email: body.email ?? null,
        },
      });
    });
    return unitView(unit);
  } catch (e) {
    const err = e as {
      code?: string;
      meta?: { target?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: string[] } } } };
    };
    if (err.code !== 'P2002') throw e;
    if (JSON.stringify(err.meta ?? {}).includes('creditCode')) throw refusal('unit-already-registered', { rule: 'unit.creditCode' });
    throw problem('username-taken', 409, 'This username is already registered; choose another', '该用户名已被注册，请更换');
  }
}

export async function unitOfContact(deps: ApiDeps, actor: Actor) {
  const unit = await deps.db.employerUnit.findUnique({ where: { contactUserId: actor.userId } });
  if (!unit) throw notFound();
  return unit;
}

/** Administrators see every unit; a reviewer the units of their districts. */
export async function listUnits(deps: ApiDeps, actor: Actor, status?: 'pending' | 'confirmed') {
  const where: Prisma.EmployerUnitWhereInput = {
    ...(status ? { status } : {}),
    ...(actor.role === 'admin' ? {} : { districtCode: { in: [...(actor.districtCodes ?? [])] } }),
  };
  const rows = await deps.db.employerUnit.findMany({ where, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: 500 });
  return rows.map(unitView);
}

export async function confirmUnit(deps: ApiDeps, actor: Actor, unitId: string) {
  const unit = await deps.db.employerUnit.findUnique({ where: { id: unitId } });
  // A unit of another district does not exist for a reviewer, as with requests.
  if (!unit || (actor.role !== 'admin' && !reviewsDistrict(actor, unit.districtCode))) throw notFound();
  if (unit.status === 'confirmed') return unitView(unit);
  const confirmed = await deps.db.employerUnit.update({
    where: { id: unitId },
    data: { status: 'confirmed', confirmedById: actor.userId, confirmedAt: new Date() },
  });
  deps.log.info({ unitId, by: actor.userId }, 'employer unit confirmed');
  return unitView(confirmed);
}
