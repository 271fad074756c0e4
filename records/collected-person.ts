import type { Prisma } from '../generated/prisma/client.ts';
import type { PersonalData } from '../clients/personal-data.ts';
import { normalizeIdNumber } from '../domain/identity.ts';
import type { CollectionForm } from '../domain/schemas/index.ts';
import { archiveColumns, basicColumns, dateColumn as date } from './person-columns.ts';

type Tx = Prisma.TransactionClient;

/** The parts of the form that each get a history row when a person's record is created from it. */
export const COLLECTED_PARTS = ['situation', 'basic', 'district', 'education', 'work', 'qualifications', 'student'] as const;

/**
 * Writes the official record (档案) of a person from a checked collection form: the person with every
 * module, the materials given, and one history row per part (its ID and mobile numbers sealed). Shared by an
 * approved collection request (activities/person.ts) and the migration of an existing archive
 * (records/archive-import.ts), so both write the same rows. The caller has checked the person is new.
 */
export async function writeCollectedPerson(
  tx: Tx,
  personalData: PersonalData,
  a: {
    form: CollectionForm;
    provinceCode: string;
    applicantId: string | null;
    requestId: string | null;
    actorId: string | null;
    materials?: Prisma.MaterialCreateWithoutPersonInput[];
  },
): Promise<string> {
  const { form } = a;
  const archive = archiveColumns(normalizeIdNumber(form.basic.idNumber), personalData);
  const { basic, work, student } = form;
  const person = await tx.person.create({
    data: {
      ...archive,
      provinceCode: a.provinceCode,
      districtCode: form.district.code,
      ...basicColumns(basic, personalData),
      situation: form.situation,
      districtBasis: form.district.basis,
      applicantId: a.applicantId,
      educations: {
        create: form.education.map((e) => ({
          studyMode: e.studyMode,
          school: e.school,
          level: e.level,
          degree: e.degree,
          major: e.major ?? null,
          enrolledOn: date(e.enrolledOn),
          graduatedOn: date(e.graduatedOn),
          diplomaNo: e.diplomaNo ?? null,
          degreeCertificateNo: e.degreeCertificateNo ?? null,
        })),
      },
      qualifications: {
        create: (form.qualifications ?? []).map((q) => ({
          type: q.type,
          level: q.level,
          wayObtained: q.wayObtained,
          obtainedOn: date(q.obtainedOn),
          certificateNo: q.certificateNo,
        })),
      },
      ...(work && form.situation === 'accountingWork'
        ? {
            work: {
              create: {
                unitName: work.unitName,
                unitCreditCode: work.unitCreditCode,
                unitKind: work.unitKind,
                economicType: work.economicType ?? null,
                unitDistrict: work.unitDistrict,
                startedOn: date(work.startedOn),
                posts: work.posts,
                administrativePost: work.administrativePost,
              },
            },
          }
        : {}),
      ...(student && form.situation === 'qualifiedStudent'
        ? {
            student: {
              create: {
                school: student.school,
                schoolDistrict: student.schoolDistrict,
                studentNo: student.studentNo ?? null,
                enrolledOn: date(student.enrolledOn),
                expectedGraduation: date(student.expectedGraduation),
              },
            },
          }
        : {}),
      ...(a.materials?.length ? { materials: { create: a.materials } } : {}),
    },
    select: { id: true },
  });
  await tx.personHistory.createMany({
    data: COLLECTED_PARTS.filter((p) => form[p] !== undefined).map((p) => ({
      personId: person.id,
      requestId: a.requestId,
      actorId: a.actorId,
      field: p,
      oldValue: undefined,
      // The part as collected; its ID and mobile numbers sealed.
      newValue: personalData.sealAt(p, form[p]) as Prisma.InputJsonValue,
    })),
  });
  return person.id;
}
