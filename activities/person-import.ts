import type { Prisma } from '../generated/prisma/client.ts';
import type { PersonalData } from '../clients/personal-data.ts';
import { archiveColumns, basicColumns } from '../records/person-columns.ts';

type Tx = Prisma.TransactionClient;
// biome-ignore lint/suspicious/noExplicitAny: a module of a record as checked by its zod schema; its fields are the table's columns
type Row = Record<string, any>;
const date = (iso: string | null | undefined) => (iso ? new Date(`${iso}T00:00:00Z`) : null);

/**
 * Writes a person's record as the national platform keeps it (see person-record.ts) into this province:
 * a new person, or one who left earlier and comes back. Every module is replaced; the platform's
 * versions become history rows, so the person arrives with their history.
 */
export async function importPersonRecord(
  tx: Tx,
  personalData: PersonalData,
  a: {
    record: Row;
    versions: { version: number; province: string; kind?: string; createdAt?: string }[];
    provinceCode: string;
    districtCode: string;
    requestId: string;
    fromProvince: string;
    /** The account that applied here for the transfer in: the record becomes its own. */
    applicantId?: string | null;
  },
): Promise<string> {
  const r = a.record;
  const b = r.basic as Row;
  const archive = archiveColumns(String(r.archiveNo), personalData);
  const existing = await tx.person.findUnique({ where: { archiveNoHash: archive.archiveNoHash }, select: { id: true } });
  if (existing) {
    const done = await tx.personHistory.findFirst({ where: { personId: existing.id, requestId: a.requestId, field: 'transferIn' } });
    if (done) return existing.id; // imported already by an earlier attempt
    await Promise.all([
      tx.education.deleteMany({ where: { personId: existing.id } }),
      tx.qualification.deleteMany({ where: { personId: existing.id } }),
      tx.workInfo.deleteMany({ where: { personId: existing.id } }),
      tx.studentInfo.deleteMany({ where: { personId: existing.id } }),
      tx.continuingEducation.deleteMany({ where: { personId: existing.id } }),
      tx.highEndTalent.deleteMany({ where: { personId: existing.id } }),
      tx.creditRecord.deleteMany({ where: { personId: existing.id } }),
    ]);
  }
  const data = {
    provinceCode: a.provinceCode,
    districtCode: a.districtCode,
    status: 'active' as const,
    transferredTo: null,
    transferredAt: null,
    ...basicColumns(b as Parameters<typeof basicColumns>[0], personalData),
    situation: r.situation,
    districtBasis: r.districtBasis,
    ...(a.applicantId ? { applicantId: a.applicantId } : {}),
  };
  const person = existing
    ? await tx.person.update({ where: { id: existing.id }, data })
    : await tx.person.create({ data: { ...data, ...archive } });
  const personId = person.id;
  for (const e of (r.education ?? []) as Row[]) {
    await tx.education.create({
      data: { ...e, personId, enrolledOn: date(e.enrolledOn)!, graduatedOn: date(e.graduatedOn)! } as Prisma.EducationUncheckedCreateInput,
    });
  }
  for (const q of (r.qualifications ?? []) as Row[]) {
    await tx.qualification.create({
      data: { ...q, personId, obtainedOn: date(q.obtainedOn)! } as Prisma.QualificationUncheckedCreateInput,
    });
  }
  if (r.work) await tx.workInfo.create({ data: { ...r.work, personId, startedOn: date(r.work.startedOn)! } });
  if (r.student) {
    await tx.studentInfo.create({
      data: { ...r.student, personId, enrolledOn: date(r.student.enrolledOn)!, expectedGraduation: date(r.student.expectedGraduation)! },
    });
  }
  // The modules kept by others than the applicant travel too: a 失信 record must not stay behind.
  await tx.continuingEducation.createMany({
    data: ((r.continuingEducation ?? []) as Row[]).map((c) => ({
      personId,
      year: c.year,
      course: c.course,
      credits: String(c.credits),
      professional: c.professional,
      provider: c.provider,
      completedOn: date(c.completedOn)!,
      source: 'transfer',
    })),
    skipDuplicates: true,
  });
  await tx.highEndTalent.createMany({
    data: ((r.talents ?? []) as Row[]).map((t) => ({ personId, type: t.type, year: t.year })),
    skipDuplicates: true,
  });
  await tx.creditRecord.createMany({
    data: ((r.credits ?? []) as Row[]).map((c) => ({
      personId,
      kind: c.kind,
      occurredOn: date(c.occurredOn)!,
      issuer: c.issuer,
      documentNo: c.documentNo,
      description: c.description,
    })),
    skipDuplicates: true,
  });
  await tx.personHistory.createMany({
    data: [
      ...a.versions.map((v) => ({
        personId,
        requestId: a.requestId,
        field: 'nationalVersion',
        newValue: { version: v.version, province: v.province, kind: v.kind ?? null, at: v.createdAt ?? null } as Prisma.InputJsonValue,
      })),
      {
        personId,
        requestId: a.requestId,
        field: 'transferIn',
        oldValue: { province: a.fromProvince },
        newValue: { province: a.provinceCode, district: a.districtCode },
      },
    ],
  });
  return personId;
}
