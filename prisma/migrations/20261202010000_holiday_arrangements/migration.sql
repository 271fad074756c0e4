-- The State Council's holiday arrangements an administrator loads for a year not in the repository
-- (domain/calendar/holiday-arrangements.ts): working-day deadlines skip their holidays and count their 调休 weekends.
CREATE TABLE "HolidayArrangement" (
    "year" INTEGER NOT NULL,
    "holidays" JSONB NOT NULL,
    "workdays" JSONB NOT NULL,
    "source" TEXT NOT NULL,
    "loadedBy" TEXT NOT NULL,
    "loadedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HolidayArrangement_pkey" PRIMARY KEY ("year")
);
