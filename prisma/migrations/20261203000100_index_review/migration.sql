-- Indexes reviewed at 1,000,000 people (bench/plans-1m.md). Dropped: those whose every use another index
-- serves as well, since it begins with the same columns, or that no query reads any longer. Each costs
-- its writes on every bulk load and collection, and its pages in the cache.

-- Person: the province is one value per deployment; district queries begin with "districtCode"
-- (Person_districtCode_name_id_idx, Person_districtCode_status_sex_birthDate_id_idx).
DROP INDEX "Person_provinceCode_districtCode_idx";
-- Person: status leads Person_status_districtCode_levels_idx.
DROP INDEX "Person_status_idx";
-- Education, Qualification, CreditRecord: "personId" leads a longer index of the same table.
DROP INDEX "Education_personId_idx";
DROP INDEX "Qualification_personId_idx";
DROP INDEX "CreditRecord_personId_idx";
-- ContinuingEducation by year: the statistics count from "ContinuingEducationYear" since
-- 20261201000000_statistics_derived; every other read is by person (the unique key begins with "personId").
DROP INDEX "ContinuingEducation_year_idx";
DROP INDEX "ContinuingEducation_year_personId_professional_credits_idx";
