/**
 * Live statistics (实时统计), computed on each call with SQL aggregates: nothing is cached, so a record
 * changed a moment ago is counted at once. What the counts need beyond the Person row — each person's
 * highest qualification and education level, each person's credits of a year — is kept by database
 * triggers in the same transaction as the rows it comes from (migration 20261201000000_statistics_derived):
 * "Person"."highestQualificationLevel" / "highestEducationLevel" and "ContinuingEducationYear". So every
 * count is one pass over one index. The sections run in parallel, each on its own connection.
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

/**
 * One query in its own transaction, planned without parallel workers: the sections already run side by
 * side, each on its own connection, and workers of one query would only take the cores from the others.
 */
async function serial<T>(db: Db, query: Prisma.Sql): Promise<T[]> {
  const [, rows] = await db.$transaction([
    db.$queryRaw`SELECT set_config('max_parallel_workers_per_gather', '0', true)`,
    db.$queryRaw<T[]>(query),
  ]);
  return rows;
}

/** Active people in the scope, on a table that carries the person's status and district. */
function activeInScope(scope: Scope): Prisma.Sql {
  return scope.districtCode === null
    ? Prisma.sql`status = 'active'`
    : Prisma.sql`status = 'active' AND "districtCode" = ${scope.districtCode}`;
}

/**
 * Active people in scope by highest qualification and highest education level (columns the triggers
 * keep): one count per level (lowest first) of each, people with neither on the list left out.
 */
async function highestLevelCounts(db: Db, scope: Scope) {
  const rows = await serial<{ qualification: string | null; education: string | null; n: number }>(
    db,
    Prisma.sql`SELECT "highestQualificationLevel" AS qualification, "highestEducationLevel" AS education, count(*)::int AS n
                 FROM "Person" WHERE ${activeInScope(scope)}
                GROUP BY 1, 2`,
  );
  const tally = (codes: readonly string[], of: (r: (typeof rows)[number]) => string | null) =>
    codes.map((code) => rows.reduce((sum, r) => (of(r) === code ? sum + r.n : sum), 0));
  return {
    qualifications: tally(
      qualificationLevels.map((l) => l.code),
      (r) => r.qualification,
    ),
    educations: tally(
      educationLevels.map((l) => l.code),
      (r) => r.education,
    ),
  };
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
  // Per district, status and sex: how many were born before each boundary (cumulative, oldest band
  // first), which is cheaper than grouping by the band as well.
  const bornBefore = Prisma.join(thresholds.map((t) => Prisma.sql`count(*) FILTER (WHERE "birthDate" < ${t}::date)::int`));
  const [groups, { qualifications, educations }] = await Promise.all([
    // Grouped by the status itself, named afterwards: once per group, not once per person.
    serial<{ district: string; status: string; sex: string; n: number; bornBefore: number[] }>(
      db,
      Prisma.sql`SELECT district, status::text AS status, sex, n, "bornBefore"
                   FROM (SELECT "districtCode" AS district, status, sex, count(*)::int AS n, ARRAY[${bornBefore}] AS "bornBefore"
                           FROM "Person" WHERE ${where}
                          GROUP BY 1, 2, 3) groups`,
    ),
    highestLevelCounts(db, scope),
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
    // Bucket i: born on or after boundary i - 1 and before boundary i (bucket 0 the oldest band).
    for (let i = 0; i <= g.bornBefore.length; i++) {
      const upTo = i < g.bornBefore.length ? g.bornBefore[i]! : g.n;
      add(byBand, ageBands[ageBands.length - 1 - i]!.code, upTo - (i === 0 ? 0 : g.bornBefore[i - 1]!));
    }
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
    bySex: [
      ...labelled(sexes, bySex),
      ...[...bySex].filter(([code]) => !sexes.some((s) => s.code === code)).map(([code, count]) => ({ code, zh: code, en: code, count })),
    ],
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
      .sort(
        (a, b) =>
          a.kind.localeCompare(b.kind) ||
          requestStates.findIndex((s) => s.code === a.state) - requestStates.findIndex((s) => s.code === b.state),
      ),
    /** Waiting for a district review past the review deadline. */
    overdueReviews,
    /** Transfers out the destination province has not answered within its deadline. */
    overdueDestinations,
  };
}

/**
 * Continuing-education completion (继续教育达标) of a year: the rule of domain/continuing-education.ts —
 * at least REQUIRED_CREDITS credits, of which professional credits are at least PROFESSIONAL_SHARE of
 * the year's total — applied in SQL to each person's sums for the year, which the triggers keep in
 * "ContinuingEducationYear" (in tenths of a credit: exact integers, no rounding).
 */
export async function continuingEducationStatistics(db: Db, scope: Scope, year: number, people: Promise<number>) {
  const { numerator, denominator } = PROFESSIONAL_SHARE;
  const required = REQUIRED_CREDITS * 10;
  const [row] = await serial<{ withRecords: number; complete: number; shortOfCredits: number }>(
    db,
    Prisma.sql`SELECT count(*)::int AS "withRecords",
                      count(*) FILTER (WHERE "totalTenths" >= ${required} AND "professionalTenths" * ${denominator} >= "totalTenths" * ${numerator})::int AS complete,
                      count(*) FILTER (WHERE "totalTenths" < ${required})::int AS "shortOfCredits"
                 FROM "ContinuingEducationYear"
                WHERE year = ${year} AND ${activeInScope(scope)}`,
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
  return db.person.count({
    where: { status: PersonStatus.active, ...(scope.districtCode === null ? {} : { districtCode: scope.districtCode }) },
  });
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
