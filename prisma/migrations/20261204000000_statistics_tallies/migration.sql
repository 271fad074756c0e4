-- Live statistics (实时统计) from tallies instead of a pass over every person: at 1,000,000 people a count
-- over Person's indexes reads a million index entries per call (bench/plans-1m.md), where a tally of the
-- same groups holds a few tens of thousands of rows.
--
--   "PersonTally": people by district, status, sex and month of birth. An age band's boundary is a day,
--   so the month it falls in is counted exactly from Person (Person_districtCode_status_sex_birthDate_id_idx,
--   a few thousand entries), the months before it from the tally.
--   "PersonLevelTally": people by district, status, highest qualification and highest education level
--   ('' for none: the key columns are never NULL, so keys compare with =).
--   "ContinuingEducationTally": a year's ContinuingEducationYear rows by district, status and outcome of
--   the completion rule ("continuing_education_outcome", the rule of domain/continuing-education.ts).
--
-- Each change adds rows of differences, never updates a row in place: a statement trigger groups what
-- the statement changed (its transition tables, new rows counted in, old rows counted out) and inserts
-- one row per group whose difference is not zero. Writers take no lock on a shared counter, so
-- concurrent collections of one district neither wait for each other nor deadlock, and a count is the
-- sum of a group's rows. "tallies_compact" folds the rows of a group into one, in one statement per
-- tally, so a reader sees the group before or after, never half; the API runs it every minute, the
-- population generator after a bulk load. As the derived values of 20261201000000_statistics_derived,
-- the tallies change in the transaction of the rows they count, so a change is counted the moment it
-- commits.

CREATE TABLE "PersonTally" (
    "id" BIGSERIAL NOT NULL,
    "districtCode" TEXT NOT NULL,
    "status" "PersonStatus" NOT NULL,
    "sex" TEXT NOT NULL,
    "birthMonth" DATE NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "PersonTally_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "PersonTally_districtCode_status_sex_birthMonth_idx" ON "PersonTally"("districtCode", "status", "sex", "birthMonth");

CREATE TABLE "PersonLevelTally" (
    "id" BIGSERIAL NOT NULL,
    "districtCode" TEXT NOT NULL,
    "status" "PersonStatus" NOT NULL,
    "qualificationLevel" TEXT NOT NULL,
    "educationLevel" TEXT NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "PersonLevelTally_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "PersonLevelTally_districtCode_status_levels_idx" ON "PersonLevelTally"("districtCode", "status", "qualificationLevel", "educationLevel");

CREATE TABLE "ContinuingEducationTally" (
    "id" BIGSERIAL NOT NULL,
    "year" INTEGER NOT NULL,
    "districtCode" TEXT NOT NULL,
    "status" "PersonStatus" NOT NULL,
    "outcome" TEXT NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "ContinuingEducationTally_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "ContinuingEducationTally_year_districtCode_status_outcome_idx" ON "ContinuingEducationTally"("year", "districtCode", "status", "outcome");

-- The completion rule of domain/continuing-education.ts on a year's sums in tenths of a credit: at least
-- 90 credits, professional credits at least 2/3 of the total (test/statistics/tallies.test.ts holds the
-- two to the same answers).
CREATE FUNCTION "continuing_education_outcome"(total INTEGER, professional INTEGER) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN total < 900 THEN 'shortOfCredits'
              WHEN professional * 3 >= total * 2 THEN 'complete'
              ELSE 'shortOfProfessionalShare' END
$$;

-- What a statement changed, one element per row counted in (+1) or out (-1). The trigger functions
-- gather them from the statement's transition tables (new_rows, old_rows), which only a trigger function
-- itself can read, and hand them to the function that groups and records them.
CREATE TYPE "person_tally_change" AS ("districtCode" TEXT, status "PersonStatus", sex TEXT, "birthDate" DATE,
                                      "qualificationLevel" TEXT, "educationLevel" TEXT, sign INTEGER);
CREATE TYPE "continuing_education_tally_change" AS (year INTEGER, "districtCode" TEXT, status "PersonStatus",
                                                    "totalTenths" INTEGER, "professionalTenths" INTEGER, sign INTEGER);

CREATE FUNCTION "person_tally_record"(changes "person_tally_change"[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "PersonTally" ("districtCode", status, sex, "birthMonth", n)
  SELECT "districtCode", status, sex, date_trunc('month', "birthDate")::date, sum(sign)
    FROM unnest(changes) GROUP BY 1, 2, 3, 4 HAVING sum(sign) <> 0;
  INSERT INTO "PersonLevelTally" ("districtCode", status, "qualificationLevel", "educationLevel", n)
  SELECT "districtCode", status, coalesce("qualificationLevel", ''), coalesce("educationLevel", ''), sum(sign)
    FROM unnest(changes) GROUP BY 1, 2, 3, 4 HAVING sum(sign) <> 0;
$$;

CREATE FUNCTION "person_tally_after_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "person_tally_record"(ARRAY(
    SELECT ROW("districtCode", status, sex, "birthDate", "highestQualificationLevel", "highestEducationLevel", 1)::"person_tally_change"
      FROM new_rows));
  RETURN NULL;
END $$;
-- Every update statement of Person comes here (a trigger with transition tables cannot name columns);
-- one that changes none of the counted columns nets to zero and records nothing.
CREATE FUNCTION "person_tally_after_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "person_tally_record"(ARRAY(
    SELECT ROW("districtCode", status, sex, "birthDate", "highestQualificationLevel", "highestEducationLevel", 1)::"person_tally_change"
      FROM new_rows
    UNION ALL
    SELECT ROW("districtCode", status, sex, "birthDate", "highestQualificationLevel", "highestEducationLevel", -1)::"person_tally_change"
      FROM old_rows));
  RETURN NULL;
END $$;
CREATE FUNCTION "person_tally_after_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "person_tally_record"(ARRAY(
    SELECT ROW("districtCode", status, sex, "birthDate", "highestQualificationLevel", "highestEducationLevel", -1)::"person_tally_change"
      FROM old_rows));
  RETURN NULL;
