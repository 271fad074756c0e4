/**
 * The tallies the live statistics sum (migration 20261204000000_statistics_tallies): rows of differences
 * that triggers add in the transaction of every change, folded by "tallies_compact". Whatever writes the
 * rows, however many at once, and whenever the fold runs, each group's sum is the recount of its rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compactTallies } from '../../api/statistics/tallies.ts';
import { yearlyCreditStatus } from '../../domain/continuing-education.ts';
import { chinaDate } from '../../domain/dates.ts';
import { generatePopulation } from '../../tools/lib/population.ts';
import type { TestContext } from '../support/context.ts';
import { A, B, isolatedContext } from './fixture.ts';
import { tallyDrift } from './tallies-check.ts';

let env: Awaited<ReturnType<typeof isolatedContext>>;
let ctx: TestContext;
const today = chinaDate(Date.now());
const year = Number(today.slice(0, 4));

beforeAll(async () => {
  env = await isolatedContext('tallies');
  ctx = env.ctx;
  await generatePopulation(ctx.db, ctx.personalData, { count: 120, provinceCode: '110000', today, seed: 4242, batchSize: 40 });
}, 120_000);
afterAll(() => env?.close());

/** Tally rows per group, at most. */
async function rowsPerGroup() {
  const [row] = await ctx.db.$queryRaw<{ people: number; levels: number; years: number }[]>`
    SELECT (SELECT coalesce(max(c), 0) FROM (SELECT count(*)::int AS c FROM "PersonTally" GROUP BY "districtCode", status, sex, "birthMonth") x) AS people,
           (SELECT coalesce(max(c), 0) FROM (SELECT count(*)::int AS c FROM "PersonLevelTally" GROUP BY "districtCode", status, "qualificationLevel", "educationLevel") x) AS levels,
           (SELECT coalesce(max(c), 0) FROM (SELECT count(*)::int AS c FROM "ContinuingEducationTally" GROUP BY year, "districtCode", status, outcome) x) AS years`;
  return row!;
}

describe('the statistics tallies', () => {
  it('apply the completion rule of domain/continuing-education.ts, boundaries included', async () => {
    const cases: [number, number][] = [];
    for (let total = 0; total <= 1300; total += total < 850 ? 50 : 1) {
      const share = Math.ceil((total * 2) / 3);
      for (const professional of new Set([0, Math.max(0, share - 1), share, Math.min(total, share + 1), total]))
        cases.push([total, professional]);
    }
    const answers = await ctx.db.$queryRaw<{ outcome: string }[]>`
      SELECT "continuing_education_outcome"(t, p) AS outcome FROM unnest(${cases.map((c) => c[0])}::int[], ${cases.map((c) => c[1])}::int[]) WITH ORDINALITY AS c(t, p, i) ORDER BY i`;
    const expected = cases.map(([total, professional]) => {
      const status = yearlyCreditStatus(year, [
        { year, credits: professional / 10, professional: true },
        { year, credits: (total - professional) / 10, professional: false },
      ]);
      return status.complete ? 'complete' : status.totalMet ? 'shortOfProfessionalShare' : 'shortOfCredits';
    });
    expect(answers.map((a) => a.outcome)).toEqual(expected);
    expect(new Set(expected)).toEqual(new Set(['complete', 'shortOfCredits', 'shortOfProfessionalShare']));
  });

  it('count the generated population as a recount does, folded to one row per group', async () => {
    expect(await tallyDrift(ctx.db)).toEqual([]);
    expect(await rowsPerGroup()).toEqual({ people: 1, levels: 1, years: 1 });
  });

  it('count every change of many writers in the same groups at once, with the fold running beside them', async () => {
    const people = await ctx.db.person.findMany({ where: { status: 'active' }, select: { id: true }, orderBy: { id: 'asc' }, take: 60 });
    let writing = true;
    const folding = (async () => {
      let folds = 0;
      while (writing) {
        await compactTallies(ctx.db);
        folds++;
      }
      return folds;
    })();
    try {
      // Each writer moves a person between the same two districts, adds a qualification and a year's credits,
      // and a third of them take back one of their credits: the same tally groups, from every transaction.
      await Promise.all(
        people.map((p, i) =>
          ctx.db.$transaction(async (tx) => {
            await tx.person.update({ where: { id: p.id }, data: { districtCode: i % 2 ? A : B } });
            await tx.qualification.create({
              data: {
                personId: p.id,
                type: 'accounting',
                level: 'senior',
                wayObtained: 'exam',
                obtainedOn: new Date('2024-10-15'),
                certificateNo: `T${i}`,
              },
            });
            const course = await tx.continuingEducation.create({
              data: {
                personId: p.id,
                year: year + 1,
                course: '并发课程',
                credits: 45 + (i % 3) * 25,
                professional: i % 4 !== 0,
                provider: '北京国家会计学院',
                completedOn: new Date(`${year + 1}-01-15`),
                source: 'test',
              },
            });
            if (i % 3 === 0) await tx.continuingEducation.delete({ where: { id: course.id } });
          }),
        ),
      );
    } finally {
      writing = false;
    }
    expect(await folding).toBeGreaterThan(0);
    expect(await tallyDrift(ctx.db)).toEqual([]);
    const moved = await ctx.db.$queryRaw<{ n: number }[]>`
      SELECT coalesce(sum(n), 0)::int AS n FROM "ContinuingEducationTally" WHERE year = ${year + 1}`;
    expect(moved[0]!.n).toBe(people.length - Math.ceil(people.length / 3));
    await compactTallies(ctx.db);
    expect(await rowsPerGroup()).toEqual({ people: 1, levels: 1, years: 1 });
    expect(await tallyDrift(ctx.db)).toEqual([]);
  }, 120_000);

  it('follow a delete and a truncate of the people', async () => {
    const one = await ctx.db.person.findFirstOrThrow({ where: { status: 'active' }, orderBy: { id: 'desc' } });
    await ctx.db.person.delete({ where: { id: one.id } });
    expect(await tallyDrift(ctx.db)).toEqual([]);
    await ctx.db.$executeRawUnsafe('TRUNCATE "Person" CASCADE');
    expect(await tallyDrift(ctx.db)).toEqual([]);
    const [left] = await ctx.db.$queryRaw<{ n: number }[]>`
      SELECT ((SELECT count(*) FROM "PersonTally") + (SELECT count(*) FROM "PersonLevelTally") + (SELECT count(*) FROM "ContinuingEducationTally"))::int AS n`;
    expect(left!.n).toBe(0);
  });
});
