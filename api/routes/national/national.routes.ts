import { createRoute, z } from '@hono/zod-openapi';
import { nationalEventSchema } from '../../../national/events.ts';
import { createRouter } from '../../app.ts';
import type { ApiDeps } from '../../deps.ts';
import { receiveNationalEvent } from '../../national/inbound.ts';

export const nationalEventsRoute = createRoute({
  method: 'post',
  path: '/national/events',
  tags: ['national platform'],
  summary: 'Callback of the national platform: transfer events for this province (idempotent by eventId)',
  request: { body: { content: { 'application/json': { schema: nationalEventSchema } }, required: true } },
  responses: {
    200: {
      description: 'acknowledged',
      content: { 'application/json': { schema: z.object({ acknowledged: z.literal(true), duplicate: z.boolean() }) } },
    },
    422: { description: 'not addressed to this province' },
  },
});

export function nationalRoutes(deps: ApiDeps) {
  return createRouter().openapi(nationalEventsRoute, async (c) => c.json(await receiveNationalEvent(deps, c.req.valid('json')), 200));
}
