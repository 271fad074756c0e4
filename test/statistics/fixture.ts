import { inject } from 'vitest';
import type { Db } from '../../clients/db.ts';
import type { PersonalData } from '../../clients/personal-data.ts';
import { archiveColumns } from '../../records/person-columns.ts';
import { addYears, chinaDate, type IsoDate } from '../../domain/dates.ts';
import { makeMainlandId } from '../../domain/identity.ts';
import { latestBirthDateForAge, nextDay } from '../../domain/statistics.ts';
import { makeUscc } from '../../domain/uscc.ts';
import { applyMigrations, dropDatabase } from '../../prisma/migrations-runner.ts';
import { testContext } from '../support/context.ts';

export const A = '110105'; // 朝阳区
export const B = '110108'; // 海淀区

/**
 * A database of its own (the run's database is shared with other test files, whose people would be
 * counted too), with the API of this run on it.
 */
export async function isolatedContext(suffix: string) {
  const url = `${inject('run').databaseUrl}_${suffix}`;
  await applyMigrations(url);
  const ctx = await testContext({ DATABASE_URL: url });
  return {
    ctx,
    async close() {
      await ctx.close();
      await dropDatabase(url);
    },
  };
}

const daysBefore = (date: IsoDate, days: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
};
const day = (iso: IsoDate) => new Date(`${iso}T00:00:00Z`);

interface KnownPerson {
  key: string;
  name: string;
  district: string;
  sex: 'male' | 'female';
  birthDate: IsoDate;
  status?: 'active' | 'transferredOut';
  educations: string[];
  qualifications: string[];
  unit?: string;
  /** Continuing education of the statistics year: [credits, professional]. */
  courses: [number, boolean][];
  mobile: string;
}

/**
 * A small population whose counts are known, relative to today (China time): three active people and
 * one transferred away in district A, two in district B; the continuing-education year sits on the
 * rule's boundaries (exactly 90 credits with exactly two-thirds professional; 89.5; 59.5 of 90).
 */
export function knownPopulation(today = chinaDate(Date.now())) {
  const year = Number(today.slice(0, 4)) - 1;
  const thirty = latestBirthDateForAge(today, 30);
  const people: KnownPerson[] = [
    {
      key: 'zhangA',
      name: '张伟',
      district: A,
      sex: 'male',
      birthDate: daysBefore(addYears(today, -45), 10),
      educations: ['juniorCollege', 'bachelor'],
      qualifications: ['junior', 'intermediate'],
      unit: '北京示例科技有限公司',
      courses: [
        [60, true],
        [30, false],
      ],
      mobile: '13800001111',
    },
    {
      key: 'lina',
      name: '李娜',
      district: A,
      sex: 'female',
      birthDate: thirty,
      educations: ['bachelor', 'master'],
      qualifications: ['senior'],
      unit: '北京华信会计师事务所',
      courses: [
        [60, true],
        [29.5, false],
      ],
      mobile: '13800002222',
    },
    {
      key: 'wangfang',
      name: '王芳',
      district: A,
      sex: 'female',
      birthDate: nextDay(thirty),
      educations: [],
      qualifications: [],
      courses: [
        [59.5, true],
        [30.5, false],
      ],
      mobile: '13800003333',
    },
    {
      key: 'zhaomin',
      name: '赵敏',
      district: A,
      sex: 'female',
      birthDate: daysBefore(addYears(today, -50), 3),
      status: 'transferredOut',
      educations: ['bachelor'],
      qualifications: ['professorSenior'],
      unit: '北京示例科技有限公司',
      courses: [[90, true]],
      mobile: '13800004444',
    },
    {
      key: 'zhangB',
      name: '张伟',
      district: B,
      sex: 'male',
      birthDate: daysBefore(addYears(today, -61), 40),
      educations: ['bachelor', 'master', 'doctor'],
      qualifications: ['intermediate', 'professorSenior'],
      unit: '北京示例科技有限公司海淀分公司',
      courses: [[100, true]],
      mobile: '13900005555',
    },
    {
      key: 'chenjing',
      name: '陈静',
      district: B,
      sex: 'female',
      birthDate: daysBefore(addYears(today, -52), 100),
      educations: ['seniorHigh'],
      qualifications: ['junior'],
      unit: '北京海淀会计服务有限公司',
      courses: [],
      mobile: '13900006666',
    },
  ];
  return { today, year, people };
}

