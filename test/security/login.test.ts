import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertStaff } from '../../api/auth/users.ts';
import { testContext, type TestContext } from '../support/context.ts';

const PASSWORD = 'right-password-2026';
let ctx: TestContext;
beforeAll(async () => {
  ctx = await testContext({
    LOGIN_MAX_FAILURES: '3',
    LOGIN_LOCKOUT: '2s',
    LOGIN_RATE_PER_USERNAME: '8',
    LOGIN_RATE_PER_ADDRESS: '5',
    LOGIN_RATE_WINDOW: '1m',
  });
});
afterAll(() => ctx.close());

let n = 0;
async function staff() {
  const username = `login-${Date.now().toString(36)}-${n++}`;
  const user = await upsertStaff(ctx.db, {
    username,
    password: PASSWORD,
    role: 'reviewer',
    displayName: 'Login test',
    districtCode: '110105',
  });
  return { username, id: user.id };
}

/** A sign-in from a network peer, as the Node server passes it (the socket's address). */
async function login(username: string, password: string, from?: string, headers: Record<string, string> = {}) {
  const env = from ? { incoming: { socket: { remoteAddress: from } } } : undefined;
  const res = await ctx.app.request(
    '/auth/login',
    { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ username, password }) },
    env,
  );
  return { status: res.status, headers: res.headers, text: await res.text() };
}

describe('sign-in never tells whether an account exists', () => {
  it('answers an unknown username, a wrong password and a locked account with the same 401 and the same body', async () => {
    const { username, id } = await staff();
    const unknown = await login(`nobody-${Date.now()}`, 'some-password-1');
    const wrong = await login(username, 'wrong-password-1');
    await login(username, 'wrong-password-2');
    await login(username, 'wrong-password-3');
    expect((await ctx.db.user.findUniqueOrThrow({ where: { id } })).lockedUntil?.getTime()).toBeGreaterThan(Date.now());
    const lockedRight = await login(username, PASSWORD);
    const lockedWrong = await login(username, 'wrong-password-4');
    for (const res of [unknown, wrong, lockedRight, lockedWrong]) {
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.text).toBe(unknown.text);
    }
    expect(JSON.parse(unknown.text)).toMatchObject({
      type: expect.stringMatching(/invalid-credentials$/),
      detail: expect.any(String),
      detail_zh: expect.any(String),
    });
  });

  it('locks after LOGIN_MAX_FAILURES wrong passwords, unlocks after LOGIN_LOCKOUT, and a success resets the count', async () => {
    const { username, id } = await staff();
    await login(username, 'wrong-password-1');
    await login(username, 'wrong-password-2');
    expect((await login(username, PASSWORD)).status).toBe(200);
    expect(await ctx.db.user.findUniqueOrThrow({ where: { id } })).toMatchObject({ failedLogins: 0, lockedUntil: null });

    for (let i = 0; i < 3; i++) expect((await login(username, `wrong-password-${i}`)).status).toBe(401);
    expect((await login(username, PASSWORD)).status).toBe(401);
    await new Promise((r) => setTimeout(r, 2100));
    expect((await login(username, PASSWORD)).status).toBe(200);
    expect(await ctx.db.user.findUniqueOrThrow({ where: { id } })).toMatchObject({ failedLogins: 0, lockedUntil: null });
  });
});

describe('rate limits', () => {
  it('limits attempts per username with 429 and Retry-After, for known and unknown names alike', async () => {
    const { username } = await staff();
    const ghost = `ghost-${Date.now()}`;
    for (const name of [username, ghost]) {
      const answers = [];
      for (let i = 0; i < 9; i++) answers.push(await login(name, `guess-number-${i}`));
      expect(answers.slice(0, 8).map((a) => a.status)).toEqual(Array(8).fill(401));
      const limited = answers[8]!;
      expect(limited.status).toBe(429);
      expect(limited.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(JSON.parse(limited.text)).toMatchObject({
        type: expect.stringMatching(/too-many-attempts$/),
        status: 429,
        detail_zh: expect.stringMatching(/秒后再试/),
      });
      // The same 429 for the right password: the limit is checked before the account is looked at.
      expect((await login(name, PASSWORD)).status).toBe(429);
    }
    // Different in the case of letters is the same name to the limiter.
    expect((await login(ghost.toUpperCase(), 'guess-number-x')).status).toBe(429);
  });

  it('limits attempts per client address across usernames; other addresses are unaffected', async () => {
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await login(`spray-${Date.now()}-${i}`, 'password-123', '203.0.113.7')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect((await login(`spray-other-${Date.now()}`, 'password-123', '203.0.113.8')).status).toBe(401);
    // Without TRUST_PROXY a forged X-Forwarded-For does not escape the limit.
    expect((await login(`spray-xff-${Date.now()}`, 'password-123', '203.0.113.7', { 'x-forwarded-for': '198.51.100.1' })).status).toBe(429);
  });

  it('behind a trusted proxy, limits by X-Forwarded-For', async () => {
    const proxied = await testContext({ TRUST_PROXY: 'true', LOGIN_RATE_PER_ADDRESS: '2' });
    try {
      const attempt = async (xff: string) =>
        (
          await proxied.app.request(
            '/auth/login',
            {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'x-forwarded-for': xff },
              body: JSON.stringify({ username: `p-${Math.random()}`.replace('.', ''), password: 'password-123' }),
            },
            { incoming: { socket: { remoteAddress: '10.0.0.1' } } },
          )
        ).status;
      expect([await attempt('198.51.100.9'), await attempt('198.51.100.9, 10.0.0.1'), await attempt('198.51.100.9')]).toEqual([
        401, 401, 429,
      ]);
      expect(await attempt('198.51.100.10')).toBe(401);
    } finally {
      await proxied.close();
    }
  });
});
