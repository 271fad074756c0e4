-- An employer unit's email address (optional): where its notifications are emailed besides the in-app list.
ALTER TABLE "EmployerUnit" ADD COLUMN "email" TEXT;
