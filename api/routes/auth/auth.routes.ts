import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../app.ts';
import type { ApiDeps } from '../../deps.ts';
import { clientAddress, createSignIn } from '../../accounts/sign-in.ts';
import { sendProblem } from '../../problem.ts';
import { register } from './auth.handlers.ts';

export const Credentials = z.object({
  username: z
    .string()
    .regex(/^[A-Za-z0-9_.@-]{3,64}$/, '3–64 letters, digits or _ . @ -')
    .openapi({ example: 'zhangsan' }),
  password: z.string().min(10, 'at least 10 characters').max(200).openapi({ example: 'correct horse battery' }),
});

export const Registration = Credentials.extend({
  displayName: z.string().trim().min(1).max(50).openapi({ example: '张三' }),
});

const Session = z.object({
  token: z.string(),
  expiresAt: z.string(),
  user: z.object({ id: z.string(), role: z.enum(['applicant', 'reviewer', 'admin']), districtCode: z.string().nullable() }),
});

const problemContent = { 'application/problem+json': { schema: z.object({ type: z.string(), detail: z.string() }).passthrough() } };

export const registerRoute = createRoute({
  method: 'post',
  path: '/auth/register',
  tags: ['accounts'],
  summary: 'Applicant self-registration (会计人员注册)',
  request: { body: { content: { 'application/json': { schema: Registration } }, required: true } },
  responses: {
    201: { description: 'registered', content: { 'application/json': { schema: z.object({ id: z.string(), username: z.string() }) } } },
    400: { description: 'invalid input', content: problemContent },
    409: { description: 'username taken', content: problemContent },
  },
});

export const loginRoute = createRoute({
  method: 'post',
  path: '/auth/login',
  tags: ['accounts'],
  summary: 'Sign in; answers a bearer token with an expiry',
  request: { body: { content: { 'application/json': { schema: Credentials } }, required: true } },
  responses: {
    200: { description: 'signed in', content: { 'application/json': { schema: Session } } },
    401: {
      description: 'wrong username or password, unknown username, or account locked after repeated failures: the same answer for each',
      content: problemContent,
    },
    429: {
      description: 'too many attempts for this username or from this address; Retry-After says when to try again',
      content: problemContent,
    },
  },
});

export function authRoutes(deps: ApiDeps) {
  const signIn = createSignIn(deps);
  return createRouter()
    .openapi(registerRoute, async (c) => c.json(await register(deps, c.req.valid('json')), 201))
    .openapi(loginRoute, async (c) => {
      try {
        return c.json(await signIn(c.req.valid('json'), clientAddress(c, deps.env.TRUST_PROXY)), 200);
      } catch (e) {
        const p = (e as { problem?: { status: number; retryAfterSeconds?: number } }).problem;
        if (p?.status !== 429) throw e;
        c.header('Retry-After', String(p.retryAfterSeconds));
        return sendProblem(c, (e as { problem: Parameters<typeof sendProblem>[1] }).problem) as never;
      }
    });
}
