import { z } from '@hono/zod-openapi';

/**
 * How a staff read of personal data names its reason, as the OpenAPI document shows it: `?reason=` or
 * `X-Access-Reason` (read and checked by accessReasonOf in record-access.ts).
 */
export const AccessReason = {
  query: z.object({
    reason: z.string().optional().openapi({ description: "why staff read this (access log); default 'review'", example: '复核' }),
  }),
  headers: z.object({
    'x-access-reason': z.string().optional().openapi({ description: 'why staff read this (access log), percent-encoded UTF-8' }),
  }),
};
export const accessReasonProblems = { 400: ['access-reason-invalid'] };
