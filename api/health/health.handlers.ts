import type { RouteHandler } from '@hono/zod-openapi';
import type { ApiDeps } from '../deps.ts';
import type { AppEnv } from '../lib/create-router.ts';
import type { healthzRoute, readyzRoute } from './health.routes.ts';
import { checkReadiness } from './readiness.ts';

export const healthz: RouteHandler<typeof healthzRoute, AppEnv> = (c) => c.json({ status: 'ok' as const }, 200);

export const readyz =
  (deps: ApiDeps): RouteHandler<typeof readyzRoute, AppEnv> =>
  async (c) => {
    const result = await checkReadiness(deps);
    return result.status === 'ready' ? c.json(result, 200) : c.json(result, 503);
  };
