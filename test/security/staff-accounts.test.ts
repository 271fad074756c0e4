import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAdmin, signInReviewer } from '../support/accounts.ts';
import { testContext, type TestContext } from '../support/context.ts';

const X = '110105'; // 朝阳区
const Y = '110108'; // 海淀区
let ctx: TestContext;
let admin: { token: string; userId: string; username: string };
beforeAll(async () => {
  ctx = await testContext();
  admin = await signInAdmin(ctx);
});
afterAll(() => ctx.close());

let n = 0;
const unique = (p: string) => `${p}-${Date.now().toString(36)}-${n++}`;
const asAdmin = (method: string, path: string, json?: unknown) => ctx.call(method, path, { token: admin.token, json });
const login = (username: string, password: string) => ctx.call('POST', '/auth/login', { json: { username, password } });

/** Creates an account through the API and sets its own password, as its holder would at the first sign-in. */
async function createAndActivate(body: Record<string, unknown>) {
  const created = await asAdmin('POST', '/admin/staff', body);
  expect(created.status).toBe(201);
  const first = await login(body.username as string, created.data.oneTimePassword);
  const own = `a passphrase of its own ${n++}`;
  expect(
    (
      await ctx.call('POST', '/auth/password', {
        token: first.data.token,
        json: { currentPassword: created.data.oneTimePassword, newPassword: own },
      })
    ).status,
  ).toBe(204);
  return { id: created.data.account.id as string, token: first.data.token as string, password: own };
}

