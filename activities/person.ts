import { ApplicationFailure } from '@temporalio/activity';
import type { Prisma } from '../generated/prisma/client.ts';
import { normalizeIdNumber } from '../domain/identity.ts';
import type { CollectionForm } from '../domain/schemas/index.ts';
import type { ActivityDeps } from './deps.ts';
import { archiveColumns, basicColumns, dateColumn } from '../records/person-columns.ts';

const date = dateColumn;

/** The official record (档案) of a person, written from an approved collection request. */
export function personActivities({ db, personalData }: ActivityDeps) {
  return {
    /**
     * Creates the person with every module, their materials and a history row per part, in one
     * transaction. Running it again for the same request finds the person it made and changes nothing.
     */
    async recordPerson({ requestId }: { requestId: string }): Promise<{ personId: string }> {
      return db.$transaction(async (tx) => {
        const request = await tx.request.findUniqueOrThrow({
          where: { id: requestId },
          include: { materials: { where: { replacedAt: null } }, decisions: { orderBy: { round: 'desc' }, take: 1 } },
        });
        const form = personalData.openAt('', request.form) as unknown as CollectionForm;
        const archive = archiveColumns(normalizeIdNumber(form.basic.idNumber), personalData);
        const existing = await tx.person.findUnique({ where: { archiveNoHash: archive.archiveNoHash }, select: { id: true } });
        if (existing) {
          const mine = await tx.personHistory.findFirst({ where: { personId: existing.id, requestId }, select: { id: true } });
          if (mine) return { personId: existing.id };
          throw ApplicationFailure.nonRetryable('This person was collected by another request meanwhile', 'already-collected');
        }
        const actorId = request.decisions[0]?.reviewerId ?? null;
        const { basic, work, student } = form;
        const person = await tx.person.create({
          data: {
            ...archive,
            provinceCode: request.provinceCode,
            districtCode: form.district.code,
            ...basicColumns(basic, personalData),
            situation: form.situation,
            districtBasis: form.district.basis,
            applicantId: request.applicantId,
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
            materials: {
              create: request.materials.map((m) => ({
                kind: m.kind,
                objectKey: m.objectKey,
                sha256: m.sha256,
                byteSize: m.byteSize,
                width: m.width,
                height: m.height,
                requestId,
              })),
            },
          },
        });
        const parts = ['situation', 'basic', 'district', 'education', 'work', 'qualifications', 'student'] as const;
        await tx.personHistory.createMany({
          data: parts
            .filter((p) => form[p] !== undefined)
            .map((p) => ({
              personId: person.id,
              requestId,
              actorId,
              field: p,
              oldValue: undefined,
              // The part as collected; its ID and mobile numbers sealed.
              newValue: personalData.sealAt(p, form[p]) as Prisma.InputJsonValue,
            })),
        });
        return { personId: person.id };
      });
    },
  };
}
