/**
 * The whole information form (会计人员信息表) and the rules that span its parts: what each situation
 * must fill in, age limits against the date of birth, and the district rule.
 * Parametrised by the deployment's province and by today's date, so it is deterministic.
 */
import { z } from 'zod';
import { addYears, isIsoDate, type IsoDate } from '../dates.ts';
import { districtsOf } from '../districts.ts';
import { situations } from '../enums.ts';
import { jurisdictionProblems } from '../jurisdiction.ts';
import { makeBasicSchema } from './basic.ts';
import { makeDistrictChoiceSchema } from './district.ts';
import { makeEducationListSchema } from './education.ts';
import { enumOf } from './fields.ts';
import { addProblem, whenValid } from './issues.ts';
import { makeQualificationListSchema } from './qualification.ts';
import { makeStudentSchema } from './student.ts';
import { makeWorkSchema } from './work.ts';
import { components } from './components.ts';

export interface FormSchemaOptions {
  /** The deployment's province (GB/T 2260), e.g. 110000; must have a district list. */
  provinceCode: string;
  /** Today in China Standard Time, `YYYY-MM-DD` (see `chinaDate`). */
  today: IsoDate;
}

/** Minimum age for holding a qualification or starting accounting work. */
export const MIN_WORKING_AGE = 16;

/** Each part alone, e.g. for an update that changes only the contact details. */
export function makeFormPartSchemas(options: FormSchemaOptions) {
  districtsOf(options.provinceCode);
  return {
    basic: makeBasicSchema(options),
    education: makeEducationListSchema(options),
    work: makeWorkSchema(options),
    qualifications: makeQualificationListSchema(options),
    student: makeStudentSchema(options),
    district: makeDistrictChoiceSchema(options),
  };
}

export function makeCollectionFormSchema(options: FormSchemaOptions) {
  const parts = makeFormPartSchemas(options);
  return z
    .object({
      situation: enumOf(situations),
      basic: parts.basic,
      education: parts.education,
      /** Required when doing accounting work. */
      work: parts.work.optional(),
      /** Required (at least one) for qualified people who do not do accounting work and for students. */
      qualifications: parts.qualifications.optional(),
      /** Required for qualified students. */
      student: parts.student.optional(),
      district: parts.district,
    })
    .superRefine(
      (f, ctx) => {
        if (f.situation === 'accountingWork' && f.work === undefined) {
          addProblem(ctx, ['work'], {
            rule: 'work.required',
            text: { zh: '从事会计工作的人员须填写工作单位等信息', en: 'people doing accounting work fill in their work unit and posts' },
          });
        }
        if (f.situation !== 'accountingWork' && (f.qualifications?.length ?? 0) === 0) {
          addProblem(ctx, ['qualifications'], {
            rule: 'qualification.required',
            text: {
              zh: '未从事会计工作的人员须具有会计专业技术资格，请填写所获资格',
              en: 'people who do not do accounting work are collected for their qualification, so list at least one',
            },
          });
        }
        if (f.situation === 'qualifiedStudent' && f.student === undefined) {
          addProblem(ctx, ['student'], {
            rule: 'student.required',
            text: { zh: '在校学生须填写学校信息', en: 'students fill in their school' },
          });
        }
      },
      whenValid(['situation']),
    )
    .superRefine(
      (f, ctx) => {
        const sixteen = addYears(f.basic.birthDate, MIN_WORKING_AGE);
        f.qualifications?.forEach((q, i) => {
          if (isIsoDate(q.obtainedOn) && q.obtainedOn < sixteen) {
            addProblem(ctx, ['qualifications', i, 'obtainedOn'], {
              rule: 'qualification.age',
              text: {
                zh: `取得资格时应已年满${MIN_WORKING_AGE}周岁（不早于${sixteen}），请核对取得时间或出生日期`,
                en: `a qualification is obtained at age ${MIN_WORKING_AGE} or later (not before ${sixteen}); check this date or the date of birth`,
              },
            });
          }
        });
        const started = f.work?.startedOn;
        if (started !== undefined && isIsoDate(started) && started < sixteen) {
          addProblem(ctx, ['work', 'startedOn'], {
            rule: 'work.startAge',
            text: {
              zh: `开始从事会计工作时应已年满${MIN_WORKING_AGE}周岁（不早于${sixteen}），请核对`,
              en: `accounting work starts at age ${MIN_WORKING_AGE} or later (not before ${sixteen}); check this date or the date of birth`,
            },
          });
        }
      },
      whenValid(['basic', 'birthDate']),
    )
    .superRefine(
      (f, ctx) => {
        const problems = jurisdictionProblems({
          provinceCode: options.provinceCode,
          situation: f.situation,
          district: f.district,
          workUnitDistrict: f.situation === 'accountingWork' ? f.work?.unitDistrict : undefined,
          schoolDistrict: f.situation === 'qualifiedStudent' ? f.student?.schoolDistrict : undefined,
        });
        for (const { path, problem } of problems) addProblem(ctx, path.split('.'), problem);
      },
      whenValid(['situation'], ['district'], ['work', 'unitDistrict'], ['student', 'schoolDistrict']),
    )
    .meta(components.COLLECTION_FORM);
}

export type CollectionForm = z.output<ReturnType<typeof makeCollectionFormSchema>>;
export type CollectionFormInput = z.input<ReturnType<typeof makeCollectionFormSchema>>;
