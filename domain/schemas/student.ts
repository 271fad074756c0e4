/** 在校学生: the school of a qualified student. */
import { z } from 'zod';
import type { IsoDate } from '../dates.ts';
import { dateField, optionalText, text } from './fields.ts';
import { addProblem, whenValid } from './issues.ts';
import { makeDistrictCodeSchema } from './district.ts';
import { components } from './components.ts';

export interface StudentSchemaOptions {
  provinceCode: string;
  today: IsoDate;
}

export function makeStudentSchema({ provinceCode, today }: StudentSchemaOptions) {
  return z
    .object({
      school: text(100),
      schoolDistrict: makeDistrictCodeSchema(provinceCode),
      studentNo: optionalText(50),
      enrolledOn: dateField({ today, notBefore: '1900-01-01' }),
      /** Lies in the future by nature. */
      expectedGraduation: dateField({ today, allowFuture: true, notBefore: '1900-01-01' }),
    })
    .superRefine(
      (s, ctx) => {
        if (s.enrolledOn >= s.expectedGraduation) {
          addProblem(ctx, ['expectedGraduation'], {
            rule: 'education.order',
            text: { zh: `应晚于入学时间（${s.enrolledOn}）`, en: `must be after the enrolment date (${s.enrolledOn})` },
          });
        }
      },
      whenValid(['enrolledOn'], ['expectedGraduation']),
    )
    .meta(components.STUDENT_PART);
}

export type StudentInfo = z.output<ReturnType<typeof makeStudentSchema>>;
