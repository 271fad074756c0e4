import { requireRole } from '../../auth.ts';
import type { ApiDeps } from '../../deps.ts';
import { createRouter } from '../../lib/create-router.ts';
import { listNeedsAttention } from './attention.handlers.ts';
import { needsAttentionRoute } from './attention.routes.ts';

/** Requests that need an administrator: the platform refused one of their national calls for good. */
export function needsAttentionRouter(deps: ApiDeps) {
  const router = createRouter();
  router.use('/admin/requests/*', requireRole(deps.tokens, 'admin'));
  return router.openapi(needsAttentionRoute, listNeedsAttention(deps));
}
