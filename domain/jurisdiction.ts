/**
 * Which district handles a person (采集原则 — 属地化):
 * doing accounting work → the district of the work unit; qualified but not working → household
 * registration or residence, the applicant's choice; qualified student → the district of the school.
 * The district must also be one of the deployment's province. Pure: workflows import this file.
 */
import { districtOf, isDistrictOf, provinceOf } from './districts.ts';
import type { DistrictBasis, Situation } from './enums.ts';
import { violation, type Problem, type RuleViolation } from './rules.ts';

export interface DistrictChoice {
  /** GB/T 2260 code of the chosen county-level district, e.g. 110105. */
  code: string;
  basis: DistrictBasis;
}

export interface JurisdictionInput {
  /** The deployment's province, e.g. 110000. */
  provinceCode: string;
  situation: Situation;
  district: DistrictChoice;
  /** District of the work unit, for people doing accounting work. */
  workUnitDistrict?: string | undefined;
  /** District of the school, for students. */
  schoolDistrict?: string | undefined;
}

const BASES: Readonly<Record<Situation, readonly DistrictBasis[]>> = {
  accountingWork: ['workUnit'],
  qualifiedNotWorking: ['householdRegistration', 'residence'],
  qualifiedStudent: ['school'],
};

/** The bases a person in `situation` may give for their district. */
export function allowedBases(situation: Situation): readonly DistrictBasis[] {
  return BASES[situation];
}

function name(provinceCode: string, code: string): string {
  const d = districtOf(provinceCode, code);
  return d ? `${d.zh}（${code}）` : code;
}

function nameEn(provinceCode: string, code: string): string {
  const d = districtOf(provinceCode, code);
  return d ? `${d.en} (${code})` : code;
}

/** The problem of a district code that is not a current district of the deployment's province. */
export function districtNotInProvince(provinceCode: string, code: string): Problem | null {
  if (isDistrictOf(provinceCode, code)) return null;
  const p = provinceOf(provinceCode);
  return {
    rule: 'district.notInProvince',
    text: {
      zh: `“${code}”不是${p?.zh ?? provinceCode}的区县，请从列表中选择本省（市）的区；在外省工作或居住的，请到当地办理`,
      en: `"${code}" is not a district of ${p?.en ?? provinceCode}; choose one from the list, or apply in the province where you work or live`,
    },
  };
}

/** Problems with the chosen district, keyed by the field they concern (`district.code` / `district.basis`). */
export function jurisdictionProblems(input: JurisdictionInput): { path: 'district.code' | 'district.basis'; problem: Problem }[] {
  const out: { path: 'district.code' | 'district.basis'; problem: Problem }[] = [];
  const { provinceCode, situation, district } = input;
  const notIn = districtNotInProvince(provinceCode, district.code);
  if (notIn) out.push({ path: 'district.code', problem: notIn });

  const allowed = BASES[situation];
  if (!allowed.includes(district.basis)) {
    const text = {
      accountingWork: {
        zh: '从事会计工作的人员应按工作单位所在区采集',
        en: 'people doing accounting work are collected by the district of their work unit',
      },
      qualifiedNotWorking: {
        zh: '具有会计专业技术资格但未从事会计工作的人员应按户籍或居住地所在区采集（任选其一）',
        en: 'qualified people not doing accounting work are collected by the district of their household registration or of their residence (either)',
      },
      qualifiedStudent: {
        zh: '具有会计专业技术资格的在校学生应按学校所在区采集',
        en: 'qualified students are collected by the district of their school',
      },
    }[situation];
    out.push({ path: 'district.basis', problem: { rule: 'district.wrongBasis', text } });
  }

  const expected =
    situation === 'accountingWork' ? input.workUnitDistrict : situation === 'qualifiedStudent' ? input.schoolDistrict : undefined;
  if (expected !== undefined && !notIn && district.code !== expected) {
    const whose =
      situation === 'accountingWork'
        ? { zh: '工作单位所在区', en: 'the district of your work unit' }
        : { zh: '学校所在区', en: 'the district of your school' };
    out.push({
      path: 'district.code',
      problem: {
        rule: 'district.wrongJurisdiction',
        text: {
          zh: `所选的${name(provinceCode, district.code)}与${whose.zh}${name(provinceCode, expected)}不一致，应由${whose.zh}采集`,
          en: `the chosen ${nameEn(provinceCode, district.code)} is not ${whose.en}, ${nameEn(provinceCode, expected)}, which handles your collection`,
        },
      },
    });
  }
  return out;
}

/** The district rule as violations, for callers outside the form (e.g. a district move). */
export function checkJurisdiction(input: JurisdictionInput): RuleViolation[] {
  return jurisdictionProblems(input).map(({ path, problem }) => violation(problem.rule, path, problem.text));
}
