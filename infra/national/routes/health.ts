/** Liveness of the stand-in and its database. */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { NationalDb } from '../db.ts';
import { fail, json, problem } from '../http.ts';

export function healthRoutes(app: OpenAPIHono, { db }: { db: NationalDb }): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/healthz',
      tags: ['admin'],
      summary: 'Liveness and database check',
      responses: {
        200: json(z.object({ status: z.literal('ok') }), 'Up'),
        503: problem('Database unreachable'),
      },
    }),
    async (c) => {
      try {
        await db.ping();
      } catch {
        fail('service-unavailable', 'The database does not answer.', '数据库无响应。');
      }
      return c.json({ status: 'ok' as const }, 200);
    },
  );
}
