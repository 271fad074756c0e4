import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpApplicant } from '../support/accounts.ts';
import { testContext, type TestContext } from '../support/context.ts';
import { validPhoto } from '../support/jpeg.ts';

let ctx: TestContext;
let applicant: { token: string; userId: string };
beforeAll(async () => {
  ctx = await testContext();
  applicant = await signUpApplicant(ctx);
});
afterAll(() => ctx.close());

async function draft() {
  const res = await ctx.call('POST', '/requests/collection', { token: applicant.token });
  return res.data.requestId as string;
}

/** 1 GiB of bytes made on demand, 64 KiB at a time, counting what the server pulls. */
function gigabyte() {
  const chunk = new Uint8Array(64 * 1024).fill(0xff);
  const state = { pulled: 0, cancelled: false };
  const total = 1024 ** 3;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= total) return controller.close();
      state.pulled += chunk.length;
      controller.enqueue(chunk);
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

const stored = async (id: string) => ({
  rows: await ctx.db.requestMaterial.count({ where: { requestId: id } }),
  objects: await ctx.storage.list(`requests/${id}/`),
});

describe('request bodies are limited while they stream in', () => {
  it('cuts a 1 GB material upload off at the limit, quickly, without buffering it, and stores nothing', async () => {
    const id = await draft();
    const { stream, state } = gigabyte();
    const started = Date.now();
    const res = await ctx.app.request(`/requests/${id}/materials/photo`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${applicant.token}`, 'content-type': 'image/jpeg' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    const elapsed = Date.now() - started;
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({
      type: expect.stringMatching(/material-too-large$/),
      rule: 'materials.tooLarge',
      detail_zh: expect.any(String),
    });
    expect(elapsed).toBeLessThan(3000);
    await new Promise((r) => setTimeout(r, 200));
    // Read up to the limit (50 KB) and a few chunks of stream buffering, not the gigabyte.
    expect(state.pulled).toBeLessThan(1024 * 1024);
    expect(await stored(id)).toEqual({ rows: 0, objects: [] });
  });

  it('does the same over a real socket: 413 at once, and the client stops sending long before 1 GB', async () => {
    const id = await draft();
    const { server, url } = await new Promise<{ server: ReturnType<typeof serve>; url: string }>((resolve) => {
      const server = serve({ fetch: ctx.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
        resolve({ server, url: `http://127.0.0.1:${info.port}` }),
      );
    });
    try {
      const { stream, state } = gigabyte();
      const started = Date.now();
      const res = await fetch(`${url}/requests/${id}/materials/photo`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${applicant.token}`, 'content-type': 'image/jpeg' },
        body: stream,
        duplex: 'half',
      } as RequestInit);
      expect(res.status).toBe(413);
      expect(Date.now() - started).toBeLessThan(3000);
      await res.text();
      await new Promise((r) => setTimeout(r, 500));
      // Socket buffers hold a few MB; nothing near the gigabyte was sent.
      expect(state.pulled).toBeLessThan(64 * 1024 * 1024);
      expect(await stored(id)).toEqual({ rows: 0, objects: [] });
    } finally {
      server.close();
    }
  });

  it('refuses a body whose declared length is over the limit before reading any of it', async () => {
    const id = await draft();
    const res = await ctx.app.request(`/requests/${id}/materials/photo`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${applicant.token}`, 'content-type': 'image/jpeg', 'content-length': String(1024 ** 3) },
      body: new Uint8Array(10),
    });
    expect(res.status).toBe(413);
    expect(await stored(id)).toEqual({ rows: 0, objects: [] });
  });

  it('limits every JSON body (256 KB by default), signed in or not', async () => {
    const id = await draft();
    const big = JSON.stringify({ name: 'x'.repeat(300 * 1024) });
    for (const [path, method, token] of [
      [`/requests/${id}/form/basic`, 'PUT', applicant.token],
      ['/auth/register', 'POST', undefined],
      ['/national/events', 'POST', undefined],
    ] as const) {
      const res = await ctx.call(method, path, { token, body: big, headers: { 'content-type': 'application/json' } });
      expect(res.status).toBe(413);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.data).toMatchObject({ type: expect.stringMatching(/body-too-large$/), status: 413 });
    }
    expect((await ctx.db.request.findUniqueOrThrow({ where: { id } })).form).toEqual({});
  });

  it('refuses text that cannot be stored (NUL, lone surrogates) anywhere in a JSON body, naming the field', async () => {
    const id = await draft();
    const cases = ['{"name":"张\\u0000伟"}', '{"name":"\\ud800"}', '{"a\\u0000":1}', '[[["\\udc00x"]]]'];
    for (const body of cases) {
      const res = await ctx.call('PUT', `/requests/${id}/form/basic`, {
        token: applicant.token,
        body,
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status).toBe(400);
      expect(res.data).toMatchObject({
        type: expect.stringMatching(/text-not-storable$/),
        rule: 'text.storable',
        detail_zh: expect.any(String),
      });
    }
    const malformed = await ctx.call('POST', '/auth/login', { body: '{"username": "a",', headers: { 'content-type': 'application/json' } });
    expect(malformed).toMatchObject({ status: 400, data: { type: expect.stringMatching(/malformed-json$/) } });
    const wrongType = await ctx.call('POST', '/auth/login', {
      body: 'username=a',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(wrongType).toMatchObject({ status: 415, data: { type: expect.stringMatching(/unsupported-media-type$/) } });
    expect((await ctx.db.request.findUniqueOrThrow({ where: { id } })).form).toEqual({});
  });

  it('never uses a file name as a path: the object key is built from the request, the kind and the content hash', async () => {
    const id = await draft();
    const res = await ctx.app.request(`/requests/${id}/materials/photo`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${applicant.token}`,
        'content-type': 'image/jpeg; name="../../etc/passwd"',
        'content-disposition': 'attachment; filename="../../../etc/passwd"',
      },
      body: new Uint8Array(await validPhoto()),
    });
    expect(res.status).toBe(200);
    const { sha256 } = await res.json();
    expect(await stored(id)).toEqual({ rows: 1, objects: [`requests/${id}/photo/${sha256}.jpg`] });
    const traversal = await ctx.app.request(`/requests/${id}/materials/..%2F..%2Fetc%2Fpasswd`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${applicant.token}`, 'content-type': 'image/jpeg' },
      body: new Uint8Array(await validPhoto()),
    });
    expect(traversal.status).toBe(400);
    expect((await stored(id)).objects).toHaveLength(1);
  });
});
