-- Live statistics (实时统计) without aggregating every module row on each call: the values the counts
-- need are kept beside the rows they come from, written in the same transaction, so a change is counted
-- the moment it commits (no cache, nothing refreshed on a timer).
--
--   "Person"."highestQualificationLevel" / "highestEducationLevel": the person's highest level among
--   their Qualification / Education rows (NULL: none, or only levels not on the list).
--   "ContinuingEducationYear": per person and year, the number of ContinuingEducation rows and their
--   total and professional credits in tenths (credits have one decimal place: exact integers), with
--   the person's district and status, so a year's completion is counted from one index range.
--
-- Triggers keep them, not each writer: Qualification, Education and ContinuingEducation are written by
-- the activities (collection, change, transfer-in), the continuing-education import, the population
-- generator in plain SQL, and tests; a trigger keeps every one of them right, a writer added later
-- included, and cannot be forgotten in one place. They run once per statement with transition tables,
-- so a bulk insert of thousands of rows costs one aggregate, not one update per row. A backup carries
-- the derived values as data; pg_restore creates the triggers after loading it.
--
-- Locks are taken in one order, Person rows (by id) before ContinuingEducationYear rows (by person and
-- year), as the writers already lock a person before writing their modules, so the triggers add no
-- deadlock between writers.
--
-- The level order is that of domain/enums.ts (qualificationLevels, educationLevels), lowest first;
-- test/statistics/derived.test.ts checks that the two agree.

-- AlterTable
ALTER TABLE "Person" ADD COLUMN "highestQualificationLevel" TEXT,
                     ADD COLUMN "highestEducationLevel" TEXT;

-- CreateTable
CREATE TABLE "ContinuingEducationYear" (
    "personId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "districtCode" TEXT NOT NULL,
    "status" "PersonStatus" NOT NULL,
    "records" INTEGER NOT NULL,
    "totalTenths" INTEGER NOT NULL,
    "professionalTenths" INTEGER NOT NULL,

    CONSTRAINT "ContinuingEducationYear_pkey" PRIMARY KEY ("personId","year")
);

-- AddForeignKey
ALTER TABLE "ContinuingEducationYear" ADD CONSTRAINT "ContinuingEducationYear_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The highest level of one person's rows.
CREATE FUNCTION "highest_qualification_level"(person TEXT) RETURNS TEXT LANGUAGE sql STABLE AS $$
  SELECT (ARRAY['junior','intermediate','senior','professorSenior'])[max(array_position(ARRAY['junior','intermediate','senior','professorSenior'], level))]
    FROM "Qualification" WHERE "personId" = person
$$;
CREATE FUNCTION "highest_education_level"(person TEXT) RETURNS TEXT LANGUAGE sql STABLE AS $$
  SELECT (ARRAY['juniorOrBelow','seniorHigh','secondaryVocational','juniorCollege','bachelor','master','doctor'])[max(array_position(ARRAY['juniorOrBelow','seniorHigh','secondaryVocational','juniorCollege','bachelor','master','doctor'], level))]
    FROM "Education" WHERE "personId" = person
$$;

