import { createRoute, z } from '@hono/zod-openapi';
import { districtsOf, provinces } from '../../../domain/districts.ts';
import { enumerations } from '../../../domain/enums.ts';
import { createRouter } from '../../app.ts';
import type { ApiDeps } from '../../deps.ts';
import { problems } from '../../problem.ts';

const Entry = z.object({ code: z.string(), zh: z.string(), en: z.string() }).passthrough();

export const enumerationsRoute = createRoute({
  method: 'get',
  path: '/reference/enumerations',
  tags: ['reference'],
  summary: 'Every enumeration of the information form (education levels, posts, ID types, ...)',
  responses: { 200: { description: 'by name', content: { 'application/json': { schema: z.record(z.string(), z.array(Entry)) } } } },
});

export const enumerationRoute = createRoute({
  method: 'get',
  path: '/reference/enumerations/{name}',
  tags: ['reference'],
  summary: 'One enumeration',
  request: {
    params: z.object({
      name: z
        .string()
        .max(64)
        .openapi({ param: { name: 'name', in: 'path' }, example: 'educationLevels' }),
    }),
  },
  responses: {
    200: { description: 'its entries', content: { 'application/json': { schema: z.array(Entry) } } },
    404: { description: 'no such enumeration' },
  },
});

export const districtsRoute = createRoute({
  method: 'get',
  path: '/reference/districts',
  tags: ['reference'],
  summary: "The configured province's county-level divisions (GB/T 2260)",
  responses: {
    200: {
      description: 'districts',
      content: { 'application/json': { schema: z.object({ provinceCode: z.string(), districts: z.array(Entry) }) } },
    },
  },
});

export const provincesRoute = createRoute({
  method: 'get',
  path: '/reference/provinces',
  tags: ['reference'],
  summary: 'Provincial-level divisions (for transfers)',
  responses: { 200: { description: 'provinces', content: { 'application/json': { schema: z.array(Entry) } } } },
});

export function referenceRoutes(deps: ApiDeps) {
  return createRouter()
    .openapi(enumerationsRoute, (c) => c.json(enumerations as unknown as Record<string, z.infer<typeof Entry>[]>, 200))
    .openapi(enumerationRoute, (c) => {
      const name = c.req.valid('param').name;
      const list = Object.hasOwn(enumerations, name) ? (enumerations as Record<string, unknown>)[name] : undefined;
      if (!list) throw problems.notFound(`The enumeration ${name}`, `枚举 ${name}`);
      return c.json(list as z.infer<typeof Entry>[], 200);
    })
    .openapi(districtsRoute, (c) =>
      c.json({ provinceCode: deps.env.PROVINCE_CODE, districts: districtsOf(deps.env.PROVINCE_CODE) as z.infer<typeof Entry>[] }, 200),
    )
    .openapi(provincesRoute, (c) => c.json([...provinces()] as unknown as z.infer<typeof Entry>[], 200));
}
