import { requireAnySession } from '../auth.ts';
import type { ApiDeps } from '../deps.ts';
import { createRouter } from '../lib/create-router.ts';
import * as h from './sessions.handlers.ts';
import { changePasswordRoute, endSessionRoute, listSessionsRoute } from './sessions.routes.ts';

/** A signed-in person's own sessions and password. */
export function sessionsRouter(deps: ApiDeps) {
  const router = createRouter();
  router.use('/auth/sessions', requireAnySession(deps.tokens));
  router.use('/auth/sessions/*', requireAnySession(deps.tokens));
  router.use('/auth/password', requireAnySession(deps.tokens));
  return router
    .openapi(listSessionsRoute, h.listSessions(deps))
    .openapi(endSessionRoute, h.endSession(deps))
    .openapi(changePasswordRoute, h.changePassword(deps));
}
