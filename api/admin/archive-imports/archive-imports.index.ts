import { requireRole } from '../../auth.ts';
import type { ApiDeps } from '../../deps.ts';
import { createRouter } from '../../lib/create-router.ts';
import { archiveImportHandlers } from './archive-imports.handlers.ts';
import { getRoute, reportRoute, startRoute } from './archive-imports.routes.ts';

/** The upload's size is limited (ARCHIVE_IMPORT_MAX_BYTES) with every other body, in api/limits.ts. */
export function archiveImportRouter(deps: ApiDeps) {
  const router = createRouter();
  const h = archiveImportHandlers(deps);
  router.use('/admin/archive-imports', requireRole(deps.tokens, 'admin'));
  router.use('/admin/archive-imports/*', requireRole(deps.tokens, 'admin'));
  return router.openapi(startRoute, h.start).openapi(getRoute, h.get).openapi(reportRoute, h.report);
}
