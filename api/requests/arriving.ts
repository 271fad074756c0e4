import type { Request } from '../../generated/prisma/client.ts';
import { type YearlyCreditStatus, yearlyCreditStatus } from '../../domain/continuing-education.ts';
import { chinaDate } from '../../domain/dates.ts';
import { loadPersonRecord } from '../../records/person-record.ts';
import type { Actor } from '../../workflows/messages.ts';
import type { ApiDeps } from '../deps.ts';
import { type ArrivingRecord, arrivalOf } from './arrival-snapshot.ts';

/** How many years of continuing education the receiving reviewer sees: this year and the two before. */
const CE_YEARS = 3;
/** How long the review view waits for the national platform's record of a transfer applied for here. */
const NATIONAL_WAIT_MS = 3000;

type Obj = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : null);
const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export interface ArrivingPerson {
  /** `record`: this province's record (a district move); `national`: the national platform's latest version (a transfer in). */
  source: 'record' | 'national';
  nationalVersion: number | null;
  /** The record here the reviewer may open while the move is open (district moves). */
  personId: string | null;
  name: string | null;
  archiveNo: string;
  idType: string | null;
  sex: string | null;
  birthDate: string | null;
  nationality: string | null;
  from: { provinceCode: string | null; districtCode: string | null };
  to: { provinceCode: string; districtCode: string | null };
  work: {
    unitName: string | null;
    unitCreditCode: string | null;
    unitKind: string | null;
    unitDistrict: string | null;
    startedOn: string | null;
    posts: string[];
    administrativePost: string | null;
  } | null;
  qualifications: {
    type: string | null;
    level: string | null;
    wayObtained: string | null;
    obtainedOn: string | null;
    certificateNo: string | null;
  }[];
  education: {
    studyMode: string | null;
    school: string | null;
    level: string | null;
    degree: string | null;
    major: string | null;
    graduatedOn: string | null;
  }[];
  continuingEducation: Pick<
    YearlyCreditStatus,
    'year' | 'records' | 'totalCredits' | 'professionalCredits' | 'requiredCredits' | 'complete'
  >[];
  talents: { type: string | null; year: number | null }[];
  creditWarnings: { occurredOn: string | null; issuer: string | null; documentNo: string | null; description: string | null }[];
}

/**
 * Who arrives, for the reviewer who decides a transfer in or a district move: identity, where from, work
 * unit, qualifications, education, recent continuing education, 失信 records. A district move reads the
 * person's record here; a transfer in the national record version kept when the transfer arrived, or, for
 * one applied for here (or received before such versions were kept), the platform's latest version now.
 * Staff only: the applicant follows their own request, not a review view of themselves.
 */
export async function arrivingPerson(deps: ApiDeps, actor: Actor, request: Request): Promise<ArrivingPerson | null | undefined> {
  if (actor.role !== 'reviewer' && actor.role !== 'admin') return undefined;
  const province = deps.env.PROVINCE_CODE;
  if (request.kind === 'districtMove') {
    if (!request.archiveNoHash) return null;
    const person = await deps.db.person.findUnique({
      where: { archiveNoHash: request.archiveNoHash },
      select: { id: true, districtCode: true },
    });
    if (!person) return null;
    // Once moved, the record's district is the new one; the move's history row keeps where it came from.
    const moved = await deps.db.personHistory.findFirst({ where: { personId: person.id, requestId: request.id, field: 'district' } });
    const fromDistrict = (moved?.oldValue as { code?: string } | null)?.code ?? person.districtCode;
    const { record } = await loadPersonRecord(deps.db, deps.personalData, person.id);
    return view(record as unknown as ArrivingRecord, {
      source: 'record',
      nationalVersion: null,
      personId: person.id,
      from: { provinceCode: province, districtCode: fromDistrict },
      to: { provinceCode: province, districtCode: request.districtCode },
    });
  }
  if (request.kind !== 'transferIn') return undefined;
  const kept = arrivalOf(deps.personalData.openAt('', request.form));
  let record = kept?.record;
  let version = kept?.version ?? null;
  if (!record && request.archiveNoSealed) {
    const archiveNo = deps.personalData.open('idNumber', request.archiveNoSealed);
    // The review page must not wait on a slow platform: past a few seconds it shows that the record cannot be read now.
    const latest = await Promise.race([
      deps.national.getRecord(archiveNo),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer within 3 s')), NATIONAL_WAIT_MS).unref()),
    ]).catch((err) => {
      deps.log.warn({ requestId: request.id, error: (err as Error).message }, 'national record not reachable for the review view');
      return null;
    });
    if (latest) {
      record = { ...(latest.record as unknown as ArrivingRecord), archiveNo };
      version = latest.version;
    }
  }
  if (!record) return null;
  return view(record, {
    source: 'national',
    nationalVersion: version,
    personId: null,
    from: { provinceCode: request.counterpartProvince, districtCode: str(record.districtCode) },
    to: { provinceCode: province, districtCode: request.districtCode },
  });
}

function view(r: ArrivingRecord, where: Pick<ArrivingPerson, 'source' | 'nationalVersion' | 'personId' | 'from' | 'to'>): ArrivingPerson {
  const basic = (r.basic ?? {}) as Obj;
  const work = r.work as Obj | null | undefined;
  const thisYear = Number(chinaDate(Date.now()).slice(0, 4));
  const courses = (r.continuingEducation ?? []).map((c) => ({
    year: Number(c.year),
    credits: c.credits as string | number,
    professional: c.professional === true,
  }));
  return {
    ...where,
    name: str(basic.name),
    archiveNo: r.archiveNo,
    idType: str(basic.idType),
    sex: str(basic.sex),
    birthDate: str(basic.birthDate),
    nationality: str(basic.nationality),
    work: work
      ? {
          unitName: str(work.unitName),
          unitCreditCode: str(work.unitCreditCode),
          unitKind: str(work.unitKind),
          unitDistrict: str(work.unitDistrict),
          startedOn: str(work.startedOn),
          posts: strings(work.posts),
          administrativePost: str(work.administrativePost),
        }
      : null,
    qualifications: (r.qualifications ?? []).map((q) => ({
      type: str(q.type),
      level: str(q.level),
      wayObtained: str(q.wayObtained),
      obtainedOn: str(q.obtainedOn),
      certificateNo: str(q.certificateNo),
    })),
    education: (r.education ?? []).map((e) => ({
      studyMode: str(e.studyMode),
      school: str(e.school),
      level: str(e.level),
      degree: str(e.degree),
      major: str(e.major),
      graduatedOn: str(e.graduatedOn),
    })),
    continuingEducation: Array.from({ length: CE_YEARS }, (_, i) => {
      const s = yearlyCreditStatus(thisYear - i, courses);
      return {
        year: s.year,
        records: s.records,
        totalCredits: s.totalCredits,
        professionalCredits: s.professionalCredits,
        requiredCredits: s.requiredCredits,
        complete: s.complete,
      };
    }),
    talents: (r.talents ?? []).map((t) => ({ type: str(t.type), year: typeof t.year === 'number' ? t.year : null })),
    creditWarnings: (r.credits ?? [])
      .filter((c) => c.kind === 'untrustworthy')
      .map((c) => ({
        occurredOn: str(c.occurredOn),
        issuer: str(c.issuer),
        documentNo: str(c.documentNo),
        description: str(c.description),
      })),
  };
}
