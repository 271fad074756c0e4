import { createRoute, z } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import { createRouter } from '../lib/create-router.ts';
import { problemResponses } from '../lib/openapi.ts';
import type { ApiDeps } from '../deps.ts';
import { clientAddress, createSignIn, signedInUserOf } from '../auth/sign-in.ts';
import { type AuthEnv, requireAnySession } from '../auth.ts';
import { sendProblem } from '../problem.ts';
import { Credentials, SignedInUser } from '../auth/auth.routes.ts';
import { type WebSessionConfig, checkSameOrigin, clearWebSession, setWebSession, webSessionToken } from './web-session.ts';

/** Puts the browser-session configuration on every request, for the auth middleware's cookie path. */
export function webSessionContext(deps: ApiDeps) {
  const cfg: WebSessionConfig = { secret: deps.env.AUTH_SECRET, publicUrl: deps.env.PUBLIC_URL, trustProxy: deps.env.TRUST_PROXY };
  return createMiddleware<AuthEnv>(async (c, next) => {
    c.set('webSession', cfg);
    await next();
  });
}

const WebSession = z
  .object({ expiresAt: z.string(), csrfToken: z.string().describe('echo in X-CSRF-Token on state-changing calls'), user: SignedInUser })
  .openapi('WebSession');
const SessionUser = z.object({ user: SignedInUser }).openapi('SessionUser');

export const webSignInRoute = createRoute({
  method: 'post',
  path: '/auth/web-session',
  tags: ['accounts'],
  summary: 'Sign in from the web pages: sets an HttpOnly session cookie and a readable CSRF cookie (no token in the body)',
  description:
    'The session cookie is HttpOnly, SameSite=Strict, Secure over HTTPS. Every state-changing call made with it must come from this site ' +
    "(Origin or Sec-Fetch-Site) and carry the csrf cookie's value in X-CSRF-Token; otherwise 403 csrf-refused. Same limits as /auth/login.",
  request: { body: { content: { 'application/json': { schema: Credentials } }, required: true } },
  responses: {
    200: { description: 'signed in; cookies set', content: { 'application/json': { schema: WebSession } } },
    // Wrong password, unknown username and a locked account answer the same; 429 carries Retry-After;
    // a call from another site is refused (csrf.origin).
    ...problemResponses({ 401: ['invalid-credentials'], 403: ['csrf-refused'], 429: ['too-many-attempts'] }, { body: true }),
  },
});

export const sessionRoute = createRoute({
  method: 'get',
  path: '/auth/session',
  tags: ['accounts'],
  summary: 'Who is signed in (by bearer token or session cookie)',
  security: [{ bearer: [] }],
  responses: {
    200: { description: 'the signed-in user', content: { 'application/json': { schema: SessionUser } } },
    ...problemResponses({}, { secured: true }),
  },
});

export const signOutRoute = createRoute({
  method: 'post',
  path: '/auth/sign-out',
  tags: ['accounts'],
  summary: 'Sign out of the web pages: ends the session on the server and clears its cookies',
  responses: {
    204: { description: 'signed out' },
    // A call from another site, or without the CSRF token, is refused.
    ...problemResponses({ 403: ['csrf-refused'] }),
  },
});

export function webSessionRoutes(deps: ApiDeps) {
  const signIn = createSignIn(deps);
  const cfg: WebSessionConfig = { secret: deps.env.AUTH_SECRET, publicUrl: deps.env.PUBLIC_URL, trustProxy: deps.env.TRUST_PROXY };
  const router = createRouter();
  router.use('/auth/session', requireAnySession(deps.tokens));
  // Signing out needs a valid session (and so the CSRF checks), except that an expired or ended one just has its cookies cleared.
  router.use('/auth/sign-out', async (c, next) => {
    const token = webSessionToken(c);
    if (token && (await deps.tokens.verify(token))) return requireAnySession(deps.tokens)(c, next);
    await next();
  });
  return router
    .openapi(webSignInRoute, async (c) => {
      // Signing in from another site would plant that site's chosen account in this browser (login CSRF).
      checkSameOrigin(c, deps.env.PUBLIC_URL);
      try {
        const session = await signIn(c.req.valid('json'), clientAddress(c, deps.env.TRUST_PROXY), {
          kind: 'web',
          userAgent: c.req.header('user-agent'),
        });
        const csrfToken = setWebSession(c, cfg, session.token, session.expiresAt);
        c.header('Cache-Control', 'no-store');
        return c.json({ expiresAt: session.expiresAt, csrfToken, user: session.user }, 200);
      } catch (e) {
        const p = (e as { problem?: { status: number; retryAfterSeconds?: number } }).problem;
        if (p?.status !== 429) throw e;
        c.header('Retry-After', String(p.retryAfterSeconds));
        return sendProblem(c, (e as { problem: Parameters<typeof sendProblem>[1] }).problem) as never;
      }
    })
    .openapi(sessionRoute, async (c) => {
      const vars = c as unknown as { get(k: 'actor'): AuthEnv['Variables']['actor']; get(k: 'mustChangePassword'): boolean };
      const actor = vars.get('actor');
      c.header('Cache-Control', 'no-store');
      return c.json({ user: signedInUserOf(actor, vars.get('mustChangePassword')) }, 200);
    })
    .openapi(signOutRoute, async (c) => {
      // Set by the session check above when the cookie's session is live: it ends on the server.
      const ctx = c as unknown as { get(k: 'actor'): AuthEnv['Variables']['actor'] | undefined; get(k: 'sessionId'): string | undefined };
      const actor = ctx.get('actor');
      const sessionId = ctx.get('sessionId');
      if (actor && sessionId) await deps.tokens.end(actor.userId, sessionId);
      clearWebSession(c, cfg);
      return c.body(null, 204);
    });
}
