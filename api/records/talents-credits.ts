import type { z } from 'zod';
import type { Prisma } from '../../generated/prisma/client.ts';
import { chinaDate } from '../../domain/dates.ts';
import { makeCreditRecordSchema, makeTalentSchema, type CreditRecordInput, type TalentInput } from '../../domain/schemas/person-records.ts';
import type { Actor } from '../../workflows/messages.ts';
import type { ApiDeps } from '../deps.ts';
import { problem, problems } from '../problem.ts';
import { validationProblem } from '../validation.ts';
import { syncModules } from '../lib/module-sync.ts';
import { personFor } from './access.ts';
import { assertActive } from './problems.ts';

/**
 * High-end talent (高端会计人才) and credit (守信 / 失信) records, kept by administrators. Each change
 * leaves a history row (old and new value, the administrator). Anyone who may see the record sees them.
 */

const day = (d: Date) => d.toISOString().slice(0, 10);
const json = (v: unknown) => (v === null ? undefined : (v as Prisma.InputJsonValue));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function parse<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: z.ZodError } }, body: unknown): T {
  const r = schema.safeParse(body);
  if (!r.success) throw validationProblem(r.error);
  return r.data;
}

async function editablePerson(deps: ApiDeps, actor: Actor, personId: string) {
  // Who may not see the person learns nothing of it (404) before their role is refused (403).
  const person = await personFor(deps.db, actor, personId);
  if (actor.role !== 'admin') throw problems.forbidden();
  assertActive(person);
  return person;
}

export const talentView = (t: { id: string; type: string; year: number }) => ({ id: t.id, type: t.type, year: t.year });
export const creditView = (c: {
  id: string;
  kind: string;
  occurredOn: Date;
  issuer: string;
  documentNo: string;
  description: string;
  createdAt: Date;
}) => ({
  id: c.id,
  kind: c.kind,
  occurredOn: day(c.occurredOn),
  issuer: c.issuer,
  documentNo: c.documentNo,
  description: c.description,
  createdAt: c.createdAt.toISOString(),
});

const talentExists = () =>
  problem('talent-exists', 409, 'This person already has this talent title for that year', '该人员该年度已有相同的高端会计人才记录');
const talentNotFound = () => problems.notFound('The talent record', '该高端会计人才记录');
const creditExists = () =>
  problem(
    'credit-exists',
    409,
    'This person already has a credit record of this kind under this document number',
    '该人员已有同一文号的同类诚信记录',
  );
const creditNotFound = () => problems.notFound('The credit record', '该诚信记录');

export async function listTalents(deps: ApiDeps, actor: Actor, personId: string) {
  const person = await personFor(deps.db, actor, personId);
  const rows = await deps.db.highEndTalent.findMany({ where: { personId: person.id }, orderBy: [{ year: 'asc' }, { type: 'asc' }] });
  return rows.map(talentView);
}

export async function saveTalent(deps: ApiDeps, actor: Actor, personId: string, body: unknown, talentId?: string) {
  const person = await editablePerson(deps, actor, personId);
  const input: TalentInput = parse(makeTalentSchema({ today: chinaDate(Date.now()) }), body);
  try {
    const saved = await deps.db.$transaction(async (tx) => {
      const old =
        talentId === undefined
          ? null
          : UUID.test(talentId)
            ? await tx.highEndTalent.findFirst({ where: { id: talentId, personId: person.id } })
            : null;
      if (talentId !== undefined && !old) throw talentNotFound();
      const row = old
        ? await tx.highEndTalent.update({ where: { id: old.id }, data: input })
        : await tx.highEndTalent.create({ data: { ...input, personId: person.id } });
      const history = await tx.personHistory.create({
        data: {
          personId: person.id,
          actorId: actor.userId,
          field: 'talents',
          oldValue: json(old ? talentView(old) : null),
          newValue: json(talentView(row)),
        },
      });
      return { view: talentView(row), historyId: history.id };
    });
    await syncModules(deps, `talent-${saved.historyId}`, [person.id]);
    return saved.view;
  } catch (e) {
    if ((e as { code?: string }).code === 'P2002') throw talentExists();
    throw e;
  }
}

