-- Needs attention: a request whose national call the platform refused for good (a 409 such as
-- record-owned-elsewhere, any 4xx that cannot succeed on retry) waits for an administrator, with the
-- platform's problem kept beside it, instead of retrying forever.
ALTER TYPE "RequestState" ADD VALUE 'needsAttention';

ALTER TABLE "Request" ADD COLUMN "attention" JSONB;
