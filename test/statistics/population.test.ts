import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '../../clients/db.ts';
import { isSealed, personalDataFromEnv } from '../../clients/personal-data.ts';
import { loadEnv } from '../../config/env.ts';
import { yearlyCreditStatus } from '../../domain/continuing-education.ts';
import { chinaDate } from '../../domain/dates.ts';
import { districtsOf } from '../../domain/districts.ts';
import { educationLevels, qualificationLevels } from '../../domain/enums.ts';
import { checkIdentity } from '../../domain/identity.ts';
import { checkUscc } from '../../domain/uscc.ts';
import { applyMigrations, dropDatabase } from '../../prisma/migrations-runner.ts';
import { tallyDrift, tallySums } from './tallies-check.ts';
import { GENERATED_EMAIL_DOMAIN, countGenerated, generatePopulation, removeGenerated } from '../../tools/lib/population.ts';

const run = promisify(execFile);
const TOOL = new URL('../../tools/generate-population.ts', import.meta.url).pathname;
const url = `${inject('run').databaseUrl}_population`;
const today = chinaDate(Date.now());
// The keys the tool reads from its environment (the configuration defaults).
const personalData = personalDataFromEnv(loadEnv({ NODE_ENV: 'test' }));
let db: Db;

beforeAll(async () => {
  await applyMigrations(url);
  db = createDb(url, { max: 2 });
});
afterAll(async () => {
  await db?.$disconnect();
  await dropDatabase(url);
});

