import { createRoute, z } from '@hono/zod-openapi';
import { FIRST_YEAR } from '../../../domain/continuing-education.ts';
import { makeCreditRecordSchema, makeTalentSchema, contactChangeSchema } from '../../../domain/schemas/person-records.ts';
import { createRouter } from '../../app.ts';
import { requireRole } from '../../auth.ts';
import type { ApiDeps } from '../../deps.ts';
import { MATERIAL_KINDS } from '../../requests/form.ts';
import { createDraft } from '../requests/requests.handlers.ts';
import { IMPORT_MAX_BYTES } from '../../limits.ts';
import * as h from './records.handlers.ts';

export { IMPORT_MAX_BYTES };

const security = [{ bearer: [] }];
const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const Problem = z
  .object({ type: z.string(), title: z.string(), status: z.number(), detail: z.string(), detail_zh: z.string() })
  .passthrough();
const problemResponses = {
  400: { description: 'invalid input', content: { 'application/problem+json': { schema: Problem } } },
  401: { description: 'not signed in', content: { 'application/problem+json': { schema: Problem } } },
  403: { description: 'the role may not do this', content: { 'application/problem+json': { schema: Problem } } },
  404: { description: 'no such person, or not yours to see', content: { 'application/problem+json': { schema: Problem } } },
  409: { description: "refused in the record's current state", content: { 'application/problem+json': { schema: Problem } } },
} as const;

const route = <P extends string>(
  method: 'get' | 'post' | 'put' | 'delete',
  path: P,
  summary: string,
  tags: string[],
  extra: Record<string, unknown>,
  ok: z.ZodType | null,
  okStatus = 200,
) =>
  createRoute({
    method,
    path,
    summary,
    tags,
    security,
    ...extra,
    responses: { [okStatus]: ok ? { description: summary, content: json(ok) } : { description: summary }, ...problemResponses },
  } as any);

const PersonParam = z.object({
  personId: z
    .string()
    .max(36)
    .openapi({
      param: { name: 'personId', in: 'path' },
      description: "the person id, or `me` for the applicant's own record",
      example: 'me',
    }),
});
const TalentParam = PersonParam.extend({
  talentId: z
    .string()
    .max(36)
    .openapi({ param: { name: 'talentId', in: 'path' } }),
});
const CreditParam = PersonParam.extend({
  creditId: z
    .string()
    .max(36)
    .openapi({ param: { name: 'creditId', in: 'path' } }),
});

// Documented shapes; dates and years are checked against today again when the body is handled.
const TalentBody = makeTalentSchema({ today: '9999-12-31' }).openapi('HighEndTalentInput', { example: { type: 'leading', year: 2020 } });
const CreditBody = makeCreditRecordSchema({ today: '9999-12-31' }).openapi('CreditRecordInput', {
  example: {
    kind: 'untrustworthy',
    occurredOn: '2024-06-01',
    issuer: '北京市财政局',
    documentNo: '京财罚〔2024〕12号',
    description: '伪造会计凭证，处以罚款',
  },
});
const Talent = z.object({ id: z.string(), type: z.string(), year: z.number() }).openapi('HighEndTalent');
const Credit = z
  .object({
    id: z.string(),
    kind: z.string(),
    occurredOn: z.string(),
    issuer: z.string(),
    documentNo: z.string(),
    description: z.string(),
    createdAt: z.string(),
  })
  .openapi('CreditRecord');

