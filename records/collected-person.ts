import { randomUUID } from 'node:crypto';
import type { Prisma } from '../generated/prisma/client.ts';
import type { PersonalData } from '../clients/personal-data.ts';
import { normalizeIdNumber } from '../domain/identity.ts';
import type { CollectionForm } from '../domain/schemas/index.ts';
import { archiveColumns, basicColumns, dateColumn as date } from './person-columns.ts';

type Tx = Prisma.TransactionClient;

/** The parts of the form that each get a history row when a person's record is created from it. */
export const COLLECTED_PARTS = ['situation', 'basic', 'district', 'education', 'work', 'qualifications', 'student'] as const;

export interface CollectedPerson {
  form: CollectionForm;
  provinceCode: string;
  applicantId: string | null;
  requestId: string | null;
  actorId: string | null;
  materials?: Omit<Prisma.MaterialCreateManyInput, 'personId'>[];
}

/**
 * Writes the official record (档案) of people from checked collection forms: each person with every module, the
 * materials given, and one history row per part (its ID and mobile numbers sealed), one statement per table for
 * all of them. Shared by an approved collection request (activities/person.ts, one person) and the migration of an
 * existing archive (records/archive-import.ts, a batch), so both write the same rows. The caller has checked the
 * people are new. Answers their ids, in order.
 */
export async function writeCollectedPeople(tx: Tx, personalData: PersonalData, people: CollectedPerson[]): Promise<string[]> {
  const ids = people.map(() => randomUUID());
  const persons: Prisma.PersonCreateManyInput[] = [];
  const educations: Prisma.EducationCreateManyInput[] = [];
  const qualifications: Prisma.QualificationCreateManyInput[] = [];
  const works: Prisma.WorkInfoCreateManyInput[] = [];
  const students: Prisma.StudentInfoCreateManyInput[] = [];
  const materials: Prisma.MaterialCreateManyInput[] = [];
  const history: Prisma.PersonHistoryCreateManyInput[] = [];
  people.forEach((a, i) => {
    const personId = ids[i]!;
    const { form } = a;
    const { basic, work, student } = form;
    persons.push({
      id: personId,
      ...archiveColumns(normalizeIdNumber(form.basic.idNumber), personalData),
      provinceCode: a.provinceCode,
      districtCode: form.district.code,
      ...basicColumns(basic, personalData),
      situation: form.situation,
      districtBasis: form.district.basis,
      applicantId: a.applicantId,
    });
    for (const e of form.education) {
      educations.push({
        personId,
        studyMode: e.studyMode,
        school: e.school,
        level: e.level,
        degree: e.degree,
        major: e.major ?? null,
        enrolledOn: date(e.enrolledOn),
        graduatedOn: date(e.graduatedOn),
        diplomaNo: e.diplomaNo ?? null,
        degreeCertificateNo: e.degreeCertificateNo ?? null,
      });
    }
    for (const q of form.qualifications ?? []) {
      qualifications.push({
        personId,
        type: q.type,
        level: q.level,
        wayObtained: q.wayObtained,
        obtainedOn: date(q.obtainedOn),
        certificateNo: q.certificateNo,
      });
    }
    if (work && form.situation === 'accountingWork') {
      works.push({
        personId,
        unitName: work.unitName,
        unitCreditCode: work.unitCreditCode,
        unitKind: work.unitKind,
        economicType: work.economicType ?? null,
        unitDistrict: work.unitDistrict,
        startedOn: date(work.startedOn),
        posts: work.posts,
        administrativePost: work.administrativePost,
      });
    }
    if (student && form.situation === 'qualifiedStudent') {
      students.push({
        personId,
        school: student.school,
        schoolDistrict: student.schoolDistrict,
        studentNo: student.studentNo ?? null,
        enrolledOn: date(student.enrolledOn),
        expectedGraduation: date(student.expectedGraduation),
      });
    }
    for (const m of a.materials ?? []) materials.push({ ...m, personId });
    for (const p of COLLECTED_PARTS) {
      if (form[p] === undefined) continue;
      history.push({
        personId,
        requestId: a.requestId,
        actorId: a.actorId,
        field: p,
        // The part as collected; its ID and mobile numbers sealed.
        newValue: personalData.sealAt(p, form[p]) as Prisma.InputJsonValue,
      });
    }
  });
  await tx.person.createMany({ data: persons });
  if (educations.length) await tx.education.createMany({ data: educations });
  if (qualifications.length) await tx.qualification.createMany({ data: qualifications });
  if (works.length) await tx.workInfo.createMany({ data: works });
  if (students.length) await tx.studentInfo.createMany({ data: students });
  if (materials.length) await tx.material.createMany({ data: materials });
  await tx.personHistory.createMany({ data: history });
  return ids;
}
