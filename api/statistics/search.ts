/**
 * Person search (人员查询) by name, archive number and work unit, within the reader's scope. Lists show
 * masked ID and mobile numbers to everyone: the full values are on the person's record, whose reads are
 * logged. The numbers are stored sealed: an archive number is found by the keyed hash of the whole
 * number, or by its first six characters at most (kept apart, as masked numbers show them).
 */
import { type Db, rowArrays } from '../../clients/db.ts';
import type { NumberMasking } from '../../clients/number-masking.ts';
import type { PersonalData } from '../../clients/personal-data.ts';
import { districtOf } from '../../domain/districts.ts';
import { maskIdNumber, maskPhone } from '../../domain/identity.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import { problem } from '../problem.ts';
import type { Scope } from './scope.ts';

export interface PersonQuery {
  /** The beginning of the name (surname first); with `nameMatch: 'contains'`, any part of it. */
  name?: string | undefined;
  nameMatch?: 'prefix' | 'contains' | undefined;
  /** The whole archive number (ID number), or its first six characters at most. */
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

/** What can be searched of a sealed archive number: its keyed hash (the whole number) or its first six characters. */
export const ARCHIVE_PREFIX_MAX = 6;

/** How an archive-number search finds people: by the whole number's hash, or by the beginning kept in clear. */
type ArchiveSearch = { prefix: string } | { hash: string; maybePartial: boolean };

export interface SearchDeps {
  db: Db;
  personalData: PersonalData;
}

type Resolved = PersonQuery & { archive?: ArchiveSearch };

/**
 * Up to six characters are the beginning of numbers; anything longer is a whole number, looked up by its
 * hash. A longer run of digits may also be the beginning of an ID number, which cannot be searched: it
 * answers 400 unless someone has it as their whole number (a passport number can be all digits).
 */
function resolve(personalData: PersonalData, q: PersonQuery): Resolved {
  if (q.archiveNo === undefined) return q;
  if (q.archiveNo.length <= ARCHIVE_PREFIX_MAX) return { ...q, archive: { prefix: q.archiveNo } };
  return { ...q, archive: { hash: personalData.lookup('idNumber', q.archiveNo), maybePartial: /^\d{7,17}$/.test(q.archiveNo) } };
}

/** A longer beginning of an archive number than its first six characters, which nobody has as a whole number. */
export function archivePrefixTooLong(archiveNo: string) {
  return problem(
    'archive-number-search',
    400,
    `Search by the whole archive number or by its first ${ARCHIVE_PREFIX_MAX} characters at most; nobody found has ${archiveNo} as their whole number, and a longer beginning cannot be searched (numbers are stored encrypted)`,
    `按档案号查询时，请输入完整的档案号（证件号码），或不超过前${ARCHIVE_PREFIX_MAX}位（地区代码）；没有人员的完整档案号是 ${archiveNo}，档案号加密存储，不能按更长的开头部分查询`,
    { rule: 'search.archiveNo', maxPrefix: ARCHIVE_PREFIX_MAX },
  );
}

/** Refuses the search when it was the beginning of a number (see `resolve`) and found no one. */
function assertFound(q: Resolved, total: number) {
  if (q.archive && 'hash' in q.archive && q.archive.maybePartial && total === 0) throw archivePrefixTooLong(q.archiveNo!);
}

const hasCase = (s: string) => s.toLowerCase() !== s.toUpperCase();

/**
 * What a text containing `text` must have among its "search_grams" (migration 20261204000100_search_grams):
 * the character itself, or every pair of neighbouring characters. Trigrams need three characters; most
 * Chinese names have two or three, and a unit is often searched by two.
 */
export function grams(text: string): string[] {
  const chars = Array.from(text);
  if (chars.length === 1) return chars;
  return [...new Set(chars.slice(1).map((c, i) => chars[i]! + c))];
}

/**
 * Anywhere in a text without letter case. Where the matches are looked up (`lookup`): on the grams index, a
 * text of one or two characters being one gram, which a text holds exactly when it contains it, so the
 * index answers alone (a longer text has all its pairs in texts that do not contain it in one piece, and
 * LIKE keeps those that do). Where a walk of the name index tests person after person: LIKE alone, which
 * costs a fraction of computing each name's grams.
 */
function containsUncased(column: Prisma.Sql, text: string, lookup: boolean): Prisma.Sql {
  const like = Prisma.sql`${column} LIKE ${`%${literal(text)}%`}`;
  if (!lookup) return like;
  const onGrams = Prisma.sql`"search_grams"(${column}) @> ${grams(text)}::text[]`;
  return Array.from(text).length <= 2 ? onGrams : Prisma.sql`${onGrams} AND ${like}`;
}

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

/** The search's conditions; `walk`: tested on each person of a walk of the name index, not looked up (`containsUncased`). */
function conditions(scope: Scope, q: Resolved, walk = false): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (scope.districtCode !== null) parts.push(Prisma.sql`p."districtCode" = ${scope.districtCode}`);
  if (q.name) {
    const pattern = q.nameMatch === 'contains' ? `%${literal(q.name)}%` : `${literal(q.name)}%`;
    // Chinese has no letter case: a plain LIKE, whose prefix is a range of the name index; anywhere in the
    // name, the characters and pairs of the text narrow it first on the grams index.
    if (hasCase(q.name)) parts.push(Prisma.sql`p.name ILIKE ${pattern}`);
    else if (q.nameMatch === 'contains') parts.push(containsUncased(Prisma.sql`p.name`, q.name, !walk));
    else parts.push(Prisma.sql`p.name COLLATE "C" LIKE ${pattern}`);
  }
  if (q.archive) {
    parts.push(
      'hash' in q.archive
        ? Prisma.sql`p."archiveNoHash" = ${q.archive.hash}`
        : Prisma.sql`p."archiveNoPrefix" LIKE ${`${literal(q.archive.prefix)}%`}`,
    );
  }
  if (q.unit) {
    parts.push(
      hasCase(q.unit) ? Prisma.sql`w."unitName" ILIKE ${`%${literal(q.unit)}%`}` : containsUncased(Prisma.sql`w."unitName"`, q.unit, !walk),
    );
  }
  if (q.status) parts.push(Prisma.sql`p.status = ${q.status}::"PersonStatus"`);
  return parts.length ? Prisma.join(parts, ' AND ') : Prisma.sql`TRUE`;
}