-- The highest levels of the given people, recomputed from all their rows. Their Person rows are locked
-- first: a concurrent writer of the same person's rows waits here, and the recomputation, a new
-- statement, then sees what that writer committed (in READ COMMITTED each statement of a function has
-- a new snapshot), so whoever commits last leaves the right value. FOR NO KEY UPDATE does not conflict
-- with the key-share locks of foreign-key checks.
CREATE FUNCTION "person_refresh_levels"(people TEXT[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM "Person" WHERE id = ANY(people) ORDER BY id FOR NO KEY UPDATE;
  UPDATE "Person" p
     SET "highestQualificationLevel" = h.qualification, "highestEducationLevel" = h.education
    FROM (SELECT id, "highest_qualification_level"(id) AS qualification, "highest_education_level"(id) AS education
            FROM "Person" WHERE id = ANY(people)) h
   WHERE p.id = h.id
     AND (p."highestQualificationLevel" IS DISTINCT FROM h.qualification OR p."highestEducationLevel" IS DISTINCT FROM h.education);
END $$;

CREATE FUNCTION "levels_after_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "person_refresh_levels"(ARRAY(SELECT DISTINCT "personId" FROM new_rows));
  RETURN NULL;
END $$;
CREATE FUNCTION "levels_after_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "person_refresh_levels"(ARRAY(SELECT "personId" FROM new_rows UNION SELECT "personId" FROM old_rows));
  RETURN NULL;
END $$;
CREATE FUNCTION "levels_after_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "person_refresh_levels"(ARRAY(SELECT DISTINCT "personId" FROM old_rows));
  RETURN NULL;
END $$;
CREATE FUNCTION "levels_after_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "person_refresh_levels"(ARRAY(SELECT id FROM "Person" WHERE "highestQualificationLevel" IS NOT NULL OR "highestEducationLevel" IS NOT NULL));
  RETURN NULL;
END $$;

CREATE TRIGGER "Qualification_levels_insert" AFTER INSERT ON "Qualification" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "levels_after_insert"();
CREATE TRIGGER "Qualification_levels_update" AFTER UPDATE ON "Qualification" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "levels_after_update"();
CREATE TRIGGER "Qualification_levels_delete" AFTER DELETE ON "Qualification" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "levels_after_delete"();
CREATE TRIGGER "Qualification_levels_truncate" AFTER TRUNCATE ON "Qualification" FOR EACH STATEMENT EXECUTE FUNCTION "levels_after_truncate"();
CREATE TRIGGER "Education_levels_insert" AFTER INSERT ON "Education" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "levels_after_insert"();
CREATE TRIGGER "Education_levels_update" AFTER UPDATE ON "Education" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "levels_after_update"();
CREATE TRIGGER "Education_levels_delete" AFTER DELETE ON "Education" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "levels_after_delete"();
CREATE TRIGGER "Education_levels_truncate" AFTER TRUNCATE ON "Education" FOR EACH STATEMENT EXECUTE FUNCTION "levels_after_truncate"();

-- A year's credits: the rows a statement added count in, the rows it removed count out (an update is
-- both). The people are locked FOR SHARE first, so a concurrent change of their district or status
-- (which updates their years, below) is either seen or waits; the changes are then added to each
-- year's latest committed value (INSERT … ON CONFLICT DO UPDATE), in (personId, year) order, so
-- concurrent writers of one person's year both count. A year left with no rows is removed.
CREATE FUNCTION "credits_apply"(people TEXT[], years INTEGER[], records INTEGER[], totals INTEGER[], professionals INTEGER[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM "Person" WHERE id = ANY(people) ORDER BY id FOR SHARE;
  INSERT INTO "ContinuingEducationYear" AS y ("personId", "year", "districtCode", "status", "records", "totalTenths", "professionalTenths")
  SELECT d.p, d.yr, p."districtCode", p.status, d.n, d.t, d.pr
    FROM unnest(people, years, records, totals, professionals) AS d(p, yr, n, t, pr)
    JOIN "Person" p ON p.id = d.p
   WHERE d.n <> 0 OR d.t <> 0 OR d.pr <> 0
   ORDER BY d.p, d.yr
  ON CONFLICT ("personId", "year") DO UPDATE
     SET "records" = y."records" + excluded."records",
         "totalTenths" = y."totalTenths" + excluded."totalTenths",
         "professionalTenths" = y."professionalTenths" + excluded."professionalTenths",
         "districtCode" = excluded."districtCode",
         "status" = excluded."status";
  DELETE FROM "ContinuingEducationYear" y USING unnest(people, years) AS d(p, yr)
   WHERE y."personId" = d.p AND y."year" = d.yr AND y."records" <= 0;
END $$;

CREATE FUNCTION "credits_after_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE p TEXT[]; yr INTEGER[]; n INTEGER[]; t INTEGER[]; pr INTEGER[];
BEGIN
  SELECT array_agg("personId"), array_agg("year"), array_agg(c), array_agg(total), array_agg(professional) INTO p, yr, n, t, pr
    FROM (SELECT "personId", "year", count(*)::int AS c, sum(("credits" * 10)::int)::int AS total,
                 coalesce(sum(("credits" * 10)::int) FILTER (WHERE "professional"), 0)::int AS professional
            FROM new_rows GROUP BY 1, 2) d;
  IF p IS NOT NULL THEN PERFORM "credits_apply"(p, yr, n, t, pr); END IF;
  RETURN NULL;
END $$;
CREATE FUNCTION "credits_after_update"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE p TEXT[]; yr INTEGER[]; n INTEGER[]; t INTEGER[]; pr INTEGER[];
BEGIN
  SELECT array_agg("personId"), array_agg("year"), array_agg(c), array_agg(total), array_agg(professional) INTO p, yr, n, t, pr
    FROM (SELECT "personId", "year", sum(sign)::int AS c, sum(sign * ("credits" * 10)::int)::int AS total,
                 coalesce(sum(sign * ("credits" * 10)::int) FILTER (WHERE "professional"), 0)::int AS professional
            FROM (SELECT "personId", "year", "credits", "professional", 1 AS sign FROM new_rows
                  UNION ALL SELECT "personId", "year", "credits", "professional", -1 FROM old_rows) changed
           GROUP BY 1, 2) d;
  IF p IS NOT NULL THEN PERFORM "credits_apply"(p, yr, n, t, pr); END IF;
  RETURN NULL;
END $$;
CREATE FUNCTION "credits_after_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE p TEXT[]; yr INTEGER[]; n INTEGER[]; t INTEGER[]; pr INTEGER[];
BEGIN
  SELECT array_agg("personId"), array_agg("year"), array_agg(-c), array_agg(-total), array_agg(-professional) INTO p, yr, n, t, pr
    FROM (SELECT "personId", "year", count(*)::int AS c, sum(("credits" * 10)::int)::int AS total,
                 coalesce(sum(("credits" * 10)::int) FILTER (WHERE "professional"), 0)::int AS professional
            FROM old_rows GROUP BY 1, 2) d;
  IF p IS NOT NULL THEN PERFORM "credits_apply"(p, yr, n, t, pr); END IF;
  RETURN NULL;
END $$;
CREATE FUNCTION "credits_after_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "ContinuingEducationYear";
  RETURN NULL;
END $$;

CREATE TRIGGER "ContinuingEducation_credits_insert" AFTER INSERT ON "ContinuingEducation" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "credits_after_insert"();
CREATE TRIGGER "ContinuingEducation_credits_update" AFTER UPDATE ON "ContinuingEducation" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "credits_after_update"();
CREATE TRIGGER "ContinuingEducation_credits_delete" AFTER DELETE ON "ContinuingEducation" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "credits_after_delete"();
CREATE TRIGGER "ContinuingEducation_credits_truncate" AFTER TRUNCATE ON "ContinuingEducation" FOR EACH STATEMENT EXECUTE FUNCTION "credits_after_truncate"();

-- A person's years follow their district and status (a change of district, a transfer out). The Person
-- row is locked by its update, so a concurrent writer of credits waits for it (above).
CREATE FUNCTION "person_years_follow"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "ContinuingEducationYear" SET "districtCode" = NEW."districtCode", "status" = NEW.status WHERE "personId" = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER "Person_years_follow" AFTER UPDATE ON "Person" FOR EACH ROW
  WHEN (OLD."districtCode" IS DISTINCT FROM NEW."districtCode" OR OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION "person_years_follow"();

-- Backfill: the values for the rows already there, as the triggers would have kept them.
UPDATE "Person" p
   SET "highestQualificationLevel" = h.qualification, "highestEducationLevel" = h.education
  FROM (SELECT id, "highest_qualification_level"(id) AS qualification, "highest_education_level"(id) AS education FROM "Person") h
 WHERE p.id = h.id AND (h.qualification IS NOT NULL OR h.education IS NOT NULL);

INSERT INTO "ContinuingEducationYear" ("personId", "year", "districtCode", "status", "records", "totalTenths", "professionalTenths")
SELECT c."personId", c."year", p."districtCode", p.status, count(*), sum((c."credits" * 10)::int),
       coalesce(sum((c."credits" * 10)::int) FILTER (WHERE c."professional"), 0)
  FROM "ContinuingEducation" c JOIN "Person" p ON p.id = c."personId"
 GROUP BY c."personId", c."year", p."districtCode", p.status;

-- CreateIndex: active people by highest qualification and education, the province or one district, read from this index alone.
CREATE INDEX "Person_status_districtCode_levels_idx" ON "Person"("status", "districtCode", "highestQualificationLevel", "highestEducationLevel");

-- CreateIndex: a year's completion, the province or one district, read from this index alone.
CREATE INDEX "ContinuingEducationYear_year_status_districtCode_credits_idx" ON "ContinuingEducationYear"("year", "status", "districtCode", "totalTenths", "professionalTenths");
