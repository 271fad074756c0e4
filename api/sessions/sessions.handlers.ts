import type { RouteHandler } from '@hono/zod-openapi';
import { verify } from '@node-rs/argon2';
import { hashPassword } from '../auth/users.ts';
import { checkPasswordRules } from '../auth/password.ts';
import type { ApiDeps } from '../deps.ts';
import type { AppEnv } from '../lib/create-router.ts';
import { refusal } from '../problem.ts';
import type { changePasswordRoute, endSessionRoute, listSessionsRoute } from './sessions.routes.ts';

export const listSessions =
  (deps: ApiDeps): RouteHandler<typeof listSessionsRoute, AppEnv> =>
  async (c) => {
    const current = c.get('sessionId');
    const rows = await deps.tokens.listOf(c.get('actor').userId);
    c.header('Cache-Control', 'no-store');
    return c.json(
      {
        items: rows.map((s) => ({
          id: s.id,
          kind: s.kind,
          device: s.userAgent,
          address: s.address,
          signedInAt: s.createdAt.toISOString(),
          lastUsedAt: s.lastUsedAt.toISOString(),
          expiresAt: s.expiresAt.toISOString(),
          current: s.id === current,
        })),
      },
      200,
    );
  };

export const endSession =
  (deps: ApiDeps): RouteHandler<typeof endSessionRoute, AppEnv> =>
  async (c) => {
    if (!(await deps.tokens.end(c.get('actor').userId, c.req.valid('param').sessionId))) throw refusal('session-not-found');
    return c.body(null, 204);
  };

export const changePassword =
  (deps: ApiDeps): RouteHandler<typeof changePasswordRoute, AppEnv> =>
  async (c) => {
    const { currentPassword, newPassword } = c.req.valid('json');
    const actor = c.get('actor');
    const user = await deps.db.user.findUniqueOrThrow({ where: { id: actor.userId } });
    if (!(await verify(user.passwordHash, currentPassword).catch(() => false))) throw refusal('wrong-current-password');
    checkPasswordRules(newPassword, user.username, 'newPassword');
    if (await verify(user.passwordHash, newPassword).catch(() => false)) throw refusal('password-unchanged');
    await deps.db.user.update({
      where: { id: user.id },
      data: { passwordHash: await hashPassword(newPassword), mustChangePassword: false },
    });
    // Whoever else knew the old password is signed out; this session goes on.
    await deps.tokens.endAllOf(user.id, c.get('sessionId'));
    deps.log.info({ userId: user.id }, 'password changed; other sessions ended');
    return c.body(null, 204);
  };
