import type { RouteHandler } from '@hono/zod-openapi';
import type { ApiDeps } from '../deps.ts';
import type { AppEnv } from '../lib/create-router.ts';
import type { systemCheckRoute } from './diagnostics.routes.ts';
import { runSystemCheck } from './system-check.ts';

export const systemCheck =
  (deps: ApiDeps): RouteHandler<typeof systemCheckRoute, AppEnv> =>
  async (c) =>
    c.json(await runSystemCheck(deps), 200);
