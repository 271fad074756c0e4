import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpApplicant } from '../support/accounts.ts';
import { testContext, type TestContext } from '../support/context.ts';
import { accountantForm } from '../support/forms.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await testContext();
});
afterAll(() => ctx.close());

describe('reference data', () => {
  it('lists every enumeration of the form, with Chinese and English labels', async () => {
    const res = await ctx.call('GET', '/reference/enumerations');
    expect(res.status).toBe(200);
    expect(Object.keys(res.data)).toEqual(
      expect.arrayContaining([
        'educationLevels',
        'degrees',
        'qualificationLevels',
        'accountingPosts',
        'administrativePosts',
        'idTypes',
        'unitKinds',
      ]),
    );
    expect(res.data.qualificationLevels.map((e: { zh: string }) => e.zh)).toEqual(['初级', '中级', '高级', '正高级']);
    const one = await ctx.call('GET', '/reference/enumerations/degrees');
    expect(one.data.map((e: { code: string }) => e.code)).toEqual(['none', 'bachelor', 'master', 'doctor']);
    const missing = await ctx.call('GET', '/reference/enumerations/nonsense');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it("lists the configured province's 16 districts", async () => {
    const res = await ctx.call('GET', '/reference/districts');
    expect(res.data.provinceCode).toBe('110000');
    expect(res.data.districts).toHaveLength(16);
    expect(res.data.districts.find((d: { code: string }) => d.code === '110105')).toMatchObject({ zh: '朝阳区' });
  });
});

describe('accounts', () => {
  it('registers an applicant and signs in; a wrong password or a taken username is refused in both languages', async () => {
    const username = `reg-${Date.now()}`;
    const reg = await ctx.call('POST', '/auth/register', { json: { username, password: 'a-long-password', displayName: '李娜' } });
    expect(reg.status).toBe(201);
    const user = await ctx.db.user.findUniqueOrThrow({ where: { username } });
    expect(user.role).toBe('applicant');
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    const login = await ctx.call('POST', '/auth/login', { json: { username, password: 'a-long-password' } });
    expect(login.status).toBe(200);
    expect(login.data).toMatchObject({ token: expect.any(String), user: { role: 'applicant' } });
    expect(Date.parse(login.data.expiresAt)).toBeGreaterThan(Date.now());
    const wrong = await ctx.call('POST', '/auth/login', { json: { username, password: 'not-the-password' } });
    expect(wrong.status).toBe(401);
    const taken = await ctx.call('POST', '/auth/register', { json: { username, password: 'another-password', displayName: 'x' } });
    expect(taken.status).toBe(409);
    expect(taken.data.detail_zh).toMatch(/用户名/);
    const weak = await ctx.call('POST', '/auth/register', { json: { username: 'u', password: 'short', displayName: '' } });
    expect(weak.status).toBe(400);
    expect(weak.data.violations.map((v: { path: string }) => v.path).sort()).toEqual(['displayName', 'password', 'username']);
  });
});

describe('the form refuses bad data at once, naming the rule, and stores nothing', () => {
  async function draft() {
    const applicant = await signUpApplicant(ctx);
    const created = await ctx.call('POST', '/requests/collection', { token: applicant.token });
    return { token: applicant.token, id: created.data.requestId as string };
  }

  it.each([
    ['a wrong check character', (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0'), 'identity.checksum'],
    ['an impossible birth date', (id: string) => `11010519990230${id.slice(14)}`, 'identity.birthDate'],
  ])('an ID number with %s', async (_what, mutate, rule) => {
    const { token, id } = await draft();
    const form = accountantForm();
    const res = await ctx.call('PUT', `/requests/${id}/form/basic`, {
      token,
      json: { ...form.basic, idNumber: mutate(form.basic.idNumber) },
    });
    expect(res.status).toBe(400);
    expect(res.data.violations.map((v: { rule: string }) => v.rule)).toContain(rule);
    expect(res.data.violations.find((v: { rule: string }) => v.rule === rule)).toMatchObject({
      path: 'basic.idNumber',
      zh: expect.any(String),
      en: expect.any(String),
    });
    expect((await ctx.db.request.findUniqueOrThrow({ where: { id } })).form).toEqual({});
  });

  it('a birth date that disagrees with the ID number', async () => {
    const { token, id } = await draft();
    const form = accountantForm();
    const res = await ctx.call('PUT', `/requests/${id}/form/basic`, { token, json: { ...form.basic, birthDate: '1969-01-01' } });
    expect(res.status).toBe(400);
    expect(res.data.violations.map((v: { path: string }) => v.path)).toContain('basic.birthDate');
  });

  it('a unified social credit code with a wrong check character', async () => {
    const { token, id } = await draft();
    const form = accountantForm();
    const code = form.work.unitCreditCode;
    const bad = code.slice(0, 17) + (code[17] === 'A' ? 'B' : 'A');
    const res = await ctx.call('PUT', `/requests/${id}/form/work`, { token, json: { ...form.work, unitCreditCode: bad } });
    expect(res.status).toBe(400);
    expect(res.data.violations[0]).toMatchObject({ path: 'work.unitCreditCode', rule: expect.stringMatching(/^uscc\./) });
    expect((await ctx.db.request.findUniqueOrThrow({ where: { id } })).form).toEqual({});
  });

  it('a district of another province', async () => {
    const { token, id } = await draft();
    const res = await ctx.call('PUT', `/requests/${id}/form/district`, { token, json: { code: '130102', basis: 'workUnit' } });
    expect(res.status).toBe(400);
    expect(res.data.violations[0].path).toBe('district.code');
  });
});
