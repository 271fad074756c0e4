/** Test controls: faults injected into /v1/* (not part of the platform interface). */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { FaultInjector } from '../faults.ts';
import { json, jsonBody, problem } from '../http.ts';
import { FaultsBody, FaultsSchema } from '../schemas.ts';

export function faultRoutes(app: OpenAPIHono, { faults }: { faults: FaultInjector }): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/admin/faults',
      tags: ['admin'],
      summary: 'Current injected faults',
      responses: { 200: json(FaultsSchema, 'Faults') },
    }),
    (c) => c.json(faults.get(), 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/admin/faults',
      tags: ['admin'],
      summary: 'Inject faults into /v1/* (latency, a share of 503s, or down)',
      description: 'No Idempotency-Key needed: setting faults is a test control, not a platform call.',
      request: { body: jsonBody(FaultsBody) },
      responses: { 200: json(FaultsSchema, 'Faults now in force'), 400: problem('Invalid faults') },
    }),
    (c) => c.json(faults.set(c.req.valid('json')), 200),
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/admin/faults',
      tags: ['admin'],
      summary: 'Remove every injected fault',
      responses: { 200: json(FaultsSchema, 'No faults') },
    }),
    (c) => c.json(faults.reset(), 200),
  );
}
