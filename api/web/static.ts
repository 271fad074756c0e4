import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Context, MiddlewareHandler } from 'hono';

/** Where Vite writes the built pages (web/vite.config.ts): `web/dist` at the repository root. */
export const WEB_DIST = resolve(fileURLToPath(new URL('../../web/dist', import.meta.url)));

/**
 * The pages' scripts come only from this origin (no inline script); Ant Design writes its styles into
 * <style> elements at run time, so inline styles are allowed. Nothing may frame the pages.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function setPageSecurityHeaders(c: Context) {
  c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'same-origin');
  c.header('X-Frame-Options', 'DENY');
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

async function fileIn(root: string, urlPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const full = normalize(join(root, decoded));
  if (full !== root && !full.startsWith(root + sep)) return null;
  try {
    return (await stat(full)).isFile() ? full : null;
  } catch {
    return null;
  }
}

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt', '.map']);
// Each file is gzipped once per version of it (a rebuild while the API runs replaces index.html in place).
const gzipped = new Map<string, { version: string; bytes: Uint8Array }>();

/** The file's bytes, gzipped when the browser accepts it and the type compresses. */
async function bodyOf(c: Context, file: string): Promise<Uint8Array> {
  const [bytes, info] = await Promise.all([readFile(file), stat(file)]);
  c.header('Vary', 'Accept-Encoding');
  if (!COMPRESSIBLE.has(extname(file)) || !/\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) return new Uint8Array(bytes);
  const version = `${info.mtimeMs}:${info.size}`;
  let cached = gzipped.get(file);
  if (cached?.version !== version) {
    cached = { version, bytes: new Uint8Array(gzipSync(bytes, { level: 9 })) };
    gzipped.set(file, cached);
  }
  c.header('Content-Encoding', 'gzip');
  return cached.bytes;
}

const acceptsHtml = (c: Context) => (c.req.header('accept') ?? '').includes('text/html');

/**
 * Serves the built web pages, after every API route: hashed files under /assets/ cached for a year
 * (their names change with their content), other files of the build as they are, and index.html —
 * never cached — for any other page a browser navigates to (the pages route themselves). Requests
 * that are not a browser's navigation fall through to the API's 404 problem.
 */
export function serveWeb(root: string = WEB_DIST): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const path = c.req.path;
    const file = path === '/' ? null : await fileIn(root, path);
    if (file && !file.endsWith(`${sep}index.html`)) {
      const body = await bodyOf(c, file);
      const immutable = path.startsWith('/assets/');
      c.header('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
      c.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
      c.header('X-Content-Type-Options', 'nosniff');
      return c.req.method === 'HEAD' ? c.body(null, 200) : c.body(body as Uint8Array<ArrayBuffer>, 200);
    }
    // A missing hashed asset is a 404, not the page: a stale page must not get HTML for its script.
    if (path.startsWith('/assets/') || (path !== '/' && !acceptsHtml(c))) return next();
    const index = await fileIn(root, '/index.html');
    if (!index) return next();
    setPageSecurityHeaders(c);
    c.header('Content-Type', 'text/html; charset=utf-8');
    c.header('Cache-Control', 'no-cache');
    const body = await bodyOf(c, index);
    return c.req.method === 'HEAD' ? c.body(null, 200) : c.body(body as Uint8Array<ArrayBuffer>, 200);
  };
}
