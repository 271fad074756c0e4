/**
 * Live statistics (实时统计), computed on each call with SQL aggregates: nothing is cached or kept in
 * summary tables, so a record changed a moment ago is counted at once. The sections run in parallel,
 * each on its own connection.
 */
import type { Db } from '../../clients/db.ts';
import { PROFESSIONAL_SHARE, REQUIRED_CREDITS } from '../../domain/continuing-education.ts';
import { districtsOf } from '../../domain/districts.ts';
import { educationLevels, qualificationLevels, requestKinds, sexes } from '../../domain/enums.ts';
import { AGE_BAND_STARTS, NONE, ageBands, latestBirthDateForAge, nextDay, requestStates } from '../../domain/statistics.ts';
import type { IsoDate } from '../../domain/dates.ts';
import { Prisma, PersonStatus } from '../../generated/prisma/client.ts';
import type { Scope } from './scope.ts';

export const SECTIONS = ['people', 'requests', 'continuingEducation'] as const;
export type Section = (typeof SECTIONS)[number];

export interface Count {
  code: string;
  zh: string;
  en: string;
  count: number;
}

const INACTIVE = Object.values(PersonStatus).filter((s) => s !== PersonStatus.active);

/**
 * Rows of a module table whose person counts in the scope: active, and in the district if there is one.
 * Province-wide it leaves out the few inactive people instead of joining every person.
 */
function personInScope(personId: Prisma.Sql, scope: Scope): Prisma.Sql {
  return scope.districtCode === null
    ? Prisma.sql`${personId} NOT IN (SELECT id FROM "Person" WHERE status = ANY(${INACTIVE}::"PersonStatus"[]))`
    : Prisma.sql`${personId} IN (SELECT id FROM "Person" WHERE "districtCode" = ${scope.districtCode} AND status = 'active')`;
}

/**
 * One query in its own transaction, grouping by person in index order: a stream through the
 * (personId, …) index instead of a hash table holding every person of the province.
 */
async function streamed<T>(db: Db, query: Prisma.Sql): Promise<T[]> {
  const [, rows] = await db.$transaction([db.$queryRaw`SELECT set_config('enable_hashagg', 'off', true)`, db.$queryRaw<T[]>(query)]);
  return rows;
}

/** People counted by their highest level among `table` rows: one count per level (lowest first), in an array. */
function highestLevelCounts(db: Db, table: 'Qualification' | 'Education', codes: readonly string[], scope: Scope) {
  const counts = Prisma.join(codes.map((_, i) => Prisma.sql`count(*) FILTER (WHERE best = ${i + 1})`));
  const from = table === 'Qualification' ? Prisma.sql`"Qualification"` : Prisma.sql`"Education"`;
  return streamed<{ counts: number[] }>(
    db,
    Prisma.sql`SELECT ARRAY[${counts}]::int[] AS counts FROM (
        SELECT max(array_position(${codes}::text[], t.level)) AS best FROM ${from} t
         WHERE ${personInScope(Prisma.sql`t."personId"`, scope)}
         GROUP BY t."personId") per_person`,
  ).then((rows) => rows[0]!.counts);
}

const labelled = (list: readonly { code: string; zh: string; en: string }[], counts: Map<string, number>): Count[] =>
  list.map((e) => ({ code: e.code, zh: e.zh, en: e.en, count: counts.get(e.code) ?? 0 }));

function add(map: Map<string, number>, key: string, n: number) {
  map.set(key, (map.get(key) ?? 0) + n);
}

