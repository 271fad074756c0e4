import { requireRole } from '../auth.ts';
import type { ApiDeps } from '../deps.ts';
import { createRouter } from '../lib/create-router.ts';
import * as h from './diagnostics.handlers.ts';
import { systemCheckRoute } from './diagnostics.routes.ts';

export function diagnosticsRouter(deps: ApiDeps) {
  const router = createRouter();
  router.use('/diagnostics/*', requireRole(deps.tokens, 'admin'));
  return router.openapi(systemCheckRoute, h.systemCheck(deps));
}
