import { z } from '@hono/zod-openapi';
import { PROBLEM_BASE } from '../problem.ts';

export const security = [{ bearer: [] }];
export const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
export const binary = z.string().openapi({ format: 'binary' });

const Violation = z.object({ path: z.string(), rule: z.string(), en: z.string(), zh: z.string() }).openapi('Violation');

/** RFC 9457 problem details, as api/problem.ts sends them. */
export const Problem = z
  .object({
    type: z.string().openapi({ example: `${PROBLEM_BASE}validation-failed` }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    detail_zh: z.string().openapi({ example: '请求内容有误：basic.name：必填项缺失' }),
    instance: z.string().optional(),
    rule: z.string().optional().openapi({ description: 'the rule that was broken, e.g. materials.tooLarge' }),
    violations: z.array(Violation).optional(),
  })
  .openapi('Problem');

type Codes = Partial<Record<number, readonly string[]>>;

/** What a route's input can be refused for, before its handler runs. */
export interface InputKinds {
  /** Signed in: 401 without a valid session, 403 for a role the route does not serve. */
  secured?: boolean | 'role';
  /** A JSON body: malformed, invalid, unstorable text, too large, not JSON. */
  body?: boolean;
  /** Query or path parameters checked by a schema. */
  query?: boolean;
}

function merge(into: Record<number, Set<string>>, codes: Codes) {
  for (const [status, list] of Object.entries(codes)) {
    into[Number(status)] ??= new Set();
    const set = into[Number(status)]!;
    for (const code of list ?? []) set.add(code);
  }
}

/**
 * The problems a route answers, one response per status: the Problem component with `type` narrowed to
 * the listed rules' URIs, the description naming them. The answers every route of its kind can give are added.
 */
export function problemResponses(codes: Codes, input: InputKinds = {}) {
  const all: Record<number, Set<string>> = {};
  merge(all, codes);
  if (input.secured) merge(all, { 401: ['unauthenticated'] });
  if (input.secured === 'role') merge(all, { 403: ['forbidden'] });
  if (input.body)
    merge(all, {
      400: ['malformed-json', 'validation-failed', 'text-not-storable'],
      413: ['body-too-large'],
      415: ['unsupported-media-type'],
    });
  if (input.query) merge(all, { 400: ['validation-failed', 'text-not-storable'] });
  // Every route: JSON and query text are checked and every body limited before any route runs (api/limits.ts).
  merge(all, { 400: ['malformed-json', 'text-not-storable'], 413: ['body-too-large'], 503: ['service-unavailable'] });
  const responses: Record<number, { description: string; content: { 'application/problem+json': { schema: z.ZodType } } }> = {};
  for (const [status, set] of Object.entries(all)) {
    const list = [...set].sort();
    const types = list.map((c) => PROBLEM_BASE + c) as [string, ...string[]];
    responses[Number(status)] = {
      description: `Problems: ${list.join(', ')}`,
      content: { 'application/problem+json': { schema: Problem.extend({ type: z.enum(types) }) } },
    };
  }
  return responses;
}
