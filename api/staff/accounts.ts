import { randomBytes } from 'node:crypto';
import type { Db } from '../../clients/db.ts';
import { isDistrictOf } from '../../domain/districts.ts';
import { passwordProblem } from '../../domain/password-rules.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { hashPassword } from '../auth/users.ts';
import { problem, problems, refusal } from '../problem.ts';

/**
 * Staff accounts (administrators, district reviewers) as administrators run them. A new or reset
 * account gets a one-time password, shown once to the administrator and never stored in the clear;
 * it must set its own at its first sign-in. Every change is written to AccountChange in the same
 * transaction, and a change of role or districts, a reset and a disabling end the account's sessions.
 */
export type StaffRole = 'reviewer' | 'admin';
export interface StaffProfile {
  role: StaffRole;
  displayName: string;
  phone?: string | null;
  districtCodes?: string[];
}
/** Who makes the change: an administrator, or null for the one-time command that creates the first. */
export type ChangedBy = { userId: string; username: string } | null;

const STAFF_FIELDS = {
  id: true,
  username: true,
  role: true,
  displayName: true,
  phone: true,
  districtCodes: true,
  disabledAt: true,
  mustChangePassword: true,
  lockedUntil: true,
  createdAt: true,
} as const;
type StaffRow = Prisma.UserGetPayload<{ select: typeof STAFF_FIELDS }>;

export const staffView = (u: StaffRow) => ({
  id: u.id,
  username: u.username,
  role: u.role as StaffRole,
  displayName: u.displayName,
  phone: u.phone,
  districtCodes: u.districtCodes,
  disabled: u.disabledAt !== null,
  mustChangePassword: u.mustChangePassword,
  lockedUntil: u.lockedUntil?.toISOString() ?? null,
  createdAt: u.createdAt.toISOString(),
});

/** A random password of 20 characters that passes the rules (never stored but hashed). */
export function oneTimePassword(username: string): string {
  for (;;) {
    const candidate = randomBytes(15).toString('base64url');
    if (!passwordProblem(candidate, username)) return candidate;
  }
}

/** A reviewer reviews one or more districts of this province; an administrator none. */
function districtsFor(provinceCode: string, role: StaffRole, codes: string[] | undefined): string[] {
  const list = [...new Set(codes ?? [])];
  if (role === 'admin') {
    if (list.length) throw refusal('admin-without-districts', { rule: 'staff.districtCodes' });
    return [];
  }
  if (!list.length) throw refusal('reviewer-needs-district', { rule: 'staff.districtCodes' });
  const unknown = list.filter((c) => !isDistrictOf(provinceCode, c));
  if (unknown.length) throw refusal('unknown-district', { rule: 'staff.districtCodes', districtCodes: unknown });
  return list;
}

async function record(
  tx: Prisma.TransactionClient,
  by: ChangedBy,
  user: { id: string; username: string },
  action: string,
  changes: Record<string, { from: unknown; to: unknown }> = {},
) {
  await tx.accountChange.create({
    data: {
      actorId: by?.userId ?? null,
      actorUsername: by?.username ?? null,
      userId: user.id,
      username: user.username,
      action,
      changes: changes as Prisma.InputJsonValue,
    },
  });
}

async function staffOf(tx: Prisma.TransactionClient, userId: string): Promise<StaffRow> {
  const user = await tx.user.findUnique({ where: { id: userId }, select: STAFF_FIELDS });
  // An applicant is not a staff account: to this API it does not exist.
  if (!user || user.role === 'applicant') throw problems.notFound('Staff account', '该工作人员账号');
  return user;
}

function notOwnAccount(by: ChangedBy, userId: string) {
  if (by?.userId === userId) throw refusal('own-account');
}

