import { createRoute, z } from '@hono/zod-openapi';
import { nationalEventSchema } from '../../national/events.ts';
import { json, problemResponses } from '../lib/openapi.ts';

export const nationalEventsRoute = createRoute({
  method: 'post',
  path: '/national/events',
  tags: ['national platform'],
  summary: 'Callback of the national platform: transfer events for this province (idempotent by eventId)',
  request: { body: { content: json(nationalEventSchema.meta({ id: 'NationalEvent' })), required: true } },
  responses: {
    200: {
      description: 'acknowledged',
      content: json(z.object({ acknowledged: z.literal(true), duplicate: z.boolean() }).openapi('NationalEventAcknowledged')),
    },
    ...problemResponses({ 404: ['unknown-transfer'], 422: ['not-this-province', 'event-not-confirmed'] }, { body: true }),
  },
});
