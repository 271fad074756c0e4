/** 学历学位: the education history, a list; the highest level counts. */
import { z } from 'zod';
import type { IsoDate } from '../dates.ts';
import { degrees, educationLevels, studyModes } from '../enums.ts';
import { dateField, enumOf, optionalText, text } from './fields.ts';
import { addProblem, whenValid } from './issues.ts';
import { components } from './components.ts';

export interface EducationSchemaOptions {
  today: IsoDate;
}

/** One completed education: both dates lie in the past and enrolment comes before graduation. */
export function makeEducationEntrySchema({ today }: EducationSchemaOptions) {
  return z
    .object({
      studyMode: enumOf(studyModes),
      school: text(100),
      level: enumOf(educationLevels),
      degree: enumOf(degrees),
      major: optionalText(100),
      enrolledOn: dateField({ today, notBefore: '1900-01-01' }),
      graduatedOn: dateField({ today, notBefore: '1900-01-01' }),
      /** 学历证书编号 */
      diplomaNo: optionalText(50),
      /** 学位证书编号 */
      degreeCertificateNo: optionalText(50),
    })
    .superRefine(
      (e, ctx) => {
        if (e.enrolledOn >= e.graduatedOn) {
          addProblem(ctx, ['graduatedOn'], {
            rule: 'education.order',
            text: { zh: `应晚于入学时间（${e.enrolledOn}）`, en: `must be after the enrolment date (${e.enrolledOn})` },
          });
        }
      },
      whenValid(['enrolledOn'], ['graduatedOn']),
    )
    .meta(components.EDUCATION_ENTRY);
}

export function makeEducationListSchema(options: EducationSchemaOptions) {
  return z
    .array(makeEducationEntrySchema(options))
    .max(10)
    .superRefine((list, ctx) => {
      if (list.length === 0) {
        addProblem(ctx, [], {
          rule: 'education.required',
          text: { zh: '请至少填写一条学历信息（最高学历必填）', en: 'add at least one education entry (the highest is required)' },
        });
      }
    })
    .meta(components.EDUCATION_PART);
}

export type EducationEntry = z.output<ReturnType<typeof makeEducationEntrySchema>>;
