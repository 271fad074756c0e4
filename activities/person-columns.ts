/** A date of the form (`YYYY-MM-DD`) as the database's DATE. */
export const dateColumn = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** The person's basic information (基础信息) as Person columns, from a form or from a national record. */
export function basicColumns(b: {
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
}) {
  return {
    name: b.name,
    sex: b.sex,
    birthDate: dateColumn(b.birthDate),
    idType: b.idType,
    nationality: b.nationality,
    ethnicity: b.ethnicity ?? null,
    politicalStatus: b.politicalStatus ?? null,
    mobile: b.mobile,
    email: b.email ?? null,
    address: b.address ?? null,
  };
}
