/**
 * What is changed on a record outside a reviewed request: contact details (by the person, at once),
 * high-end talent (高端会计人才) and credit (诚信) records (by administrators).
 */
import { z } from 'zod';
import type { IsoDate } from '../dates.ts';
import { creditKinds, talentTypes } from '../enums.ts';
import { dateField, emailField, enumOf, mobileField, text } from './fields.ts';
import { addProblem, requiredError } from './issues.ts';
import { components } from './components.ts';

/** Any of mobile, email, address; at least one. */
export const contactChangeSchema = z
  .object({ mobile: mobileField.optional(), email: emailField.optional(), address: text(200).optional() })
  .strict()
  .superRefine((c, ctx) => {
    if (c.mobile === undefined && c.email === undefined && c.address === undefined) {
      addProblem(ctx, [], {
        rule: 'contact.empty',
        text: { zh: '请至少填写手机号码、电子邮箱或通讯地址中的一项', en: 'give at least one of mobile, email and address' },
      });
    }
  })
  .meta(components.CONTACT_CHANGE);
export type ContactChange = z.output<typeof contactChangeSchema>;

/** Talent programmes began with the 2005 leading-talent programme (会计领军人才培养工程). */
const FIRST_TALENT_YEAR = 2005;

export function makeTalentSchema({ today }: { today: IsoDate }) {
  const thisYear = Number(today.slice(0, 4));
  return z
    .object({
      type: enumOf(talentTypes),
      /** Year of selection (入选年度). */
      year: z.number(requiredError).superRefine((y, ctx) => {
        if (!Number.isInteger(y) || y < FIRST_TALENT_YEAR || y > thisYear) {
          addProblem(ctx, [], {
            rule: 'talent.year',
            text: {
              zh: `入选年度应为${FIRST_TALENT_YEAR}至${thisYear}之间的年份`,
              en: `must be a year from ${FIRST_TALENT_YEAR} to ${thisYear}`,
            },
          });
        }
      }),
    })
    .strict()
    .meta(components.TALENT_INPUT);
}
export type TalentInput = z.output<ReturnType<typeof makeTalentSchema>>;

export function makeCreditRecordSchema({ today }: { today: IsoDate }) {
  return z
    .object({
      /** 守信 (trustworthy: an award at prefecture level or above) or 失信 (untrustworthy: an administrative penalty). */
      kind: enumOf(creditKinds),
      occurredOn: dateField({ today, notBefore: '1949-10-01' }),
      /** 发文 / 处罚机关 */
      issuer: text(100),
      /** 文号 */
      documentNo: text(100),
      description: text(500),
    })
    .strict()
    .meta(components.CREDIT_RECORD_INPUT);
}
export type CreditRecordInput = z.output<ReturnType<typeof makeCreditRecordSchema>>;
