import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { TestContext } from '../../support/context.ts';
import { freePort } from '../../support/ports.ts';

/**
 * The test's API (createApp, in this process) on a real port, so a browser can reach it: it serves the
 * built pages (web/dist) at / and the API beside them, as `infra/up.sh` runs it.
 */
export async function startWebServer(ctx: TestContext, port?: number) {
  const listenPort = port ?? (await freePort());
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: ctx.app.fetch, hostname: '127.0.0.1', port: listenPort }, () => resolve(s));
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
