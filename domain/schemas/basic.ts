/** 基础信息: the person, their identity document and contact details. */
import { z } from 'zod';
import type { IsoDate } from '../dates.ts';
import { ethnicities, idTypes, politicalStatuses, sexes } from '../enums.ts';
import { identityProblems } from '../identity.ts';
import { dateField, emailField, enumOf, mobileField, text } from './fields.ts';
import { addProblem, whenValid } from './issues.ts';
import { components } from './components.ts';

export interface BasicSchemaOptions {
  today: IsoDate;
}

export function makeBasicSchema({ today }: BasicSchemaOptions) {
  return z
    .object({
      name: text(50),
      sex: enumOf(sexes),
      birthDate: dateField({ today, notBefore: '1900-01-01' }),
      idType: enumOf(idTypes),
      idNumber: text(30).toUpperCase(),
      /** ISO 3166-1 alpha-3: CHN, HKG, MAC, TWN or the passport's country. */
      nationality: text(3).toUpperCase(),
      /** Required for holders of a mainland resident ID. */
      ethnicity: enumOf(ethnicities).optional(),
      /** Required for holders of a mainland resident ID. */
      politicalStatus: enumOf(politicalStatuses).optional(),
      mobile: mobileField,
      email: emailField,
      address: text(200),
    })
    .superRefine(
      (b, ctx) => {
        if (b.idType !== 'mainlandId') return;
        for (const field of ['ethnicity', 'politicalStatus'] as const) {
          if (b[field] === undefined) {
            addProblem(ctx, [field], {
              rule: 'form.required',
              text: { zh: '持居民身份证者必填', en: 'is required for holders of a mainland resident ID' },
            });
          }
        }
      },
      whenValid(['idType']),
    )
    .superRefine(
      (b, ctx) => {
        const { problems } = identityProblems({
          idType: b.idType,
          idNumber: b.idNumber,
          nationality: b.nationality,
          birthDate: b.birthDate,
          sex: b.sex,
          today,
        });
        for (const p of problems) addProblem(ctx, [p.field], { rule: p.rule, text: p.text });
      },
      whenValid(['idType'], ['idNumber'], ['nationality'], ['birthDate'], ['sex']),
    )
    .meta(components.BASIC_PART);
}

export type BasicInfo = z.output<ReturnType<typeof makeBasicSchema>>;
