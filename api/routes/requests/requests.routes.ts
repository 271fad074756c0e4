import { createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { reviewDecisionSchema } from '../../../domain/review.ts';
import { createRouter } from '../../app.ts';
import { requireRole, type AuthEnv } from '../../auth.ts';
import type { ApiDeps } from '../../deps.ts';
import { problem } from '../../problem.ts';
import { FORM_PARTS, MATERIAL_KINDS } from '../../requests/form.ts';
import { MATERIAL_MAX_BYTES } from '../../requests/materials.ts';
import * as h from './requests.handlers.ts';

const security = [{ bearer: [] }];
const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const Problem = z
  .object({ type: z.string(), title: z.string(), status: z.number(), detail: z.string(), detail_zh: z.string() })
  .passthrough()
  .openapi('Problem');
const problemResponses = {
  400: { description: 'invalid input', content: { 'application/problem+json': { schema: Problem } } },
  401: { description: 'not signed in', content: { 'application/problem+json': { schema: Problem } } },
  404: { description: 'no such request, or not yours to see', content: { 'application/problem+json': { schema: Problem } } },
  409: { description: "refused in the request's current state", content: { 'application/problem+json': { schema: Problem } } },
} as const;

const IdParam = z.object({
  id: z.string().openapi({ param: { name: 'id', in: 'path' }, example: '7d0f6c1e-2b1a-4a7e-9d5e-3f1c2b4a5d6e' }),
});
const Status = z
  .object({
    requestId: z.string(),
    kind: z.string(),
    state: z.string(),
    round: z.number(),
    districtCode: z.string().optional(),
    overdue: z.boolean(),
    reviewDueAt: z.string().optional(),
    correctionDueAt: z.string().optional(),
    returned: z
      .object({
        round: z.number(),
        reasons: z.array(z.object({ target: z.string(), path: z.string(), reason: z.string() })),
        comment: z.string().optional(),
      })
      .optional(),
    closedReason: z.string().optional(),
  })
  .openapi('RequestStatus');

const route = <P extends string>(
  method: 'get' | 'post' | 'put',
  path: P,
  summary: string,
  extra: Record<string, unknown>,
  ok: z.ZodType,
  okStatus = 200,
) =>
  createRoute({
    method,
    path,
    summary,
    tags: ['requests'],
    security,
    ...extra,
    responses: { [okStatus]: { description: summary, content: json(ok) }, ...problemResponses },
  } as any);

const Draft = z.object({ requestId: z.string(), kind: z.string(), state: z.string() });
export const createDraftRoute = route('post', '/requests/collection', 'Start a collection request (信息采集) as a draft', {}, Draft, 201);
export const createTransferOutRoute = route(
  'post',
  '/requests/transfer-out',
  'Start a transfer out to another province (调出) as a draft',
  {},
  Draft,
  201,
);
export const createTransferInRoute = route(
  'post',
  '/requests/transfer-in',
  'Start a transfer in from another province (调入) as a draft',
  {},
  Draft,
  201,
);
export const createDistrictMoveRoute = route(
  'post',
  '/requests/district-move',
  'Start a move to another district of the province (省内调转) as a draft',
  {},
  Draft,
  201,
);
export const listMineRoute = route(
  'get',
  '/requests',
  'My requests (applicant)',
  {},
  z.array(z.object({ requestId: z.string(), kind: z.string(), state: z.string(), round: z.number(), createdAt: z.string() })),
);
// Staff reads of personal data are logged with a reason (api/access-log.ts).
const AccessReason = {
  query: z.object({ reason: z.string().optional().openapi({ description: "why staff read this (access log); default 'review'" }) }),
  headers: z.object({
    'x-access-reason': z.string().optional().openapi({ description: 'why staff read this (access log), percent-encoded UTF-8' }),
  }),
};
export const detailRoute = route(
  'get',
  '/requests/{id}',
  'A request with its form, materials and reviews',
  { request: { params: IdParam, ...AccessReason } },
  z.object({}).passthrough(),
);
const LiveParam = z.object({
  live: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: 'true: the workflow itself answers (a query), including a step under way; default: the recorded state' }),
});
export const statusRoute = route(
  'get',
  '/requests/{id}/status',
  "The request's state: as recorded at its last step, or live from the workflow",
  { request: { params: IdParam, query: LiveParam } },
  Status,
);
export const timelineRoute = route(
  'get',
  '/requests/{id}/timeline',
  'What happened so far, with return reasons',
  { request: { params: IdParam } },
  z.object({}).passthrough(),
);
export const saveFormPartRoute = route(
  'put',
  '/requests/{id}/form/{part}',
  'Save one part of the form (draft, or what a reviewer returned)',
  {
    request: {
      params: IdParam.extend({
        part: z
          .string()
          .regex(/^[a-z][A-Za-z]{1,31}$/)
          .openapi({
            param: { name: 'part', in: 'path' },
            description: `collection: ${FORM_PARTS.join(', ')}; transfer out / in: transfer; district move: move`,
          }),
      }),
      body: { content: json(z.unknown()), required: true, description: 'the part, as its schema in domain/schemas describes' },
    },
  },
  z.object({ requestId: z.string(), part: z.string(), saved: z.unknown() }),
);
export const uploadMaterialRoute = route(
  'put',
  '/requests/{id}/materials/{kind}',
  'Upload one material as JPEG bytes (photo 114×156 px < 20 KB; others < 50 KB)',
  {
    request: {
      params: IdParam.extend({ kind: z.enum(MATERIAL_KINDS).openapi({ param: { name: 'kind', in: 'path' } }) }),
      body: { content: { 'image/jpeg': { schema: z.string().openapi({ format: 'binary' }) } }, required: true },
    },
  },
  z.object({
    requestId: z.string(),
    kind: z.string(),
    sha256: z.string(),
    byteSize: z.number(),
    width: z.number(),
    height: z.number(),
    uploadedAt: z.string(),
  }),
);
export const readMaterialRoute = createRoute({
  method: 'get',
  path: '/requests/{id}/materials/{kind}',
  summary: 'The current material bytes',
  tags: ['requests'],
  security,
  request: { params: IdParam.extend({ kind: z.enum(MATERIAL_KINDS).openapi({ param: { name: 'kind', in: 'path' } }) }), ...AccessReason },
  responses: {
    200: { description: 'JPEG bytes', content: { 'image/jpeg': { schema: z.string().openapi({ format: 'binary' }) } } },
    ...problemResponses,
  },
});
export const commitmentRoute = route(
  'post',
  '/requests/{id}/commitment',
  'Accept the commitment letter of truthfulness (承诺函)',
  { request: { params: IdParam } },
  z.object({ requestId: z.string(), commitmentAcceptedAt: z.string() }),
);
export const submitRoute = route(
  'post',
  '/requests/{id}/submit',
  'Submit: checks the whole form and materials, starts the workflow',
  { request: { params: IdParam } },
  Status,
);
export const resubmitRoute = route(
  'post',
  '/requests/{id}/resubmit',
  'Resubmit after correcting what was returned',
  { request: { params: IdParam } },
  Status,
);
export const reviewRoute = route(
  'post',
  '/requests/{id}/review',
  'District review: approve, or return with reasons per field and per material',
  { tags: ['review'], request: { params: IdParam, body: { content: json(reviewDecisionSchema), required: true } } },
  Status,
);
export const inboxRoute = route(
  'get',
  '/reviews/inbox',
  "The reviewer's district: requests waiting for review, oldest first, overdue marked",
  {
    tags: ['review'],
    request: {
      query: z.object({
        page: z.coerce.number().int().min(1).max(10_000).default(1),
        pageSize: z.coerce.number().int().min(1).max(100).default(20),
      }),
    },
  },
  z.object({ page: z.number(), pageSize: z.number(), total: z.number(), items: z.array(z.object({}).passthrough()) }),
);

