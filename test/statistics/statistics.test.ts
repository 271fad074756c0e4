import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yearlyCreditStatus } from '../../domain/continuing-education.ts';
import { ageBandOf, ageOn } from '../../domain/statistics.ts';
import { signInAdmin, signInReviewer, signUpApplicant } from '../support/accounts.ts';
import type { TestContext } from '../support/context.ts';
import { A, B, isolatedContext, knownPopulation, seedKnownPopulation } from './fixture.ts';

const population = knownPopulation();
let env: Awaited<ReturnType<typeof isolatedContext>>;
let ctx: TestContext;
let ids: Awaited<ReturnType<typeof seedKnownPopulation>>;
let admin: { token: string };
let reviewerA: { token: string };
let reviewerB: { token: string };
let applicant: { token: string };

beforeAll(async () => {
  env = await isolatedContext('stats');
  ctx = env.ctx;
  ids = await seedKnownPopulation(ctx, population);
  [admin, reviewerA, reviewerB, applicant] = await Promise.all([
    signInAdmin(ctx),
    signInReviewer(ctx, A),
    signInReviewer(ctx, B),
    signUpApplicant(ctx),
  ]);
});
afterAll(() => env?.close());

/** `{ code: count }` of a breakdown, without the codes counted zero. */
const counts = (list: { code: string; count: number }[]) =>
  Object.fromEntries(list.filter((e) => e.count > 0).map((e) => [e.code, e.count]));
const stats = (token: string, query = '') => ctx.call('GET', `/statistics?year=${population.year}${query}`, { token });

