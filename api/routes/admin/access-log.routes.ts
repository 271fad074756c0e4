import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../app.ts';
import { requireRole } from '../../auth.ts';
import type { ApiDeps } from '../../deps.ts';

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'a UUID');
const Problem = z
  .object({ type: z.string(), title: z.string(), status: z.number(), detail: z.string(), detail_zh: z.string() })
  .passthrough();
const problemContent = { 'application/problem+json': { schema: Problem } };

const Entry = z.object({
  id: z.string(),
  at: z.string(),
  userId: z.string(),
  username: z.string().nullable(),
  role: z.string(),
  resource: z.string(),
  requestId: z.string().nullable(),
  personId: z.string().nullable(),
  materialKind: z.string().nullable(),
  reason: z.string(),
});

export const accessLogRoute = createRoute({
  method: 'get',
  path: '/admin/access-log',
  tags: ['administration'],
  summary: "Who read which person's data or request, when and why; newest first",
  security: [{ bearer: [] }],
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
      content: {
        'application/json': { schema: z.object({ page: z.number(), pageSize: z.number(), total: z.number(), items: z.array(Entry) }) },
      },
    },
    400: { description: 'invalid filter', content: problemContent },
    401: { description: 'not signed in', content: problemContent },
    403: { description: 'not an administrator', content: problemContent },
  },
});

export function adminRoutes(deps: ApiDeps) {
  const router = createRouter();
  router.use('/admin/*', requireRole(deps.tokens, 'admin'));
  return router.openapi(accessLogRoute, async (c) => {
    const { page, pageSize, userId, requestId, personId } = c.req.valid('query');
    const where = { ...(userId ? { userId } : {}), ...(requestId ? { requestId } : {}), ...(personId ? { personId } : {}) };
    const [total, rows] = await Promise.all([
      deps.db.accessLog.count({ where }),
      deps.db.accessLog.findMany({ where, orderBy: [{ at: 'desc' }, { id: 'desc' }], skip: (page - 1) * pageSize, take: pageSize }),
    ]);
    const users = await deps.db.user.findMany({
      where: { id: { in: [...new Set(rows.map((r) => r.userId))] } },
      select: { id: true, username: true },
    });
    const names = new Map(users.map((u) => [u.id, u.username]));
    return c.json(
      {
        page,
        pageSize,
        total,
        items: rows.map((r) => ({
          id: r.id,
          at: r.at.toISOString(),
          userId: r.userId,
          username: names.get(r.userId) ?? null,
          role: r.role,
          resource: r.resource,
          requestId: r.requestId,
          personId: r.personId,
          materialKind: r.materialKind,
          reason: r.reason,
        })),
      },
      200,
    );
  });
}
