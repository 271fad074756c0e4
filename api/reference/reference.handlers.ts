import type { RouteHandler } from '@hono/zod-openapi';
import { districtsOf, provinces } from '../../domain/districts.ts';
import { type EnumEntry, enumerations } from '../../domain/enums.ts';
import type { ApiDeps } from '../deps.ts';
import type { AppEnv } from '../lib/create-router.ts';
import { problems } from '../problem.ts';
import type * as r from './reference.routes.ts';

const lists: Record<string, readonly EnumEntry[]> = enumerations;

export const listEnumerations: RouteHandler<typeof r.enumerationsRoute, AppEnv> = (c) =>
  c.json(Object.fromEntries(Object.entries(lists).map(([k, v]) => [k, [...v]])), 200);

export const oneEnumeration: RouteHandler<typeof r.enumerationRoute, AppEnv> = (c) => {
  const { name } = c.req.valid('param');
  const list = Object.hasOwn(lists, name) ? lists[name] : undefined;
  if (!list) throw problems.notFound(`The enumeration ${name}`, `枚举 ${name}`);
  return c.json([...list], 200);
};

export const listDistricts =
  (deps: ApiDeps): RouteHandler<typeof r.districtsRoute, AppEnv> =>
  (c) =>
    c.json({ provinceCode: deps.env.PROVINCE_CODE, districts: [...districtsOf(deps.env.PROVINCE_CODE)] }, 200);

export const listProvinces: RouteHandler<typeof r.provincesRoute, AppEnv> = (c) => c.json([...provinces()], 200);
