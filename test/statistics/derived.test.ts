/**
 * The values the live statistics count from, kept by triggers (migration 20261201000000_statistics_derived):
 * each person's highest qualification and education level, each person's credits of a year. Whatever
 * writes the rows — Prisma, plain SQL, two transactions at once — the counts move at once and agree
 * with the rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import pg from 'pg';
import {
  educationLevels,
  highestEducationLevel,
  highestQualificationLevel,
  qualificationLevels,
  type EducationLevel,
  type QualificationLevel,
} from '../../domain/enums.ts';
import { signInAdmin, signInReviewer } from '../support/accounts.ts';
import type { TestContext } from '../support/context.ts';
import { A, B, isolatedContext, knownPopulation, seedKnownPopulation } from './fixture.ts';
import { tallyDrift } from './tallies-check.ts';

const SUFFIX = 'derived';
const population = knownPopulation();
let env: Awaited<ReturnType<typeof isolatedContext>>;
let ctx: TestContext;
let ids: Awaited<ReturnType<typeof seedKnownPopulation>>;
let admin: { token: string };
let reviewerA: { token: string };
let reviewerB: { token: string };

beforeAll(async () => {
  env = await isolatedContext(SUFFIX);
  ctx = env.ctx;
  ids = await seedKnownPopulation(ctx, population);
  [admin, reviewerA, reviewerB] = await Promise.all([signInAdmin(ctx), signInReviewer(ctx, A), signInReviewer(ctx, B)]);
});
afterAll(() => env?.close());

const counts = (list: { code: string; count: number }[]) =>
  Object.fromEntries(list.filter((e) => e.count > 0).map((e) => [e.code, e.count]));
const stats = async (token: string, sections: string) => {
  const res = await ctx.call('GET', `/statistics?year=${population.year}&sections=${sections}`, { token });
  expect(res.status).toBe(200);
  return res.data;
};
const levelsOf = (personId: string) =>
  ctx.db.person.findUniqueOrThrow({ where: { id: personId }, select: { highestQualificationLevel: true, highestEducationLevel: true } });
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const courseOf = (name: string, credits: number, professional: boolean) => ({
  year: population.year,
  course: name,
  credits,
  professional,
  provider: '北京国家会计学院',
  completedOn: day(`${population.year}-11-20`),
  source: 'test',
});
const course = (personId: string, name: string, credits: number, professional: boolean) => ({
  personId,
  ...courseOf(name, credits, professional),
});

/** The derived values and the statistics tallies recomputed from the rows, side by side with what the triggers kept. */
async function drift() {
  const values = await ctx.db.$queryRaw<{ what: string; personId: string }[]>`
    SELECT 'levels' AS what, p.id AS "personId" FROM "Person" p
     WHERE p."highestQualificationLevel" IS DISTINCT FROM highest_qualification_level(p.id)
        OR p."highestEducationLevel" IS DISTINCT FROM highest_education_level(p.id)
    UNION ALL
    SELECT 'credits', coalesce(y."personId", c."personId") FROM "ContinuingEducationYear" y
      FULL JOIN (SELECT c."personId", c.year, count(*)::int AS n, sum(c.credits * 10)::int AS total,
                        coalesce(sum(c.credits * 10) FILTER (WHERE c.professional), 0)::int AS professional
                   FROM "ContinuingEducation" c GROUP BY 1, 2) c ON c."personId" = y."personId" AND c.year = y.year
      LEFT JOIN "Person" p ON p.id = coalesce(y."personId", c."personId")
     WHERE y."personId" IS NULL OR c."personId" IS NULL OR y.records <> c.n OR y."totalTenths" <> c.total
        OR y."professionalTenths" <> c.professional OR y."districtCode" <> p."districtCode" OR y.status <> p.status`;
  return [...values.map((v) => `${v.what} of ${v.personId}`), ...(await tallyDrift(ctx.db))];
}

