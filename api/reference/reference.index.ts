import type { ApiDeps } from '../deps.ts';
import { createRouter } from '../lib/create-router.ts';
import * as h from './reference.handlers.ts';
import * as r from './reference.routes.ts';

export function referenceRouter(deps: ApiDeps) {
  return createRouter()
    .openapi(r.enumerationsRoute, h.listEnumerations)
    .openapi(r.enumerationRoute, h.oneEnumeration)
    .openapi(r.districtsRoute, h.listDistricts(deps))
    .openapi(r.provincesRoute, h.listProvinces);
}
