import { requireRole } from '../auth.ts';
import type { ApiDeps } from '../deps.ts';
import { createRouter } from '../lib/create-router.ts';
import * as h from './access-log.handlers.ts';
import { accessLogRoute } from './access-log.routes.ts';

export function accessLogRouter(deps: ApiDeps) {
  const router = createRouter();
  router.use('/admin/access-log', requireRole(deps.tokens, 'admin'));
  return router.openapi(accessLogRoute, h.readAccessLog(deps));
}
