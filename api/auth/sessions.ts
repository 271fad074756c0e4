import { randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import type { Db } from '../../clients/db.ts';
import type { Actor } from '../../workflows/messages.ts';

export type SessionKind = 'bearer' | 'web';
export interface SessionMeta {
  kind?: SessionKind;
  userAgent?: string | null;
  address?: string | null;
}
export interface SessionOptions {
  db: Db;
  secret: string;
  /** Absolute lifetime from sign-in. */
  lifetimeMs: number;
  /** A session unused for this long ends. */
  idleMs: number;
}
/** A verified session: whose, and the account as it is now (not as it was at sign-in). */
export interface LiveSession {
  sessionId: string;
  actor: Actor;
  /** The account still has its one-time password: it may only set its own. */
  mustChangePassword: boolean;
}

// Who is signed in, read with the session in one lookup by primary key.
const ACCOUNT = {
  id: true,
  role: true,
  districtCode: true,
  districtCodes: true,
  lockedUntil: true,
  disabledAt: true,
  mustChangePassword: true,
} as const;

/** The actor of an account as it is now: a reviewer's current districts, nobody else's. */
export function actorOf(user: { id: string; role: Actor['role']; districtCode: string | null; districtCodes: string[] }): Actor {
  if (user.role !== 'reviewer') return { userId: user.id, role: user.role };
  const districtCodes = user.districtCodes.length ? user.districtCodes : user.districtCode ? [user.districtCode] : [];
  return { userId: user.id, role: user.role, districtCode: districtCodes[0], districtCodes };
}

/**
 * Sessions kept on the server. The token is signed (HS256) and carries only the session's id (`jti`),
 * the user's id and the absolute expiry; each call looks the session up, so deleting its row ends it
 * at the next call, and the role and district come from the account as it is now. `lastUsedAt` is
 * written at most every quarter of the idle timeout (a minute at most), not on every call.
 */
export function createSessions(opts: SessionOptions) {
  const { db } = opts;
  const key = new TextEncoder().encode(opts.secret);
  const touchEveryMs = Math.min(60_000, Math.floor(opts.idleMs / 4));

  return {
    lifetimeMs: opts.lifetimeMs,
    idleMs: opts.idleMs,

    async issue(who: { userId: string }, meta: SessionMeta = {}): Promise<{ token: string; expiresAt: string; sessionId: string }> {
      const sessionId = randomBytes(18).toString('base64url');
      const now = Date.now();
      const expiresAt = new Date(now + opts.lifetimeMs);
      // The account's ended-by-time rows go when it signs in again (its index, a handful of rows).
      await db.session.deleteMany({
        where: { userId: who.userId, OR: [{ expiresAt: { lte: new Date(now) } }, { lastUsedAt: { lte: new Date(now - opts.idleMs) } }] },
      });
      await db.session.create({
        data: {
          id: sessionId,
          userId: who.userId,
          kind: meta.kind ?? 'bearer',
          expiresAt,
          userAgent: meta.userAgent?.slice(0, 300) ?? null,
          address: meta.address?.slice(0, 64) ?? null,
        },
      });
      const token = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(who.userId)
        .setJti(sessionId)
        .setIssuedAt()
        .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
        .sign(key);
      return { token, expiresAt: expiresAt.toISOString(), sessionId };
    },

    /** The live session of a token, or null: bad signature, expired, ended, idle too long, account locked. */
    async verify(token: string): Promise<LiveSession | null> {
      let sub: string;
      let jti: string;
      try {
        const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'] });
        if (typeof payload.sub !== 'string' || typeof payload.jti !== 'string') return null;
        sub = payload.sub;
        jti = payload.jti;
      } catch {
        return null;
      }
      const row = await db.session.findUnique({ where: { id: jti }, include: { user: { select: ACCOUNT } } });
      const now = Date.now();
      if (!row || row.userId !== sub || row.expiresAt.getTime() <= now) return null;
      if (now - row.lastUsedAt.getTime() >= opts.idleMs) {
        await db.session.deleteMany({ where: { id: jti } });
        return null;
      }
      const user = row.user;
      if (user.disabledAt || (user.lockedUntil && user.lockedUntil.getTime() > now)) return null;
      if (now - row.lastUsedAt.getTime() >= touchEveryMs) {
        await db.session.updateMany({ where: { id: jti }, data: { lastUsedAt: new Date(now) } });
      }
      return { sessionId: jti, actor: actorOf(user), mustChangePassword: user.mustChangePassword };
    },

    /** Ends one session of a user (false when it is not theirs or already ended). */
    async end(userId: string, sessionId: string): Promise<boolean> {
      return (await db.session.deleteMany({ where: { id: sessionId, userId } })).count > 0;
    },

    /** Ends every session of an account, but `except` (the caller's own, after changing their password). */
    async endAllOf(userId: string, except?: string): Promise<number> {
      return (await db.session.deleteMany({ where: { userId, ...(except ? { id: { not: except } } : {}) } })).count;
    },

    /** The account's live sessions, newest use first. */
    async listOf(userId: string) {
      const now = Date.now();
      const rows = await db.session.findMany({
        where: { userId, expiresAt: { gt: new Date(now) }, lastUsedAt: { gt: new Date(now - opts.idleMs) } },
        orderBy: { lastUsedAt: 'desc' },
        take: 100,
      });
      return rows;
    },
  };
}
export type Sessions = ReturnType<typeof createSessions>;
