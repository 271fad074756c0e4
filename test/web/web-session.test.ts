import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpApplicant } from '../support/accounts.ts';
import { testContext, type TestContext } from '../support/context.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await testContext();
});
afterAll(() => ctx.close());

const ORIGIN = 'http://localhost';

/** The cookies a response sets, by name, with their attributes. */
function cookiesOf(res: Response): Map<string, { value: string; attrs: string[] }> {
  const out = new Map<string, { value: string; attrs: string[] }>();
  for (const line of res.headers.getSetCookie()) {
    const [pair, ...attrs] = line.split(/;\s*/);
    const i = pair!.indexOf('=');
    out.set(pair!.slice(0, i), { value: pair!.slice(i + 1), attrs: attrs.map((a) => a.toLowerCase()) });
  }
  return out;
}

async function webSignIn(username: string, password: string, url = `${ORIGIN}/auth/web-session`) {
  const origin = new URL(url).origin;
  const res = await ctx.app.request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ username, password }),
  });
  const cookies = cookiesOf(res);
  const session = cookies.get('session')?.value ?? '';
  const csrf = cookies.get('csrf')?.value ?? '';
  return { res, cookies, session, csrf, cookie: `session=${session}; csrf=${csrf}`, body: await res.json() };
}

describe('browser sessions', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie and a readable CSRF cookie; the body carries no token', async () => {
    const a = await signUpApplicant(ctx);
    const s = await webSignIn(a.username, a.password);
    expect(s.res.status).toBe(200);
    expect(s.body.token).toBeUndefined();
    expect(s.body.user).toMatchObject({ id: a.userId, role: 'applicant' });
    const session = s.cookies.get('session')!;
    expect(session.attrs).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'path=/']));
    expect(session.attrs).not.toContain('secure');
    const csrf = s.cookies.get('csrf')!;
    expect(csrf.attrs).not.toContain('httponly');
    expect(csrf.attrs).toContain('samesite=strict');
    expect(s.body.csrfToken).toBe(decodeURIComponent(csrf.value));

    const me = await ctx.app.request('/auth/session', { headers: { cookie: s.cookie } });
    expect(me.status).toBe(200);
    expect((await me.json()).user).toMatchObject({ id: a.userId, role: 'applicant' });
    const mine = await ctx.app.request('/requests', { headers: { cookie: s.cookie } });
    expect(mine.status).toBe(200);
  });

  it('marks the cookies Secure over HTTPS', async () => {
    const a = await signUpApplicant(ctx);
    const s = await webSignIn(a.username, a.password, 'https://localhost/auth/web-session');
    expect(s.res.status).toBe(200);
    expect(s.cookies.get('session')!.attrs).toContain('secure');
    expect(s.cookies.get('csrf')!.attrs).toContain('secure');
  });

  it('refuses a state-changing call made with the cookie without the CSRF token, or from another site, and changes nothing', async () => {
    const a = await signUpApplicant(ctx);
    const s = await webSignIn(a.username, a.password);
    const count = () => ctx.db.request.count({ where: { applicantId: a.userId } });
    const before = await count();
    const attempts: [Record<string, string>, string][] = [
      [{ origin: ORIGIN }, 'csrf.token'],
      [{ origin: ORIGIN, 'x-csrf-token': 'forged' }, 'csrf.token'],
      [{ origin: 'https://evil.example', 'x-csrf-token': s.csrf }, 'csrf.origin'],
      [{ 'x-csrf-token': s.csrf }, 'csrf.origin'],
      [{ 'sec-fetch-site': 'cross-site', 'x-csrf-token': s.csrf }, 'csrf.origin'],
    ];
    for (const [headers, rule] of attempts) {
      const res = await ctx.app.request('/requests/collection', { method: 'POST', headers: { cookie: s.cookie, ...headers } });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      const p = await res.json();
      expect(p).toMatchObject({ type: expect.stringMatching(/csrf-refused$/), rule });
      expect(p.detail_zh).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await count()).toBe(before);

    const ok = await ctx.app.request('/requests/collection', {
      method: 'POST',
      headers: { cookie: s.cookie, origin: ORIGIN, 'x-csrf-token': decodeURIComponent(s.csrf) },
    });
    expect(ok.status).toBe(201);
    const sameOrigin = await ctx.app.request('/requests/collection', {
      method: 'POST',
      headers: { cookie: s.cookie, 'sec-fetch-site': 'same-origin', 'x-csrf-token': decodeURIComponent(s.csrf) },
    });
    expect(sameOrigin.status).toBe(201);
    expect(await count()).toBe(before + 2);
  });

  it("does not accept another session's CSRF token", async () => {
    const a = await signUpApplicant(ctx);
    const b = await signUpApplicant(ctx);
    const sa = await webSignIn(a.username, a.password);
    const sb = await webSignIn(b.username, b.password);
    const res = await ctx.app.request('/requests/collection', {
      method: 'POST',
      headers: { cookie: sa.cookie, origin: ORIGIN, 'x-csrf-token': decodeURIComponent(sb.csrf) },
    });
    expect(res.status).toBe(403);
  });

  it('keeps the bearer token for API clients, without CSRF checks', async () => {
    const a = await signUpApplicant(ctx);
    const res = await ctx.call('POST', '/requests/collection', { token: a.token });
    expect(res.status).toBe(201);
  });

  it('refuses a sign-in posted from another site', async () => {
    const a = await signUpApplicant(ctx);
    const res = await ctx.app.request('/auth/web-session', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ username: a.username, password: a.password }),
    });
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie()).toEqual([]);
    expect((await res.json()).rule).toBe('csrf.origin');
  });

  it('answers wrong credentials with the same 401 as /auth/login, and sets no cookie', async () => {
    const a = await signUpApplicant(ctx);
    const s = await webSignIn(a.username, 'not-the-password');
    expect(s.res.status).toBe(401);
    expect(s.body.type).toMatch(/invalid-credentials$/);
    expect(s.res.headers.getSetCookie()).toEqual([]);
  });

  it('signs out: clears both cookies and the session is refused afterwards', async () => {
    const a = await signUpApplicant(ctx);
    const s = await webSignIn(a.username, a.password);
    const forged = await ctx.app.request('/auth/sign-out', {
      method: 'POST',
      headers: { cookie: s.cookie, origin: 'https://evil.example' },
    });
    expect(forged.status).toBe(403);
    const out = await ctx.app.request('/auth/sign-out', {
      method: 'POST',
      headers: { cookie: s.cookie, origin: ORIGIN, 'x-csrf-token': decodeURIComponent(s.csrf) },
    });
    expect(out.status).toBe(204);
    const cleared = cookiesOf(out);
    expect(cleared.get('session')?.value).toBe('');
    expect(cleared.get('csrf')?.value).toBe('');
    expect(cleared.get('session')?.attrs.some((x) => x.startsWith('max-age=0') || x.startsWith('expires='))).toBe(true);
    const after = await ctx.app.request('/auth/session', { headers: { cookie: s.cookie } });
    expect(after.status).toBe(401);
    // Signing out without a session just clears the cookies.
    const again = await ctx.app.request('/auth/sign-out', { method: 'POST', headers: { origin: ORIGIN } });
    expect(again.status).toBe(204);
  });
});
