import { requireRole } from '../auth.ts';
import type { ApiDeps } from '../deps.ts';
import { createRouter } from '../lib/create-router.ts';
import * as h from './staff.handlers.ts';
import {
  accountChangesRoute,
  changeStaffRoute,
  createStaffRoute,
  disableStaffRoute,
  enableStaffRoute,
  listStaffRoute,
  resetStaffPasswordRoute,
} from './staff.routes.ts';

/** Administrators run the staff accounts. */
export function staffRouter(deps: ApiDeps) {
  const router = createRouter();
  router.use('/admin/staff', requireRole(deps.tokens, 'admin'));
  router.use('/admin/staff/*', requireRole(deps.tokens, 'admin'));
  router.use('/admin/account-changes', requireRole(deps.tokens, 'admin'));
  return router
    .openapi(listStaffRoute, h.list(deps))
    .openapi(createStaffRoute, h.create(deps))
    .openapi(changeStaffRoute, h.change(deps))
    .openapi(disableStaffRoute, h.disable(deps))
    .openapi(enableStaffRoute, h.enable(deps))
    .openapi(resetStaffPasswordRoute, h.resetPassword(deps))
    .openapi(accountChangesRoute, h.accountChanges(deps));
}