export const createChangeRoute = route(
  'post',
  '/requests/change',
  'Start an information change (信息变更) of what needs review, as a draft: save only the parts that change',
  ['requests'],
  {},
  z.object({ requestId: z.string(), kind: z.string(), state: z.string() }),
  201,
);
export const recordRoute = route(
  'get',
  '/people/{personId}/record',
  "A person's linked record: every module, continuing education with yearly status, talents, credits, materials, history",
  ['records'],
  { request: { params: PersonParam } },
  z.object({}).passthrough(),
);
export const contactRoute = route(
  'put',
  '/people/{personId}/contact',
  'Change mobile, email or address at once, without review (the person themself); synced to the national platform',
  ['records'],
  {
    request: {
      params: PersonParam,
      body: { content: json(contactChangeSchema.openapi('ContactChange', { example: { mobile: '13800138000' } })), required: true },
    },
  },
  z.object({
    personId: z.string(),
    requestId: z.string().nullable(),
    changed: z.array(z.string()),
    state: z.string(),
    contact: z.object({}).passthrough(),
  }),
);
export const materialRoute = createRoute({
  method: 'get',
  path: '/people/{personId}/materials/{kind}',
  summary: "A material of the person's record (JPEG bytes)",
  tags: ['records'],
  security,
  request: { params: PersonParam.extend({ kind: z.enum(MATERIAL_KINDS).openapi({ param: { name: 'kind', in: 'path' } }) }) },
  responses: {
    200: { description: 'JPEG bytes', content: { 'image/jpeg': { schema: z.string().openapi({ format: 'binary' }) } } },
    ...problemResponses,
  },
});
export const creditStatusRoute = route(
  'get',
  '/people/{personId}/continuing-education/status',
  'Yearly continuing-education status: at least 90 credits, professional subjects at least two-thirds of the total',
  ['continuing education'],
  {
    request: {
      params: PersonParam,
      query: z.object({
        year: z.coerce.number().int().min(FIRST_YEAR).max(2100).optional().openapi({ description: 'default: this year', example: 2025 }),
      }),
    },
  },
  z.object({}).passthrough(),
);
export const listTalentsRoute = route(
  'get',
  '/people/{personId}/talents',
  'High-end talent records (高端会计人才) of a person',
  ['talents and credit'],
  { request: { params: PersonParam } },
  z.array(Talent),
);
export const addTalentRoute = route(
  'post',
  '/people/{personId}/talents',
  'Add a high-end talent record (administrators)',
  ['talents and credit'],
  { request: { params: PersonParam, body: { content: json(TalentBody), required: true } } },
  Talent,
  201,
);
export const putTalentRoute = route(
  'put',
  '/people/{personId}/talents/{talentId}',
  'Replace a high-end talent record (administrators)',
  ['talents and credit'],
  { request: { params: TalentParam, body: { content: json(TalentBody), required: true } } },
  Talent,
);
export const deleteTalentRoute = route(
  'delete',
  '/people/{personId}/talents/{talentId}',
  'Delete a high-end talent record (administrators)',
  ['talents and credit'],
  { request: { params: TalentParam } },
  null,
  204,
);
export const listCreditsRoute = route(
  'get',
  '/people/{personId}/credits',
  'Credit records (守信 / 失信) of a person',
  ['talents and credit'],
  { request: { params: PersonParam } },
  z.array(Credit),
);
export const addCreditRoute = route(
  'post',
  '/people/{personId}/credits',
  'Add a credit record (administrators)',
  ['talents and credit'],
  { request: { params: PersonParam, body: { content: json(CreditBody), required: true } } },
  Credit,
  201,
);
export const putCreditRoute = route(
  'put',
  '/people/{personId}/credits/{creditId}',
  'Replace a credit record (administrators)',
  ['talents and credit'],
  { request: { params: CreditParam, body: { content: json(CreditBody), required: true } } },
  Credit,
);
export const deleteCreditRoute = route(
  'delete',
  '/people/{personId}/credits/{creditId}',
  'Delete a credit record (administrators)',
  ['talents and credit'],
  { request: { params: CreditParam } },
  null,
  204,
);

const binary = { schema: { type: 'string', format: 'binary' } };
export const importRoute = route(
  'post',
  '/admin/continuing-education/import',
  `Import continuing-education records from CSV (UTF-8) or Excel (.xlsx), at most ${IMPORT_MAX_BYTES / 1024 / 1024} MB: valid rows are imported, each rejected row reported with its reason`,
  ['continuing education'],
  {
    request: {
      query: z.object({
        format: z.enum(['json', 'csv']).default('json').openapi({ description: 'the report as JSON, or the rejected rows as CSV' }),
      }),
      body: {
        required: true,
        description:
          'columns archiveNo, year, course, credits, professional (是/否), provider, completedOn — or their Chinese names (档案号, 年度, 课程, 学分, 专业科目, 培训单位, 完成日期)',
        content: {
          'text/csv': binary,
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': binary,
          'multipart/form-data': {
            schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] },
          },
        },
      },
    },
  },
  z.object({
    format: z.string(),
    total: z.number(),
    imported: z.number(),
    rejected: z.number(),
    people: z.number(),
    rows: z.array(z.object({}).passthrough()),
  }),
);

export function recordRoutes(deps: ApiDeps) {
  const router = createRouter();
  const auth = requireRole(deps.tokens);
  // Exact paths only: other routers own other /people endpoints.
  for (const path of [
    '/requests/change',
    '/people/:personId/record',
    '/people/:personId/contact',
    '/people/:personId/materials/:kind',
    '/people/:personId/continuing-education/status',
    '/people/:personId/talents',
    '/people/:personId/talents/:talentId',
    '/people/:personId/credits',
    '/people/:personId/credits/:creditId',
  ]) {
    router.use(path, auth);
  }
  // The file's size is limited (IMPORT_MAX_BYTES) with every other body, in api/limits.ts.
  router.post('/admin/continuing-education/import', requireRole(deps.tokens, 'admin'));
  return (router as unknown as ReturnType<typeof createRouter> & { openapi: any })
    .openapi(createChangeRoute, (c: any) => createDraft('change')(deps, c))
    .openapi(recordRoute, (c: any) => h.record(deps, c))
    .openapi(contactRoute, (c: any) => h.contact(deps, c))
    .openapi(materialRoute, (c: any) => h.material(deps, c))
    .openapi(creditStatusRoute, (c: any) => h.status(deps, c))
    .openapi(listTalentsRoute, (c: any) => h.listTalents(deps, c))
    .openapi(addTalentRoute, (c: any) => h.addTalent(deps, c))
    .openapi(putTalentRoute, (c: any) => h.putTalent(deps, c))
    .openapi(deleteTalentRoute, (c: any) => h.deleteTalent(deps, c))
    .openapi(listCreditsRoute, (c: any) => h.listCredits(deps, c))
    .openapi(addCreditRoute, (c: any) => h.addCredit(deps, c))
    .openapi(putCreditRoute, (c: any) => h.putCredit(deps, c))
    .openapi(deleteCreditRoute, (c: any) => h.deleteCredit(deps, c))
    .openapi(importRoute, (c: any) => h.importContinuingEducationFile(deps, c));
}
