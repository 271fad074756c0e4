import { requireRole } from '../auth.ts';
import type { ApiDeps } from '../deps.ts';
import { createRouter } from '../lib/create-router.ts';
import * as h from './statistics.handlers.ts';
import * as r from './statistics.routes.ts';

export function statisticsRouter(deps: ApiDeps) {
  const router = createRouter();
  const auth = requireRole(deps.tokens);
  // Exact paths: other routers own /people/{personId}/….
  for (const path of ['/statistics', '/statistics/export', '/people', '/people/export']) router.use(path, auth);
  return router
    .openapi(r.statisticsRoute, h.statistics(deps))
    .openapi(r.statisticsExportRoute, h.statisticsExport(deps))
    .openapi(r.searchRoute, h.search(deps))
    .openapi(r.peopleExportRoute, h.peopleExport(deps));
}