END $$;
CREATE FUNCTION "person_tally_after_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "PersonTally";
  DELETE FROM "PersonLevelTally";
  RETURN NULL;
END $$;

CREATE TRIGGER "Person_tally_insert" AFTER INSERT ON "Person" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "person_tally_after_insert"();
CREATE TRIGGER "Person_tally_update" AFTER UPDATE ON "Person" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "person_tally_after_update"();
CREATE TRIGGER "Person_tally_delete" AFTER DELETE ON "Person" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "person_tally_after_delete"();
CREATE TRIGGER "Person_tally_truncate" AFTER TRUNCATE ON "Person" FOR EACH STATEMENT EXECUTE FUNCTION "person_tally_after_truncate"();

CREATE FUNCTION "continuing_education_tally_record"(changes "continuing_education_tally_change"[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "ContinuingEducationTally" (year, "districtCode", status, outcome, n)
  SELECT year, "districtCode", status, "continuing_education_outcome"("totalTenths", "professionalTenths"), sum(sign)
    FROM unnest(changes) GROUP BY 1, 2, 3, 4 HAVING sum(sign) <> 0;
$$;

CREATE FUNCTION "continuing_education_tally_after_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "continuing_education_tally_record"(ARRAY(
    SELECT ROW(year, "districtCode", status, "totalTenths", "professionalTenths", 1)::"continuing_education_tally_change" FROM new_rows));
  RETURN NULL;
END $$;
CREATE FUNCTION "continuing_education_tally_after_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "continuing_education_tally_record"(ARRAY(
    SELECT ROW(year, "districtCode", status, "totalTenths", "professionalTenths", 1)::"continuing_education_tally_change" FROM new_rows
    UNION ALL
    SELECT ROW(year, "districtCode", status, "totalTenths", "professionalTenths", -1)::"continuing_education_tally_change" FROM old_rows));
  RETURN NULL;
END $$;
CREATE FUNCTION "continuing_education_tally_after_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "continuing_education_tally_record"(ARRAY(
    SELECT ROW(year, "districtCode", status, "totalTenths", "professionalTenths", -1)::"continuing_education_tally_change" FROM old_rows));
  RETURN NULL;
END $$;
CREATE FUNCTION "continuing_education_tally_after_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "ContinuingEducationTally";
  RETURN NULL;
END $$;

