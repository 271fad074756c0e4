import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { Db } from '../clients/db.ts';
import type { Env } from '../config/env.ts';
import { parseDeadline } from '../domain/deadlines.ts';
import type { Actor } from '../workflows/messages.ts';
import { type Sessions, createSessions } from './auth/sessions.ts';
import { problems, refusal } from './problem.ts';
import { type WebSessionConfig, checkCsrf, isStateChanging, webSessionToken } from './web/web-session.ts';

/** The deployment's session store, from SESSION_TTL (absolute lifetime) and SESSION_IDLE_TIMEOUT. */
export function createTokens(db: Db, env: Pick<Env, 'AUTH_SECRET' | 'SESSION_TTL' | 'SESSION_IDLE_TIMEOUT'>) {
  const ms = (text: string) => {
    const d = parseDeadline(text);
    return 'ms' in d ? d.ms : d.workingDays * 86_400_000;
  };
  return createSessions({ db, secret: env.AUTH_SECRET, lifetimeMs: ms(env.SESSION_TTL), idleMs: ms(env.SESSION_IDLE_TIMEOUT) });
}
export type Tokens = Sessions;

export type AuthEnv = { Variables: { actor: Actor; sessionId: string; mustChangePassword: boolean; webSession?: WebSessionConfig } };

const PEOPLE_AND_STAFF: Actor['role'][] = ['applicant', 'reviewer', 'admin'];

/** Requires a valid token and one of the roles (without roles: applicants and staff); puts the actor on the context. */
export function requireRole(tokens: Tokens, ...roles: Actor['role'][]) {
  return requireSession(tokens, {}, ...roles);
}

/** Any live session, also one that still has a one-time password: for setting one's own password, seeing who one is, signing out. */
export const requireAnySession = (tokens: Tokens) => requireSession(tokens, { pendingPassword: true });

/**
 * As requireRole, and with `cookie`, a session token may also come in that cookie: for browsers that
 * cannot send an Authorization header (the Temporal Web UI calling the codec endpoint).
 * Without an Authorization header, the web pages' session cookie is accepted too; a state-changing
 * call made with it must pass the CSRF checks. An account with a one-time password is refused everything
 * but what `pendingPassword` routes allow.
 */
export function requireSession(tokens: Tokens, opts: { cookie?: string; pendingPassword?: boolean }, ...roles: Actor['role'][]) {
  return createMiddleware<AuthEnv>(async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    let token = m?.[1] ?? (opts.cookie && !header ? getCookie(c, opts.cookie) : undefined);
    let viaWebCookie = false;
    const web = c.get('webSession');
    if (!token && !header && web) {
      token = webSessionToken(c);
      viaWebCookie = token !== undefined;
    }
    const session = token ? await tokens.verify(token) : null;
    if (!session) throw problems.unauthenticated();
    // A live session only: an ended cookie is not worth a CSRF refusal.
    if (viaWebCookie && web && token && isStateChanging(c.req.method)) checkCsrf(c, web, token);
    // Set before the role check, so a refusal is logged with who was refused.
    c.set('actor', session.actor);
    c.set('sessionId', session.sessionId);
    c.set('mustChangePassword', session.mustChangePassword);
    if (session.mustChangePassword && !opts.pendingPassword) throw refusal('password-change-required');
    // An employer unit's contact reaches only the routes that name its role (and the any-session ones).
    const allowed = roles.length ? roles : opts.pendingPassword ? null : PEOPLE_AND_STAFF;
    if (allowed && !allowed.includes(session.actor.role)) throw problems.forbidden();
    await next();
  });
}
