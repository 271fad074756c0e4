-- Staff accounts administered through the API: reviewers of one or more districts, a contact phone,
-- disabling, one-time passwords, and the trail of every change.

-- AlterTable
ALTER TABLE "User" ADD COLUMN "districtCodes" TEXT[] DEFAULT ARRAY[]::TEXT[],
                   ADD COLUMN "phone" TEXT,
                   ADD COLUMN "disabledAt" TIMESTAMP(3),
                   ADD COLUMN "mustChangePassword" BOOLEAN NOT NULL DEFAULT false;

-- The reviewers of today keep their one district.
UPDATE "User" SET "districtCodes" = ARRAY["districtCode"] WHERE "districtCode" IS NOT NULL;

-- CreateTable
CREATE TABLE "AccountChange" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorUsername" TEXT,
    "userId" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "changes" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "AccountChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AccountChange_at_idx" ON "AccountChange"("at");

-- CreateIndex
CREATE INDEX "AccountChange_userId_at_idx" ON "AccountChange"("userId", "at");
