/** The events the stand-in posts to provinces' callback URLs, documented as webhooks (the outbox delivers them). */
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { EventPayloadSchema } from '../schemas.ts';

export function eventWebhooks(app: OpenAPIHono): void {
  app.openAPIRegistry.registerWebhook({
    method: 'post',
    path: 'transferEvent',
    summary: "Event posted to a province's callback URL",
    description:
      'Retried with exponential backoff until the province answers 2xx; the same event always carries the same ' +
      '`Idempotency-Key` (its eventId), so the province must treat repeats as one.',
    request: {
      headers: z.object({ 'idempotency-key': z.string().openapi({ description: 'The eventId' }) }),
      body: { required: true, content: { 'application/json': { schema: EventPayloadSchema } } },
    },
    responses: { 200: { description: 'Any 2xx acknowledges the event' } },
  });
}
