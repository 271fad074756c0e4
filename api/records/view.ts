import { loadPersonRecord } from '../../records/person-record.ts';
import { yearlyCreditStatus, yearlyCreditStatuses } from '../../domain/continuing-education.ts';
import { chinaDate } from '../../domain/dates.ts';
import type { Actor } from '../../workflows/messages.ts';
import type { ApiDeps } from '../deps.ts';
import type { JsonValue } from '../lib/json.ts';
import { problem } from '../problem.ts';
import { personFor } from './access.ts';
import { creditView, talentView } from './talents-credits.ts';

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/** A person's continuing-education records, oldest year first, with their credits as numbers. */
export async function continuingEducationOf(deps: ApiDeps, personId: string) {
  const rows = await deps.db.continuingEducation.findMany({
    where: { personId },
    orderBy: [{ year: 'asc' }, { completedOn: 'asc' }, { course: 'asc' }],
  });
  return rows.map((r) => ({
    id: r.id,
    year: r.year,
    course: r.course,
    credits: Number(r.credits.toString()),
    professional: r.professional,
    provider: r.provider,
    completedOn: day(r.completedOn),
    source: r.source,
  }));
}

/**
 * The linked record (档案): every module of a person, read live from the database, so a change in one
 * module shows at once. Visible to the person, reviewers of the person's district and administrators.
 */
export async function linkedRecord(deps: ApiDeps, actor: Actor, personId: string) {
  const person = await personFor(deps.db, actor, personId);
  const [{ record }, courses, talents, credits, materials, history, open] = await Promise.all([
    loadPersonRecord(deps.db, deps.personalData, person.id),
    continuingEducationOf(deps, person.id),
    deps.db.highEndTalent.findMany({ where: { personId: person.id }, orderBy: [{ year: 'asc' }, { type: 'asc' }] }),
    deps.db.creditRecord.findMany({ where: { personId: person.id }, orderBy: [{ occurredOn: 'asc' }, { createdAt: 'asc' }] }),
    deps.db.material.findMany({ where: { personId: person.id }, orderBy: { kind: 'asc' } }),
    deps.db.personHistory.findMany({ where: { personId: person.id }, orderBy: [{ at: 'asc' }, { field: 'asc' }] }),
    deps.db.request.findMany({
      where: { archiveNoHash: person.archiveNoHash, openKey: { not: null } },
      select: { id: true, kind: true, state: true },
    }),
  ]);
  return {
    personId: person.id,
    archiveNo: record.archiveNo,
    provinceCode: person.provinceCode,
    districtCode: person.districtCode,
    status: person.status,
    transferredTo: person.transferredTo,
    transferredAt: person.transferredAt?.toISOString() ?? null,
    situation: record.situation,
    districtBasis: record.districtBasis,
    basic: record.basic,
    education: record.education,
    work: record.work,
    qualifications: record.qualifications,
    student: record.student,
    continuingEducation: { records: courses, years: yearlyCreditStatuses(courses) },
    talents: talents.map(talentView),
    credits: credits.map(creditView),
    materials: materials.map((m) => ({
      kind: m.kind,
      sha256: m.sha256,
      byteSize: m.byteSize,
      width: m.width,
      height: m.height,
      requestId: m.requestId,
      createdAt: m.createdAt.toISOString(),
      href: `/people/${person.id}/materials/${m.kind}`,
    })),
    history: history.map((h) => ({
      field: h.field,
      // Sealed ID and mobile numbers in the history opened, for those who may read the record.
      oldValue: deps.personalData.openAt(h.field, h.oldValue) as JsonValue,
      newValue: deps.personalData.openAt(h.field, h.newValue) as JsonValue,
      requestId: h.requestId,
      actorId: h.actorId,
      at: h.at.toISOString(),
    })),
    openRequests: open.map((r) => ({ requestId: r.id, kind: r.kind, state: r.state })),
  };
}

/** The yearly credit status (90 credits, at least two-thirds professional) of one year, by default this year. */
export async function creditStatus(deps: ApiDeps, actor: Actor, personId: string, year: number | undefined) {
  const person = await personFor(deps.db, actor, personId);
  const courses = await continuingEducationOf(deps, person.id);
  const y = year ?? Number(chinaDate(Date.now()).slice(0, 4));
  return { personId: person.id, ...yearlyCreditStatus(y, courses) };
}

/** The bytes of a person's accepted material. */
export async function personMaterial(deps: ApiDeps, actor: Actor, personId: string, kind: string) {
  const person = await personFor(deps.db, actor, personId);
  const material = await deps.db.material.findFirst({ where: { personId: person.id, kind: kind as never } });
  if (!material) throw problem('not-found', 404, `The record has no ${kind}`, '该人员档案中没有此材料');
  return { bytes: await deps.storage.get(material.objectKey), sha256: material.sha256, person: person.id };
}
