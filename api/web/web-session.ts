import { createHmac, createHash, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { problem } from '../problem.ts';

/**
 * Browser sessions: the session token rides in an HttpOnly, SameSite=Strict cookie (Secure over HTTPS);
 * API clients keep the bearer token. A cookie comes with every request the browser makes, so each
 * state-changing call made with it must prove it comes from these pages: its Origin (or Sec-Fetch-Site)
 * is this site's, and it echoes the CSRF token — readable by the pages only — in X-CSRF-Token.
 */
export const WEB_SESSION_COOKIE = 'session';
export const CSRF_COOKIE = 'csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const isStateChanging = (method: string) => !SAFE_METHODS.has(method.toUpperCase());

/** The CSRF token is bound to the session: an HMAC of the session token, so a planted cookie is worthless. */
export function csrfTokenOf(secret: string, sessionToken: string): string {
  return createHmac('sha256', secret).update(`csrf:${sessionToken}`).digest('base64url');
}

function isHttps(c: Context, publicUrl: string | undefined, trustProxy: boolean): boolean {
  if (publicUrl?.startsWith('https:')) return true;
  if (trustProxy && c.req.header('x-forwarded-proto') === 'https') return true;
  return new URL(c.req.url).protocol === 'https:';
}

export interface WebSessionConfig {
  secret: string;
  publicUrl?: string;
  trustProxy: boolean;
}

export function setWebSession(c: Context, cfg: WebSessionConfig, token: string, expiresAt: string): string {
  const secure = isHttps(c, cfg.publicUrl, cfg.trustProxy);
  const expires = new Date(expiresAt);
  const csrf = csrfTokenOf(cfg.secret, token);
  setCookie(c, WEB_SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Strict', secure, path: '/', expires });
  // Readable by the pages' script (not HttpOnly): they echo it in X-CSRF-Token.
  setCookie(c, CSRF_COOKIE, csrf, { httpOnly: false, sameSite: 'Strict', secure, path: '/', expires });
  return csrf;
}

export function clearWebSession(c: Context, cfg: WebSessionConfig) {
  const secure = isHttps(c, cfg.publicUrl, cfg.trustProxy);
  deleteCookie(c, WEB_SESSION_COOKIE, { path: '/', secure, httpOnly: true, sameSite: 'Strict' });
  deleteCookie(c, CSRF_COOKIE, { path: '/', secure, sameSite: 'Strict' });
}

export const webSessionToken = (c: Context) => getCookie(c, WEB_SESSION_COOKIE);

const csrfRefused = (rule: string, en: string, zh: string) => problem('csrf-refused', 403, en, zh, { rule });

/** This site's origins: the request's own, and PUBLIC_URL's when one is configured (behind a proxy). */
function ownOrigins(c: Context, publicUrl: string | undefined): Set<string> {
  const origins = new Set([new URL(c.req.url).origin]);
  if (publicUrl) origins.add(new URL(publicUrl).origin);
  const host = c.req.header('host');
  if (host) {
    origins.add(`http://${host}`);
    origins.add(`https://${host}`);
  }
  return origins;
}

/** Refuses a call from another site: the Origin must be this site's; without Origin, Sec-Fetch-Site must say so. */
export function checkSameOrigin(c: Context, publicUrl: string | undefined) {
  const origin = c.req.header('origin');
  if (origin) {
    if (!ownOrigins(c, publicUrl).has(origin)) {
      throw csrfRefused('csrf.origin', 'The request comes from another site', '请求来自其他网站，已拒绝');
    }
    return;
  }
  const site = c.req.header('sec-fetch-site');
  if (site !== 'same-origin' && site !== 'none') {
    throw csrfRefused('csrf.origin', 'The request does not say it comes from this site', '无法确认请求来自本网站，已拒绝');
  }
}

/** For a state-changing call authenticated by the session cookie: same origin, and the session's CSRF token echoed. */
export function checkCsrf(c: Context, cfg: WebSessionConfig, sessionToken: string) {
  checkSameOrigin(c, cfg.publicUrl);
  const sent = c.req.header(CSRF_HEADER) ?? '';
  const expected = csrfTokenOf(cfg.secret, sessionToken);
  const a = createHash('sha256').update(sent).digest();
  const b = createHash('sha256').update(expected).digest();
  if (!sent || !timingSafeEqual(a, b)) {
    throw csrfRefused('csrf.token', 'The CSRF token is missing or wrong; reload the page', '安全校验令牌缺失或不正确，请刷新页面后重试');
  }
}
