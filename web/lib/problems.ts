/** The API's RFC 9457 problems, as the pages show them: the Chinese detail, and each violation on its field. */
import type { FormInstance } from 'antd';

export interface Violation {
  path: string;
  rule: string;
  en: string;
  zh: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  detail_zh: string;
  rule?: string;
  violations?: Violation[];
  retryAfterSeconds?: number;
  [extra: string]: unknown;
}

export class ApiProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail_zh || problem.detail);
  }
  get status() {
    return this.problem.status;
  }
  /** The last segment of the problem type, e.g. `invalid-credentials`. */
  get code() {
    return this.problem.type.split('/').pop() ?? this.problem.type;
  }
}

export const isProblem = (e: unknown): e is ApiProblem => e instanceof ApiProblem;

/** The message to show for any error: the API's Chinese (or English) detail, never a raw code. */
export function messageOf(e: unknown, lang: 'zh' | 'en' = 'zh'): string {
  if (e instanceof ApiProblem) return lang === 'zh' ? e.problem.detail_zh || e.problem.detail : e.problem.detail;
  return lang === 'zh' ? '发生意外错误，请稍后重试' : 'Something went wrong; please try again';
}

/** A violation path of the API (`education.0.school`, `body.mobile`) as an antd field name. */
export function fieldNameOf(path: string, strip: string[] = []): (string | number)[] {
  const parts = path.split('.').filter((p) => p !== '' && p !== '(body)');
  while (parts.length && strip.includes(parts[0]!)) parts.shift();
  return parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/**
 * Puts each violation of the problem on its antd field (Chinese text), and answers the violations no
 * field of the form shows, for a message above the form.
 */
export function showViolations(
  form: FormInstance,
  e: unknown,
  opts: { strip?: string[]; prefix?: (string | number)[]; lang?: 'zh' | 'en' } = {},
): Violation[] {
  if (!(e instanceof ApiProblem) || !e.problem.violations?.length) return [];
  const lang = opts.lang ?? 'zh';
  const unplaced: Violation[] = [];
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const v of e.problem.violations) {
    const name = [...(opts.prefix ?? []), ...fieldNameOf(v.path, opts.strip)];
    const text = lang === 'zh' ? v.zh : v.en;
    if (name.length === (opts.prefix?.length ?? 0)) {
      unplaced.push(v);
      continue;
    }
    // A field without a mounted control (another step's) still gets the error, and the message says it too.
    if (form.getFieldInstance(name as never) === undefined) unplaced.push(v);
    const key = name.join('.');
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(text);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()] as never);
  return unplaced;
}
