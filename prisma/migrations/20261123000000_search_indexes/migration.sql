-- Live statistics and person search (统计、查询). Indexes only: no table or column changes.

-- Trigram indexes find names and unit names by any part of them (LIKE '%…%'), Chinese included.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "Person_name_idx" ON "Person" USING GIN ("name" gin_trgm_ops);

-- CreateIndex: archive-number prefixes (LIKE '110105%') under any database collation.
CREATE INDEX "Person_archiveNo_idx" ON "Person"("archiveNo" text_pattern_ops);

-- CreateIndex: lists in name order, the whole province and one district. Byte (code point) order,
-- whatever the database's collation, so a name prefix (LIKE '王%') is a range of the index; with the
-- id, a search for part of a name too short for trigrams reads this index alone.
CREATE INDEX "Person_name_archiveNo_id_idx" ON "Person"("name" COLLATE "C", "archiveNo", "id");

-- CreateIndex
CREATE INDEX "Person_districtCode_name_archiveNo_id_idx" ON "Person"("districtCode", "name" COLLATE "C", "archiveNo", "id");

-- CreateIndex: counts by district, status, sex and age band, and a district's people, read from this index alone.
CREATE INDEX "Person_districtCode_status_sex_birthDate_id_idx" ON "Person"("districtCode", "status", "sex", "birthDate", "id");

-- CreateIndex: the few people no longer active, left out of province-wide counts.
CREATE INDEX "Person_status_idx" ON "Person"("status");

-- CreateIndex
CREATE INDEX "WorkInfo_unitName_idx" ON "WorkInfo" USING GIN ("unitName" gin_trgm_ops);

-- CreateIndex: each person's highest level, read in person order from the index alone.
CREATE INDEX "Qualification_personId_level_idx" ON "Qualification"("personId", "level");

-- CreateIndex
CREATE INDEX "Education_personId_level_idx" ON "Education"("personId", "level");

-- CreateIndex: a year's credits per person, read from the index alone.
CREATE INDEX "ContinuingEducation_year_personId_professional_credits_idx" ON "ContinuingEducation"("year", "personId", "professional", "credits");
