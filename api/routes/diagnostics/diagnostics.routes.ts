import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../app.ts';
import { requireRole } from '../../auth.ts';
import type { ApiDeps } from '../../deps.ts';
import { runSystemCheck } from './diagnostics.handlers.ts';

export const systemCheckRoute = createRoute({
  method: 'post',
  path: '/diagnostics/system-check',
  tags: ['operations'],
  summary: 'Runs a round-trip workflow: the worker stores an object in MinIO and writes a row in PostgreSQL',
  security: [{ bearer: [] }],
  responses: {
    200: {
      description: 'the round trip completed',
      content: { 'application/json': { schema: z.object({ workflowId: z.string(), objectKey: z.string(), rowId: z.string() }) } },
    },
  },
});

export function diagnosticsRoutes(deps: ApiDeps) {
  const router = createRouter();
  router.use('/diagnostics/*', requireRole(deps.tokens, 'admin'));
  return router.openapi(systemCheckRoute, async (c) => c.json(await runSystemCheck(deps), 200));
}
