import type { Db } from '../clients/db.ts';
import type { PersonalData } from '../clients/personal-data.ts';

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/**
 * A person's whole record as the national platform keeps it: every module, dates as YYYY-MM-DD, the
 * archive and mobile numbers opened (for the platform and for those who may read the record).
 */
export async function loadPersonRecord(db: Db, personalData: PersonalData, personId: string) {
  const p = await db.person.findUniqueOrThrow({
    where: { id: personId },
    include: {
      educations: true,
      work: true,
      qualifications: true,
      student: true,
      talents: true,
      credits: true,
      continuingEducations: true,
    },
  });
  const archiveNo = personalData.open('idNumber', p.archiveNoSealed);
  const record = {
    archiveNo,
    provinceCode: p.provinceCode,
    districtCode: p.districtCode,
    status: p.status,
    basic: {
      name: p.name,
      sex: p.sex,
      birthDate: day(p.birthDate),
      idType: p.idType,
      nationality: p.nationality,
      ethnicity: p.ethnicity,
      politicalStatus: p.politicalStatus,
      mobile: personalData.open('mobile', p.mobileSealed),
      email: p.email,
      address: p.address,
    },
    situation: p.situation,
    districtBasis: p.districtBasis,
    education: p.educations
      .sort((a, b) => a.enrolledOn.getTime() - b.enrolledOn.getTime())
      .map(({ id: _id, personId: _p, enrolledOn, graduatedOn, ...e }) => ({
        ...e,
        enrolledOn: day(enrolledOn),
        graduatedOn: day(graduatedOn),
      })),
    work: p.work ? (({ id: _id, personId: _p, startedOn, ...w }) => ({ ...w, startedOn: day(startedOn) }))(p.work) : null,
    qualifications: p.qualifications
      .sort((a, b) => a.obtainedOn.getTime() - b.obtainedOn.getTime())
      .map(({ id: _id, personId: _p, obtainedOn, ...q }) => ({ ...q, obtainedOn: day(obtainedOn) })),
    student: p.student
      ? (({ id: _id, personId: _p, enrolledOn, expectedGraduation, ...s }) => ({
          ...s,
          enrolledOn: day(enrolledOn),
          expectedGraduation: day(expectedGraduation),
        }))(p.student)
      : null,
    talents: p.talents.map(({ type, year }) => ({ type, year })),
    credits: p.credits.map(({ kind, occurredOn, issuer, documentNo, description }) => ({
      kind,
      occurredOn: day(occurredOn),
      issuer,
      documentNo,
      description,
    })),
    continuingEducation: p.continuingEducations.map(({ year, course, credits, professional, provider, completedOn }) => ({
      year,
      course,
      credits: credits.toString(),
      professional,
      provider,
      completedOn: day(completedOn),
    })),
  };
  return { archiveNo, record };
}
