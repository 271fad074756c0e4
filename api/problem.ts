import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { redactPersonalData } from '../domain/redact.ts';
import { refusals, type RefusalCode } from '../domain/refusals.ts';

/** RFC 9457 problem details. `type` is stable per rule; `title` and `detail` carry English and Chinese. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  detail_zh: string;
  instance?: string;
  /** For validation problems: each rule that failed, with the field it concerns. */
  violations?: { path: string; rule: string; en: string; zh: string }[];
  [extra: string]: unknown;
}

export const PROBLEM_BASE = 'https://accounting.example/problems/';

export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
}

export function problem(code: string, status: number, en: string, zh: string, extra: Partial<Problem> = {}): ProblemError {
  return new ProblemError({ type: PROBLEM_BASE + code, title: code.replace(/-/g, ' '), status, detail: en, detail_zh: zh, ...extra });
}

export function refusal(code: RefusalCode, extra: Partial<Problem> = {}): ProblemError {
  const r = refusals[code];
  return problem(code, r.status, r.en, r.zh, extra);
}

/** Problems may quote what was sent (a path, a value); ID and mobile numbers in them are masked. */
export function sendProblem(c: Context, p: Problem): Response {
  return c.body(redactPersonalData(JSON.stringify({ ...p, instance: p.instance ?? c.req.path })), p.status as ContentfulStatusCode, {
    'Content-Type': 'application/problem+json; charset=utf-8',
    // A limit says when to come back, in the header as well as the body.
    ...(typeof p.retryAfterSeconds === 'number' ? { 'Retry-After': String(p.retryAfterSeconds) } : {}),
  });
}

// Problems used by more than one route.
export const problems = {
  unauthenticated: () => problem('unauthenticated', 401, 'Sign in first: a valid bearer token is required', '请先登录：需要有效的访问令牌'),
  forbidden: () => problem('forbidden', 403, 'Your role may not do this', '您的角色无权进行此操作'),
  notFound: (what: string, zh: string) => problem('not-found', 404, `${what} was not found`, `未找到${zh}`),
  unavailable: (service: string) =>
    problem('service-unavailable', 503, `${service} is not reachable; please try again shortly`, `${service} 暂时无法访问，请稍后重试`),
};
