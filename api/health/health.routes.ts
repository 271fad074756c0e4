import { createRoute, z } from '@hono/zod-openapi';
import { json, problemResponses } from '../lib/openapi.ts';

export const CheckResult = z
  .object({
    status: z.enum(['ready', 'not ready']),
    checks: z
      .record(z.string(), z.string())
      .openapi({ example: { postgres: 'ok', temporal: 'ok', minio: 'unavailable: connect ECONNREFUSED' } }),
  })
  .openapi('Readiness');

export const healthzRoute = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['operations'],
  summary: 'The process is alive',
  responses: {
    200: { description: 'alive', content: json(z.object({ status: z.literal('ok') }).openapi('Liveness')) },
    ...problemResponses({}),
  },
});

export const readyzRoute = createRoute({
  method: 'get',
  path: '/readyz',
  tags: ['operations'],
  summary: 'Ready only when PostgreSQL, Temporal and MinIO all answer; says which one does not',
  responses: {
    200: { description: 'ready', content: json(CheckResult) },
    ...problemResponses({}),
    503: { description: 'not ready: the checks say which service does not answer', content: json(CheckResult) },
  },
});
