import { createRoute, z } from '@hono/zod-openapi';
import { json, problemResponses } from '../lib/openapi.ts';

export const Credentials = z
  .object({
    username: z
      .string()
      .regex(/^[A-Za-z0-9_.@-]{3,64}$/, '3–64 letters, digits or _ . @ -')
      .openapi({ example: 'zhangsan' }),
    password: z.string().min(10, 'at least 10 characters').max(200).openapi({ example: 'correct horse battery' }),
  })
  .openapi('Credentials');

export const Registration = Credentials.extend({
  displayName: z.string().trim().min(1).max(50).openapi({ example: '张三' }),
}).openapi('Registration');

/** Who signed in, as the account is now. */
export const SignedInUser = z
  .object({
    id: z.string(),
    role: z.enum(['applicant', 'reviewer', 'admin', 'employer']).openapi({ description: 'employer: the contact of an employer unit' }),
    districtCode: z.string().nullable().openapi({ description: "a reviewer's first district" }),
    districtCodes: z.array(z.string()).openapi({ description: 'every district a reviewer reviews; empty for others' }),
    mustChangePassword: z.boolean().openapi({
      description: 'a one-time password: until POST /auth/password sets their own, every other call answers 403 password-change-required',
    }),
  })
  .openapi('SignedInUser');

const Session = z.object({ token: z.string(), expiresAt: z.string(), user: SignedInUser }).openapi('Session');

export const registerRoute = createRoute({
  method: 'post',
  path: '/auth/register',
  tags: ['accounts'],
  summary: 'Applicant self-registration (会计人员注册)',
  request: { body: { content: json(Registration), required: true } },
  responses: {
    201: { description: 'registered', content: json(z.object({ id: z.string(), username: z.string() }).openapi('RegisteredUser')) },
    ...problemResponses(
      { 400: ['password-too-short', 'password-like-username', 'password-too-common'], 409: ['username-taken'] },
      { body: true },
    ),
  },
});

export const loginRoute = createRoute({
  method: 'post',
  path: '/auth/login',
  tags: ['accounts'],
  summary: 'Sign in; answers a bearer token with an expiry',
  request: { body: { content: json(Credentials), required: true } },
  responses: {
    200: { description: 'signed in', content: json(Session) },
    // Wrong password, unknown username and a locked account answer the same; 429 carries Retry-After.
    ...problemResponses({ 401: ['invalid-credentials'], 429: ['too-many-attempts'] }, { body: true }),
  },
});
