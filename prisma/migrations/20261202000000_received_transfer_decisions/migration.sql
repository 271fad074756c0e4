-- A transfer another province sent here is accepted or refused (with the reason the origin is told),
-- not approved or returned for a correction nobody here can make.
ALTER TYPE "ReviewOutcome" ADD VALUE IF NOT EXISTS 'accepted';
ALTER TYPE "ReviewOutcome" ADD VALUE IF NOT EXISTS 'refused';
