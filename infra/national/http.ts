/** What the stand-in's routes describe and refuse alike: problem responses, JSON bodies, the province parameter, masked archive numbers. */
import { z } from '@hono/zod-openapi';
import { ProblemError, type ProblemCode } from './problems.ts';
import { ProblemSchema, ProvinceCode } from './schemas.ts';

/** The acting province in the path, shared by the province and record routes. */
export const provinceParam = z.object({ province: ProvinceCode.openapi({ param: { name: 'province', in: 'path' } }) });

const problemContent = { 'application/problem+json': { schema: ProblemSchema } };
export const problem = (description: string) => ({ description, content: problemContent });
export const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
export const jsonBody = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
export const commonProblems = {
  400: problem('Validation failed, or the Idempotency-Key header is missing'),
  503: problem('Unavailable (injected fault); nothing was done'),
};

/** Archive numbers are ID numbers (personal data): problem details show them masked. */
export function mask(archiveNo: string): string {
  const keep = archiveNo.length >= 10 ? [6, 4] : [1, 1];
  return archiveNo.slice(0, keep[0]) + '*'.repeat(archiveNo.length - keep[0]! - keep[1]!) + archiveNo.slice(-keep[1]!);
}

export function fail(code: ProblemCode, detail: string, detail_zh: string, extensions?: Record<string, unknown>): never {
  throw new ProblemError(code, detail, detail_zh, extensions);
}
