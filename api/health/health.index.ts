import type { ApiDeps } from '../deps.ts';
import { createRouter } from '../lib/create-router.ts';
import * as h from './health.handlers.ts';
import { healthzRoute, readyzRoute } from './health.routes.ts';

export function healthRouter(deps: ApiDeps) {
  return createRouter().openapi(healthzRoute, h.healthz).openapi(readyzRoute, h.readyz(deps));
}