export function requestRoutes(deps: ApiDeps) {
  const router = createRouter();
  const auth = requireRole(deps.tokens);
  router.use('/requests', auth);
  router.use('/requests/*', auth);
  router.use('/reviews/*', auth);
  router.put(
    '/requests/:id/materials/:kind',
    bodyLimit({
      maxSize: MATERIAL_MAX_BYTES,
      onError: () => {
        throw problem(
          'material-too-large',
          413,
          'A material must be smaller than 50 KB (the photo smaller than 20 KB)',
          '材料须小于 50KB（证件照须小于 20KB）',
          { rule: 'materials.tooLarge' },
        );
      },
    }),
  );
  return (router as unknown as ReturnType<typeof createRouter> & { openapi: any })
    .openapi(createDraftRoute, (c: any) => h.createDraft('collection')(deps, c))
    .openapi(createTransferOutRoute, (c: any) => h.createDraft('transferOut')(deps, c))
    .openapi(createTransferInRoute, (c: any) => h.createDraft('transferIn')(deps, c))
    .openapi(createDistrictMoveRoute, (c: any) => h.createDraft('districtMove')(deps, c))
    .openapi(listMineRoute, (c: any) => h.listMine(deps, c))
    .openapi(detailRoute, (c: any) => h.detail(deps, c))
    .openapi(statusRoute, (c: any) => h.status(deps, c))
    .openapi(timelineRoute, (c: any) => h.timeline(deps, c))
    .openapi(saveFormPartRoute, (c: any) => h.saveFormPart(deps, c))
    .openapi(uploadMaterialRoute, (c: any) => h.uploadMaterial(deps, c))
    .openapi(readMaterialRoute, (c: any) => h.readMaterial(deps, c))
    .openapi(commitmentRoute, (c: any) => h.acceptCommitment(deps, c))
    .openapi(submitRoute, (c: any) => h.submit(deps, c))
    .openapi(resubmitRoute, (c: any) => h.resubmit(deps, c))
    .openapi(reviewRoute, (c: any) => h.review(deps, c))
    .openapi(inboxRoute, (c: any) => h.inbox(deps, c));
}
export type { AuthEnv };
