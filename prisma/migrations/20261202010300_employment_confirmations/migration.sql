-- A confirmed unit's online confirmation that a person works there (从事会计工作证明), attached to their
-- request; and the index that finds a unit's accountants.

-- CreateTable
CREATE TABLE "EmploymentConfirmation" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "creditCode" TEXT NOT NULL,
    "unitName" TEXT NOT NULL,
    "confirmedById" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmploymentConfirmation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "EmploymentConfirmation_requestId_key" ON "EmploymentConfirmation"("requestId");

-- AddForeignKey
ALTER TABLE "EmploymentConfirmation" ADD CONSTRAINT "EmploymentConfirmation_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "Request"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateIndex
CREATE INDEX "WorkInfo_unitCreditCode_idx" ON "WorkInfo"("unitCreditCode");