describe('administrators run the staff accounts', () => {
  it('creates a reviewer of two districts with a one-time password that only lets them set their own', async () => {
    const username = unique('reviewer-two');
    const created = await asAdmin('POST', '/admin/staff', {
      username,
      role: 'reviewer',
      displayName: '朝阳海淀审核',
      phone: '010-12345678',
      districtCodes: [X, Y],
    });
    expect(created.status).toBe(201);
    expect(created.data.account).toMatchObject({
      username,
      role: 'reviewer',
      districtCodes: [X, Y],
      phone: '010-12345678',
      disabled: false,
      mustChangePassword: true,
    });
    const otp = created.data.oneTimePassword as string;
    expect(otp.length).toBeGreaterThanOrEqual(16);

    const first = await login(username, otp);
    expect(first.status).toBe(200);
    expect(first.data.user).toMatchObject({ role: 'reviewer', districtCodes: [X, Y], mustChangePassword: true });
    const token = first.data.token as string;
    const inbox = await ctx.call('GET', '/reviews/inbox', { token });
    expect(inbox.status).toBe(403);
    expect(inbox.data).toMatchObject({ type: expect.stringMatching(/password-change-required$/), detail_zh: expect.any(String) });
    expect((await ctx.call('GET', '/auth/session', { token })).data.user.mustChangePassword).toBe(true);
    const same = await ctx.call('POST', '/auth/password', { token, json: { currentPassword: otp, newPassword: otp } });
    expect(same.data.type).toMatch(/password-unchanged$/);
    expect(
      (await ctx.call('POST', '/auth/password', { token, json: { currentPassword: otp, newPassword: 'my own passphrase 2026' } })).status,
    ).toBe(204);
    expect((await ctx.call('GET', '/reviews/inbox', { token })).status).toBe(200);
    expect((await login(username, otp)).status).toBe(401);

    // Nobody reads a password back: not the list, not the account.
    const list = await asAdmin('GET', `/admin/staff?district=${Y}`);
    expect(list.status).toBe(200);
    const entry = list.data.items.find((a: { username: string }) => a.username === username);
    expect(entry).toMatchObject({ mustChangePassword: false });
    expect(JSON.stringify(list.data)).not.toMatch(/passwordHash|argon2|oneTimePassword/);
  });

  it('a change of districts ends the reviewer’s sessions at once, and the trail says who changed what', async () => {
    const username = unique('reviewer-moved');
    const { id, token, password } = await createAndActivate({ username, role: 'reviewer', displayName: '审核', districtCodes: [X] });
    expect((await ctx.call('GET', '/reviews/inbox', { token })).status).toBe(200);
    const started = Date.now();
    const changed = await asAdmin('PATCH', `/admin/staff/${id}`, { districtCodes: [Y] });
    expect(changed.status).toBe(200);
    expect(changed.data.districtCodes).toEqual([Y]);
    expect((await ctx.call('GET', '/reviews/inbox', { token })).status).toBe(401);
    expect(Date.now() - started).toBeLessThan(1000);
    const again = await login(username, password);
    expect(again.data.user).toMatchObject({ districtCode: Y, districtCodes: [Y] });

    // A name or phone change keeps the sessions.
    const kept = again.data.token as string;
    expect((await asAdmin('PATCH', `/admin/staff/${id}`, { phone: '13900000000', displayName: '海淀审核' })).status).toBe(200);
    expect((await ctx.call('GET', '/auth/session', { token: kept })).status).toBe(200);
    // The role: an administrator now.
    expect((await asAdmin('PATCH', `/admin/staff/${id}`, { role: 'admin' })).data).toMatchObject({ role: 'admin', districtCodes: [] });
    expect((await ctx.call('GET', '/auth/session', { token: kept })).status).toBe(401);

    const trail = await asAdmin('GET', `/admin/account-changes?userId=${id}`);
    expect(trail.status).toBe(200);
    expect(trail.data.items.map((e: { action: string }) => e.action)).toEqual(['changed', 'changed', 'changed', 'created']);
    expect(trail.data.items[0]).toMatchObject({
      actorId: admin.userId,
      actorUsername: admin.username,
      username,
      changes: { role: { from: 'reviewer', to: 'admin' } },
    });
    expect(trail.data.items[2].changes).toEqual({ districtCodes: { from: [X], to: [Y] } });
    expect(trail.data.items[1].changes).toMatchObject({
      phone: { from: null, to: '13900000000' },
      displayName: { from: '审核', to: '海淀审核' },
    });
    expect(JSON.stringify(trail.data)).not.toMatch(/password/i);
  });

  it('disabling ends the sessions and refuses sign-in; re-enabling lets the account in again', async () => {
    const username = unique('reviewer-disabled');
    const { id, token, password } = await createAndActivate({ username, role: 'reviewer', displayName: '审核', districtCodes: [X] });
    const disabled = await asAdmin('POST', `/admin/staff/${id}/disable`);
    expect(disabled.data.disabled).toBe(true);
    expect((await ctx.call('GET', '/auth/session', { token })).status).toBe(401);
    expect((await login(username, password)).data.type).toMatch(/invalid-credentials$/);
    expect((await asAdmin('GET', '/admin/staff')).data.items.some((a: { id: string }) => a.id === id)).toBe(false);
    expect((await asAdmin('GET', '/admin/staff?includeDisabled=true')).data.items.some((a: { id: string }) => a.id === id)).toBe(true);
    expect((await asAdmin('POST', `/admin/staff/${id}/enable`)).data.disabled).toBe(false);
    expect((await login(username, password)).status).toBe(200);
    const actions = (await asAdmin('GET', `/admin/account-changes?userId=${id}`)).data.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(['enabled', 'disabled', 'created']);
  });

  it('a password reset ends the sessions and gives a new one-time password', async () => {
    const username = unique('admin-reset');
    const { id, token, password } = await createAndActivate({ username, role: 'admin', displayName: '管理员' });
    const reset = await asAdmin('POST', `/admin/staff/${id}/password-reset`);
    expect(reset.status).toBe(200);
    expect(reset.data.account.mustChangePassword).toBe(true);
    expect((await ctx.call('GET', '/auth/session', { token })).status).toBe(401);
    expect((await login(username, password)).status).toBe(401);
    const first = await login(username, reset.data.oneTimePassword);
    expect(first.data.user.mustChangePassword).toBe(true);
    expect((await ctx.call('GET', '/admin/staff', { token: first.data.token })).data.type).toMatch(/password-change-required$/);
  });

  it('refuses what an account cannot be, naming the rule', async () => {
    const refused = async (method: string, path: string, body: unknown, status: number, type: string) => {
      const res = await asAdmin(method, path, body);
      expect([res.status, res.data.type]).toEqual([status, expect.stringMatching(new RegExp(`${type}$`))]);
      expect(res.data.detail_zh).toEqual(expect.any(String));
    };
    await refused('POST', '/admin/staff', { username: unique('r'), role: 'reviewer', displayName: '无区' }, 400, 'reviewer-needs-district');
    await refused(
      'POST',
      '/admin/staff',
      { username: unique('r'), role: 'reviewer', displayName: '外省', districtCodes: ['130102'] },
      400,
      'unknown-district',
    );
    await refused(
      'POST',
      '/admin/staff',
      { username: unique('a'), role: 'admin', displayName: '带区', districtCodes: [X] },
      400,
      'admin-without-districts',
    );
    await refused('POST', '/admin/staff', { username: admin.username, role: 'admin', displayName: '重名' }, 409, 'username-taken');
    await refused(
      'POST',
      '/admin/staff',
      { username: unique('a'), role: 'admin', displayName: 'x', password: 'chosen-by-admin-1' },
      400,
      'validation-failed',
    );
    await refused('POST', `/admin/staff/${admin.userId}/disable`, undefined, 409, 'own-account');
    await refused('PATCH', `/admin/staff/${admin.userId}`, { role: 'reviewer', districtCodes: [X] }, 409, 'own-account');
    const applicant = await ctx.call('POST', '/auth/register', {
      json: { username: unique('applicant'), password: 'applicant pass 2026', displayName: '申请人' },
    });
    await refused('POST', `/admin/staff/${applicant.data.id}/disable`, undefined, 404, 'not-found');
    const reviewer = await signInReviewer(ctx, X);
    for (const [method, path] of [
      ['GET', '/admin/staff'],
      ['GET', '/admin/account-changes'],
      ['POST', `/admin/staff/${admin.userId}/disable`],
    ] as const)
      expect((await ctx.call(method, path, { token: reviewer.token })).status).toBe(403);
  });
});