export async function deleteTalent(deps: ApiDeps, actor: Actor, personId: string, talentId: string) {
  const person = await editablePerson(deps, actor, personId);
  const history = await deps.db.$transaction(async (tx) => {
    const old = UUID.test(talentId) ? await tx.highEndTalent.findFirst({ where: { id: talentId, personId: person.id } }) : null;
    if (!old) throw talentNotFound();
    await tx.highEndTalent.delete({ where: { id: old.id } });
    return tx.personHistory.create({
      data: { personId: person.id, actorId: actor.userId, field: 'talents', oldValue: json(talentView(old)) },
    });
  });
  await syncModules(deps, `talent-${history.id}`, [person.id]);
}

export async function listCredits(deps: ApiDeps, actor: Actor, personId: string) {
  const person = await personFor(deps.db, actor, personId);
  const rows = await deps.db.creditRecord.findMany({
    where: { personId: person.id },
    orderBy: [{ occurredOn: 'asc' }, { createdAt: 'asc' }],
  });
  return rows.map(creditView);
}

export async function saveCredit(deps: ApiDeps, actor: Actor, personId: string, body: unknown, creditId?: string) {
  const person = await editablePerson(deps, actor, personId);
  const input: CreditRecordInput = parse(makeCreditRecordSchema({ today: chinaDate(Date.now()) }), body);
  const data = { ...input, occurredOn: new Date(`${input.occurredOn}T00:00:00Z`) };
  try {
    const saved = await deps.db.$transaction(async (tx) => {
      const old =
        creditId === undefined
          ? null
          : UUID.test(creditId)
            ? await tx.creditRecord.findFirst({ where: { id: creditId, personId: person.id } })
            : null;
      if (creditId !== undefined && !old) throw creditNotFound();
      const row = old
        ? await tx.creditRecord.update({ where: { id: old.id }, data })
        : await tx.creditRecord.create({ data: { ...data, personId: person.id } });
      const history = await tx.personHistory.create({
        data: {
          personId: person.id,
          actorId: actor.userId,
          field: 'credits',
          oldValue: json(old ? creditView(old) : null),
          newValue: json(creditView(row)),
        },
      });
      return { view: creditView(row), historyId: history.id };
    });
    await syncModules(deps, `credit-${saved.historyId}`, [person.id]);
    return saved.view;
  } catch (e) {
    // The same decision recorded twice (a retried POST) stays one record.
    if ((e as { code?: string }).code === 'P2002') throw creditExists();
    throw e;
  }
}

export async function deleteCredit(deps: ApiDeps, actor: Actor, personId: string, creditId: string) {
  const person = await editablePerson(deps, actor, personId);
  const history = await deps.db.$transaction(async (tx) => {
    const old = UUID.test(creditId) ? await tx.creditRecord.findFirst({ where: { id: creditId, personId: person.id } }) : null;
    if (!old) throw creditNotFound();
    await tx.creditRecord.delete({ where: { id: old.id } });
    return tx.personHistory.create({
      data: { personId: person.id, actorId: actor.userId, field: 'credits', oldValue: json(creditView(old)) },
    });
  });
  await syncModules(deps, `credit-${history.id}`, [person.id]);
}

/**
 * 失信 records of the person a request is about, for those who review it (reviewers and administrators);
 * undefined for anyone else, so applicants never see this field.
 */
export async function creditWarningsFor(deps: ApiDeps, actor: Actor, archiveNoHash: string | null) {
  if (actor.role !== 'reviewer' && actor.role !== 'admin') return undefined;
  if (!archiveNoHash) return [];
  const rows = await deps.db.creditRecord.findMany({
    where: { kind: 'untrustworthy', person: { archiveNoHash } },
    orderBy: { occurredOn: 'desc' },
  });
  return rows.map(creditView);
}
