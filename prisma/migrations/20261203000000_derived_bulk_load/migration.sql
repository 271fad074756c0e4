-- Bulk loads (the population generator's COPY) without the per-statement derived-value triggers of
-- 20261201000000_statistics_derived: a transaction that sets `acct.derived_deferred` to 'on'
-- (SET LOCAL, so it ends with the transaction and reaches no other session) skips the insert triggers of
-- Qualification, Education and ContinuingEducation, and calls "derived_backfill" with the people it wrote
-- before it commits: the same values the triggers keep, computed in one set-based pass (hash aggregates
-- over the loaded rows instead of one index probe per person per statement). Updates, deletes and
-- truncates always run their triggers.

CREATE OR REPLACE FUNCTION "levels_after_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('acct.derived_deferred', true) = 'on' THEN RETURN NULL; END IF;
  PERFORM "person_refresh_levels"(ARRAY(SELECT DISTINCT "personId" FROM new_rows));
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION "credits_after_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE p TEXT[]; yr INTEGER[]; n INTEGER[]; t INTEGER[]; pr INTEGER[];
BEGIN
  IF current_setting('acct.derived_deferred', true) = 'on' THEN RETURN NULL; END IF;
  SELECT array_agg("personId"), array_agg("year"), array_agg(c), array_agg(total), array_agg(professional) INTO p, yr, n, t, pr
    FROM (SELECT "personId", "year", count(*)::int AS c, sum(("credits" * 10)::int)::int AS total,
                 coalesce(sum(("credits" * 10)::int) FILTER (WHERE "professional"), 0)::int AS professional
            FROM new_rows GROUP BY 1, 2) d;
  IF p IS NOT NULL THEN PERFORM "credits_apply"(p, yr, n, t, pr); END IF;
  RETURN NULL;
END $$;

-- The derived values of the given people, recomputed from all their rows in one pass: their highest
-- qualification and education level, and their ContinuingEducationYear rows. The people are locked
-- first, as "person_refresh_levels" and "credits_apply" lock them.
CREATE FUNCTION "derived_backfill"(people TEXT[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM "Person" WHERE id = ANY(people) ORDER BY id FOR NO KEY UPDATE;
  UPDATE "Person" p
     SET "highestQualificationLevel" = h.qualification, "highestEducationLevel" = h.education
    FROM (SELECT x.id,
                 (ARRAY['junior','intermediate','senior','professorSenior'])[q.m] AS qualification,
                 (ARRAY['juniorOrBelow','seniorHigh','secondaryVocational','juniorCollege','bachelor','master','doctor'])[e.m] AS education
            FROM unnest(people) AS x(id)
            LEFT JOIN (SELECT "personId", max(array_position(ARRAY['junior','intermediate','senior','professorSenior'], level)) AS m
                         FROM "Qualification" WHERE "personId" = ANY(people) GROUP BY 1) q ON q."personId" = x.id
            LEFT JOIN (SELECT "personId", max(array_position(ARRAY['juniorOrBelow','seniorHigh','secondaryVocational','juniorCollege','bachelor','master','doctor'], level)) AS m
                         FROM "Education" WHERE "personId" = ANY(people) GROUP BY 1) e ON e."personId" = x.id) h
   WHERE p.id = h.id
     AND (p."highestQualificationLevel" IS DISTINCT FROM h.qualification OR p."highestEducationLevel" IS DISTINCT FROM h.education);
  DELETE FROM "ContinuingEducationYear" WHERE "personId" = ANY(people);
  INSERT INTO "ContinuingEducationYear" ("personId", "year", "districtCode", "status", "records", "totalTenths", "professionalTenths")
  SELECT c."personId", c."year", p."districtCode", p.status, count(*), sum((c."credits" * 10)::int),
         coalesce(sum((c."credits" * 10)::int) FILTER (WHERE c."professional"), 0)
    FROM "ContinuingEducation" c JOIN "Person" p ON p.id = c."personId"
   WHERE c."personId" = ANY(people)
   GROUP BY c."personId", c."year", p."districtCode", p.status
   ORDER BY 1, 2;
END $$;