export async function peopleStatistics(db: Db, scope: Scope, today: IsoDate) {
  // Band boundaries as birth dates: born before the first is 60 or older, and so on.
  const thresholds = [...AGE_BAND_STARTS].reverse().map((age) => nextDay(latestBirthDateForAge(today, age)));
  const where = scope.districtCode === null ? Prisma.sql`TRUE` : Prisma.sql`"districtCode" = ${scope.districtCode}`;
  const [groups, qualifications, educations] = await Promise.all([
    db.$queryRaw<{ district: string; status: string; sex: string; bucket: number; n: number }[]>`
      SELECT "districtCode" AS district, status::text AS status, sex, bucket, n
        FROM (SELECT "districtCode", status, sex, width_bucket("birthDate", ${thresholds}::date[]) AS bucket, count(*)::int AS n
                FROM "Person" WHERE ${where}
               GROUP BY 1, 2, 3, 4) groups`,
    highestLevelCounts(db, 'Qualification', qualificationLevels.map((l) => l.code), scope),
    highestLevelCounts(db, 'Education', educationLevels.map((l) => l.code), scope),
  ]);

  const byDistrict = new Map<string, number>();
  const bySex = new Map<string, number>();
  const byBand = new Map<string, number>();
  let total = 0;
  let inactive = 0;
  for (const g of groups) {
    if (g.status !== PersonStatus.active) {
      inactive += g.n;
      continue;
    }
    total += g.n;
    add(byDistrict, g.district, g.n);
    add(bySex, g.sex, g.n);
    add(byBand, ageBands[ageBands.length - 1 - g.bucket]!.code, g.n);
  }
  const districts = districtsOf(scope.provinceCode).filter((d) => scope.districtCode === null || d.code === scope.districtCode);
  const known = new Set(districts.map((d) => d.code));
  const levelCounts = (list: readonly { code: string; zh: string; en: string }[], counts: number[]): Count[] => {
    const entries = list.map((e, i) => ({ code: e.code, zh: e.zh, en: e.en, count: counts[i] ?? 0 }));
    return [...entries, { ...NONE, count: total - entries.reduce((s, e) => s + e.count, 0) }];
  };
  return {
    total,
    /** Kept read-only after a transfer to another province; not in the other counts. */
    transferredOut: inactive,
    byDistrict: [
      ...labelled(districts, byDistrict),
      // A district code no longer on the list still counts, under its code.
      ...[...byDistrict].filter(([code]) => !known.has(code)).map(([code, count]) => ({ code, zh: code, en: code, count })),
    ],
    bySex: [...labelled(sexes, bySex), ...[...bySex].filter(([code]) => !sexes.some((s) => s.code === code)).map(([code, count]) => ({ code, zh: code, en: code, count }))],
    byAgeBand: ageBands.map((b) => ({ code: b.code, zh: b.zh, en: b.en, from: b.from, to: b.to, count: byBand.get(b.code) ?? 0 })),
    byQualificationLevel: levelCounts(qualificationLevels, qualifications),
    byEducationLevel: levelCounts(educationLevels, educations),
  };
}

export async function requestStatistics(db: Db, scope: Scope, now: Date) {
  const where = scope.districtCode === null ? Prisma.sql`TRUE` : Prisma.sql`"districtCode" = ${scope.districtCode}`;
  // Due times are stored as UTC wall-clock time (timestamp without time zone).
  const at = now.toISOString();
  const rows = await db.$queryRaw<{ kind: string; state: string; n: number; overdueReviews: number; overdueDestinations: number }[]>`
    SELECT kind::text AS kind, state::text AS state, count(*)::int AS n,
           count(*) FILTER (WHERE state = 'awaitingReview' AND (overdue OR "reviewDueAt" < ${at}::timestamp))::int AS "overdueReviews",
           count(*) FILTER (WHERE state = 'awaitingDestination' AND overdue)::int AS "overdueDestinations"
      FROM "Request" WHERE ${where}
     GROUP BY 1, 2`;
  const byKind = new Map<string, number>();
  const byState = new Map<string, number>();
  let total = 0;
  let overdueReviews = 0;
  let overdueDestinations = 0;
  for (const r of rows) {
    total += r.n;
    add(byKind, r.kind, r.n);
    add(byState, r.state, r.n);
    overdueReviews += r.overdueReviews;
    overdueDestinations += r.overdueDestinations;
  }
  return {
    total,
    byKind: labelled(requestKinds, byKind),
    byState: labelled(requestStates, byState),
    byKindAndState: rows
      .map((r) => ({ kind: r.kind, state: r.state, count: r.n }))
      .sort((a, b) => a.kind.localeCompare(b.kind) || requestStates.findIndex((s) => s.code === a.state) - requestStates.findIndex((s) => s.code === b.state)),
    /** Waiting for a district review past the review deadline. */
    overdueReviews,
    /** Transfers out the destination province has not answered within its deadline. */
    overdueDestinations,
  };
}

