/** The province registry: who takes part, where their events go, and the events addressed to them. */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { NationalDb } from '../db.ts';
import { commonProblems, fail, json, jsonBody, problem, provinceParam } from '../http.ts';
import type { Idempotent } from '../idempotency.ts';
import { EventRowSchema, IdempotencyHeaders, ProvinceSchema, RegisterProvinceBody } from '../schemas.ts';
import { eventOut, provinceOut } from '../wire.ts';

export function provinceRoutes(app: OpenAPIHono, { db, idempotent }: { db: NationalDb; idempotent: Idempotent }): void {
  app.openapi(
    createRoute({
      method: 'put',
      path: '/v1/provinces/{province}',
      tags: ['provinces'],
      summary: 'Register a province and its callback URL',
      description: 'Idempotent; a new callback URL replaces the old one and makes waiting events due at once.',
      request: { params: provinceParam, headers: IdempotencyHeaders, body: jsonBody(RegisterProvinceBody) },
      responses: {
        200: json(ProvinceSchema, 'Registered'),
        ...commonProblems,
        422: problem('Idempotency-Key reused for a different request'),
      },
    }),
    async (c) => {
      const { province } = c.req.valid('param');
      const body = c.req.valid('json');
      const key = c.req.valid('header')['idempotency-key'];
      const r = await idempotent(c, province, key, body, async (q) => {
        const row = await q.upsertProvince(province, body.callbackUrl);
        await q.expeditePending(province);
        return { status: 200, body: provinceOut(row!) };
      });
      return c.json(r.body, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/provinces/{province}',
      tags: ['provinces'],
      summary: 'A registered province',
      request: { params: provinceParam },
      responses: { 200: json(ProvinceSchema, 'The registration'), 404: problem('Not registered'), ...commonProblems },
    }),
    async (c) => {
      const { province } = c.req.valid('param');
      const row = await db.getProvince(province);
      if (!row) fail('not-found', `Province ${province} is not registered.`, `省份 ${province} 未注册。`);
      return c.json(provinceOut(row), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/provinces/{province}/events',
      tags: ['provinces'],
      summary: 'Events addressed to a province, with their delivery state',
      request: { params: provinceParam, query: z.object({ status: z.enum(['pending', 'delivered']).optional() }) },
      responses: { 200: json(z.object({ events: z.array(EventRowSchema) }), 'Oldest first'), ...commonProblems },
    }),
    async (c) => {
      const { province } = c.req.valid('param');
      const { status } = c.req.valid('query');
      const rows = await db.listEvents(province, status);
      return c.json({ events: rows.map(eventOut) }, 200);
    },
  );
}
