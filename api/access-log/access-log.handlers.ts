import type { RouteHandler } from '@hono/zod-openapi';
import type { ApiDeps } from '../deps.ts';
import type { AppEnv } from '../lib/create-router.ts';
import type { accessLogRoute } from './access-log.routes.ts';

export const readAccessLog =
  (deps: ApiDeps): RouteHandler<typeof accessLogRoute, AppEnv> =>
  async (c) => {
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
  };
