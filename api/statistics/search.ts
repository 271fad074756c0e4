/**
 * Person search (人员查询) by name, archive number and work unit, within the reader's scope. Lists show
 * masked ID and mobile numbers to everyone: the full values are on the person's record, whose reads are
 * logged.
 */
import type { Db } from '../../clients/db.ts';
import { districtOf } from '../../domain/districts.ts';
import { educationLevels, qualificationLevels } from '../../domain/enums.ts';
import { maskIdNumber, maskPhone } from '../../domain/identity.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import type { Scope } from './scope.ts';

export interface PersonQuery {
  /** The beginning of the name (surname first); with `nameMatch: 'contains'`, any part of it. */
  name?: string | undefined;
  nameMatch?: 'prefix' | 'contains' | undefined;
  /** The archive number (ID number), or its beginning. */
  archiveNo?: string | undefined;
  /** Part of the work unit's name. */
  unit?: string | undefined;
  status?: 'active' | 'transferredOut' | undefined;
}

export interface PersonListItem {
  personId: string;
  name: string;
  /** Masked: `110105********123X`. */
  archiveNo: string;
  idType: string;
  sex: string;
  districtCode: string;
  districtName: string | null;
  unitName: string | null;
  /** Masked: `138****5678`. */
  mobile: string;
  status: string;
  /** Highest qualification level (最高专业技术资格), or null. */
  qualificationLevel: string | null;
  /** Highest education level (最高学历), or null. */
  educationLevel: string | null;
}

/** A full 18-character ID number is looked up exactly; anything shorter is a prefix. */
const FULL_ID = /^\d{17}[\dX]$/;

const hasCase = (s: string) => s.toLowerCase() !== s.toUpperCase();

/** LIKE treats `\`, `%` and `_` as special; typed text matches only itself. */
const literal = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function normalizeQuery(q: PersonQuery): PersonQuery {
  const text = (s: string | undefined) => {
    const t = s?.trim().replace(/\s+/g, ' ');
    return t ? t : undefined;
  };
  return {
    name: text(q.name),
    nameMatch: q.nameMatch ?? 'prefix',
    archiveNo: text(q.archiveNo)?.toUpperCase(),
    unit: text(q.unit),
    status: q.status,
  };
}

function conditions(scope: Scope, q: PersonQuery): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (scope.districtCode !== null) parts.push(Prisma.sql`p."districtCode" = ${scope.districtCode}`);
  if (q.name) {
    const pattern = q.nameMatch === 'contains' ? `%${literal(q.name)}%` : `${literal(q.name)}%`;
    // Chinese has no letter case: a plain LIKE, whose prefix is a range of the name index.
    if (hasCase(q.name)) parts.push(Prisma.sql`p.name ILIKE ${pattern}`);
    else parts.push(Prisma.sql`p.name COLLATE "C" LIKE ${pattern}`);
  }
  if (q.archiveNo) {
    parts.push(FULL_ID.test(q.archiveNo) ? Prisma.sql`p."archiveNo" = ${q.archiveNo}` : Prisma.sql`p."archiveNo" LIKE ${`${literal(q.archiveNo)}%`}`);
  }
  if (q.unit) {
    const pattern = `%${literal(q.unit)}%`;
    parts.push(hasCase(q.unit) ? Prisma.sql`w."unitName" ILIKE ${pattern}` : Prisma.sql`w."unitName" LIKE ${pattern}`);
  }
  if (q.status) parts.push(Prisma.sql`p.status = ${q.status}::"PersonStatus"`);
  return parts.length ? Prisma.join(parts, ' AND ') : Prisma.sql`TRUE`;
}

type Row = {
  id: string;
  name: string;
  archiveNo: string;
  idType: string;
  sex: string;
  districtCode: string;
  status: string;
  mobile: string;
  unitName: string | null;
  qualification: number | null;
  education: number | null;
};

const QUALIFICATION_CODES = qualificationLevels.map((l) => l.code);
const EDUCATION_CODES = educationLevels.map((l) => l.code);

const COLUMNS = Prisma.sql`p.id, p.name, p."archiveNo", p."idType", p.sex, p."districtCode", p.status::text AS status, p.mobile, w."unitName"`;
const highestLevels = Prisma.sql`
  (SELECT max(array_position(${QUALIFICATION_CODES}::text[], q.level)) FROM "Qualification" q WHERE q."personId" = page.id) AS qualification,
  (SELECT max(array_position(${EDUCATION_CODES}::text[], e.level)) FROM "Education" e WHERE e."personId" = page.id) AS education`;

/**
 * Rows in name order (code point order, the order of the name indexes, the same under any database
 * collation), walking the name index: right when most people match (no filter, a district, a name
 * prefix), and for exports, which read on from the last row (keyset) in one pass. Each row's highest
 * levels are computed for the rows returned only.
 */
