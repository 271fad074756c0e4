/**
 * Information change (信息变更): what an applicant may change, what proof each change needs, and the
 * changes field by field. Pure: workflows may import this file.
 *
 * Contact details (mobile, email, address) change at once, without review, through their own endpoint;
 * in a reviewed change they are never taken from the change (the record's own, possibly newer, stay).
 * The ID number is the archive number (档案号) and cannot change here.
 */
import type { MaterialKind, Situation } from './enums.ts';

/** The parts a change request may carry; each is saved with the same schema as in collection. */
export const CHANGE_PARTS = [
  'situation',
  'basic',
  'education',
  'work',
  'qualifications',
  'student',
  'district',
  'continuingEducation',
] as const;
export type ChangePart = (typeof CHANGE_PARTS)[number];

export const CONTACT_FIELDS = ['mobile', 'email', 'address'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

/** Fields of `basic` that identify the record itself. */
export const ARCHIVE_FIELDS = ['idType', 'idNumber'] as const;

type Obj = Record<string, unknown>;

/** A person's record in the shape of the collection form (what a change is compared with). */
export interface RecordForm {
  situation: Situation;
  basic: Obj;
  education: Obj[];
  work?: Obj;
  qualifications: Obj[];
  student?: Obj;
  district: { code: string; basis: string };
}

/** The proposed parts of a change request (Request.form). */
export type ChangeForm = Partial<Omit<RecordForm, 'situation'>> & { situation?: Situation; continuingEducation?: Obj[] };

/** One changed field: `basic.name`, `work.unitName`, `district.code`, or a whole list such as `education`. */
export interface FieldChange {
  field: string;
  oldValue: unknown;
  newValue: unknown;
}

/** Drops null and undefined members, so a record read from the database compares with a parsed form. */
export function compact<T extends Obj>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as T;
}

/** The record as the national platform keeps it (activities/person-record.ts) → the collection form's shape. */
export function recordAsForm(record: {
  archiveNo: string;
  districtCode: string;
  situation: string;
  districtBasis: string;
  basic: Obj;
  education: Obj[];
  work: Obj | null;
  qualifications: Obj[];
  student: Obj | null;
}): RecordForm {
  return {
    situation: record.situation as Situation,
    basic: compact({ ...record.basic, idNumber: record.archiveNo }),
    education: record.education.map(compact),
    ...(record.work ? { work: compact(record.work) } : {}),
    qualifications: record.qualifications.map(compact),
    ...(record.student ? { student: compact(record.student) } : {}),
    district: { code: record.districtCode, basis: record.districtBasis },
  };
}

/**
 * The record after the change: proposed parts replace the record's, contact details and the archive
 * number stay the record's,
 * and work / student are kept only for the situation that has them (as collection records them).
 */
export function mergeChange(current: RecordForm, proposed: ChangeForm): RecordForm {
  const basic = proposed.basic ? { ...compact(proposed.basic) } : { ...current.basic };
  for (const f of [...CONTACT_FIELDS, ...ARCHIVE_FIELDS]) {
    if (current.basic[f] === undefined) delete basic[f];
    else basic[f] = current.basic[f];
  }
  const situation = proposed.situation ?? current.situation;
  const work = proposed.work ?? current.work;
  const student = proposed.student ?? current.student;
  return {
    situation,
    basic,
    education: proposed.education ?? current.education,
    ...(work && situation === 'accountingWork' ? { work } : {}),
    qualifications: proposed.qualifications ?? current.qualifications,
    ...(student && situation === 'qualifiedStudent' ? { student } : {}),
    district: proposed.district ? { code: proposed.district.code, basis: proposed.district.basis } : current.district,
  };
}

/** JSON with sorted keys and no null members: two equal values always give the same text. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(
          Object.keys(x)
            .sort()
            .filter((k) => x[k] !== null && x[k] !== undefined)
            .map((k) => [k, x[k]]),
        )
      : x,
  );
}

function objectChanges(part: string, before: Obj | undefined, after: Obj | undefined, skip: readonly string[] = []): FieldChange[] {
  if (!before || !after) {
    return canonical(before ?? null) === canonical(after ?? null)
      ? []
      : [{ field: part, oldValue: before ?? null, newValue: after ?? null }];
  }
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !skip.includes(k)).sort();
  return keys
    .filter((k) => canonical(before[k] ?? null) !== canonical(after[k] ?? null))
    .map((k) => ({ field: `${part}.${k}`, oldValue: before[k] ?? null, newValue: after[k] ?? null }));
}

/** Every field the change alters, in form order; lists (education, qualifications) count as one field each. */
export function recordChanges(before: RecordForm, after: RecordForm): FieldChange[] {
  const changes: FieldChange[] = [];
  if (before.situation !== after.situation) changes.push({ field: 'situation', oldValue: before.situation, newValue: after.situation });
  changes.push(...objectChanges('basic', before.basic, after.basic, CONTACT_FIELDS));
  if (canonical(before.education) !== canonical(after.education))
    changes.push({ field: 'education', oldValue: before.education, newValue: after.education });
  changes.push(...objectChanges('work', before.work, after.work));
  if (canonical(before.qualifications) !== canonical(after.qualifications)) {
    changes.push({ field: 'qualifications', oldValue: before.qualifications, newValue: after.qualifications });
  }
  changes.push(...objectChanges('student', before.student, after.student));
  changes.push(...objectChanges('district', before.district, after.district));
  return changes;
}

/** The part a changed field belongs to: `basic.name` → `basic`. */
export const partOf = (field: string) => field.split('.')[0] as ChangePart;

/** The proof of the situation a person is in: work proof, student proof, or (qualified, not working) the ID document. */
function situationProof(situation: Situation): MaterialKind {
  if (situation === 'accountingWork') return 'workProof';
  if (situation === 'qualifiedStudent') return 'studentProof';
  return 'idDocument';
}

/**
 * The proof a change needs, from what it actually changes: identity → ID document; education →
 * education certificate; qualifications → the (highest) certificate; work → work proof; student →
 * student proof; situation or district → the proof of the situation after the change; continuing
 * education → its proof. A new photo may come with any change and is never required.
 */
export function changeRequiredMaterials(
  changes: readonly FieldChange[],
  after: RecordForm,
  addsContinuingEducation: boolean,
): MaterialKind[] {
  const parts = new Set(changes.map((c) => partOf(c.field)));
  const kinds = new Set<MaterialKind>();
  if (parts.has('basic')) kinds.add('idDocument');
  if (parts.has('education')) kinds.add('educationCertificate');
  if (parts.has('qualifications') && after.qualifications.length > 0) kinds.add('qualificationCertificate');
  if (parts.has('work')) kinds.add('workProof');
  if (parts.has('student')) kinds.add('studentProof');
  if (parts.has('situation') || parts.has('district')) kinds.add(situationProof(after.situation));
  if (addsContinuingEducation) kinds.add('continuingEducationProof');
  const order: MaterialKind[] = [
    'idDocument',
    'qualificationCertificate',
    'workProof',
    'studentProof',
    'educationCertificate',
    'continuingEducationProof',
  ];
  return order.filter((k) => kinds.has(k));
}
