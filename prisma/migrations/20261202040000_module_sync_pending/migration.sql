-- Module changes committed whose national upload could not be started yet (Temporal unreachable): kept until a
-- start succeeds, swept by the API, so the change still reaches the national platform.
CREATE TABLE "ModuleSyncPending" (
    "source" TEXT NOT NULL,
    "personIds" TEXT[],
    "kind" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ModuleSyncPending_pkey" PRIMARY KEY ("source")
);
