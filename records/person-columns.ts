import type { PersonalData } from '../clients/personal-data.ts';
import { normalizeIdNumber } from '../domain/identity.ts';

/** A date of the form (`YYYY-MM-DD`) as the database's DATE. */
export const dateColumn = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** The archive number as Person columns: its keyed hash, the number sealed, and its first six characters. */
export function archiveColumns(archiveNo: string, personalData: PersonalData) {
  const n = normalizeIdNumber(archiveNo);
  return {
    archiveNoHash: personalData.lookup('idNumber', n),
    archiveNoSealed: personalData.seal('idNumber', n),
    archiveNoPrefix: n.slice(0, 6),
  };
}

/** The archive number as Request columns: whose record a request is about. */
export function requestArchiveColumns(archiveNo: string, personalData: PersonalData) {
  const { archiveNoHash, archiveNoSealed } = archiveColumns(archiveNo, personalData);
  return { archiveNoHash, archiveNoSealed };
}

/** The person's basic information (基础信息) as Person columns, from a form or from a national record; the mobile number sealed. */
export function basicColumns(
  b: {
    name: string;
    sex: string;
    birthDate: string;
    idType: string;
    nationality: string;
    ethnicity?: string | null;
    politicalStatus?: string | null;
    mobile: string;
    email?: string | null;
    address?: string | null;
  },
  personalData: PersonalData,
) {
  return {
    name: b.name,
    sex: b.sex,
    birthDate: dateColumn(b.birthDate),
    idType: b.idType,
    nationality: b.nationality,
    ethnicity: b.ethnicity ?? null,
    politicalStatus: b.politicalStatus ?? null,
    mobileSealed: personalData.seal('mobile', b.mobile),
    email: b.email ?? null,
    address: b.address ?? null,
  };
}