CREATE TRIGGER "ContinuingEducationYear_tally_insert" AFTER INSERT ON "ContinuingEducationYear" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "continuing_education_tally_after_insert"();
CREATE TRIGGER "ContinuingEducationYear_tally_update" AFTER UPDATE ON "ContinuingEducationYear" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "continuing_education_tally_after_update"();
CREATE TRIGGER "ContinuingEducationYear_tally_delete" AFTER DELETE ON "ContinuingEducationYear" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "continuing_education_tally_after_delete"();
CREATE TRIGGER "ContinuingEducationYear_tally_truncate" AFTER TRUNCATE ON "ContinuingEducationYear" FOR EACH STATEMENT EXECUTE FUNCTION "continuing_education_tally_after_truncate"();

-- Each group's rows folded into one (none when they net to zero), one statement per tally. Only groups
-- with more than one row are rewritten, so a run costs what changed since the last one. Rows a
-- concurrent writer adds meanwhile are not in this statement's snapshot and stay as they are.
CREATE FUNCTION "tallies_compact"() RETURNS void LANGUAGE sql AS $$
  WITH folded AS (SELECT "districtCode", status, sex, "birthMonth" FROM "PersonTally" GROUP BY 1, 2, 3, 4 HAVING count(*) > 1),
       gone AS (DELETE FROM "PersonTally" t USING folded f
                 WHERE t."districtCode" = f."districtCode" AND t.status = f.status AND t.sex = f.sex AND t."birthMonth" = f."birthMonth"
                RETURNING t."districtCode", t.status, t.sex, t."birthMonth", t.n)
  INSERT INTO "PersonTally" ("districtCode", status, sex, "birthMonth", n)
  SELECT "districtCode", status, sex, "birthMonth", sum(n) FROM gone GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0;

  WITH folded AS (SELECT "districtCode", status, "qualificationLevel", "educationLevel" FROM "PersonLevelTally" GROUP BY 1, 2, 3, 4 HAVING count(*) > 1),
       gone AS (DELETE FROM "PersonLevelTally" t USING folded f
                 WHERE t."districtCode" = f."districtCode" AND t.status = f.status
                   AND t."qualificationLevel" = f."qualificationLevel" AND t."educationLevel" = f."educationLevel"
                RETURNING t."districtCode", t.status, t."qualificationLevel", t."educationLevel", t.n)
  INSERT INTO "PersonLevelTally" ("districtCode", status, "qualificationLevel", "educationLevel", n)
  SELECT "districtCode", status, "qualificationLevel", "educationLevel", sum(n) FROM gone GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0;

  WITH folded AS (SELECT year, "districtCode", status, outcome FROM "ContinuingEducationTally" GROUP BY 1, 2, 3, 4 HAVING count(*) > 1),
       gone AS (DELETE FROM "ContinuingEducationTally" t USING folded f
                 WHERE t.year = f.year AND t."districtCode" = f."districtCode" AND t.status = f.status AND t.outcome = f.outcome
                RETURNING t.year, t."districtCode", t.status, t.outcome, t.n)
  INSERT INTO "ContinuingEducationTally" (year, "districtCode", status, outcome, n)
  SELECT year, "districtCode", status, outcome, sum(n) FROM gone GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0;
$$;

-- The tallies of the rows already there.
INSERT INTO "PersonTally" ("districtCode", status, sex, "birthMonth", n)
SELECT "districtCode", status, sex, date_trunc('month', "birthDate")::date, count(*) FROM "Person" GROUP BY 1, 2, 3, 4;
INSERT INTO "PersonLevelTally" ("districtCode", status, "qualificationLevel", "educationLevel", n)
SELECT "districtCode", status, coalesce("highestQualificationLevel", ''), coalesce("highestEducationLevel", ''), count(*) FROM "Person" GROUP BY 1, 2, 3, 4;
INSERT INTO "ContinuingEducationTally" (year, "districtCode", status, outcome, n)
SELECT year, "districtCode", status, "continuing_education_outcome"("totalTenths", "professionalTenths"), count(*)
  FROM "ContinuingEducationYear" GROUP BY 1, 2, 3, 4;

-- The statistics no longer read these (bench/plans-1m.md): every other read of Person's levels is by
-- person, and of ContinuingEducationYear by its key.
DROP INDEX "Person_status_districtCode_levels_idx";
DROP INDEX "ContinuingEducationYear_year_status_districtCode_credits_idx";
