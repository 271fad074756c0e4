import { createRoute, z } from '@hono/zod-openapi';
import { json, problemResponses, security } from '../lib/openapi.ts';

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'a UUID');

const Entry = z
  .object({
    id: z.string(),
    at: z.string(),
    userId: z.string(),
    username: z.string().nullable(),
    role: z.string(),
    resource: z.string(),
    requestId: z.string().nullable(),
    personId: z.string().nullable(),
    materialKind: z.string().nullable(),
    reason: z.string().openapi({ example: '复核' }),
  })
  .openapi('AccessLogEntry');

export const accessLogRoute = createRoute({
  method: 'get',
  path: '/admin/access-log',
  tags: ['administration'],
  summary: "Who read which person's data or request, when and why; newest first",
  security,
  request: {
    query: z.object({
      page: z.coerce.number().int().min(1).max(10_000).default(1),
      pageSize: z.coerce.number().int().min(1).max(200).default(50),
      userId: uuid.optional().openapi({ description: 'only reads by this user' }),
      requestId: uuid.optional().openapi({ description: 'only reads of this request' }),
      personId: uuid.optional().openapi({ description: "only reads of this person's record" }),
    }),
  },
  responses: {
    200: {
      description: 'one page of the access log',
      content: json(
        z.object({ page: z.number(), pageSize: z.number(), total: z.number(), items: z.array(Entry) }).openapi('AccessLogPage'),
      ),
    },
    ...problemResponses({}, { secured: 'role', query: true }),
  },
});
