-- DropForeignKey
ALTER TABLE "Request" DROP CONSTRAINT "Request_applicantId_fkey";

-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "transferredAt" TIMESTAMP(3),
ADD COLUMN     "transferredTo" TEXT;

-- AlterTable
ALTER TABLE "Request" ADD COLUMN     "counterpartProvince" TEXT,
ADD COLUMN     "transferId" TEXT,
ALTER COLUMN "applicantId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "InboundEvent" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InboundEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "InboundEvent_eventId_key" ON "InboundEvent"("eventId");

-- CreateIndex
CREATE UNIQUE INDEX "Request_transferId_key" ON "Request"("transferId");

-- AddForeignKey
ALTER TABLE "Request" ADD CONSTRAINT "Request_applicantId_fkey" FOREIGN KEY ("applicantId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
