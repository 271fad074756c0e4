import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_DIST } from '../../api/web/static.ts';
import { testContext, type TestContext } from '../support/context.ts';

// The built pages (infra/test.sh runs infra/build-web.sh before the suite).
let ctx: TestContext;
let asset: string;
beforeAll(async () => {
  ctx = await testContext();
  const files = await readdir(join(WEB_DIST, 'assets'));
  asset = files.find((f) => f.endsWith('.js'))!;
});
afterAll(() => ctx.close());

const html = { accept: 'text/html,application/xhtml+xml' };

describe('the web pages, served by the API', () => {
  it('serves index.html at / uncached, with a CSP that allows no inline script and no framing', async () => {
    const res = await ctx.app.request('/', { headers: html });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const csp = res.headers.get('content-security-policy')!;
    const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src'))!;
    expect(scriptSrc.trim()).toBe("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-eval/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).toMatch(/object-src 'none'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    const body = await res.text();
    expect(body).toContain('<div id="root">');
    // Every script of the page is a file of this origin: nothing inline for the CSP to block.
    const scripts = [...body.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, inner] of scripts) {
      expect(attrs).toMatch(/src="\/assets\//);
      expect(inner!.trim()).toBe('');
    }
    expect(body).toBe(await readFile(join(WEB_DIST, 'index.html'), 'utf8'));
  });

  it('sends the pages gzipped to a browser that accepts it', async () => {
    const res = await ctx.app.request(`/assets/${asset}`, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('vary')).toMatch(/accept-encoding/i);
    const zipped = new Uint8Array(await res.arrayBuffer());
    expect(gunzipSync(zipped).equals(await readFile(join(WEB_DIST, 'assets', asset)))).toBe(true);
  });

  it("answers a browser's navigation to any page of the app with index.html (the pages route themselves)", async () => {
    for (const path of ['/sign-in', '/applicant/collection', '/review', '/console/statistics']) {
      const res = await ctx.app.request(path, { headers: html });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('caches hashed assets for a year, and answers a missing one with 404, not the page', async () => {
    const res = await ctx.app.request(`/assets/${asset}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const missing = await ctx.app.request('/assets/nothing-here-0000.js', { headers: html });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/problem\+json/);
    const traversal = await ctx.app.request('/assets/..%2f..%2fpackage.json');
    expect(traversal.status).toBe(404);
  });

  it('leaves the API as it was: its answers, its 401s and its 404 problems', async () => {
    const unknown = await ctx.app.request('/no-such-endpoint', { headers: { accept: 'application/json' } });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/problem\+json/);
    const post = await ctx.app.request('/no-such-endpoint', { method: 'POST', headers: html });
    expect(post.status).toBe(404);
    expect(post.headers.get('content-type')).toMatch(/problem\+json/);
    const guarded = await ctx.app.request('/requests', { headers: html });
    expect(guarded.status).toBe(401);
    expect(guarded.headers.get('content-type')).toMatch(/problem\+json/);
    const doc = await ctx.app.request('/openapi.json', { headers: html });
    expect(doc.headers.get('content-type')).toMatch(/application\/json/);
    const health = await ctx.app.request('/healthz');
    expect(health.status).toBe(200);
  });
});
