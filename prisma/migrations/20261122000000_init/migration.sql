-- CreateEnum
CREATE TYPE "Role" AS ENUM ('applicant', 'reviewer', 'admin');

-- CreateEnum
CREATE TYPE "RequestKind" AS ENUM ('collection', 'change', 'transferOut', 'transferIn', 'districtMove');

-- CreateEnum
CREATE TYPE "RequestState" AS ENUM ('draft', 'awaitingReview', 'returned', 'approved', 'recording', 'uploading', 'awaitingDestination', 'completed', 'refused', 'expired', 'withdrawn');

-- CreateEnum
CREATE TYPE "MaterialKind" AS ENUM ('photo', 'idDocument', 'qualificationCertificate', 'workProof', 'studentProof', 'educationCertificate', 'transferProof', 'continuingEducationProof');

-- CreateEnum
CREATE TYPE "ReviewOutcome" AS ENUM ('approved', 'returned');

-- CreateEnum
CREATE TYPE "PersonStatus" AS ENUM ('active', 'transferredOut');

-- CreateEnum
CREATE TYPE "CreditKind" AS ENUM ('trustworthy', 'untrustworthy');

-- CreateEnum
CREATE TYPE "SyncStatus" AS ENUM ('pending', 'synced', 'failed');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "displayName" TEXT NOT NULL,
    "districtCode" TEXT,
    "failedLogins" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" TEXT NOT NULL,
    "archiveNo" TEXT NOT NULL,
    "provinceCode" TEXT NOT NULL,
    "districtCode" TEXT NOT NULL,
    "status" "PersonStatus" NOT NULL DEFAULT 'active',
    "name" TEXT NOT NULL,
    "sex" TEXT NOT NULL,
    "birthDate" DATE NOT NULL,
    "idType" TEXT NOT NULL,
    "nationality" TEXT NOT NULL,
    "ethnicity" TEXT,
    "politicalStatus" TEXT,
    "mobile" TEXT NOT NULL,
    "email" TEXT,
    "address" TEXT,
    "situation" TEXT NOT NULL,
    "districtBasis" TEXT NOT NULL,
    "applicantId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Education" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "studyMode" TEXT NOT NULL,
    "school" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "degree" TEXT NOT NULL,
    "major" TEXT,
    "enrolledOn" DATE NOT NULL,
    "graduatedOn" DATE NOT NULL,
    "diplomaNo" TEXT,
    "degreeCertificateNo" TEXT,

    CONSTRAINT "Education_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkInfo" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "unitName" TEXT NOT NULL,
    "unitCreditCode" TEXT NOT NULL,
    "unitKind" TEXT NOT NULL,
    "economicType" TEXT,
    "unitDistrict" TEXT NOT NULL,
    "startedOn" DATE NOT NULL,
    "posts" TEXT[],
    "administrativePost" TEXT NOT NULL,

    CONSTRAINT "WorkInfo_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Qualification" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "wayObtained" TEXT NOT NULL,
    "obtainedOn" DATE NOT NULL,
    "certificateNo" TEXT NOT NULL,

    CONSTRAINT "Qualification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StudentInfo" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "school" TEXT NOT NULL,
    "schoolDistrict" TEXT NOT NULL,
    "studentNo" TEXT,
    "enrolledOn" DATE NOT NULL,
    "expectedGraduation" DATE NOT NULL,

    CONSTRAINT "StudentInfo_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContinuingEducation" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "course" TEXT NOT NULL,
    "credits" DECIMAL(6,1) NOT NULL,
    "professional" BOOLEAN NOT NULL,
    "provider" TEXT NOT NULL,
    "completedOn" DATE NOT NULL,
    "source" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContinuingEducation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HighEndTalent" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "year" INTEGER NOT NULL,

    CONSTRAINT "HighEndTalent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CreditRecord" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "kind" "CreditKind" NOT NULL,
    "occurredOn" DATE NOT NULL,
    "issuer" TEXT NOT NULL,
    "documentNo" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CreditRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Material" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "kind" "MaterialKind" NOT NULL,
    "objectKey" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "byteSize" INTEGER NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "requestId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Material_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PersonHistory" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "requestId" TEXT,
    "actorId" TEXT,
    "field" TEXT NOT NULL,
    "oldValue" JSONB,
    "newValue" JSONB,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PersonHistory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Request" (
    "id" TEXT NOT NULL,
    "kind" "RequestKind" NOT NULL,
    "state" "RequestState" NOT NULL DEFAULT 'draft',
    "applicantId" TEXT NOT NULL,
    "archiveNo" TEXT,
    "provinceCode" TEXT NOT NULL,
    "districtCode" TEXT,
    "workflowId" TEXT NOT NULL,
    "openKey" TEXT,
    "round" INTEGER NOT NULL DEFAULT 0,
    "form" JSONB NOT NULL DEFAULT '{}',
    "commitmentAcceptedAt" TIMESTAMP(3),
    "submittedAt" TIMESTAMP(3),
    "reviewDueAt" TIMESTAMP(3),
    "overdue" BOOLEAN NOT NULL DEFAULT false,
    "correctionDueAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "closedReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Request_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RequestMaterial" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "kind" "MaterialKind" NOT NULL,
    "objectKey" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "byteSize" INTEGER NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "uploadedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "replacedAt" TIMESTAMP(3),

    CONSTRAINT "RequestMaterial_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewDecision" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "outcome" "ReviewOutcome" NOT NULL,
    "comment" TEXT,
    "decidedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewReason" (
    "id" TEXT NOT NULL,
    "decisionId" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "reason" TEXT NOT NULL,

    CONSTRAINT "ReviewReason_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RequestEvent" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "actorId" TEXT,
    "detail" JSONB,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RequestEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NationalSync" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "requestId" TEXT,
    "idempotencyKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" "SyncStatus" NOT NULL DEFAULT 'pending',
    "version" INTEGER,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "syncedAt" TIMESTAMP(3),

    CONSTRAINT "NationalSync_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SystemCheck" (
    "id" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "objectKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SystemCheck_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE UNIQUE INDEX "Person_archiveNo_key" ON "Person"("archiveNo");

-- CreateIndex
CREATE INDEX "Person_provinceCode_districtCode_idx" ON "Person"("provinceCode", "districtCode");

-- CreateIndex
CREATE INDEX "Education_personId_idx" ON "Education"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "WorkInfo_personId_key" ON "WorkInfo"("personId");

-- CreateIndex
CREATE INDEX "Qualification_personId_idx" ON "Qualification"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "StudentInfo_personId_key" ON "StudentInfo"("personId");

-- CreateIndex
CREATE INDEX "ContinuingEducation_year_idx" ON "ContinuingEducation"("year");

-- CreateIndex
CREATE UNIQUE INDEX "ContinuingEducation_personId_year_course_completedOn_key" ON "ContinuingEducation"("personId", "year", "course", "completedOn");

-- CreateIndex
CREATE UNIQUE INDEX "HighEndTalent_personId_type_year_key" ON "HighEndTalent"("personId", "type", "year");

-- CreateIndex
CREATE INDEX "CreditRecord_personId_idx" ON "CreditRecord"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "Material_personId_kind_key" ON "Material"("personId", "kind");

-- CreateIndex
CREATE INDEX "PersonHistory_personId_at_idx" ON "PersonHistory"("personId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "Request_workflowId_key" ON "Request"("workflowId");

-- CreateIndex
CREATE UNIQUE INDEX "Request_openKey_key" ON "Request"("openKey");

-- CreateIndex
CREATE INDEX "Request_districtCode_state_submittedAt_idx" ON "Request"("districtCode", "state", "submittedAt");

-- CreateIndex
CREATE INDEX "Request_applicantId_idx" ON "Request"("applicantId");

-- CreateIndex
CREATE INDEX "Request_archiveNo_idx" ON "Request"("archiveNo");

-- CreateIndex
CREATE UNIQUE INDEX "RequestMaterial_objectKey_key" ON "RequestMaterial"("objectKey");

-- CreateIndex
CREATE INDEX "RequestMaterial_requestId_kind_idx" ON "RequestMaterial"("requestId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewDecision_requestId_round_key" ON "ReviewDecision"("requestId", "round");

-- CreateIndex
CREATE INDEX "ReviewReason_decisionId_idx" ON "ReviewReason"("decisionId");

-- CreateIndex
CREATE UNIQUE INDEX "RequestEvent_key_key" ON "RequestEvent"("key");

-- CreateIndex
CREATE INDEX "RequestEvent_requestId_at_idx" ON "RequestEvent"("requestId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "NationalSync_idempotencyKey_key" ON "NationalSync"("idempotencyKey");

-- CreateIndex
CREATE INDEX "NationalSync_status_idx" ON "NationalSync"("status");

-- CreateIndex
CREATE UNIQUE INDEX "SystemCheck_workflowId_key" ON "SystemCheck"("workflowId");

-- AddForeignKey
ALTER TABLE "Education" ADD CONSTRAINT "Education_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkInfo" ADD CONSTRAINT "WorkInfo_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Qualification" ADD CONSTRAINT "Qualification_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StudentInfo" ADD CONSTRAINT "StudentInfo_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContinuingEducation" ADD CONSTRAINT "ContinuingEducation_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HighEndTalent" ADD CONSTRAINT "HighEndTalent_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreditRecord" ADD CONSTRAINT "CreditRecord_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Material" ADD CONSTRAINT "Material_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonHistory" ADD CONSTRAINT "PersonHistory_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Request" ADD CONSTRAINT "Request_applicantId_fkey" FOREIGN KEY ("applicantId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequestMaterial" ADD CONSTRAINT "RequestMaterial_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "Request"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewDecision" ADD CONSTRAINT "ReviewDecision_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "Request"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewDecision" ADD CONSTRAINT "ReviewDecision_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewReason" ADD CONSTRAINT "ReviewReason_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "ReviewDecision"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequestEvent" ADD CONSTRAINT "RequestEvent_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "Request"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NationalSync" ADD CONSTRAINT "NationalSync_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;
