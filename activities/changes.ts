import type { Prisma } from '../generated/prisma/client.ts';
import { CONTACT_FIELDS, mergeChange, recordChanges, type ChangeForm, type ContactField, type RecordForm } from '../domain/change.ts';
import type { ContinuingEducationEntry } from '../domain/schemas/continuing-education.ts';
import type { ActivityDeps } from './deps.ts';
import { basicColumns, dateColumn } from '../records/person-columns.ts';
import { loadRecordForm } from '../records/record-form.ts';

type Tx = Prisma.TransactionClient;
// biome-ignore lint/suspicious/noExplicitAny: a module of a record as checked by its zod schema; its fields are the table's columns
type Row = Record<string, any>;
const json = (v: unknown) => (v === null || v === undefined ? undefined : (v as Prisma.InputJsonValue));

/** Changes to an official record: a reviewed change on approval, a contact change at once. */
export function changeActivities({ db, personalData }: ActivityDeps) {
  return {
    /**
     * Applies an approved change in one transaction: every changed module, the added continuing-education
     * records, the new materials, and a history row per changed field (old and new value, the request,
     * the approving reviewer). Run again for the same request, it finds its history rows and changes nothing.
     */
    async applyChange({ requestId }: { requestId: string }): Promise<{ personId: string }> {
      return db.$transaction(async (tx) => {
        const request = await tx.request.findUniqueOrThrow({
          where: { id: requestId },
          include: { materials: { where: { replacedAt: null } }, decisions: { orderBy: { round: 'desc' }, take: 1 } },
        });
        const person = await lockPerson(tx, request.archiveNoHash!);
        if (await tx.personHistory.findFirst({ where: { personId: person.id, requestId }, select: { id: true } }))
          return { personId: person.id };

        const actorId = request.decisions[0]?.reviewerId ?? null;
        const form = personalData.openAt('', request.form ?? {}) as ChangeForm;
        const before = await loadRecordForm(tx, personalData, person.id);
        const after = mergeChange(before, form);
        const changes = recordChanges(before, after);
        const changed = new Set(changes.map((c) => c.field.split('.')[0]));
        const history: Prisma.PersonHistoryCreateManyInput[] = changes.map((c) => ({
          personId: person.id,
          requestId,
          actorId,
          field: c.field,
          oldValue: json(personalData.sealAt(c.field, c.oldValue)),
          newValue: json(personalData.sealAt(c.field, c.newValue)),
        }));

        // Contact details are not the change's to set: they change at once, on their own.
        const {
          mobileSealed: _m,
          email: _e,
          address: _a,
          ...identity
        } = basicColumns(after.basic as Parameters<typeof basicColumns>[0], personalData);
        await tx.person.update({
          where: { id: person.id },
          data: { ...identity, situation: after.situation, districtCode: after.district.code, districtBasis: after.district.basis },
        });
        if (changed.has('education')) await replaceEducation(tx, person.id, after);
        if (changed.has('qualifications')) await replaceQualifications(tx, person.id, after);
        if (changed.has('work')) await replaceWork(tx, person.id, after);
        if (changed.has('student')) await replaceStudent(tx, person.id, after);

        const courses = (form.continuingEducation ?? []) as unknown as ContinuingEducationEntry[];
        if (courses.length) {
          await tx.continuingEducation.createMany({
            data: courses.map((e) => ({
              personId: person.id,
              year: e.year,
              course: e.course,
              credits: String(e.credits),
              professional: e.professional,
              provider: e.provider,
              completedOn: dateColumn(e.completedOn),
              source: 'application',
            })),
            skipDuplicates: true,
          });
          history.push({ personId: person.id, requestId, actorId, field: 'continuingEducation', newValue: json({ added: courses }) });
        }

        const existing = new Map((await tx.material.findMany({ where: { personId: person.id } })).map((m) => [m.kind, m]));
        for (const m of request.materials) {
          const old = existing.get(m.kind);
          const data = { objectKey: m.objectKey, sha256: m.sha256, byteSize: m.byteSize, width: m.width, height: m.height, requestId };
          await tx.material.upsert({
            where: { personId_kind: { personId: person.id, kind: m.kind } },
            create: { personId: person.id, kind: m.kind, ...data },
            update: data,
          });
          history.push({
            personId: person.id,
            requestId,
            actorId,
            field: `materials.${m.kind}`,
            oldValue: json(old ? { sha256: old.sha256, requestId: old.requestId } : null),
            newValue: json({ sha256: m.sha256, requestId }),
          });
        }
        // The request's own mark on the record, so a second run knows it is done even if nothing differed by then.
        if (!history.length)
          history.push({ personId: person.id, requestId, actorId, field: 'change', newValue: json({ unchanged: true }) });
        await tx.personHistory.createMany({ data: history });
        return { personId: person.id };
      });
    },

    /** A contact change (mobile, email, address): takes effect without review, with a history row per field. */
    async applyContactChange({ requestId }: { requestId: string }): Promise<{ personId: string; changed: ContactField[] }> {
      return db.$transaction(async (tx) => {
        const request = await tx.request.findUniqueOrThrow({ where: { id: requestId } });
        const person = await lockPerson(tx, request.archiveNoHash!);
        const done = await tx.personHistory.findMany({ where: { personId: person.id, requestId }, select: { field: true } });
        if (done.length) return { personId: person.id, changed: done.map((h) => h.field.replace('basic.', '') as ContactField) };
        const form = personalData.openAt('', request.form ?? {}) as { contact?: Partial<Record<ContactField, string>> };
        const contact = form.contact ?? {};
        const current: Record<ContactField, string | null> = {
          mobile: personalData.open('mobile', person.mobileSealed),
          email: person.email,
          address: person.address,
        };
        const changed = CONTACT_FIELDS.filter((f) => contact[f] !== undefined && contact[f] !== current[f]);
        if (!changed.length) return { personId: person.id, changed };
        const column = (f: ContactField, v: string) => (f === 'mobile' ? ['mobileSealed', personalData.seal('mobile', v)] : [f, v]);
        await tx.person.update({ where: { id: person.id }, data: Object.fromEntries(changed.map((f) => column(f, contact[f]!))) });
        await tx.personHistory.createMany({
          data: changed.map((f) => ({
            personId: person.id,
            requestId,
            actorId: request.applicantId,
            field: `basic.${f}`,
            oldValue: json(personalData.sealAt(`basic.${f}`, current[f])),
            newValue: json(personalData.sealAt(`basic.${f}`, contact[f])),
          })),
        });
        return { personId: person.id, changed };
      });
    },
  };
}