/**
 * Continuing-education completion (继续教育达标) of a year: the rule of domain/continuing-education.ts —
 * at least REQUIRED_CREDITS credits, of which professional credits are at least PROFESSIONAL_SHARE of
 * the year's total — applied in SQL to each person's sums (exact decimals, no rounding).
 */
export async function continuingEducationStatistics(db: Db, scope: Scope, year: number, people: Promise<number>) {
  const { numerator, denominator } = PROFESSIONAL_SHARE;
  const [row] = await streamed<{ withRecords: number; complete: number; shortOfCredits: number }>(
    db,
    Prisma.sql`SELECT count(*)::int AS "withRecords",
              count(*) FILTER (WHERE total >= ${REQUIRED_CREDITS} AND professional * ${denominator} >= total * ${numerator})::int AS complete,
              count(*) FILTER (WHERE total < ${REQUIRED_CREDITS})::int AS "shortOfCredits"
         FROM (SELECT sum(c.credits) AS total, coalesce(sum(c.credits) FILTER (WHERE c.professional), 0) AS professional
                 FROM "ContinuingEducation" c
                WHERE c.year = ${year} AND ${personInScope(Prisma.sql`c."personId"`, scope)}
                GROUP BY c."personId") per_person`,
  );
  const total = await people;
  const { withRecords, complete, shortOfCredits } = row!;
  return {
    year,
    requiredCredits: REQUIRED_CREDITS,
    professionalShare: `${numerator}/${denominator}`,
    /** Active people in scope: each owes the year's credits. */
    people: total,
    withRecords,
    complete,
    /** Fewer than the required credits. */
    shortOfCredits,
    /** Enough credits, but professional subjects under the required share. */
    shortOfProfessionalShare: withRecords - complete - shortOfCredits,
    noRecords: total - withRecords,
    completionRate: total === 0 ? 0 : Math.round((complete / total) * 10_000) / 10_000,
  };
}

/** Active people in scope (the denominator of completion when the people section is not asked for). */
function activePeople(db: Db, scope: Scope): Promise<number> {
  return db.person.count({ where: { status: PersonStatus.active, ...(scope.districtCode === null ? {} : { districtCode: scope.districtCode }) } });
}

export interface StatisticsOptions {
  sections: readonly Section[];
  today: IsoDate;
  now: Date;
  year: number;
}

export async function statistics(db: Db, scope: Scope, opts: StatisticsOptions) {
  const want = new Set(opts.sections);
  const people = want.has('people') ? peopleStatistics(db, scope, opts.today) : undefined;
  const [peopleStats, requests, continuingEducation] = await Promise.all([
    people,
    want.has('requests') ? requestStatistics(db, scope, opts.now) : undefined,
    want.has('continuingEducation')
      ? continuingEducationStatistics(db, scope, opts.year, people ? people.then((p) => p.total) : activePeople(db, scope))
      : undefined,
  ]);
  return {
    scope: { provinceCode: scope.provinceCode, districtCode: scope.districtCode },
    asOf: opts.now.toISOString(),
    today: opts.today,
    ...(peopleStats && { people: peopleStats }),
    ...(requests && { requests }),
    ...(continuingEducation && { continuingEducation }),
  };
}
