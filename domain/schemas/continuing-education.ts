/** 继续教育: one course of a year, as an applicant registers it or an administrator imports it. */
import { z } from 'zod';
import { FIRST_YEAR, MAX_CREDITS_PER_RECORD, creditsInTenths } from '../continuing-education.ts';
import type { IsoDate } from '../dates.ts';
import { dateField, text } from './fields.ts';
import { addProblem, requiredError, whenValid } from './issues.ts';
import { components } from './components.ts';

export interface ContinuingEducationSchemaOptions {
  today: IsoDate;
}

export function makeContinuingEducationEntrySchema({ today }: ContinuingEducationSchemaOptions) {
  const thisYear = Number(today.slice(0, 4));
  return z
    .object({
      year: z.number(requiredError).superRefine((y, ctx) => {
        if (!Number.isInteger(y) || y < FIRST_YEAR || y > thisYear) {
          addProblem(ctx, [], {
            rule: 'continuingEducation.year',
            text: { zh: `年度应为${FIRST_YEAR}至${thisYear}之间的四位年份`, en: `must be a year from ${FIRST_YEAR} to ${thisYear}` },
          });
        }
      }),
      course: text(100),
      credits: z.number(requiredError).superRefine((c, ctx) => {
        const tenths = creditsInTenths(c);
        if (tenths === null || tenths <= 0 || tenths > MAX_CREDITS_PER_RECORD * 10) {
          addProblem(ctx, [], {
            rule: 'continuingEducation.credits',
            text: {
              zh: `学分应大于0且不超过${MAX_CREDITS_PER_RECORD}，最多一位小数`,
              en: `must be more than 0 and at most ${MAX_CREDITS_PER_RECORD}, with at most one decimal place`,
            },
          });
        }
      }),
      /** 专业科目 (true) or 公需科目 (false). */
      professional: z.boolean(requiredError),
      /** 培训单位 */
      provider: text(100),
      completedOn: dateField({ today, notBefore: `${FIRST_YEAR}-01-01` }),
    })
    .superRefine(
      (e, ctx) => {
        if (Number(e.completedOn.slice(0, 4)) !== e.year) {
          addProblem(ctx, ['completedOn'], {
            rule: 'continuingEducation.dateInYear',
            text: { zh: `完成日期应在${e.year}年度内`, en: `must fall within the year ${e.year}` },
          });
        }
      },
      whenValid(['year'], ['completedOn']),
    )
    .meta(components.CONTINUING_EDUCATION_ENTRY);
}

/** The same course on the same day is one record (the database's unique key). */
export const continuingEducationKey = (e: { year: number; course: string; completedOn: string }) =>
  `${e.year}|${e.course}|${e.completedOn}`;

export function makeContinuingEducationListSchema(options: ContinuingEducationSchemaOptions) {
  return z
    .array(makeContinuingEducationEntrySchema(options))
    .min(1)
    .max(50)
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((e, i) => {
        const key = continuingEducationKey(e);
        if (seen.has(key)) {
          addProblem(ctx, [i, 'course'], {
            rule: 'continuingEducation.duplicate',
            text: { zh: '同一年度、同一课程、同一完成日期的记录重复', en: 'repeats a record of the same year, course and completion date' },
          });
        }
        seen.add(key);
      });
    })
    .meta(components.CONTINUING_EDUCATION_PART);
}

export type ContinuingEducationEntry = z.output<ReturnType<typeof makeContinuingEducationEntrySchema>>;
