import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAdmin, signInReviewer, signUpApplicant } from '../support/accounts.ts';
import { testContext, type TestContext } from '../support/context.ts';
import { accountantForm, fillDraft } from '../support/forms.ts';
import { LOG_DIR } from '../support/global-setup.ts';

type Session = { token: string; userId: string };
let ctx: TestContext;
let applicant: Session, reviewer: Session, otherReviewer: Session, admin: Session;
let id: string;
let form: ReturnType<typeof accountantForm>;

beforeAll(async () => {
  ctx = await testContext();
  [applicant, reviewer, otherReviewer, admin] = await Promise.all([
    signUpApplicant(ctx),
    signInReviewer(ctx, '110105'),
    signInReviewer(ctx, '110108'),
    signInAdmin(ctx),
  ]);
  form = accountantForm();
  id = await fillDraft(ctx, applicant.token, form);
  expect((await ctx.call('POST', `/requests/${id}/submit`, { token: applicant.token })).status).toBe(200);
});
afterAll(() => ctx.close());

const logged = () => ctx.db.accessLog.findMany({ where: { requestId: id }, orderBy: { at: 'asc' } });

describe('access log of staff reads', () => {
  it("records every staff read of a request's detail and materials: who, when, what, why", async () => {
    expect((await ctx.call('GET', `/requests/${id}`, { token: reviewer.token })).status).toBe(200);
    const photo = await ctx.app.request(`/requests/${id}/materials/photo`, {
      headers: { authorization: `Bearer ${reviewer.token}`, 'x-access-reason': encodeURIComponent('复核证件照') },
    });
    expect(photo.status).toBe(200);
    expect(photo.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await ctx.call('GET', `/requests/${id}?reason=${encodeURIComponent('quality audit')}`, { token: admin.token })).status).toBe(
      200,
    );
    // The applicant reading their own request is not staff access.
    expect((await ctx.call('GET', `/requests/${id}`, { token: applicant.token })).status).toBe(200);

    const rows = await logged();
    expect(rows.map((r) => [r.userId, r.role, r.resource, r.materialKind, r.reason])).toEqual([
      [reviewer.userId, 'reviewer', 'request.detail', null, 'review'],
      [reviewer.userId, 'reviewer', 'request.material', 'photo', '复核证件照'],
      [admin.userId, 'admin', 'request.detail', null, 'quality audit'],
    ]);
    expect(rows.every((r) => Date.now() - r.at.getTime() < 60_000)).toBe(true);
  });

  it('refuses a reason it could not store, before reading anything', async () => {
    const before = (await logged()).length;
    for (const reason of ['%00', 'x'.repeat(201), '%E4%B8']) {
      const res = await ctx.app.request(`/requests/${id}`, {
        headers: { authorization: `Bearer ${reviewer.token}`, 'x-access-reason': reason },
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ type: expect.stringMatching(/access-reason-invalid$/), detail_zh: expect.any(String) });
    }
    expect((await ctx.call('GET', `/requests/${id}?reason=%01bell`, { token: admin.token })).status).toBe(400);
    expect((await logged()).length).toBe(before);
  });

  it('logs a refused read as a warning with user and request id only, and stores no access', async () => {
    const before = (await logged()).length;
    const refused = await ctx.call('GET', `/requests/${id}`, { token: otherReviewer.token });
    expect(refused.status).toBe(404);
    const forbidden = await ctx.call('GET', '/admin/access-log', { token: otherReviewer.token });
    expect(forbidden.status).toBe(403);
    expect((await logged()).length).toBe(before);

    const lines = readFileSync(`${LOG_DIR}test-${ctx.run.runId}-api.log`, 'utf8')
      .split('\n')
      .filter((l) => l.includes('access refused') && l.includes(otherReviewer.userId))
      .map((l) => JSON.parse(l));
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ level: 40, userId: otherReviewer.userId, role: 'reviewer', status: 404, resourceId: id }),
        expect.objectContaining({ level: 40, userId: otherReviewer.userId, status: 403, resourceId: null }),
      ]),
    );
    const text = JSON.stringify(lines);
    for (const secret of [form.basic.idNumber, form.basic.mobile, form.basic.name]) expect(text).not.toContain(secret);
  });
});

describe('GET /admin/access-log', () => {
  it('lists reads newest first, filtered by request or user, a page at a time, to administrators only', async () => {
    const byRequest = await ctx.call('GET', `/admin/access-log?requestId=${id}`, { token: admin.token });
    expect(byRequest.status).toBe(200);
    expect(byRequest.data.total).toBe(3);
    expect(byRequest.data.items.map((i: { resource: string; reason: string }) => [i.resource, i.reason])).toEqual([
      ['request.detail', 'quality audit'],
      ['request.material', '复核证件照'],
      ['request.detail', 'review'],
    ]);
    expect(byRequest.data.items[0]).toMatchObject({
      userId: admin.userId,
      username: expect.stringMatching(/^admin-/),
      role: 'admin',
      requestId: id,
    });

    const byUser = await ctx.call('GET', `/admin/access-log?userId=${reviewer.userId}&pageSize=1&page=2`, { token: admin.token });
    expect(byUser.data).toMatchObject({ page: 2, pageSize: 1, total: 2 });
    expect(byUser.data.items).toMatchObject([{ userId: reviewer.userId, resource: 'request.detail', reason: 'review' }]);

    expect((await ctx.call('GET', '/admin/access-log', { token: reviewer.token })).status).toBe(403);
    expect((await ctx.call('GET', '/admin/access-log')).status).toBe(401);
    const bad = await ctx.call('GET', "/admin/access-log?userId=1'%20OR%201=1", { token: admin.token });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
