-- A credit decision (one document number) is recorded once per person and kind.
-- Records entered twice before this rule keep their earliest copy.
DELETE FROM "CreditRecord" c
USING "CreditRecord" earlier
WHERE c."personId" = earlier."personId"
  AND c."kind" = earlier."kind"
  AND c."documentNo" = earlier."documentNo"
  AND (earlier."createdAt", earlier."id") < (c."createdAt", c."id");

-- CreateIndex
CREATE UNIQUE INDEX "CreditRecord_personId_kind_documentNo_key" ON "CreditRecord"("personId", "kind", "documentNo");
