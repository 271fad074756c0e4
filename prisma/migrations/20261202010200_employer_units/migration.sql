-- Employer units (用人单位): registered by unified social credit code with a contact account, confirmed
-- by an administrator or the district's reviewer.

-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'employer';

-- CreateEnum
CREATE TYPE "UnitStatus" AS ENUM ('pending', 'confirmed');

-- CreateTable
CREATE TABLE "EmployerUnit" (
    "id" TEXT NOT NULL,
    "creditCode" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "districtCode" TEXT NOT NULL,
    "contactUserId" TEXT NOT NULL,
    "contactName" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "status" "UnitStatus" NOT NULL DEFAULT 'pending',
    "confirmedById" TEXT,
    "confirmedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmployerUnit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "EmployerUnit_creditCode_key" ON "EmployerUnit"("creditCode");

-- CreateIndex
CREATE UNIQUE INDEX "EmployerUnit_contactUserId_key" ON "EmployerUnit"("contactUserId");

-- CreateIndex
CREATE INDEX "EmployerUnit_districtCode_status_idx" ON "EmployerUnit"("districtCode", "status");

-- AddForeignKey
ALTER TABLE "EmployerUnit" ADD CONSTRAINT "EmployerUnit_contactUserId_fkey" FOREIGN KEY ("contactUserId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
