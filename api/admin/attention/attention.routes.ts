import { createRoute, z } from '@hono/zod-openapi';
import { codesOf, requestKinds } from '../../../domain/enums.ts';
import { json, problemResponses, security } from '../../lib/openapi.ts';

const NationalRefusal = z
  .object({
    operation: z.string().openapi({ example: 'uploadRecord' }),
    status: z.number().int().openapi({ example: 409 }),
    code: z.string().openapi({ example: 'record-owned-elsewhere' }),
    title: z.string().optional(),
    detail: z.string().optional(),
    detail_zh: z.string().optional(),
  })
  .openapi('NationalRefusal');

const NeedsAttentionItem = z
  .object({
    requestId: z.string(),
    kind: z.enum(codesOf(requestKinds)),
    districtCode: z.string().nullable(),
    since: z.string().openapi({ description: 'when the platform refused the call' }),
    problem: NationalRefusal.nullable(),
  })
  .openapi('NeedsAttentionItem');

export const needsAttentionRoute = createRoute({
  method: 'get',
  path: '/admin/requests/needs-attention',
  summary: "Requests the national platform refused for good, each with the platform's problem, oldest first",
  tags: ['admin'],
  security,
  request: {
    query: z.object({
      district: z
        .string()
        .regex(/^\d{6}$/)
        .optional()
        .openapi({ example: '110105' }),
    }),
  },
  responses: {
    200: { description: 'at most 500', content: json(z.array(NeedsAttentionItem)) },
    ...problemResponses({}, { secured: 'role', query: true }),
  },
});