describe('derived values of the live statistics (kept by triggers)', () => {
  it('keeps the highest qualification and education level in the order of domain/enums.ts, as rows come and go', async () => {
    const personId = ids.wangfang!.id; // no qualification, no education
    expect(await levelsOf(personId)).toEqual({ highestQualificationLevel: null, highestEducationLevel: null });
    // Every level added in an order that is neither ascending nor descending, then removed again.
    const qualificationOrder = [2, 0, 3, 1].map((i) => qualificationLevels[i]!.code);
    const educationOrder = [3, 6, 0, 5, 1, 4, 2].map((i) => educationLevels[i]!.code);
    const heldQ: QualificationLevel[] = [];
    for (const [i, level] of qualificationOrder.entries()) {
      await ctx.db.qualification.create({
        data: { personId, type: 'accounting', level, wayObtained: 'exam', obtainedOn: day(`${2010 + i}-10-15`), certificateNo: `D${i}` },
      });
      heldQ.push(level);
      expect((await levelsOf(personId)).highestQualificationLevel).toBe(highestQualificationLevel(heldQ));
    }
    const heldE: EducationLevel[] = [];
    for (const [i, level] of educationOrder.entries()) {
      await ctx.db.education.create({
        data: {
          personId,
          studyMode: 'fullTime',
          school: '中央财经大学',
          level,
          degree: 'none',
          enrolledOn: day(`${1990 + i}-09-01`),
          graduatedOn: day(`${1993 + i}-07-01`),
        },
      });
      heldE.push(level);
      expect((await levelsOf(personId)).highestEducationLevel).toBe(highestEducationLevel(heldE));
    }
    // A level changed in place, then every row removed, highest first.
    await ctx.db.qualification.updateMany({ where: { personId, level: 'professorSenior' }, data: { level: 'junior' } });
    expect((await levelsOf(personId)).highestQualificationLevel).toBe('senior');
    for (const level of ['senior', 'intermediate', 'junior'] as const) {
      await ctx.db.qualification.deleteMany({ where: { personId, level } });
      expect((await levelsOf(personId)).highestQualificationLevel).toBe(
        level === 'junior' ? null : level === 'senior' ? 'intermediate' : 'junior',
      );
    }
    await ctx.db.education.deleteMany({ where: { personId } });
    expect(await levelsOf(personId)).toEqual({ highestQualificationLevel: null, highestEducationLevel: null });
    // A level not on the list counts as none, as it always has.
    await ctx.db.qualification.create({
      data: {
        personId,
        type: 'accounting',
        level: 'unknownLevel',
        wayObtained: 'exam',
        obtainedOn: day('2020-10-15'),
        certificateNo: 'DX',
      },
    });
    expect((await levelsOf(personId)).highestQualificationLevel).toBeNull();
    await ctx.db.qualification.deleteMany({ where: { personId } });
    expect(await drift()).toEqual([]);
  });

  it('moves the counts at once: a qualification changed, a continuing-education record added and removed', async () => {
    const people = async (token: string) => (await stats(token, 'people')).people;
    expect(counts((await people(admin.token)).byQualificationLevel)).toEqual({
      junior: 1,
      intermediate: 1,
      senior: 1,
      professorSenior: 1,
      none: 1,
    });
    // 张伟 of A: intermediate becomes professor-level senior.
    await ctx.db.qualification.updateMany({
      where: { personId: ids.zhangA!.id, level: 'intermediate' },
      data: { level: 'professorSenior' },
    });
    try {
      expect(counts((await people(admin.token)).byQualificationLevel)).toEqual({ junior: 1, senior: 1, professorSenior: 2, none: 1 });
      expect(counts((await people(reviewerA.token)).byQualificationLevel)).toEqual({ senior: 1, professorSenior: 1, none: 1 });
    } finally {
      await ctx.db.qualification.updateMany({
        where: { personId: ids.zhangA!.id, level: 'professorSenior' },
        data: { level: 'intermediate' },
      });
    }
    expect(counts((await people(admin.token)).byQualificationLevel)).toEqual({
      junior: 1,
      intermediate: 1,
      senior: 1,
      professorSenior: 1,
      none: 1,
    });

    const completion = async (token: string) => (await stats(token, 'continuingEducation')).continuingEducation;
    const before = await completion(admin.token);
    expect(before).toMatchObject({ withRecords: 4, complete: 2, shortOfCredits: 1, shortOfProfessionalShare: 1, noRecords: 1 });
    // 李娜 has 89.5 credits, 60 professional: half a professional credit completes her year (60.5 of 90 ≥ 2/3).
    const added = await ctx.db.continuingEducation.create({ data: course(ids.lina!.id, '补充课程', 0.5, true) });
    expect(await completion(admin.token)).toMatchObject({
      withRecords: 4,
      complete: 3,
      shortOfCredits: 0,
      shortOfProfessionalShare: 1,
      noRecords: 1,
    });
    expect(await completion(reviewerA.token)).toMatchObject({ withRecords: 3, complete: 2, shortOfCredits: 0 });
    await ctx.db.continuingEducation.delete({ where: { id: added.id } });
    expect(await completion(admin.token)).toEqual(before);

    // 陈静 of B had no record of the year: a first one counts her, short of credits; removed, she has none again.
    const first = await ctx.db.continuingEducation.create({ data: course(ids.chenjing!.id, '首门课程', 12.5, true) });
    expect(await completion(reviewerB.token)).toMatchObject({ people: 2, withRecords: 2, complete: 1, shortOfCredits: 1, noRecords: 0 });
    await ctx.db.continuingEducation.delete({ where: { id: first.id } });
    expect(await completion(reviewerB.token)).toMatchObject({ people: 2, withRecords: 1, complete: 1, shortOfCredits: 0, noRecords: 1 });
    expect(await drift()).toEqual([]);
  });

  it("follows a person's district and status: a move to another district, a transfer out", async () => {
    const completion = async (token: string) => (await stats(token, 'continuingEducation')).continuingEducation;
    const lina = ids.lina!.id;
    await ctx.db.person.update({ where: { id: lina }, data: { districtCode: B } });
    try {
      expect(await completion(reviewerB.token)).toMatchObject({ people: 3, withRecords: 2, shortOfCredits: 1 });
      expect(await completion(reviewerA.token)).toMatchObject({ people: 2, withRecords: 2, shortOfCredits: 0 });
      await ctx.db.person.update({ where: { id: lina }, data: { status: 'transferredOut' } });
      expect(await completion(reviewerB.token)).toMatchObject({ people: 2, withRecords: 1, shortOfCredits: 0 });
      expect(await completion(admin.token)).toMatchObject({ people: 4, withRecords: 3, shortOfCredits: 0 });
      expect(await drift()).toEqual([]);
    } finally {
      await ctx.db.person.update({ where: { id: lina }, data: { districtCode: A, status: 'active' } });
    }
    expect(await completion(admin.token)).toMatchObject({ people: 5, withRecords: 4, complete: 2, shortOfCredits: 1 });
  });

  it('stays right when two transactions write the same person at once, and when a person is deleted', async () => {
    const url = `${inject('run').databaseUrl}_${SUFFIX}`;
    const [one, two] = [new pg.Client({ connectionString: url }), new pg.Client({ connectionString: url })];
    await Promise.all([one.connect(), two.connect()]);
    const personId = ids.chenjing!.id; // junior; no credits of the year
    try {
      // The higher level is written first but commits while the lower one waits: the lower must not win.
      await one.query('BEGIN');
      await one.query(
        `INSERT INTO "Qualification" (id, "personId", type, level, "wayObtained", "obtainedOn", "certificateNo") VALUES (gen_random_uuid()::text, $1, 'accounting', 'professorSenior', 'review', '2024-10-15', 'C1')`,
        [personId],
      );
      await two.query('BEGIN');
      let secondDone = false;
      const second = two
        .query(
          `INSERT INTO "Qualification" (id, "personId", type, level, "wayObtained", "obtainedOn", "certificateNo") VALUES (gen_random_uuid()::text, $1, 'accounting', 'intermediate', 'exam', '2020-10-15', 'C2')`,
          [personId],
        )
        .then(() => (secondDone = true));
      await new Promise((r) => setTimeout(r, 300));
      expect(secondDone).toBe(false); // waiting for the first writer's lock on the person
      await one.query('COMMIT');
      await second;
      await two.query('COMMIT');
      expect((await levelsOf(personId)).highestQualificationLevel).toBe('professorSenior');

      // Credits of one year from two transactions at once: both count.
      const insertCourse = (c: pg.Client, name: string, credits: string) =>
        c.query(
          `INSERT INTO "ContinuingEducation" (id, "personId", year, course, credits, professional, provider, "completedOn", source) VALUES (gen_random_uuid()::text, $1, $2, $3, $4, true, '北京国家会计学院', $5, 'test')`,
          [personId, population.year, name, credits, `${population.year}-06-01`],
        );
      await Promise.all([one.query('BEGIN'), two.query('BEGIN')]);
      await insertCourse(one, '并发课程一', '45.5');
      const later = insertCourse(two, '并发课程二', '44.5');
      await new Promise((r) => setTimeout(r, 100));
      await one.query('COMMIT');
      await later;
      await two.query('COMMIT');
      const year = await ctx.db.continuingEducationYear.findUniqueOrThrow({
        where: { personId_year: { personId, year: population.year } },
      });
      expect(year).toMatchObject({ records: 2, totalTenths: 900, professionalTenths: 900, districtCode: B, status: 'active' });
      expect((await stats(reviewerB.token, 'continuingEducation')).continuingEducation).toMatchObject({
        withRecords: 2,
        complete: 2,
        noRecords: 0,
      });
      expect(await drift()).toEqual([]);
    } finally {
      await Promise.all([one.end(), two.end()]);
      await ctx.db.qualification.deleteMany({ where: { personId, level: { not: 'junior' } } });
      await ctx.db.continuingEducation.deleteMany({ where: { personId, year: population.year } });
    }
    expect(await levelsOf(personId)).toEqual({ highestQualificationLevel: 'junior', highestEducationLevel: 'seniorHigh' });
    expect(await ctx.db.continuingEducationYear.count({ where: { personId, year: population.year } })).toBe(0);

    // Deleting a person removes their rows (cascade) and what was kept for them, without an error.
    const template = await ctx.db.person.findUniqueOrThrow({ where: { id: ids.zhangB!.id } });
    const {
      id: _id,
      archiveNoHash,
      createdAt: _c,
      updatedAt: _u,
      highestQualificationLevel: _q,
      highestEducationLevel: _e,
      ...columns
    } = template;
    const temporary = await ctx.db.person.create({
      data: {
        ...columns,
        archiveNoHash: `${archiveNoHash}-temporary`,
        qualifications: {
          create: [{ type: 'accounting', level: 'senior', wayObtained: 'exam', obtainedOn: day('2015-10-15'), certificateNo: 'T1' }],
        },
        continuingEducations: { create: [courseOf('临时课程', 30, true)] },
      },
    });
    expect(await levelsOf(temporary.id)).toMatchObject({ highestQualificationLevel: 'senior' });
    expect(await ctx.db.continuingEducationYear.count({ where: { personId: temporary.id } })).toBe(1);
    await ctx.db.person.delete({ where: { id: temporary.id } });
    expect(await ctx.db.continuingEducationYear.count({ where: { personId: temporary.id } })).toBe(0);
    expect(await drift()).toEqual([]);
  });
});
