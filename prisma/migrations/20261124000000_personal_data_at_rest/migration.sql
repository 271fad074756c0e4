-- Personal data at rest: ID numbers (the archive number) and mobile numbers are no longer stored in plain
-- text. Each is sealed (AES-256-GCM, `v1.<key id>.<data>`, keys DATA_KEYS) and the archive number is found
-- by its keyed hash (HMAC-SHA256, LOOKUP_KEY), which also keeps it unique. Open requests are keyed by
-- the hash too (`collection:<hash>`); request forms and history rows hold sealed values in place of the
-- numbers (the application seals them).
--
-- Existing rows: SQL cannot compute the hashes nor the ciphertexts (the keys are configuration, never in
-- the database), so this migration does not transform them: it REMOVES every person (with their modules,
-- history, materials and national syncs) and every request (with its materials, decisions and events),
-- and those people are collected again. No production data existed when it was written. Workflows of
-- removed requests that are still running should be terminated. Accounts, the access log and the
-- national events already handled stay.
DELETE FROM "Request";
DELETE FROM "Person";

-- DropIndex: the plain archive number's indexes (unique key, prefix search, list order).
DROP INDEX "Person_archiveNo_key";
DROP INDEX "Person_archiveNo_idx";
DROP INDEX "Person_name_archiveNo_id_idx";
DROP INDEX "Person_districtCode_name_archiveNo_id_idx";
DROP INDEX "Request_archiveNo_idx";

-- AlterTable
ALTER TABLE "Person" DROP COLUMN "archiveNo",
DROP COLUMN "mobile",
ADD COLUMN "archiveNoHash" TEXT NOT NULL,
ADD COLUMN "archiveNoSealed" TEXT NOT NULL,
ADD COLUMN "archiveNoPrefix" TEXT NOT NULL,
ADD COLUMN "mobileSealed" TEXT NOT NULL;

-- AlterTable
ALTER TABLE "Request" DROP COLUMN "archiveNo",
ADD COLUMN "archiveNoHash" TEXT,
ADD COLUMN "archiveNoSealed" TEXT;

-- CreateIndex: one person per archive number, through its hash.
CREATE UNIQUE INDEX "Person_archiveNoHash_key" ON "Person"("archiveNoHash");

-- CreateIndex: archive-number prefixes of at most six characters (the area of issue, also shown in masked
-- numbers) under any database collation.
CREATE INDEX "Person_archiveNoPrefix_idx" ON "Person"("archiveNoPrefix" text_pattern_ops);

-- CreateIndex: lists in name order, then id (the archive number can no longer order them), the whole
-- province and one district; byte order as before, so a name prefix is a range of the index.
CREATE INDEX "Person_name_id_idx" ON "Person"("name" COLLATE "C", "id");

-- CreateIndex
CREATE INDEX "Person_districtCode_name_id_idx" ON "Person"("districtCode", "name" COLLATE "C", "id");

-- CreateIndex
CREATE INDEX "Request_archiveNoHash_idx" ON "Request"("archiveNoHash");
