import { createRoute, z } from '@hono/zod-openapi';
import { json, problemResponses, security } from '../lib/openapi.ts';

export const systemCheckRoute = createRoute({
  method: 'post',
  path: '/diagnostics/system-check',
  tags: ['operations'],
  summary: 'Runs a round-trip workflow: the worker stores an object in MinIO and writes a row in PostgreSQL',
  security,
  responses: {
    200: {
      description: 'the round trip completed',
      content: json(z.object({ workflowId: z.string(), objectKey: z.string(), rowId: z.string() }).openapi('SystemCheck')),
    },
    ...problemResponses({}, { secured: 'role' }),
  },
});