/** The person's row, locked until the transaction ends: a contact change and a reviewed change never interleave. */
async function lockPerson(tx: Tx, archiveNoHash: string) {
  await tx.$queryRaw`SELECT id FROM "Person" WHERE "archiveNoHash" = ${archiveNoHash} FOR UPDATE`;
  return tx.person.findUniqueOrThrow({ where: { archiveNoHash } });
}

const date = (v: unknown) => dateColumn(String(v));
const opt = (v: unknown) => (v === undefined || v === null ? null : String(v));

async function replaceEducation(tx: Tx, personId: string, after: RecordForm) {
  await tx.education.deleteMany({ where: { personId } });
  await tx.education.createMany({
    data: (after.education as Row[]).map((e) => ({
      personId,
      studyMode: e.studyMode,
      school: e.school,
      level: e.level,
      degree: e.degree,
      major: opt(e.major),
      enrolledOn: date(e.enrolledOn),
      graduatedOn: date(e.graduatedOn),
      diplomaNo: opt(e.diplomaNo),
      degreeCertificateNo: opt(e.degreeCertificateNo),
    })),
  });
}

async function replaceQualifications(tx: Tx, personId: string, after: RecordForm) {
  await tx.qualification.deleteMany({ where: { personId } });
  await tx.qualification.createMany({
    data: (after.qualifications as Row[]).map((q) => ({
      personId,
      type: q.type,
      level: q.level,
      wayObtained: q.wayObtained,
      obtainedOn: date(q.obtainedOn),
      certificateNo: q.certificateNo,
    })),
  });
}

/** Replaces the work module with `after.work` (removes it when absent); also used by a district move that carries a new work unit. */
export async function replaceWork(tx: Tx, personId: string, after: Pick<RecordForm, 'work'>) {
  const w = after.work as Row | undefined;
  if (!w) {
    await tx.workInfo.deleteMany({ where: { personId } });
    return;
  }
  const data = {
    unitName: w.unitName,
    unitCreditCode: w.unitCreditCode,
    unitKind: w.unitKind,
    economicType: opt(w.economicType),
    unitDistrict: w.unitDistrict,
    startedOn: date(w.startedOn),
    posts: w.posts as string[],
    administrativePost: w.administrativePost,
  };
  await tx.workInfo.upsert({ where: { personId }, create: { personId, ...data }, update: data });
}

async function replaceStudent(tx: Tx, personId: string, after: RecordForm) {
  const s = after.student as Row | undefined;
  if (!s) {
    await tx.studentInfo.deleteMany({ where: { personId } });
    return;
  }
  const data = {
    school: s.school,
    schoolDistrict: s.schoolDistrict,
    studentNo: opt(s.studentNo),
    enrolledOn: date(s.enrolledOn),
    expectedGraduation: date(s.expectedGraduation),
  };
  await tx.studentInfo.upsert({ where: { personId }, create: { personId, ...data }, update: data });
}
