import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createNationalApp, type NationalAppConfig } from '../../infra/national/app.ts';
import { NationalDb, dropDatabase } from '../../infra/national/db.ts';
import { startOutboxDelivery, type DeliveryConfig } from '../../infra/national/outbox.ts';

/** A fresh database for one test file; `drop` removes it. */
export async function createTestDb() {
  const url = `postgresql://postgres@127.0.0.1:5432/national_test_${randomBytes(5).toString('hex')}`;
  const db = await NationalDb.open(url);
  return {
    url,
    db,
    async drop() {
      await db.close().catch(() => {});
      await dropDatabase(url);
    },
  };
}

export const fastDelivery: DeliveryConfig = { pollIntervalMs: 20, baseDelayMs: 30, maxDelayMs: 200, timeoutMs: 2_000 };

/** The stand-in on a real port, with its outbox delivery running. */
export async function startStandIn(db: NationalDb, opts: { app?: NationalAppConfig; delivery?: DeliveryConfig } = {}) {
  const app = createNationalApp({ db, config: opts.app });
  const delivery = startOutboxDelivery(db, { ...fastDelivery, ...opts.delivery });
  const { server, url } = await new Promise<{ server: ReturnType<typeof serve>; url: string }>((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve({ server, url: `http://127.0.0.1:${info.port}` }),
    );
  });
  return {
    app,
    url,
    delivery,
    async close() {
      await delivery.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type Received = { headers: IncomingHttpHeaders; body: unknown };

/**
 * A province's callback endpoint. `answer` decides the status for each request (default 200);
 * every request is recorded, acknowledged or not.
 */
export async function startReceiver(answer: (req: Received, index: number) => number = () => 200) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = undefined;
      }
      const r: Received = { headers: req.headers, body };
      received.push(r);
      res.statusCode = answer(r, received.length - 1);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/national/events`,
    received,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export async function waitFor<T>(
  fn: () => Promise<T | undefined | false> | T | undefined | false,
  what: string,
  timeoutMs = 5_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A valid 18-character resident ID number (GB 11643) built from a 17-digit body. */
export function idNumber(body17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((s, ch, i) => s + Number(ch) * weights[i]!, 0);
  return body17 + '10X98765432'[sum % 11]!;
}

/** A distinct archive number per call, so tests in one file never share a person. */
export function newArchiveNo(): string {
  const seq = String(Math.floor(Math.random() * 1000)).padStart(3, '0');
  const day = String(1 + Math.floor(Math.random() * 28)).padStart(2, '0');
  const month = String(1 + Math.floor(Math.random() * 12)).padStart(2, '0');
  return idNumber(`110105${1950 + Math.floor(Math.random() * 50)}${month}${day}${seq}`);
}

/** A raw JSON call to the stand-in. */
export async function call(
  base: string | { request: (path: string, init?: RequestInit) => Response | Promise<Response> },
  method: string,
  path: string,
  body?: unknown,
  key?: string,
) {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (key !== undefined) headers['idempotency-key'] = key;
  const init: RequestInit = { method, headers, body: body === undefined ? undefined : JSON.stringify(body) };
  const res = typeof base === 'string' ? await fetch(base + path, init) : await base.request(path, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as any };
}
