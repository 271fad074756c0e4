import { createRoute, z } from '@hono/zod-openapi';
import { json, problemResponses } from '../lib/openapi.ts';

export const EnumEntry = z
  .object({ code: z.string(), zh: z.string(), en: z.string(), gb: z.string().optional() })
  .openapi('EnumEntry', { example: { code: 'bachelor', zh: '大学本科', en: "Bachelor's degree level" } });
const Province = z
  .object({ code: z.string(), zh: z.string(), en: z.string(), kind: z.enum(['mainland', 'residencePermit']) })
  .openapi('Province', { example: { code: '110000', zh: '北京市', en: 'Beijing', kind: 'mainland' } });
const District = z
  .object({ code: z.string(), zh: z.string(), en: z.string(), prefecture: z.string().optional() })
  .openapi('District', { example: { code: '110105', zh: '朝阳区', en: 'Chaoyang District' } });

export const enumerationsRoute = createRoute({
  method: 'get',
  path: '/reference/enumerations',
  tags: ['reference'],
  summary: 'Every enumeration of the information form (education levels, posts, ID types, ...)',
  responses: {
    200: { description: 'by name', content: json(z.record(z.string(), z.array(EnumEntry)).openapi('Enumerations')) },
    ...problemResponses({}),
  },
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
    200: { description: 'its entries', content: json(z.array(EnumEntry)) },
    ...problemResponses({ 404: ['not-found'] }, { query: true }),
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
      content: json(z.object({ provinceCode: z.string(), districts: z.array(District) }).openapi('Districts')),
    },
    ...problemResponses({}),
  },
});

export const provincesRoute = createRoute({
  method: 'get',
  path: '/reference/provinces',
  tags: ['reference'],
  summary: 'Provincial-level divisions (for transfers)',
  responses: { 200: { description: 'provinces', content: json(z.array(Province)) }, ...problemResponses({}) },
});
