import type { RouteHandler } from '@hono/zod-openapi';
import type { ApiDeps } from '../deps.ts';
import type { AppEnv } from '../lib/create-router.ts';
import { receiveNationalEvent } from './inbound.ts';
import type { nationalEventsRoute } from './national.routes.ts';

export const receiveEvent =
  (deps: ApiDeps): RouteHandler<typeof nationalEventsRoute, AppEnv> =>
  async (c) =>
    c.json(await receiveNationalEvent(deps, c.req.valid('json')), 200);
