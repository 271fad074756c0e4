import type { ApiDeps } from '../deps.ts';
import { createRouter } from '../lib/create-router.ts';
import * as h from './national.handlers.ts';
import { nationalEventsRoute } from './national.routes.ts';

export function nationalRouter(deps: ApiDeps) {
  return createRouter().openapi(nationalEventsRoute, h.receiveEvent(deps));
}