describe('population generator (tools/generate-population.ts)', () => {
  it('generates people with valid, distinct ID numbers in the districts of the province, with valid units and plausible modules', async () => {
    const report = await generatePopulation(db, personalData, { count: 200, provinceCode: '110000', today, seed: 42, batchSize: 64 });
    expect(report.people).toBe(200);
    const rows = await db.person.findMany({ include: { work: true, educations: true, qualifications: true, continuingEducations: true } });
    expect(rows).toHaveLength(200);
    // Numbers stored as the system stores them: sealed, the archive number with its hash and first six characters.
    for (const p of rows) expect([p.archiveNoSealed, p.mobileSealed].every(isSealed)).toBe(true);
    const people = rows.map((p) => ({
      ...p,
      archiveNo: personalData.open('idNumber', p.archiveNoSealed),
      mobile: personalData.open('mobile', p.mobileSealed),
    }));
    for (const p of people)
      expect([p.archiveNoHash, p.archiveNoPrefix]).toEqual([personalData.lookup('idNumber', p.archiveNo), p.archiveNo.slice(0, 6)]);
    expect(new Set(people.map((p) => p.archiveNo)).size).toBe(200);

    const districts = new Set(districtsOf('110000').map((d) => d.code));
    for (const p of people) {
      const birthDate = p.birthDate.toISOString().slice(0, 10);
      const identity = checkIdentity({
        idType: p.idType as 'mainlandId',
        idNumber: p.archiveNo,
        nationality: p.nationality,
        birthDate,
        sex: p.sex as 'male',
        today,
      });
      expect(identity, `${p.idType} ${p.archiveNo}`).toMatchObject({ ok: true, archiveNo: p.archiveNo });
      expect(districts.has(p.districtCode), p.districtCode).toBe(true);
      expect(p.email).toMatch(new RegExp(`@${GENERATED_EMAIL_DOMAIN.replace('.', '\\.')}$`));
      expect(p.mobile).toMatch(/^1[3-9]\d{9}$/);
      if (p.situation === 'accountingWork') {
        expect(p.work, p.archiveNo).not.toBeNull();
        expect(checkUscc(p.work!.unitCreditCode).ok, p.work!.unitCreditCode).toBe(true);
        expect(districts.has(p.work!.unitDistrict)).toBe(true);
      } else {
        // Not working: in the collection only because of a qualification.
        expect(p.qualifications.length, p.archiveNo).toBeGreaterThan(0);
      }
      for (const e of p.educations) expect(educationLevels.some((l) => l.code === e.level)).toBe(true);
      for (const q of p.qualifications) expect(qualificationLevels.some((l) => l.code === q.level)).toBe(true);
      expect(p.birthDate.toISOString().slice(0, 10) < today).toBe(true);
    }

    // Plausible spreads, not one value everywhere.
    const share = (f: (p: (typeof people)[number]) => boolean) => people.filter(f).length / people.length;
    expect(new Set(people.map((p) => p.districtCode)).size).toBeGreaterThan(8);
    expect(share((p) => p.sex === 'female')).toBeGreaterThan(0.55);
    expect(share((p) => p.sex === 'female')).toBeLessThan(0.9);
    expect(share((p) => p.idType === 'mainlandId')).toBeGreaterThan(0.95);
    expect(share((p) => p.qualifications.length > 0)).toBeGreaterThan(0.5);
    expect(new Set(people.map((p) => p.birthDate.getUTCFullYear())).size).toBeGreaterThan(20);
    const lastYear = Number(today.slice(0, 4)) - 1;
    const statuses = people
      .map((p) =>
        yearlyCreditStatus(
          lastYear,
          p.continuingEducations.map((c) => ({ year: c.year, credits: c.credits.toString(), professional: c.professional })),
        ),
      )
      .filter((s) => s.records > 0);
    expect(statuses.length).toBeGreaterThan(100);
    expect(statuses.some((s) => s.complete)).toBe(true);
    expect(statuses.some((s) => !s.complete)).toBe(true);

    // The same seed, count and batch size draw the same people: the whole first batch is taken already,
    // and drawn again (from there on the draws differ).
    const again = await generatePopulation(db, personalData, { count: 200, provinceCode: '110000', today, seed: 42, batchSize: 64 });
    expect(again.redrawn).toBeGreaterThanOrEqual(64);
    expect(await countGenerated(db)).toBe(400);
    expect((await db.person.groupBy({ by: ['archiveNoHash'] })).length).toBe(400);
  });

  it('is a command with a progress bar: it tops up to --count, does nothing when there, and --reset starts over', async () => {
    const tool = (...args: string[]) =>
      run(process.execPath, ['--import', 'tsx', TOOL, ...args], {
        env: { ...process.env, DATABASE_URL: url, NODE_ENV: 'test', PROVINCE_CODE: '110000' },
      });
    await removeGenerated(db);
    expect(await db.education.count()).toBe(0); // the modules went with the people

    const first = await tool('--count', '150');
    expect(first.stdout).toMatch(/^150 people in /m);
    expect(first.stderr).toMatch(/people \|.*\| 150\/150/);
    expect(await countGenerated(db)).toBe(150);

    const second = await tool('--count', '150');
    expect(second.stdout).toContain('150 generated people already in the database');
    expect(await countGenerated(db)).toBe(150);

    const more = await tool('--count', '180');
    expect(more.stdout).toContain('topping up 150');
    expect(await countGenerated(db)).toBe(180);

    const reset = await tool('--count', '40', '--reset');
    expect(reset.stdout).toContain('removed 180 generated people');
    expect(await countGenerated(db)).toBe(40);

    await expect(tool('--count', 'many')).rejects.toMatchObject({ code: 2 });
  });
  it('bulk-loaded (COPY, derived values backfilled once per batch) writes what per-statement inserts and their triggers write', async () => {
    const rowsUrl = `${url}_rows`;
    const bulkUrl = `${url}_bulk`;
    await Promise.all([applyMigrations(rowsUrl), applyMigrations(bulkUrl)]);
    const rowsDb = createDb(rowsUrl, { max: 2 });
    const bulkDb = createDb(bulkUrl, { max: 2 });
    try {
      const opts = { count: 300, provinceCode: '110000', today, seed: 1717, batchSize: 100 };
      const rows = await generatePopulation(rowsDb, personalData, opts);
      const bulk = await generatePopulation(bulkDb, personalData, { ...opts, copyUrl: bulkUrl });
      expect({ ...bulk, seconds: 0 }).toEqual({ ...rows, seconds: 0 });
      // People are told apart by their generated e-mail address (ids are drawn afresh on each run).
      const snapshot = async (d: Db) => ({
        people: await d.$queryRaw`
          SELECT email, name, "districtCode", status::text, "archiveNoHash", "highestQualificationLevel", "highestEducationLevel"
            FROM "Person" ORDER BY email`,
        years: await d.$queryRaw`
          SELECT p.email, y.year, y."districtCode", y.status::text, y.records, y."totalTenths", y."professionalTenths"
            FROM "ContinuingEducationYear" y JOIN "Person" p ON p.id = y."personId" ORDER BY 1, 2`,
        qualifications: await d.$queryRaw`
          SELECT p.email, q.level, q."obtainedOn", q."certificateNo" FROM "Qualification" q JOIN "Person" p ON p.id = q."personId" ORDER BY 1, 2, 3, 4`,
        educations: await d.$queryRaw`
          SELECT p.email, e.level, e.school, e."graduatedOn" FROM "Education" e JOIN "Person" p ON p.id = e."personId" ORDER BY 1, 2, 3, 4`,
        courses: await d.$queryRaw`
          SELECT p.email, c.year, c.course, c.credits::text, c.professional FROM "ContinuingEducation" c JOIN "Person" p ON p.id = c."personId"
           ORDER BY 1, 2, 3, 4, 5`,
        tallies: await tallySums(d),
        modules: await d.$queryRaw`
          SELECT (SELECT count(*) FROM "WorkInfo")::int AS works, (SELECT count(*) FROM "StudentInfo")::int AS students,
                 (SELECT count(*) FROM "HighEndTalent")::int AS talents, (SELECT count(*) FROM "CreditRecord")::int AS credits`,
      });
      const [fromRows, fromBulk] = await Promise.all([snapshot(rowsDb), snapshot(bulkDb)]);
      expect(fromRows.people).toHaveLength(300);
      // The derived values are there, not all empty on both sides.
      const derived = fromRows.people as { highestQualificationLevel: string | null; highestEducationLevel: string | null }[];
      expect(derived.filter((p) => p.highestQualificationLevel).length).toBeGreaterThan(100);
      expect(derived.every((p) => p.highestEducationLevel)).toBe(true);
      expect((fromRows.years as unknown[]).length).toBeGreaterThan(200);
      expect(fromBulk).toEqual(fromRows);
      // And the statistics tallies count what is there, on both sides; each group folded into one row.
      expect(await tallyDrift(rowsDb)).toEqual([]);
      expect(await tallyDrift(bulkDb)).toEqual([]);
      for (const d of [rowsDb, bulkDb]) {
        expect(
          await d.$queryRaw`SELECT "districtCode", status, sex, "birthMonth" FROM "PersonTally" GROUP BY 1, 2, 3, 4 HAVING count(*) > 1`,
        ).toEqual([]);
      }
    } finally {
      await Promise.all([rowsDb.$disconnect(), bulkDb.$disconnect()]);
      await Promise.all([dropDatabase(rowsUrl), dropDatabase(bulkUrl)]);
    }
  });
});
