/**
 * Field schemas shared by the parts of the form: required text, enumerations, dates that may not lie
 * in the future, mobile and email.
 */
import { z } from 'zod';
import { isIsoDate, type IsoDate } from '../dates.ts';
import { codesOf, type EnumEntry } from '../enums.ts';
import { addProblem, requiredError } from './issues.ts';

/** Trimmed text of 1 to `max` characters. */
export function text(max: number) {
  return z.string(requiredError).trim().min(1).max(max);
}

/** Optional trimmed text of at most `max` characters. */
export function optionalText(max: number) {
  return z.string().trim().max(max).optional();
}

/** One of the codes of an enumeration from `enums.ts`. */
export function enumOf<const T extends readonly [EnumEntry, ...EnumEntry[]]>(list: T) {
  return z.enum(codesOf(list), requiredError);
}

export interface DateFieldOptions {
  /** Today's date in China Standard Time; later dates are refused unless `allowFuture`. */
  today: IsoDate;
  allowFuture?: boolean;
  /** Earliest date accepted (inclusive). */
  notBefore?: IsoDate;
}

/** A calendar date `YYYY-MM-DD` that exists, by default not later than today. */
export function dateField({ today, allowFuture = false, notBefore }: DateFieldOptions) {
  return z.string(requiredError).superRefine((v, ctx) => {
    if (!isIsoDate(v)) {
      addProblem(ctx, [], {
        rule: 'date.format',
        text: {
          zh: `“${v}”不是有效日期，请按“年-月-日”填写，如 2015-07-01`,
          en: `"${v}" is not a valid date; write it as YYYY-MM-DD, e.g. 2015-07-01`,
        },
      });
      return;
    }
    if (!allowFuture && v > today) {
      addProblem(ctx, [], {
        rule: 'date.future',
        text: { zh: `不能晚于今天（${today}）`, en: `cannot be later than today (${today})` },
      });
    }
    if (notBefore !== undefined && v < notBefore) {
      addProblem(ctx, [], {
        rule: 'date.tooEarly',
        text: { zh: `不能早于${notBefore}`, en: `cannot be earlier than ${notBefore}` },
      });
    }
  });
}

/** Mainland mobile number: 11 digits starting with 13–19. */
export const mobileField = z
  .string(requiredError)
  .trim()
  .superRefine((v, ctx) => {
    if (!/^1[3-9]\d{9}$/.test(v)) {
      addProblem(ctx, [], {
        rule: 'contact.mobile',
        text: {
          zh: '应为11位中国大陆手机号码，以13–19开头，不加区号、空格或横线',
          en: 'must be an 11-digit mainland China mobile number starting with 13–19, without country code, spaces or dashes',
        },
      });
    }
  });

export const emailField = z
  .string(requiredError)
  .trim()
  .max(254)
  .superRefine((v, ctx) => {
    if (!z.regexes.email.test(v)) {
      addProblem(ctx, [], {
        rule: 'contact.email',
        text: { zh: '不是有效的电子邮箱地址，如 zhangsan@example.com', en: 'is not a valid email address, e.g. zhangsan@example.com' },
      });
    }
  });