export async function createStaff(
  db: Db,
  provinceCode: string,
  by: ChangedBy,
  body: StaffProfile & { username: string },
): Promise<{ account: ReturnType<typeof staffView>; oneTimePassword: string }> {
  const districtCodes = districtsFor(provinceCode, body.role, body.districtCodes);
  const password = oneTimePassword(body.username);
  const passwordHash = await hashPassword(password);
  try {
    const user = await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: {
          username: body.username,
          passwordHash,
          role: body.role,
          displayName: body.displayName,
          phone: body.phone ?? null,
          districtCodes,
          districtCode: districtCodes[0] ?? null,
          mustChangePassword: true,
        },
        select: STAFF_FIELDS,
      });
      await record(tx, by, user, 'created', {
        role: { from: null, to: user.role },
        districtCodes: { from: null, to: districtCodes },
        displayName: { from: null, to: user.displayName },
        phone: { from: null, to: user.phone },
      });
      return user;
    });
    return { account: staffView(user), oneTimePassword: password };
  } catch (e) {
    if ((e as { code?: string }).code === 'P2002') {
      throw problem('username-taken', 409, 'This username is already registered; choose another', '该用户名已被注册，请更换');
    }
    throw e;
  }
}

export async function changeStaff(db: Db, provinceCode: string, by: ChangedBy, userId: string, body: Partial<StaffProfile>) {
  return db.$transaction(async (tx) => {
    const before = await staffOf(tx, userId);
    const role = body.role ?? before.role;
    if (role !== before.role) notOwnAccount(by, userId);
    const districtCodes =
      body.districtCodes !== undefined || role !== before.role
        ? districtsFor(provinceCode, role as StaffRole, body.districtCodes ?? (role === 'admin' ? [] : before.districtCodes))
        : before.districtCodes;
    const after = {
      role,
      districtCodes,
      displayName: body.displayName ?? before.displayName,
      phone: body.phone !== undefined ? body.phone : before.phone,
    };
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const k of ['role', 'displayName', 'phone'] as const) if (after[k] !== before[k]) changes[k] = { from: before[k], to: after[k] };
    const sameDistricts = after.districtCodes.join(',') === before.districtCodes.join(',');
    if (!sameDistricts) changes.districtCodes = { from: before.districtCodes, to: after.districtCodes };
    if (!Object.keys(changes).length) return staffView(before);
    const user = await tx.user.update({
      where: { id: userId },
      data: { ...after, districtCode: after.districtCodes[0] ?? null },
      select: STAFF_FIELDS,
    });
    // What the account may see has changed: it signs in again (and its districts are read per call anyway).
    if (changes.role || changes.districtCodes) await tx.session.deleteMany({ where: { userId } });
    await record(tx, by, user, 'changed', changes);
    return staffView(user);
  });
}

export async function setStaffEnabled(db: Db, by: ChangedBy, userId: string, enabled: boolean) {
  return db.$transaction(async (tx) => {
    const before = await staffOf(tx, userId);
    if (!enabled) notOwnAccount(by, userId);
    if ((before.disabledAt === null) === enabled) return staffView(before);
    const user = await tx.user.update({
      where: { id: userId },
      // Re-enabled: a clean start, the lockout counter too.
      data: enabled ? { disabledAt: null, failedLogins: 0, lockedUntil: null } : { disabledAt: new Date() },
      select: STAFF_FIELDS,
    });
    if (!enabled) await tx.session.deleteMany({ where: { userId } });
    await record(tx, by, user, enabled ? 'enabled' : 'disabled');
    return staffView(user);
  });
}

export async function resetStaffPassword(db: Db, by: ChangedBy, userId: string) {
  const before = await staffOf(db, userId);
  const password = oneTimePassword(before.username);
  const passwordHash = await hashPassword(password);
  const user = await db.$transaction(async (tx) => {
    const user = await tx.user.update({
      where: { id: userId },
      data: { passwordHash, mustChangePassword: true, failedLogins: 0, lockedUntil: null },
      select: STAFF_FIELDS,
    });
    await tx.session.deleteMany({ where: { userId } });
    await record(tx, by, user, 'passwordReset');
    return user;
  });
  return { account: staffView(user), oneTimePassword: password };
}

export async function listStaff(db: Db, q: { role?: StaffRole; district?: string; includeDisabled: boolean }) {
  const rows = await db.user.findMany({
    where: {
      role: q.role ?? { in: ['reviewer', 'admin'] },
      ...(q.district ? { districtCodes: { has: q.district } } : {}),
      ...(q.includeDisabled ? {} : { disabledAt: null }),
    },
    orderBy: [{ role: 'asc' }, { username: 'asc' }],
    select: STAFF_FIELDS,
    take: 1000,
  });
  return rows.map(staffView);
}
