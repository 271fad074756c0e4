import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { USCC_CHARSET, makeUscc } from '../../domain/uscc.ts';
import { signInAdmin, signInReviewer, signUpApplicant } from '../support/accounts.ts';
import { testContext, type TestContext } from '../support/context.ts';

const X = '110105';
const Y = '110108';
let ctx: TestContext;
beforeAll(async () => {
  ctx = await testContext();
});
afterAll(() => ctx.close());

/** A fresh valid credit code (a random 8-digit organisation code body). */
const freshCode = () => makeUscc({ areaCode: X, orgCode: String(10_000_000 + (randomBytes(4).readUInt32BE() % 90_000_000)) });
const registration = (over: Record<string, unknown> = {}) => ({
  creditCode: freshCode(),
  name: '北京测试科技有限公司',
  districtCode: X,
  contactName: '王经办',
  phone: '010-66668888',
  username: `unit-${randomBytes(4).toString('hex')}`,
  password: 'unit contact passphrase 7',
  ...over,
});

describe('employer units register and are confirmed', () => {
  it('registers by a checked credit code; the contact sees the unit pending until a reviewer of its district confirms it', async () => {
    const body = registration();
    const res = await ctx.call('POST', '/units/register', { json: { ...body, creditCode: body.creditCode.toLowerCase() } });
    expect(res.status).toBe(201);
    expect(res.data).toMatchObject({ creditCode: body.creditCode, status: 'pending', districtCode: X, confirmedAt: null });
    const unitId = res.data.id as string;

    const login = await ctx.call('POST', '/auth/login', { json: { username: body.username, password: body.password } });
    expect(login.data.user.role).toBe('employer');
    const contact = login.data.token as string;
    expect((await ctx.call('GET', '/units/mine', { token: contact })).data).toMatchObject({ id: unitId, status: 'pending' });
    // A unit's contact is neither an applicant nor staff.
    for (const path of ['/requests', '/reviews/inbox', `/statistics?district=${X}`, '/people/me/record', '/units'])
      expect((await ctx.call('GET', path, { token: contact })).status).toBe(403);
    // Its messages it reads (its accountants' returned requests, once confirmed).
    expect((await ctx.call('GET', '/notifications', { token: contact })).data).toEqual({ unread: 0, items: [] });

    const reviewerY = await signInReviewer(ctx, Y);
    expect(
      (await ctx.call('GET', '/units?status=pending', { token: reviewerY.token })).data.items.map((u: { id: string }) => u.id),
    ).not.toContain(unitId);
    expect((await ctx.call('POST', `/units/${unitId}/confirm`, { token: reviewerY.token })).status).toBe(404);
    const reviewerX = await signInReviewer(ctx, X);
    expect(
      (await ctx.call('GET', '/units?status=pending', { token: reviewerX.token })).data.items.map((u: { id: string }) => u.id),
    ).toContain(unitId);
    const confirmed = await ctx.call('POST', `/units/${unitId}/confirm`, { token: reviewerX.token });
    expect(confirmed.status).toBe(200);
    expect(confirmed.data).toMatchObject({ status: 'confirmed', confirmedAt: expect.any(String) });
    expect((await ctx.call('GET', '/units/mine', { token: contact })).data.status).toBe('confirmed');
    const row = await ctx.db.employerUnit.findUniqueOrThrow({ where: { id: unitId } });
    expect(row.confirmedById).toBe(reviewerX.userId);

    // An administrator sees every unit; an applicant none.
    const admin = await signInAdmin(ctx);
    expect(
      (await ctx.call('GET', '/units?status=confirmed', { token: admin.token })).data.items.map((u: { id: string }) => u.id),
    ).toContain(unitId);
    expect((await ctx.call('GET', '/units', { token: (await signUpApplicant(ctx)).token })).status).toBe(403);
  });

  it('refuses a wrong check character, a second registration of a code, another province’s district and a weak password', async () => {
    const good = freshCode();
    const last = good.at(-1)!;
    const wrongCheck = good.slice(0, 17) + USCC_CHARSET[(USCC_CHARSET.indexOf(last) + 1) % 31];
    const bad = await ctx.call('POST', '/units/register', { json: registration({ creditCode: wrongCheck }) });
    expect(bad.status).toBe(400);
    expect(bad.data.violations[0]).toMatchObject({ path: 'creditCode', rule: expect.stringMatching(/uscc/i), zh: expect.any(String) });

    expect((await ctx.call('POST', '/units/register', { json: registration({ creditCode: good }) })).status).toBe(201);
    const second = registration({ creditCode: good });
    const again = await ctx.call('POST', '/units/register', { json: second });
    expect([again.status, again.data.type]).toEqual([409, expect.stringMatching(/unit-already-registered$/)]);
    // The contact account of the refused registration was not kept.
    expect(await ctx.db.user.count({ where: { username: second.username } })).toBe(0);

    const elsewhere = await ctx.call('POST', '/units/register', { json: registration({ districtCode: '130102' }) });
    expect(elsewhere.data.type).toMatch(/unknown-district$/);
    const weak = await ctx.call('POST', '/units/register', { json: registration({ password: 'qwertyuiop' }) });
    expect(weak.data.type).toMatch(/password-too-common$/);
  });
});
