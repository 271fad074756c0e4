import type { Hook } from '@hono/zod-openapi';
import type { Env } from 'hono';
import type { z } from 'zod';
import { problem, sendProblem } from './problem.ts';

/** Turns any zod issue into a violation naming the field and the rule, in English and Chinese. */
export function zodViolations(error: z.ZodError) {
  return error.issues.map((i) => {
    const path = i.path.join('.') || '(body)';
    const params = (i as { params?: { rule?: string; zh?: string; en?: string } }).params;
    return {
      path,
      rule: params?.rule ?? `schema.${i.code}`,
      en: params?.en ?? `${path}: ${i.message}`,
      zh: params?.zh ?? `${path}：${zhOf(i)}`,
    };
  });
}

function zhOf(i: z.core.$ZodIssue): string {
  switch (i.code) {
    case 'invalid_type':
      return i.input === undefined ? '必填项缺失' : `类型错误，应为 ${i.expected}`;
    case 'too_small':
      return '内容过短或数值过小';
    case 'too_big':
      return '内容过长或数值过大';
    case 'invalid_format':
      return '格式不正确';
    case 'invalid_value':
      return '取值不在允许范围内';
    case 'unrecognized_keys':
      return `包含不允许的字段：${i.keys.join(', ')}`;
    default:
      return i.message;
  }
}

export function validationProblem(error: z.ZodError) {
  return violationsProblem(zodViolations(error));
}

/** Broken rules of a saved value found beyond its schema (e.g. against the person's record), as the same 400. */
export function violationsProblem(violations: { path: string; rule: string; en: string; zh: string }[]) {
  const first = violations[0];
  return problem(
    'validation-failed',
    400,
    `The request is not valid: ${violations.map((v) => v.en).join('; ')}`,
    `请求内容有误：${violations.map((v) => v.zh).join('；')}`,
    { violations, rule: first?.rule },
  );
}

export const validationHook = <E extends Env>(...[result, c]: Parameters<Hook<unknown, E, string, Response | undefined>>) => {
  if (!result.success) return sendProblem(c, validationProblem(result.error as z.ZodError).problem);
};
