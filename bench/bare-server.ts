/** The floor for API latency: one Hono route on @hono/node-server, nothing behind it. */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.get('/ping', (c) => c.json({ ok: true }));
serve({ fetch: app.fetch, hostname: '127.0.0.1', port: Number(process.env.PORT ?? 0) }, (info) =>
  console.log(`bare route listening on ${info.port}`),
);
