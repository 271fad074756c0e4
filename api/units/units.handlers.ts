import type { RouteHandler } from '@hono/zod-openapi';
import type { ApiDeps } from '../deps.ts';
import type { AppEnv } from '../lib/create-router.ts';
import { confirmUnit, listUnits, registerUnit, unitOfContact, unitView } from './units.ts';
import type {
  confirmEmploymentRoute,
  confirmUnitRoute,
  listUnitsRoute,
  myUnitRoute,
  registerUnitRoute,
  unitAccountantsRoute,
} from './units.routes.ts';
import { unitAccountants } from './accountants.ts';
import { confirmEmployment } from './employment.ts';

export const register =
  (deps: ApiDeps): RouteHandler<typeof registerUnitRoute, AppEnv> =>
  async (c) =>
    c.json(await registerUnit(deps, c.req.valid('json')), 201);

export const mine =
  (deps: ApiDeps): RouteHandler<typeof myUnitRoute, AppEnv> =>
  async (c) =>
    c.json(unitView(await unitOfContact(deps, c.get('actor'))), 200);

export const list =
  (deps: ApiDeps): RouteHandler<typeof listUnitsRoute, AppEnv> =>
  async (c) =>
    c.json({ items: await listUnits(deps, c.get('actor'), c.req.valid('query').status) }, 200);

export const confirm =
  (deps: ApiDeps): RouteHandler<typeof confirmUnitRoute, AppEnv> =>
  async (c) =>
    c.json(await confirmUnit(deps, c.get('actor'), c.req.valid('param').unitId), 200);

export const accountants =
  (deps: ApiDeps): RouteHandler<typeof unitAccountantsRoute, AppEnv> =>
  async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(await unitAccountants(deps, c.get('actor'), c.req.valid('query').year), 200);
  };

export const employment =
  (deps: ApiDeps): RouteHandler<typeof confirmEmploymentRoute, AppEnv> =>
  async (c) =>
    c.json(await confirmEmployment(deps, c.get('actor'), c.req.valid('param').id), 200);
