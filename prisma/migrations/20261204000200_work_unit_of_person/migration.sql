-- A person's work unit name read from the index alone (an index-only scan where the table's pages are all
-- visible): person lists and exports walk people in name order and join each one's unit, and a search by
-- unit walking that order tests each one's unit name. Through "WorkInfo_personId_key" each of those is a
-- read of a WorkInfo page of its own, at random; this index keeps the name beside the person's id.
CREATE INDEX "WorkInfo_personId_unitName_idx" ON "WorkInfo" ("personId") INCLUDE ("unitName");