/**
 * Writes the known population (and a few requests) with Prisma, their numbers sealed as the system
 * stores them; returns the people's ids and archive numbers.
 */
export async function seedKnownPopulation({ db, personalData }: { db: Db; personalData: PersonalData }, population = knownPopulation()) {
  const ids: Record<string, { id: string; archiveNo: string }> = {};
  let sequence = 100;
  for (const p of population.people) {
    sequence += 2;
    const archiveNo = makeMainlandId(p.district, p.birthDate, sequence + (p.sex === 'male' ? 1 : 0));
    const person = await db.person.create({
      data: {
        ...archiveColumns(archiveNo, personalData),
        provinceCode: '110000',
        districtCode: p.district,
        status: p.status ?? 'active',
        name: p.name,
        sex: p.sex,
        birthDate: day(p.birthDate),
        idType: 'mainlandId',
        nationality: 'CHN',
        mobileSealed: personalData.seal('mobile', p.mobile),
        situation: p.unit ? 'accountingWork' : 'qualifiedNotWorking',
        districtBasis: p.unit ? 'workUnit' : 'residence',
        transferredTo: p.status === 'transferredOut' ? '130000' : null,
        educations: {
          create: p.educations.map((level, i) => ({
            studyMode: 'fullTime',
            school: '中央财经大学',
            level,
            degree: 'none',
            enrolledOn: day(`${2000 + i}-09-01`),
            graduatedOn: day(`${2003 + i}-07-01`),
          })),
        },
        qualifications: {
          create: p.qualifications.map((level, i) => ({
            type: 'accounting',
            level,
            wayObtained: 'exam',
            obtainedOn: day(`${2010 + i}-10-15`),
            certificateNo: `Z${2010 + i}${sequence}`,
          })),
        },
        ...(p.unit && {
          work: {
            create: {
              unitName: p.unit,
              unitCreditCode: makeUscc({ areaCode: p.district, orgCode: `MA0${String(sequence).padStart(5, '0')}` }),
              unitKind: 'enterprise',
              unitDistrict: p.district,
              startedOn: day('2015-08-01'),
              posts: ['cashier'],
              administrativePost: 'general',
            },
          },
        }),
        continuingEducations: {
          create: [
            ...p.courses.map(([credits, professional], i) => ({
              year: population.year,
              course: `课程${i + 1}`,
              credits,
              professional,
              provider: '北京国家会计学院',
              completedOn: day(`${population.year}-0${i + 1}-15`),
              source: 'test',
            })),
            // Another year's credits never count towards this one.
            {
              year: population.year - 1,
              course: '往年课程',
              credits: 90,
              professional: true,
              provider: '北京国家会计学院',
              completedOn: day(`${population.year - 1}-05-01`),
              source: 'test',
            },
          ],
        },
      },
    });
    ids[p.key] = { id: person.id, archiveNo };
  }

  // Requests, as the workflows leave their projections.
  const now = Date.now();
  const hour = 3_600_000;
  const requests = [
    { kind: 'collection', state: 'awaitingReview', districtCode: A, reviewDueAt: new Date(now - hour), overdue: false },
    { kind: 'collection', state: 'awaitingReview', districtCode: A, reviewDueAt: new Date(now + 48 * hour), overdue: true },
    { kind: 'change', state: 'completed', districtCode: A, reviewDueAt: null, overdue: false },
    { kind: 'transferOut', state: 'awaitingDestination', districtCode: B, reviewDueAt: null, overdue: true },
    { kind: 'collection', state: 'awaitingReview', districtCode: B, reviewDueAt: new Date(now + 48 * hour), overdue: false },
    { kind: 'collection', state: 'returned', districtCode: B, reviewDueAt: null, overdue: false },
  ] as const;
  for (const [i, r] of requests.entries()) {
    await db.request.create({ data: { ...r, provinceCode: '110000', workflowId: `statistics-test-${i}-${now}` } });
  }
  return ids;
}
