/**
 * How a zod issue carries a business rule. A rule check adds a `custom` issue whose `params` hold
 * `{ rule, zh, en }` (the text without the field's name) and whose `message` is the English text.
 * Zod's own issues (missing field, not in the list, too long, …) have no params; `toViolations`
 * gives them generic `form.*` rules. Field names are added by `toViolations` from the full path,
 * so a part schema gives the same message alone (with `prefix`) as inside the whole form.
 */
import type { z } from 'zod';
import { violation, type Bilingual, type Problem, type RuleViolation } from '../rules.ts';

export interface RuleParams {
  rule: string;
  zh: string;
  en: string;
}

/** Message zod issues get when a required value is absent; `toViolations` turns it into `form.required`. */
export const REQUIRED_MESSAGE = 'Required';

/** Error option for base schemas: a missing value reads "Required", anything else keeps zod's message. */
export const requiredError = {
  error: (iss: { input?: unknown }) => (iss.input === undefined || iss.input === null ? REQUIRED_MESSAGE : undefined),
};

/** Adds a rule issue at `path` (relative to the schema being refined). */
export function addProblem<T>(ctx: z.core.$RefinementCtx<T>, path: PropertyKey[], problem: Problem): void {
  const params: RuleParams = { rule: problem.rule, zh: problem.text.zh, en: problem.text.en };
  ctx.addIssue({ code: 'custom', path, message: problem.text.en, params });
}

/** For `superRefine(..., { when })`: run a cross-field check only once the fields it reads parsed. */
export function whenValid(...paths: PropertyKey[][]) {
  return {
    when: (payload: { issues: readonly { path?: readonly PropertyKey[] | undefined }[] }) =>
      !payload.issues.some((iss) => {
        const at = iss.path ?? [];
        // An issue at or under a field it reads, or at one of that field's parents (the object itself missing).
        return paths.some((p) => p.every((seg, i) => at[i] === seg) || (at.length < p.length && at.every((seg, i) => p[i] === seg)));
      }),
  };
}

function generic(issue: z.core.$ZodIssue): { rule: string; text: Bilingual } {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.message === REQUIRED_MESSAGE) return { rule: 'form.required', text: { zh: '必填，请填写', en: 'is required' } };
      return {
        rule: 'form.type',
        text: { zh: `填写的内容类型不正确（应为${issue.expected}）`, en: `has the wrong kind of value (expected ${issue.expected})` },
      };
    case 'invalid_value':
    case 'invalid_union':
      return {
        rule: 'form.option',
        text: { zh: '不是可选的值，请从列表中选择', en: 'is not one of the allowed values; choose one from the list' },
      };
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1
          ? { rule: 'form.required', text: { zh: '不能为空，请填写', en: 'must not be empty' } }
          : { rule: 'form.length', text: { zh: `至少${issue.minimum}个字`, en: `needs at least ${issue.minimum} characters` } };
      }
      if (issue.origin === 'array' || issue.origin === 'set') {
        return { rule: 'form.count', text: { zh: `至少填写${issue.minimum}项`, en: `needs at least ${issue.minimum} entries` } };
      }
      return { rule: 'form.range', text: { zh: `不能小于${issue.minimum}`, en: `must be at least ${issue.minimum}` } };
    case 'too_big':
      if (issue.origin === 'string')
        return { rule: 'form.length', text: { zh: `不能超过${issue.maximum}个字`, en: `must not exceed ${issue.maximum} characters` } };
      if (issue.origin === 'array' || issue.origin === 'set') {
        return { rule: 'form.count', text: { zh: `最多填写${issue.maximum}项`, en: `takes at most ${issue.maximum} entries` } };
      }
      return { rule: 'form.range', text: { zh: `不能大于${issue.maximum}`, en: `must be at most ${issue.maximum}` } };
    case 'invalid_format':
      return { rule: 'form.format', text: { zh: '格式不正确', en: 'is not in the expected format' } };
    case 'unrecognized_keys':
      return {
        rule: 'form.unknownField',
        text: { zh: `包含未知的项目：${issue.keys.join('、')}`, en: `has unknown entries: ${issue.keys.join(', ')}` },
      };
    default:
      return { rule: 'form.invalid', text: { zh: '填写的内容无效', en: 'is not valid' } };
  }
}

/**
 * Turns a ZodError from any of the domain schemas into violations with path, rule and bilingual
 * messages. `prefix` roots the paths when a part was parsed alone (e.g. `basic`).
 */
export function toViolations(error: z.ZodError, options: { prefix?: string } = {}): RuleViolation[] {
  return error.issues.map((issue) => {
    const path = [options.prefix, ...issue.path.map(String)].filter((p) => p !== undefined && p !== '').join('.');
    const params = issue.code === 'custom' ? (issue.params as Partial<RuleParams> | undefined) : undefined;
    if (params?.rule && params.zh !== undefined && params.en !== undefined) {
      return violation(params.rule, path, { zh: params.zh, en: params.en });
    }
    const g = generic(issue);
    return violation(g.rule, path, g.text);
  });
}

/** Parses and, on failure, returns violations instead of throwing. */
export function validate<S extends z.ZodType>(
  schema: S,
  input: unknown,
  options: { prefix?: string } = {},
): { ok: true; data: z.output<S> } | { ok: false; violations: RuleViolation[] } {
  const r = schema.safeParse(input);
  return r.success ? { ok: true, data: r.data } : { ok: false, violations: toViolations(r.error, options) };
}
