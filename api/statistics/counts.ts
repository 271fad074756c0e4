/**
 * Live statistics (实时统计), computed on each call: nothing is cached, so a record changed a moment ago is
 * counted at once. The people and continuing-education counts come from tallies that database triggers
 * keep in the same transaction as the rows they count (migration 20261204000000_statistics_tallies):
 * people by district, status, sex and month of birth; by highest qualification and education level; a
 * year's completion outcomes. A tally is rows of differences, so every count is a sum over a few thousand
 * rows, whatever the size of the province. The sections run in parallel, each on its own connection.
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

/** The scope on a table that carries the district. */
function inScope(scope: Scope): Prisma.Sql {
  return scope.districtCode === null ? Prisma.sql`TRUE` : Prisma.sql`"districtCode" = ${scope.districtCode}`;
}

/** Active people in the scope, on a table that carries the person's status and district. */
function activeInScope(scope: Scope): Prisma.Sql {
  return Prisma.sql`status = 'active' AND ${inScope(scope)}`;
}

/**
 * Active people in scope by highest qualification and highest education level: one count per level
 * (lowest first) of each, people with neither on the list left out ('' in the tally: none).
 */
async function highestLevelCounts(db: Db, scope: Scope) {
  const rows = await db.$queryRaw<{ qualification: string; education: string; n: number }[]>`
    SELECT "qualificationLevel" AS qualification, "educationLevel" AS education, sum(n)::int AS n
      FROM "PersonLevelTally" WHERE ${activeInScope(scope)}
     GROUP BY 1, 2`;
  const tally = (codes: readonly string[], of: (r: (typeof rows)[number]) => string) =>
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

/**
 * Per district, status and sex: how many, and how many were born before each boundary (cumulative,
 * oldest band first). The tally counts months; a boundary falls inside its month, so the active people
 * of that month born before the boundary day are counted from Person, on the index that begins with
 * district, status, sex and birth date (a month of one district and sex: tens of entries).
 */
async function peopleGroups(db: Db, scope: Scope, boundaries: IsoDate[]) {
  const months = boundaries.map((t) => `${t.slice(0, 7)}-01`);
  const monthsBefore = Prisma.join(months.map((m) => Prisma.sql`coalesce(sum(n) FILTER (WHERE "birthMonth" < ${m}::date), 0)::int`));
  const [groups, withinMonth] = await Promise.all([
    db.$queryRaw<{ district: string; status: string; sex: string; n: number; bornBefore: number[] }[]>`
      SELECT "districtCode" AS district, status::text AS status, sex, sum(n)::int AS n, ARRAY[${monthsBefore}] AS "bornBefore"
        FROM "PersonTally" WHERE ${inScope(scope)}
       GROUP BY 1, 2, 3 HAVING sum(n) <> 0`,
    db.$queryRaw<{ district: string; sex: string; n: number[] }[]>`
      SELECT g.district, g.sex,
             array_agg((SELECT count(*) FROM "Person" p
                         WHERE p."districtCode" = g.district AND p.status = 'active' AND p.sex = g.sex
                           AND p."birthDate" >= b.m AND p."birthDate" < b.t)::int ORDER BY b.i) AS n
        FROM (SELECT DISTINCT "districtCode" AS district, sex FROM "PersonTally" WHERE ${activeInScope(scope)}) g
       CROSS JOIN unnest(${months}::date[], ${boundaries}::date[]) WITH ORDINALITY AS b(m, t, i)
       GROUP BY 1, 2`,
  ]);
  const edges = new Map(withinMonth.map((e) => [`${e.district}\u0000${e.sex}`, e.n]));
  for (const g of groups) {
    if (g.status !== PersonStatus.active) continue;
    const edge = edges.get(`${g.district}\u0000${g.sex}`);
    if (edge) g.bornBefore = g.bornBefore.map((n, i) => n + (edge[i] ?? 0));
  }
  return groups;
}

const labelled = (list: readonly { code: string; zh: string; en: string }[], counts: Map<string, number>): Count[] =>
  list.map((e) => ({ code: e.code, zh: e.zh, en: e.en, count: counts.get(e.code) ?? 0 }));

function add(map: Map<string, number>, key: string, n: number) {
  map.set(key, (map.get(key) ?? 0) + n);
}

export async function peopleStatistics(db: Db, scope: Scope, today: IsoDate) {
  // Band boundaries as birth dates: born before the first is 60 or older, and so on.
  const boundaries = [...AGE_BAND_STARTS].reverse().map((age) => nextDay(latestBirthDateForAge(today, age)));
  const [groups, { qualifications, educations }] = await Promise.all([peopleGroups(db, scope, boundaries), highestLevelCounts(db, scope)]);

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
  const where = inScope(scope);
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
 * the year's total — applied by the database to each person's sums for the year
 * ("continuing_education_outcome") and tallied by outcome.
 */
export async function continuingEducationStatistics(db: Db, scope: Scope, year: number, people: Promise<number>) {
  const { numerator, denominator } = PROFESSIONAL_SHARE;
  const rows = await db.$queryRaw<{ outcome: string; n: number }[]>`
    SELECT outcome, sum(n)::int AS n FROM "ContinuingEducationTally"
     WHERE year = ${year} AND ${activeInScope(scope)}
     GROUP BY 1`;
  const of = (outcome: string) => rows.find((r) => r.outcome === outcome)?.n ?? 0;
  const total = await people;
  const [complete, shortOfCredits, shortOfProfessionalShare] = [of('complete'), of('shortOfCredits'), of('shortOfProfessionalShare')];
  const withRecords = complete + shortOfCredits + shortOfProfessionalShare;
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
    shortOfProfessionalShare,
    noRecords: total - withRecords,
    completionRate: total === 0 ? 0 : Math.round((complete / total) * 10_000) / 10_000,
  };
}

/** Active people in scope (the denominator of completion when the people section is not asked for). */
async function activePeople(db: Db, scope: Scope): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`
    SELECT coalesce(sum(n), 0)::int AS n FROM "PersonLevelTally" WHERE ${activeInScope(scope)}`;
  return row!.n;
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
