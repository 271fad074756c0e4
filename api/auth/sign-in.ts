import { randomBytes } from 'node:crypto';
import { verify } from '@node-rs/argon2';
import type { Context } from 'hono';
import { parseDeadline } from '../../domain/deadlines.ts';
import type { ApiDeps } from '../deps.ts';
import { problem } from '../problem.ts';
import { createRateLimiter } from './rate-limit.ts';
import { type SessionKind, actorOf } from './sessions.ts';
import type { Actor } from '../../workflows/messages.ts';
import { hashPassword } from './users.ts';

/**
 * Sign-in with per-username and per-address rate limits and a lockout after repeated wrong passwords.
 * Unknown username, wrong password and locked account answer the same 401 with the same body, after
 * the same work (one argon2 verification), so an answer never tells whether an account exists.
 */
export const wrongCredentials = () => problem('invalid-credentials', 401, 'Wrong username or password', '用户名或密码错误');

export const tooManyAttempts = (retryAfterSeconds: number) =>
  problem(
    'too-many-attempts',
    429,
    `Too many sign-in attempts; try again in ${retryAfterSeconds} seconds`,
    `登录尝试过于频繁，请 ${retryAfterSeconds} 秒后再试`,
    { retryAfterSeconds },
  );

const msOf = (text: string) => {
  const d = parseDeadline(text);
  return 'ms' in d ? d.ms : d.workingDays * 86_400_000;
};

/** The peer's address; X-Forwarded-For only behind a trusted proxy. Null for in-process calls (no socket). */
export function clientAddress(c: Context, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded.slice(0, 64);
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? null;
}

/** The signed-in user as the API answers it (sign-in, GET /auth/session). */
export const signedInUserOf = (actor: Actor, mustChangePassword: boolean) => ({
  id: actor.userId,
  role: actor.role,
  districtCode: actor.districtCode ?? null,
  districtCodes: actor.districtCodes ?? [],
  mustChangePassword,
});

export function createSignIn(deps: Pick<ApiDeps, 'db' | 'env' | 'log' | 'tokens'>) {
  const { env } = deps;
  const windowMs = msOf(env.LOGIN_RATE_WINDOW);
  const perUsername = createRateLimiter({ limit: env.LOGIN_RATE_PER_USERNAME, windowMs });
  const perAddress = createRateLimiter({ limit: env.LOGIN_RATE_PER_ADDRESS, windowMs });
  const lockoutMs = msOf(env.LOGIN_LOCKOUT);
  // Verified against when there is no account, so an unknown name costs the same time as a known one.
  let dummyHash: Promise<string> | undefined;
  const dummy = () => (dummyHash ??= hashPassword(randomBytes(24).toString('base64')));

  return async function signIn(
    body: { username: string; password: string },
    address: string | null,
    meta: { kind?: SessionKind; userAgent?: string | null } = {},
  ) {
    const now = Date.now();
    const nameKey = body.username.toLowerCase();
    const wait = Math.max(perUsername.retryAfterMs(nameKey, now), address ? perAddress.retryAfterMs(address, now) : 0);
    if (wait > 0) throw tooManyAttempts(Math.max(1, Math.ceil(wait / 1000)));
    perUsername.hit(nameKey, now);
    if (address) perAddress.hit(address, now);

    const user = await deps.db.user.findUnique({ where: { username: body.username } });
    if (!user) {
      await verify(await dummy(), body.password).catch(() => false);
      throw wrongCredentials();
    }
    const passwordOk = await verify(user.passwordHash, body.password).catch(() => false);
    if (user.disabledAt || (user.lockedUntil && user.lockedUntil.getTime() > now)) throw wrongCredentials();
    if (!passwordOk) {
      const { failedLogins } = await deps.db.user.update({
        where: { id: user.id },
        data: { failedLogins: { increment: 1 } },
        select: { failedLogins: true },
      });
      if (failedLogins >= env.LOGIN_MAX_FAILURES) {
        await deps.db.user.update({ where: { id: user.id }, data: { failedLogins: 0, lockedUntil: new Date(now + lockoutMs) } });
        // Someone is guessing this account's password: whoever was signed in signs in again after the lockout.
        await deps.tokens.endAllOf(user.id);
        deps.log.warn({ userId: user.id, lockedForMs: lockoutMs }, 'account locked after repeated wrong passwords');
      }
      throw wrongCredentials();
    }
    if (user.failedLogins !== 0 || user.lockedUntil) {
      await deps.db.user.update({ where: { id: user.id }, data: { failedLogins: 0, lockedUntil: null } });
    }
    const { sessionId: _, ...session } = await deps.tokens.issue({ userId: user.id }, { ...meta, address });
    return { ...session, user: signedInUserOf(actorOf(user), user.mustChangePassword) };
  };
}
