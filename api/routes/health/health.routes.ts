import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../app.ts';
import type { ApiDeps } from '../../deps.ts';
import { checkReadiness } from './health.handlers.ts';

const CheckResult = z.object({ status: z.enum(['ready', 'not ready']), checks: z.record(z.string(), z.string()) });

export const healthz = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['operations'],
  summary: 'The process is alive',
  responses: { 200: { description: 'alive', content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } } } },
});

export const readyz = createRoute({
  method: 'get',
  path: '/readyz',
  tags: ['operations'],
  summary: 'Ready only when PostgreSQL, Temporal and MinIO all answer; says which one does not',
  responses: {
    200: { description: 'ready', content: { 'application/json': { schema: CheckResult } } },
    503: { description: 'not ready', content: { 'application/json': { schema: CheckResult } } },
  },
});

export function healthRoutes(deps: ApiDeps) {
  return createRouter()
    .openapi(healthz, (c) => c.json({ status: 'ok' as const }, 200))
    .openapi(readyz, async (c) => {
      const result = await checkReadiness(deps);
      return c.json(result, result.status === 'ready' ? 200 : 503);
    });
}
