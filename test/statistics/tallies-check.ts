import type { Db } from '../../clients/db.ts';

/**
 * The statistics tallies (migration 20261204000000_statistics_tallies) against a recount of the rows they
 * tally: one line per group whose sum differs, as `tally key: counted≠tallied`. Empty when they agree.
 */
export async function tallyDrift(db: Db): Promise<string[]> {
  const rows = await db.$queryRaw<{ what: string; key: string; counted: number; tallied: number }[]>`
    WITH person_counted AS (
           SELECT "districtCode", status, sex, date_trunc('month', "birthDate")::date AS "birthMonth", count(*)::int AS n
             FROM "Person" GROUP BY 1, 2, 3, 4),
         person_tallied AS (
           SELECT "districtCode", status, sex, "birthMonth", sum(n)::int AS n FROM "PersonTally" GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0),
         level_counted AS (
           SELECT "districtCode", status, coalesce("highestQualificationLevel", '') AS "qualificationLevel",
                  coalesce("highestEducationLevel", '') AS "educationLevel", count(*)::int AS n
             FROM "Person" GROUP BY 1, 2, 3, 4),
         level_tallied AS (
           SELECT "districtCode", status, "qualificationLevel", "educationLevel", sum(n)::int AS n
             FROM "PersonLevelTally" GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0),
         year_counted AS (
           SELECT year, "districtCode", status, "continuing_education_outcome"("totalTenths", "professionalTenths") AS outcome, count(*)::int AS n
             FROM "ContinuingEducationYear" GROUP BY 1, 2, 3, 4),
         year_tallied AS (
           SELECT year, "districtCode", status, outcome, sum(n)::int AS n FROM "ContinuingEducationTally" GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0)
    SELECT 'PersonTally' AS what, concat_ws('/', "districtCode", status, sex, "birthMonth") AS key,
           coalesce(c.n, 0) AS counted, coalesce(t.n, 0) AS tallied
      FROM person_counted c FULL JOIN person_tallied t USING ("districtCode", status, sex, "birthMonth") WHERE c.n IS DISTINCT FROM t.n
    UNION ALL
    SELECT 'PersonLevelTally', concat_ws('/', "districtCode", status, "qualificationLevel", "educationLevel"), coalesce(c.n, 0), coalesce(t.n, 0)
      FROM level_counted c FULL JOIN level_tallied t USING ("districtCode", status, "qualificationLevel", "educationLevel") WHERE c.n IS DISTINCT FROM t.n
    UNION ALL
    SELECT 'ContinuingEducationTally', concat_ws('/', year, "districtCode", status, outcome), coalesce(c.n, 0), coalesce(t.n, 0)
      FROM year_counted c FULL JOIN year_tallied t USING (year, "districtCode", status, outcome) WHERE c.n IS DISTINCT FROM t.n
     ORDER BY 1, 2`;
  return rows.map((r) => `${r.what} ${r.key}: ${r.counted}≠${r.tallied}`);
}

/** Each tally's groups and their sums, in key order: two databases with the same rows have the same. */
export async function tallySums(db: Db) {
  return {
    people: await db.$queryRaw`
      SELECT "districtCode", status::text, sex, "birthMonth"::text, sum(n)::int AS n FROM "PersonTally" GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0 ORDER BY 1, 2, 3, 4`,
    levels: await db.$queryRaw`
      SELECT "districtCode", status::text, "qualificationLevel", "educationLevel", sum(n)::int AS n
        FROM "PersonLevelTally" GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0 ORDER BY 1, 2, 3, 4`,
    years: await db.$queryRaw`
      SELECT year, "districtCode", status::text, outcome, sum(n)::int AS n
        FROM "ContinuingEducationTally" GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0 ORDER BY 1, 2, 3, 4`,
  };
}
