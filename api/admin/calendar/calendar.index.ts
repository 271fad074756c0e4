import { requireRole } from '../../auth.ts';
import type { ApiDeps } from '../../deps.ts';
import { createRouter } from '../../lib/create-router.ts';
import { listArrangements, loadArrangement } from './calendar.handlers.ts';
import { listArrangementsRoute, loadArrangementRoute } from './calendar.routes.ts';

/** The working-day calendar: the State Council's holiday arrangements, a new year loaded once published. */
export function holidayArrangementsRouter(deps: ApiDeps) {
  const router = createRouter();
  router.use('/admin/holiday-arrangements', requireRole(deps.tokens, 'admin'));
  router.use('/admin/holiday-arrangements/*', requireRole(deps.tokens, 'admin'));
  return router.openapi(listArrangementsRoute, listArrangements(deps)).openapi(loadArrangementRoute, loadArrangement(deps));
}
