import { createRoute, z } from '@hono/zod-openapi';
import { json, problemResponses, security } from '../lib/openapi.ts';

const SessionEntry = z
  .object({
    id: z.string(),
    kind: z.enum(['bearer', 'web']).openapi({ description: 'bearer: an API client; web: the web pages (cookie)' }),
    device: z.string().nullable().openapi({ description: 'the User-Agent it signed in with' }),
    address: z.string().nullable(),
    signedInAt: z.string(),
    lastUsedAt: z.string().openapi({ description: 'to within a minute' }),
    expiresAt: z.string().openapi({ description: 'the absolute end; it ends earlier when unused for SESSION_IDLE_TIMEOUT' }),
    current: z.boolean().openapi({ description: 'the session of this call' }),
  })
  .openapi('SessionEntry');

export const listSessionsRoute = createRoute({
  method: 'get',
  path: '/auth/sessions',
  tags: ['accounts'],
  summary: 'My sessions that are still live: device, address, last use',
  security,
  responses: {
    200: { description: 'newest use first', content: json(z.object({ items: z.array(SessionEntry) }).openapi('SessionList')) },
    ...problemResponses({}, { secured: true }),
  },
});

export const endSessionRoute = createRoute({
  method: 'delete',
  path: '/auth/sessions/{sessionId}',
  tags: ['accounts'],
  summary: 'End one of my sessions (the current one too): its token is refused from the next call on',
  security,
  request: { params: z.object({ sessionId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a session id') }) },
  responses: {
    204: { description: 'ended' },
    // not-found: a path that names no route (e.g. normalised `..`).
    ...problemResponses({ 404: ['session-not-found', 'not-found'] }, { secured: true, query: true }),
  },
});

export const ChangePassword = z
  .object({
    currentPassword: z.string().min(1).max(200),
    newPassword: z.string().min(1).max(400),
  })
  .openapi('ChangePassword');

export const changePasswordRoute = createRoute({
  method: 'post',
  path: '/auth/password',
  tags: ['accounts'],
  summary: 'Set my own password (also the one-time password of a new or reset account); ends my other sessions',
  description:
    'The new password has at least 10 characters, does not contain the username and is not among the commonly used passwords. ' +
    'Every other session of the account ends at once; this one stays.',
  security,
  request: { body: { content: json(ChangePassword), required: true } },
  responses: {
    204: { description: 'changed' },
    ...problemResponses(
      {
        400: ['password-too-short', 'password-too-long', 'password-like-username', 'password-too-common', 'password-unchanged'],
        403: ['wrong-current-password'],
      },
      { secured: true, body: true },
    ),
  },
});