/** A list row as the driver reads it, in the order of COLUMNS. */
type Row = [
  id: string,
  name: string,
  archiveNoSealed: string,
  idType: string,
  sex: string,
  districtCode: string,
  status: string,
  mobileSealed: string,
  unitName: string | null,
  qualificationLevel: string | null,
  educationLevel: string | null,
];

// The highest levels are the values the triggers keep beside the person (migration 20261201000000_statistics_derived).
// Lists and exports read thousands of rows: through the driver, as arrays (`rowArrays`).
const COLUMNS = Prisma.sql`p.id, p.name, p."archiveNoSealed", p."idType"::text, p.sex::text, p."districtCode", p.status::text AS status,
  p."mobileSealed", w."unitName", p."highestQualificationLevel"::text AS "qualificationLevel", p."highestEducationLevel"::text AS "educationLevel"`;

/**
 * Rows in name order (code point order, the order of the name indexes, the same under any database
 * collation), then id, walking the name index: right when most people match (no filter, a district, a
 * name prefix), and for exports, which read on from the last row (keyset) in one pass.
 */
function ordered(db: Db, scope: Scope, q: Resolved, limit: number, offset: number, after?: { name: string; id: string }) {
  const keyset = after ? Prisma.sql`AND (p.name COLLATE "C", p.id) > (${after.name}, ${after.id})` : Prisma.empty;
  return rowArrays<Row>(
    db,
    Prisma.sql`
    SELECT page.*
      FROM (SELECT ${COLUMNS}
              FROM "Person" p LEFT JOIN "WorkInfo" w ON w."personId" = p.id
             WHERE ${conditions(scope, q, true)} ${keyset}
             ORDER BY p.name COLLATE "C", p.id
             LIMIT ${limit} OFFSET ${offset}) page
     ORDER BY page.name COLLATE "C", page.id`,
  );
}

/** The people to search: with their work unit only when the unit is searched. */
const source = (q: PersonQuery) =>
  q.unit !== undefined ? Prisma.sql`"Person" p JOIN "WorkInfo" w ON w."personId" = p.id` : Prisma.sql`"Person" p`;

/**
 * The matches counted up to `upTo` and, when there are fewer, a page of them, in one query: the matches are
 * found first (grams, trigram or archive-number index), sorted, and the page's rows read last. Walking the
 * name index instead would probe person after person when few match. The first row always comes, with the
 * count; its person's columns are null when the page is empty or the count reached `upTo` (the page of a
 * truncated set of matches is dropped: a walk finds it).
 */
function countedPage(db: Db, scope: Scope, q: Resolved, upTo: number, limit: number, offset: number) {
  return rowArrays<[found: number, ...row: Row]>(
    db,
    Prisma.sql`
    WITH matched AS MATERIALIZED (SELECT p.id, p.name FROM ${source(q)} WHERE ${conditions(scope, q)} LIMIT ${upTo}),
         found AS (SELECT count(*)::int AS n FROM matched)
    SELECT found.n, page.*
      FROM found LEFT JOIN LATERAL (
             SELECT ${COLUMNS}
               FROM (SELECT m.* FROM matched m ORDER BY m.name COLLATE "C", m.id LIMIT ${limit} OFFSET ${offset}) top
               JOIN "Person" p ON p.id = top.id LEFT JOIN "WorkInfo" w ON w."personId" = p.id
              WHERE found.n < ${upTo}) page ON TRUE
     ORDER BY page.name COLLATE "C", page.id`,
  );
}

