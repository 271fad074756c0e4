import type { RouteHandler } from '@hono/zod-openapi';
import type { ApiDeps } from '../../deps.ts';
import type { AppEnv } from '../../lib/create-router.ts';
import type { needsAttentionRoute } from './attention.routes.ts';
import type { NationalRefusal } from '../../../workflows/messages.ts';

export const listNeedsAttention =
  (deps: ApiDeps): RouteHandler<typeof needsAttentionRoute, AppEnv> =>
  async (c) => {
    const { district } = c.req.valid('query');
    const rows = await deps.db.request.findMany({
      where: { state: 'needsAttention', ...(district ? { districtCode: district } : {}) },
      orderBy: [{ updatedAt: 'asc' }, { id: 'asc' }],
      take: 500,
      select: { id: true, kind: true, districtCode: true, updatedAt: true, attention: true },
    });
    return c.json(
      rows.map((r) => ({
        requestId: r.id,
        kind: r.kind,
        districtCode: r.districtCode,
        since: r.updatedAt.toISOString(),
        problem: (r.attention as NationalRefusal | null) ?? null,
      })),
      200,
    );
  };