function ordered(db: Db, scope: Scope, q: PersonQuery, limit: number, offset: number, after?: { name: string; archiveNo: string }) {
  const keyset = after ? Prisma.sql`AND (p.name COLLATE "C", p."archiveNo") > (${after.name}, ${after.archiveNo})` : Prisma.empty;
  return db.$queryRaw<Row[]>`
    SELECT page.*, ${highestLevels}
      FROM (SELECT ${COLUMNS}
              FROM "Person" p LEFT JOIN "WorkInfo" w ON w."personId" = p.id
             WHERE ${conditions(scope, q)} ${keyset}
             ORDER BY p.name COLLATE "C", p."archiveNo"
             LIMIT ${limit} OFFSET ${offset}) page
     ORDER BY page.name COLLATE "C", page."archiveNo"`;
}

/** The people to search: with their work unit only when the unit is searched. */
const source = (q: PersonQuery) => (q.unit !== undefined ? Prisma.sql`"Person" p JOIN "WorkInfo" w ON w."personId" = p.id` : Prisma.sql`"Person" p`);

/**
 * A page when the filter decides (part of a name or unit, an archive number): the matches are found
 * first (trigram or archive-number index, or a scan of the name index), counted in the same pass and
 * sorted; the page's rows are read last. Walking the name index instead would probe person after
 * person when few match.
 */
function filtered(db: Db, scope: Scope, q: PersonQuery, limit: number, offset: number) {
  return db.$queryRaw<(Row & { total: number })[]>`
    WITH matched AS MATERIALIZED (SELECT p.id, p.name, p."archiveNo" FROM ${source(q)} WHERE ${conditions(scope, q)})
    SELECT page.*, ${highestLevels}
      FROM (SELECT ${COLUMNS}, top.total
              FROM (SELECT m.*, count(*) OVER ()::int AS total FROM matched m
                     ORDER BY m.name COLLATE "C", m."archiveNo"
                     LIMIT ${limit} OFFSET ${offset}) top
              JOIN "Person" p ON p.id = top.id LEFT JOIN "WorkInfo" w ON w."personId" = p.id) page
     ORDER BY page.name COLLATE "C", page."archiveNo"`;
}

const filterDecides = (q: PersonQuery) => q.unit !== undefined || q.archiveNo !== undefined || (q.name !== undefined && q.nameMatch === 'contains');

function item(scope: Scope, r: Row): PersonListItem {
  return {
    personId: r.id,
    name: r.name,
    archiveNo: maskIdNumber(r.archiveNo),
    idType: r.idType,
    sex: r.sex,
    districtCode: r.districtCode,
    districtName: districtOf(scope.provinceCode, r.districtCode)?.zh ?? null,
    unitName: r.unitName,
    mobile: maskPhone(r.mobile),
    status: r.status,
    qualificationLevel: r.qualification ? QUALIFICATION_CODES[r.qualification - 1]! : null,
    educationLevel: r.education ? EDUCATION_CODES[r.education - 1]! : null,
  };
}

export function countPeople(db: Db, scope: Scope, q: PersonQuery): Promise<number> {
  return db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM ${source(q)} WHERE ${conditions(scope, q)}`.then((r) => r[0]!.n);
}

export async function searchPeople(db: Db, scope: Scope, query: PersonQuery, pageNo: number, pageSize: number) {
  const q = normalizeQuery(query);
  const offset = (pageNo - 1) * pageSize;
  let total: number;
  let rows: Row[];
  if (filterDecides(q)) {
    const found = await filtered(db, scope, q, pageSize, offset);
    rows = found;
    // Past the last page the rows carry no total; count apart.
    total = found[0]?.total ?? (offset > 0 ? await countPeople(db, scope, q) : 0);
  } else {
    [total, rows] = await Promise.all([countPeople(db, scope, q), ordered(db, scope, q, pageSize, offset)]);
  }
  return {
    scope: { provinceCode: scope.provinceCode, districtCode: scope.districtCode },
    query: q,
    page: pageNo,
    pageSize,
    total,
    items: rows.map((r) => item(scope, r)),
  };
}

/** Every matching person, in list order, a chunk at a time (keyset pagination: no deep OFFSET). */
export async function* allPeople(db: Db, scope: Scope, query: PersonQuery, chunk = 2000): AsyncGenerator<PersonListItem[]> {
  const q = normalizeQuery(query);
  let after: { name: string; archiveNo: string } | undefined;
  for (;;) {
    const rows = await ordered(db, scope, q, chunk, 0, after);
    if (rows.length === 0) return;
    yield rows.map((r) => item(scope, r));
    if (rows.length < chunk) return;
    const last = rows.at(-1)!;
    after = { name: last.name, archiveNo: last.archiveNo };
  }
}
