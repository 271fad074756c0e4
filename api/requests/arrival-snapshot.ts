/**
 * A transfer sent here by another province carries no form: nobody here filled one in. What the receiving
 * reviewer decides on is the person's latest national record version, fetched when the transfer arrives and
 * kept in the request's form under `arrival` (its archive and mobile numbers sealed, clients/personal-data.ts).
 */
export interface ArrivalSnapshot {
  /** The record as the national platform keeps it (records/person-record.ts's shape). */
  record: ArrivingRecord;
  /** The national version it is. */
  version: number;
  fetchedAt: string;
}

type Obj = Record<string, unknown>;

/** The national record's modules the review view reads. */
export interface ArrivingRecord {
  archiveNo: string;
  provinceCode?: string;
  districtCode?: string;
  basic?: Obj & { name?: string };
  education?: Obj[];
  work?: Obj | null;
  qualifications?: Obj[];
  talents?: Obj[];
  credits?: Obj[];
  continuingEducation?: Obj[];
}

/** The snapshot a received transfer's form holds, if it holds one (numbers as stored). */
export function arrivalOf(form: unknown): ArrivalSnapshot | undefined {
  const arrival = (form as { arrival?: ArrivalSnapshot } | null)?.arrival;
  return arrival && typeof arrival === 'object' && arrival.record ? arrival : undefined;
}