describe('live statistics (实时统计)', () => {
  it('counts the whole province for an administrator: people by district, sex, age band, highest qualification and education', async () => {
    const res = await stats(admin.token);
    expect(res.status).toBe(200);
    expect(res.data.scope).toEqual({ provinceCode: '110000', districtCode: null });
    const p = res.data.people;
    expect(p.total).toBe(5);
    expect(p.transferredOut).toBe(1);
    expect(counts(p.byDistrict)).toEqual({ [A]: 3, [B]: 2 });
    // Every district of the province is listed, with its name, even when nobody is in it.
    expect(p.byDistrict).toHaveLength(16);
    expect(p.byDistrict.find((d: { code: string }) => d.code === A)).toMatchObject({ zh: '朝阳区', count: 3 });
    expect(counts(p.bySex)).toEqual({ male: 2, female: 3 });
    // 李娜 is 30 today; 王芳 turns 30 tomorrow.
    expect(counts(p.byAgeBand)).toEqual({ under30: 1, age30to39: 1, age40to49: 1, age50to59: 1, age60plus: 1 });
    expect(counts(p.byQualificationLevel)).toEqual({ junior: 1, intermediate: 1, senior: 1, professorSenior: 1, none: 1 });
    expect(counts(p.byEducationLevel)).toEqual({ seniorHigh: 1, bachelor: 1, master: 1, doctor: 1, none: 1 });
    expect(p.byQualificationLevel.map((e: { code: string }) => e.code)).toEqual([
      'junior',
      'intermediate',
      'senior',
      'professorSenior',
      'none',
    ]);
  });

  it('puts each person in the age band the domain rule gives', async () => {
    const res = await stats(admin.token, '&sections=people');
    const expected: Record<string, number> = {};
    for (const p of population.people.filter((x) => x.status !== 'transferredOut')) {
      const band = ageBandOf(ageOn(p.birthDate, population.today));
      expected[band] = (expected[band] ?? 0) + 1;
    }
    expect(counts(res.data.people.byAgeBand)).toEqual(expected);
    expect(res.data.requests).toBeUndefined();
    expect(res.data.continuingEducation).toBeUndefined();
  });

  it('counts requests by kind and state, and overdue reviews (past the due time, or flagged) and destinations', async () => {
    const r = (await stats(admin.token, '&sections=requests')).data.requests;
    expect(r.total).toBe(6);
    expect(counts(r.byKind)).toEqual({ collection: 4, change: 1, transferOut: 1 });
    expect(counts(r.byState)).toEqual({ awaitingReview: 3, completed: 1, awaitingDestination: 1, returned: 1 });
    expect(r.byKindAndState).toContainEqual({ kind: 'collection', state: 'awaitingReview', count: 3 });
    expect(r.overdueReviews).toBe(2);
    expect(r.overdueDestinations).toBe(1);
  });

  it('counts continuing-education completion of a year with the rule of domain/continuing-education.ts, boundaries included', async () => {
    const ce = (await stats(admin.token, '&sections=continuingEducation')).data.continuingEducation;
    expect(ce).toEqual({
      year: population.year,
      requiredCredits: 90,
      professionalShare: '2/3',
      people: 5,
      withRecords: 4,
      complete: 2, // 张伟 A (60 of exactly 90 professional), 张伟 B (100)
      shortOfCredits: 1, // 李娜, 89.5
      shortOfProfessionalShare: 1, // 王芳, 59.5 of 90
      noRecords: 1,
      completionRate: 0.4,
    });
    // The same figures from the domain function, person by person.
    const rows = await ctx.db.continuingEducation.findMany({
      where: { person: { status: 'active' } },
      include: { person: { select: { id: true } } },
    });
    const byPerson = new Map<string, { year: number; credits: string; professional: boolean }[]>();
    for (const r of rows)
      byPerson.set(r.personId, [
        ...(byPerson.get(r.personId) ?? []),
        { year: r.year, credits: r.credits.toString(), professional: r.professional },
      ]);
    const statuses = [...byPerson.values()].map((entries) => yearlyCreditStatus(population.year, entries)).filter((s) => s.records > 0);
    expect(statuses.length).toBe(ce.withRecords);
    expect(statuses.filter((s) => s.complete).length).toBe(ce.complete);
    expect(statuses.filter((s) => !s.totalMet).length).toBe(ce.shortOfCredits);
  });

  it('is live: a new qualification counts at once', async () => {
    const before = counts((await stats(admin.token, '&sections=people')).data.people.byQualificationLevel);
    expect(before).toEqual({ junior: 1, intermediate: 1, senior: 1, professorSenior: 1, none: 1 });
    await ctx.db.qualification.create({
      data: {
        personId: ids.wangfang!.id,
        type: 'accounting',
        level: 'senior',
        wayObtained: 'examAndReview',
        obtainedOn: new Date('2024-10-15T00:00:00Z'),
        certificateNo: 'G2024001',
      },
    });
    try {
      const after = counts((await stats(admin.token, '&sections=people')).data.people.byQualificationLevel);
      expect(after).toEqual({ junior: 1, intermediate: 1, senior: 2, professorSenior: 1 });
    } finally {
      await ctx.db.qualification.deleteMany({ where: { personId: ids.wangfang!.id } });
    }
  });

  it('scopes a district reviewer to their own district: people, requests and continuing education', async () => {
    const res = await stats(reviewerA.token);
    expect(res.status).toBe(200);
    expect(res.data.scope).toEqual({ provinceCode: '110000', districtCode: A });
    const p = res.data.people;
    expect(p.total).toBe(3);
    expect(p.transferredOut).toBe(1);
    expect(p.byDistrict).toEqual([{ code: A, zh: '朝阳区', en: 'Chaoyang District', count: 3 }]);
    expect(counts(p.bySex)).toEqual({ male: 1, female: 2 });
    // B's professor-level senior and doctor are not A's.
    expect(counts(p.byQualificationLevel)).toEqual({ intermediate: 1, senior: 1, none: 1 });
    expect(counts(p.byEducationLevel)).toEqual({ bachelor: 1, master: 1, none: 1 });
    expect(res.data.requests).toMatchObject({ total: 3, overdueReviews: 2, overdueDestinations: 0 });
    expect(res.data.continuingEducation).toMatchObject({
      people: 3,
      withRecords: 3,
      complete: 1,
      shortOfCredits: 1,
      shortOfProfessionalShare: 1,
      noRecords: 0,
    });

    const b = (await stats(reviewerB.token)).data;
    expect(b.people.total).toBe(2);
    expect(b.requests).toMatchObject({ total: 3, overdueReviews: 0, overdueDestinations: 1 });
  });

  it("lets an administrator look at one district, and refuses a reviewer another district's figures", async () => {
    const one = await stats(admin.token, `&district=${B}`);
    expect(one.status).toBe(200);
    expect(one.data.scope.districtCode).toBe(B);
    expect(one.data.people.total).toBe(2);

    const own = await stats(reviewerA.token, `&district=${A}`);
    expect(own.status).toBe(200);
    const other = await stats(reviewerA.token, `&district=${B}`);
    expect(other.status).toBe(403);
    expect(other.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(other.data).toMatchObject({ status: 403, rule: 'statistics.districtScope' });
    expect(other.data.detail_zh).toContain('本区');

    const unknown = await stats(admin.token, '&district=110199');
    expect(unknown.status).toBe(400);
    expect(unknown.data.rule).toBe('statistics.district');
  });

  it('refuses applicants (403) and anonymous callers (401) with problem+json', async () => {
    for (const path of ['/statistics', '/statistics/export?format=csv', '/people', '/people/export?format=csv']) {
      const res = await ctx.call('GET', path, { token: applicant.token });
      expect(res.status, path).toBe(403);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.data).toMatchObject({ type: expect.stringContaining('/forbidden'), rule: 'statistics.staffOnly' });
      expect(res.data.detail_zh).toBeTruthy();
      expect((await ctx.call('GET', path)).status, path).toBe(401);
    }
  });

  it('checks its query: unknown sections and years out of range are refused with the field named', async () => {
    const bad = await ctx.call('GET', '/statistics?sections=people,salaries', { token: admin.token });
    expect(bad.status).toBe(400);
    expect(bad.data.violations[0].path).toBe('sections');
    expect((await ctx.call('GET', '/statistics?year=1800', { token: admin.token })).status).toBe(400);
  });
});
