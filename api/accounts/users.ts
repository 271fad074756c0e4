/** Accounts live in api/auth/; this path is kept for callers that still import it. */
export * from '../auth/users.ts';
