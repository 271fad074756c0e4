import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertStaff } from '../../api/auth/users.ts';
import { testContext, type TestContext } from '../support/context.ts';

const PASSWORD = 'session-password-2026';
let ctx: TestContext;
beforeAll(async () => {
  ctx = await testContext({ LOGIN_MAX_FAILURES: '3', LOGIN_LOCKOUT: '1m', LOGIN_RATE_PER_USERNAME: '50', LOGIN_RATE_PER_ADDRESS: '200' });
});
afterAll(() => ctx.close());

let n = 0;
async function reviewer(districtCode = '110105') {
  const username = `sessions-${Date.now().toString(36)}-${n++}`;
  const user = await upsertStaff(ctx.db, { username, password: PASSWORD, role: 'reviewer', displayName: 'Session test', districtCode });
  return { username, id: user.id };
}

async function login(username: string, password = PASSWORD, device = 'vitest') {
  const res = await ctx.call('POST', '/auth/login', { json: { username, password }, headers: { 'user-agent': device } });
  return res;
}
async function tokenOf(username: string, device?: string): Promise<string> {
  const res = await login(username, PASSWORD, device);
  expect(res.status).toBe(200);
  return res.data.token;
}
const whoAmI = (token: string) => ctx.call('GET', '/auth/session', { token });

describe('sessions kept on the server', () => {
  it('lists my live sessions with device and last use, and ends one: its next call is refused', async () => {
    const { username } = await reviewer();
    const laptop = await tokenOf(username, 'Laptop/1.0');
    const phone = await tokenOf(username, 'Phone/2.0');
    const list = await ctx.call('GET', '/auth/sessions', { token: laptop });
    expect(list.status).toBe(200);
    expect(list.data.items).toHaveLength(2);
    const mine = list.data.items.find((s: { current: boolean }) => s.current);
    const other = list.data.items.find((s: { current: boolean }) => !s.current);
    expect(mine).toMatchObject({ kind: 'bearer', device: 'Laptop/1.0' });
    expect(other).toMatchObject({ kind: 'bearer', device: 'Phone/2.0', lastUsedAt: expect.any(String) });

    expect((await ctx.call('DELETE', `/auth/sessions/${other.id}`, { token: laptop })).status).toBe(204);
    expect((await whoAmI(phone)).status).toBe(401);
    expect((await whoAmI(laptop)).status).toBe(200);
    // Another account's session, or one already ended: not found.
    expect((await ctx.call('DELETE', `/auth/sessions/${other.id}`, { token: laptop })).data.type).toMatch(/session-not-found$/);
    // Ending the current one is signing out.
    expect((await ctx.call('DELETE', `/auth/sessions/${mine.id}`, { token: laptop })).status).toBe(204);
    expect((await whoAmI(laptop)).status).toBe(401);
  });

  it('a password change ends the account’s other sessions at once and keeps this one', async () => {
    const { username } = await reviewer();
    const kept = await tokenOf(username);
    const here = await tokenOf(username);
    const weak = await ctx.call('POST', '/auth/password', {
      token: here,
      json: { currentPassword: PASSWORD, newPassword: 'password1234' },
    });
    expect(weak.status).toBe(400);
    expect(weak.data).toMatchObject({ type: expect.stringMatching(/password-too-common$/), violations: [{ path: 'newPassword' }] });
    const named = await ctx.call('POST', '/auth/password', {
      token: here,
      json: { currentPassword: PASSWORD, newPassword: `${username}!x` },
    });
    expect(named.data.type).toMatch(/password-like-username$/);
    const short = await ctx.call('POST', '/auth/password', { token: here, json: { currentPassword: PASSWORD, newPassword: 'x7#Lq' } });
    expect(short.data.type).toMatch(/password-too-short$/);
    const wrong = await ctx.call('POST', '/auth/password', {
      token: here,
      json: { currentPassword: 'not-it-at-all', newPassword: 'Another long one 77' },
    });
    expect(wrong.status).toBe(403);
    expect(wrong.data.type).toMatch(/wrong-current-password$/);
    expect((await whoAmI(kept)).status).toBe(200);

    const started = Date.now();
    const ok = await ctx.call('POST', '/auth/password', {
      token: here,
      json: { currentPassword: PASSWORD, newPassword: 'Another long one 77' },
    });
    expect(ok.status).toBe(204);
    expect((await whoAmI(kept)).status).toBe(401);
    expect(Date.now() - started).toBeLessThan(1000);
    expect((await whoAmI(here)).status).toBe(200);
    expect((await login(username)).status).toBe(401);
    expect((await login(username, 'Another long one 77')).status).toBe(200);
  });

  it('a lockout ends the account’s sessions: the kept token is refused', async () => {
    const { username } = await reviewer();
    const kept = await tokenOf(username);
    for (let i = 0; i < 3; i++) expect((await login(username, `wrong-password-${i}`)).status).toBe(401);
    expect((await whoAmI(kept)).status).toBe(401);
  });

  it('a changed role or district, or a reset password, ends the account’s sessions', async () => {
    const { username } = await reviewer('110105');
    const kept = await tokenOf(username);
    expect((await whoAmI(kept)).data.user).toMatchObject({ role: 'reviewer', districtCode: '110105' });
    await upsertStaff(ctx.db, { username, password: PASSWORD, role: 'reviewer', displayName: 'Session test', districtCode: '110108' });
    expect((await whoAmI(kept)).status).toBe(401);
    const again = await tokenOf(username);
    expect((await whoAmI(again)).data.user).toMatchObject({ districtCode: '110108' });
  });

  it('a token whose session row is gone is refused even though its signature and expiry are good', async () => {
    const { username, id } = await reviewer();
    const kept = await tokenOf(username);
    await ctx.db.session.deleteMany({ where: { userId: id } });
    expect((await whoAmI(kept)).status).toBe(401);
  });
});

describe('idle timeout and absolute lifetime', () => {
  it('ends a session unused for SESSION_IDLE_TIMEOUT; one in use goes on until SESSION_TTL', async () => {
    const short = await testContext({ SESSION_IDLE_TIMEOUT: '1200ms', SESSION_TTL: '5s' });
    try {
      const username = `sessions-idle-${Date.now().toString(36)}`;
      await upsertStaff(short.db, { username, password: PASSWORD, role: 'admin', displayName: 'Idle test' });
      const signIn = async () => (await short.call('POST', '/auth/login', { json: { username, password: PASSWORD } })).data.token as string;
      const idle = await signIn();
      const busy = await signIn();
      const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
      for (let i = 0; i < 4; i++) {
        await sleep(500);
        expect([i, (await short.call('GET', '/auth/session', { token: busy })).status]).toEqual([i, 200]);
      }
      expect((await short.call('GET', '/auth/session', { token: idle })).status).toBe(401);
      await sleep(3200);
      // Used all along, but past its absolute lifetime.
      expect((await short.call('GET', '/auth/session', { token: busy })).status).toBe(401);
    } finally {
      await short.close();
    }
  });
});
