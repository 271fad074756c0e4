import { requireRole } from '../../auth.ts';
import type { ApiDeps } from '../../deps.ts';
import { createRouter } from '../../lib/create-router.ts';
import * as h from './continuing-education.handlers.ts';
import { importRoute } from './continuing-education.routes.ts';

/** The file's size is limited (IMPORT_MAX_BYTES) with every other body, in api/limits.ts. */
export function continuingEducationImportRouter(deps: ApiDeps) {
  const router = createRouter();
  router.post('/admin/continuing-education/import', requireRole(deps.tokens, 'admin'));
  return router.openapi(importRoute, h.importFile(deps));
}
