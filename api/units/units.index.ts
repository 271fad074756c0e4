import { requireRole } from '../auth.ts';
import type { ApiDeps } from '../deps.ts';
import { createRouter } from '../lib/create-router.ts';
import * as h from './units.handlers.ts';
import {
  confirmEmploymentRoute,
  confirmUnitRoute,
  listUnitsRoute,
  myUnitRoute,
  registerUnitRoute,
  unitAccountantsRoute,
} from './units.routes.ts';

/** Employer units (用人单位): registration, their contact's view, confirmation by staff. */
export function unitsRouter(deps: ApiDeps) {
  const router = createRouter();
  router.use('/units/mine', requireRole(deps.tokens, 'employer'));
  router.use('/units/mine/*', requireRole(deps.tokens, 'employer'));
  router.use('/units', requireRole(deps.tokens, 'admin', 'reviewer'));
  router.use('/units/:unitId/confirm', requireRole(deps.tokens, 'admin', 'reviewer'));
  return router
    .openapi(registerUnitRoute, h.register(deps))
    .openapi(myUnitRoute, h.mine(deps))
    .openapi(unitAccountantsRoute, h.accountants(deps))
    .openapi(confirmEmploymentRoute, h.employment(deps))
    .openapi(listUnitsRoute, h.list(deps))
    .openapi(confirmUnitRoute, h.confirm(deps));
}