/** A list row, its numbers masked. */
function listItem(scope: Scope, r: Row, archiveNo: string, mobile: string): PersonListItem {
  const [id, name, , idType, sex, districtCode, status, , unitName, qualificationLevel, educationLevel] = r;
  return {
    personId: id,
    name,
    archiveNo,
    idType,
    sex,
    districtCode,
    districtName: districtOf(scope.provinceCode, districtCode)?.zh ?? null,
    unitName,
    mobile,
    status,
    qualificationLevel: qualificationLevel as PersonListItem['qualificationLevel'],
    educationLevel: educationLevel as PersonListItem['educationLevel'],
  };
}

/** A list row: the sealed numbers are opened only to be masked. */
const item = (personalData: PersonalData, scope: Scope, r: Row) =>
  listItem(scope, r, maskIdNumber(personalData.open('idNumber', r[2])), maskPhone(personalData.open('mobile', r[7])));

function count(db: Db, scope: Scope, q: Resolved): Promise<number> {
  return db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM ${source(q)} WHERE ${conditions(scope, q)}`.then((r) => r[0]!.n);
}

/**
 * A list counts its matches up to this many: 100 pages of 20, more than anyone reads before narrowing the
 * search (or exporting it whole); the pages go on past it. The cap weighs two costs at a million people:
 * counting reads each match's page of the table (the 10,001 of a common character in a name about 8,500 pages),
 * and past the cap a page is found by walking people in name order, about 20 × people ÷ matches of them
 * (a unit's name searched by two characters: 13,000 walked for 1,500 matches, 100 ms and more).
 */
export const SEARCH_COUNT_CAP = 2_000;

/** How many people match (the query normalized here); refuses a longer beginning of an archive number. */
export async function countPeople({ db, personalData }: SearchDeps, scope: Scope, query: PersonQuery): Promise<number> {
  const q = resolve(personalData, normalizeQuery(query));
  const total = await count(db, scope, q);
  assertFound(q, total);
  return total;
}

export async function searchPeople(
  { db, personalData }: SearchDeps,
  scope: Scope,
  query: PersonQuery,
  pageNo: number,
  pageSize: number,
  countCap = SEARCH_COUNT_CAP,
) {
  const q = normalizeQuery(query);
  const r = resolve(personalData, q);
  const offset = (pageNo - 1) * pageSize;
  // Few matches: the page comes with their count. Many: the name index in list order finds a page of them
  // at once, past the count too (a deeper page walks further).
  const counted = await countedPage(db, scope, r, countCap + 1, pageSize, offset);
  const found = counted[0]![0];
  assertFound(r, found);
  const totalExact = found <= countCap;
  const rows = totalExact ? counted.flatMap(([, ...row]) => (row[0] === null ? [] : [row])) : await ordered(db, scope, r, pageSize, offset);
  return {
    scope: { provinceCode: scope.provinceCode, districtCode: scope.districtCode },
    query: q,
    page: pageNo,
    pageSize,
    total: Math.min(found, countCap),
    totalExact,
    items: rows.map((row) => item(personalData, scope, row)),
  };
}

/**
 * Every matching person, in list order, a chunk at a time (keyset pagination: no deep OFFSET). Three chunks are
 * under way at once: PostgreSQL reads the next while the numbers of this one are opened and masked (on
 * `masking`'s worker thread, when given) and the caller writes the one before.
 */
export async function* allPeople(
  { db, personalData, masking }: SearchDeps & { masking?: NumberMasking | undefined },
  scope: Scope,
  query: PersonQuery,
  chunk = 2000,
): AsyncGenerator<PersonListItem[]> {
  const q = resolve(personalData, normalizeQuery(query));
  // A caller that stops early leaves the work ahead unawaited: its failure is nobody's to report.
  const ahead = <T>(work: Promise<T>) => {
    work.catch(() => {});
    return work;
  };
  const items = async (rows: Row[]) => {
    if (!masking) return rows.map((r) => item(personalData, scope, r));
    const { ids, mobiles } = await masking.mask(
      rows.map((r) => r[2]),
      rows.map((r) => r[7]),
    );
    return rows.map((r, i) => listItem(scope, r, ids[i]!, mobiles[i]!));
  };
  let next: Promise<Row[]> | undefined = ahead(ordered(db, scope, q, chunk, 0));
  let masked: Promise<PersonListItem[]> | undefined;
  while (next) {
    const rows: Row[] = await next;
    const last = rows.at(-1);
    next = rows.length === chunk && last ? ahead(ordered(db, scope, q, chunk, 0, { id: last[0], name: last[1] })) : undefined;
    const opening = rows.length > 0 ? ahead(items(rows)) : undefined;
    if (masked) yield await masked;
    masked = opening;
  }
  if (masked) yield await masked;
}
