import { SignJWT, jwtVerify } from 'jose';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { Actor } from '../workflows/messages.ts';
import { problems } from './problem.ts';
import { type WebSessionConfig, checkCsrf, isStateChanging, signedOut, webSessionToken } from './web/web-session.ts';

/** Signed session tokens (HS256) carrying the user's id, role and district; they expire. */
export function createTokens(secret: string, ttlSeconds: number) {
  const key = new TextEncoder().encode(secret);
  return {
    async issue(actor: Actor): Promise<{ token: string; expiresAt: string }> {
      const exp = Math.floor(Date.now() / 1000) + ttlSeconds;
      const token = await new SignJWT({ role: actor.role, district: actor.districtCode })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(actor.userId)
        .setIssuedAt()
        .setExpirationTime(exp)
        .sign(key);
      return { token, expiresAt: new Date(exp * 1000).toISOString() };
    },
    async verify(token: string): Promise<Actor | null> {
      try {
        const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'] });
        const role = payload.role;
        if (typeof payload.sub !== 'string' || (role !== 'applicant' && role !== 'reviewer' && role !== 'admin')) return null;
        return { userId: payload.sub, role, districtCode: typeof payload.district === 'string' ? payload.district : undefined };
      } catch {
        return null;
      }
    },
  };
}
export type Tokens = ReturnType<typeof createTokens>;

export type AuthEnv = { Variables: { actor: Actor; webSession?: WebSessionConfig } };

/** Requires a valid token and one of the roles; puts the actor on the context. */
export function requireRole(tokens: Tokens, ...roles: Actor['role'][]) {
  return requireSession(tokens, {}, ...roles);
}

/**
 * As requireRole, and with `cookie`, a session token may also come in that cookie: for browsers that
 * cannot send an Authorization header (the Temporal Web UI calling the codec endpoint).
 * Without an Authorization header, the web pages' session cookie is accepted too; a state-changing
 * call made with it must pass the CSRF checks.
 */
export function requireSession(tokens: Tokens, opts: { cookie?: string }, ...roles: Actor['role'][]) {
  return createMiddleware<AuthEnv>(async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    let token = m?.[1] ?? (opts.cookie && !header ? getCookie(c, opts.cookie) : undefined);
    const web = c.get('webSession');
    if (!token && !header && web) {
      const cookieToken = webSessionToken(c);
      if (cookieToken && !signedOut.isEnded(cookieToken)) {
        if (isStateChanging(c.req.method)) checkCsrf(c, web, cookieToken);
        token = cookieToken;
      }
    }
    const actor = token ? await tokens.verify(token) : null;
    if (!actor) throw problems.unauthenticated();
    // Set before the role check, so a refusal is logged with who was refused.
    c.set('actor', actor);
    if (roles.length && !roles.includes(actor.role)) throw problems.forbidden();
    await next();
  });
}
