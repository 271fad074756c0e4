import { createRoute, z } from '@hono/zod-openapi';
import { requestKinds, codesOf } from '../../domain/enums.ts';
import { refusals } from '../../domain/refusals.ts';
import { reviewDecisionSchema } from '../../domain/review.ts';
import { JsonValueSchema } from '../lib/json.ts';
import { binary, json, problemResponses, security } from '../lib/openapi.ts';
import { MATERIAL_KINDS } from './form.ts';
import { FORM_PART_ROUTES, type FormPartRoute, SavedFormPart, formPartBodySchema, formPartExample } from './form-documentation.ts';

const IdParam = z.object({
  id: z.string().openapi({ param: { name: 'id', in: 'path' }, example: '7d0f6c1e-2b1a-4a7e-9d5e-3f1c2b4a5d6e' }),
});
const KindParam = IdParam.extend({ kind: z.enum(MATERIAL_KINDS).openapi({ param: { name: 'kind', in: 'path' } }) });
const RequestKind = z.enum(codesOf(requestKinds)).openapi('RequestKind');
const ReturnReason = z.object({ target: z.enum(['field', 'material']), path: z.string(), reason: z.string() }).openapi('ReturnReason');

export const RequestStatus = z
  .object({
    requestId: z.string(),
    kind: RequestKind,
    state: z.string().openapi({ example: 'awaitingReview' }),
    round: z.number().int(),
    districtCode: z.string().optional(),
    overdue: z.boolean(),
    reviewDueAt: z.string().optional(),
    correctionDueAt: z.string().optional(),
    returned: z.object({ round: z.number().int(), reasons: z.array(ReturnReason), comment: z.string().optional() }).optional(),
    closedReason: z.string().optional(),
  })
  .openapi('RequestStatus');

export const Draft = z.object({ requestId: z.string(), kind: RequestKind, state: z.string() }).openapi('Draft');

const RequestMaterial = z
  .object({
    kind: z.enum(MATERIAL_KINDS),
    sha256: z.string(),
    byteSize: z.number().int(),
    width: z.number().int(),
    height: z.number().int(),
    uploadedAt: z.string(),
    href: z.string(),
  })
  .openapi('RequestMaterial');

const CreditWarning = z
  .object({
    id: z.string(),
    kind: z.string(),
    occurredOn: z.string(),
    issuer: z.string(),
    documentNo: z.string(),
    description: z.string(),
    createdAt: z.string(),
  })
  .openapi('CreditWarning');

const RequestDetail = z
  .object({
    requestId: z.string(),
    kind: RequestKind,
    state: z.string(),
    round: z.number().int(),
    districtCode: z.string().nullable(),
    overdue: z.boolean(),
    submittedAt: z.string().nullable(),
    reviewDueAt: z.string().nullable(),
    correctionDueAt: z.string().nullable(),
    closedReason: z.string().nullable(),
    commitmentAcceptedAt: z.string().nullable(),
    form: z
      .record(z.string(), JsonValueSchema)
      .nullable()
      .openapi({ description: 'the parts saved so far, by part name (see the Form* schemas)' }),
    materials: z.array(RequestMaterial),
    reviews: z.array(
      z.object({
        round: z.number().int(),
        outcome: z.string(),
        comment: z.string().nullable(),
        decidedAt: z.string(),
        reasons: z.array(ReturnReason),
      }),
    ),
    creditWarnings: z.array(CreditWarning).optional().openapi({ description: '失信 records of the person, for reviewers only' }),
    employmentConfirmation: z
      .object({ unitName: z.string(), creditCode: z.string(), confirmedAt: z.string() })
      .nullable()
      .openapi({ description: "the employer unit's online confirmation that the person works there; the work proof is then optional" }),
  })
  .openapi('RequestDetail');

const Timeline = z
  .object({
    requestId: z.string(),
    state: z.string(),
    events: z.array(
      z.object({
        type: z.string().openapi({ example: 'submitted' }),
        at: z.string(),
        round: z.number().int().optional(),
        comment: z.string().nullable().optional(),
        reasons: z.array(ReturnReason).optional(),
        reason: z.string().nullable().optional(),
      }),
    ),
  })
  .openapi('RequestTimeline');

const MyRequest = z
  .object({ requestId: z.string(), kind: RequestKind, state: z.string(), round: z.number().int(), createdAt: z.string() })
  .openapi('MyRequest');

const InboxItem = z
  .object({
    requestId: z.string(),
    kind: RequestKind,
    round: z.number().int(),
    submittedAt: z.string().nullable(),
    reviewDueAt: z.string().nullable(),
    overdue: z.boolean(),
  })
  .openapi('InboxItem');

const UploadedMaterial = z
  .object({
    requestId: z.string(),
    kind: z.enum(MATERIAL_KINDS),
    sha256: z.string(),
    byteSize: z.number().int(),
    width: z.number().int(),
    height: z.number().int(),
    uploadedAt: z.string(),
  })
  .openapi('UploadedMaterial');

// Staff reads of personal data are logged with a reason (api/access-log/record-access.ts).
const AccessReason = {
  query: z.object({
    reason: z.string().optional().openapi({ description: "why staff read this (access log); default 'review'", example: '复核' }),
  }),
  headers: z.object({
    'x-access-reason': z.string().optional().openapi({ description: 'why staff read this (access log), percent-encoded UTF-8' }),
  }),
};
const accessReasonProblems = { 400: ['access-reason-invalid'] };

const tags = ['requests'];
const draftProblems = (extra: Record<number, string[]> = {}) => problemResponses({ 403: ['forbidden'], ...extra }, { secured: true });

const createDraftRoute = <P extends string>(path: P, summary: string, problems: Record<number, string[]>) =>
  createRoute({
    method: 'post',
    path,
    summary,
    tags,
    security,
    responses: { 201: { description: 'the draft', content: json(Draft) }, ...draftProblems(problems) },
  });

export const createCollectionRoute = createDraftRoute('/requests/collection', 'Start a collection request (信息采集) as a draft', {});
export const createTransferOutRoute = createDraftRoute(
  '/requests/transfer-out',
  'Start a transfer out to another province (调出) as a draft',
  {
    409: ['no-active-record', 'record-not-active'],
  },
);
export const createTransferInRoute = createDraftRoute(
  '/requests/transfer-in',
  'Start a transfer in from another province (调入) as a draft',
  {},
);
export const createDistrictMoveRoute = createDraftRoute(
  '/requests/district-move',
  'Start a move to another district of the province (省内调转) as a draft',
  { 409: ['no-active-record', 'record-not-active'] },
);
export const createChangeRoute = createDraftRoute(
  '/requests/change',
  'Start an information change (信息变更) of what needs review, as a draft: save only the parts that change',
  { 409: ['no-active-record', 'record-transferred-out'] },
);

export const listMineRoute = createRoute({
  method: 'get',
  path: '/requests',
  summary: 'My requests (applicant)',
  tags,
  security,
  responses: {
    200: { description: 'newest first, at most 100', content: json(z.array(MyRequest)) },
    ...problemResponses({ 403: ['forbidden'] }, { secured: true }),
  },
});

const notFound = { 404: ['not-found'] };

export const detailRoute = createRoute({
  method: 'get',
  path: '/requests/{id}',
  summary: 'A request with its form, materials and reviews',
  tags,
  security,
  request: { params: IdParam, ...AccessReason },
  responses: {
    200: { description: 'the request', content: json(RequestDetail) },
    ...problemResponses({ ...notFound, ...accessReasonProblems }, { secured: true, query: true }),
  },
});

export const statusRoute = createRoute({
  method: 'get',
  path: '/requests/{id}/status',
  summary: "The request's state: as recorded at its last step, or live from the workflow",
  tags,
  security,
  request: {
    params: IdParam,
    query: z.object({
      live: z
        .enum(['true', 'false'])
        .optional()
        .openapi({ description: 'true: the workflow itself answers (a query), including a step under way; default: the recorded state' }),
    }),
  },
  responses: {
    200: { description: 'the state', content: json(RequestStatus) },
    ...problemResponses({ ...notFound, 409: ['update-failed', 'request-not-started'] }, { secured: true, query: true }),
  },
});

export const timelineRoute = createRoute({
  method: 'get',
  path: '/requests/{id}/timeline',
  summary: 'What happened so far, with return reasons',
  tags,
  security,
  request: { params: IdParam },
  responses: { 200: { description: 'the events in order', content: json(Timeline) }, ...problemResponses(notFound, { secured: true }) },
});

const editable = { 403: ['not-your-request'], 404: ['not-found'], 409: ['request-not-editable'] };

function saveFormPartRoute(part: FormPartRoute) {
  return createRoute({
    method: 'put',
    path: `/requests/{id}/form/${part}` as `/requests/{id}/form/${FormPartRoute}`,
    summary: `Save the ${part} part of the form (draft, or what a reviewer returned)`,
    description:
      part === 'transfer'
        ? 'transfer-out requests: TransferOutPart; transfer-in requests: TransferInPart'
        : part === 'move'
          ? 'district-move requests'
          : part === 'continuingEducation'
            ? 'change requests'
            : 'collection and change requests',
    tags,
    security,
    request: {
      params: IdParam,
      body: {
        required: true,
        content: { 'application/json': { schema: formPartBodySchema(part), example: formPartExample(part) } },
      },
    },
    responses: {
      200: { description: 'the part as saved', content: json(SavedFormPart) },
      ...problemResponses(
        { ...editable, 404: ['not-found', 'unknown-form-part'], 409: ['request-not-editable', 'change-not-returned'] },
        { secured: true, body: true },
      ),
    },
  });
}
export type SaveFormPartRoute = ReturnType<typeof saveFormPartRoute>;
export const saveFormPartRoutes = Object.fromEntries(FORM_PART_ROUTES.map((p) => [p, saveFormPartRoute(p)])) as Record<
  FormPartRoute,
  SaveFormPartRoute
>;

export const uploadMaterialRoute = createRoute({
  method: 'put',
  path: '/requests/{id}/materials/{kind}',
  summary: 'Upload one material as JPEG bytes (photo 114×156 px < 20 KB; others < 50 KB)',
  tags,
  security,
  request: { params: KindParam, body: { content: { 'image/jpeg': { schema: binary } }, required: true } },
  responses: {
    200: { description: 'stored', content: json(UploadedMaterial) },
    ...problemResponses(
      {
        ...editable,
        409: ['request-not-editable', 'change-not-returned'],
        413: ['material-too-large'],
        415: ['unsupported-media-type'],
        422: ['material-rejected'],
      },
      { secured: true, query: true },
    ),
  },
});

export const readMaterialRoute = createRoute({
  method: 'get',
  path: '/requests/{id}/materials/{kind}',
  summary: 'The current material bytes',
  tags,
  security,
  request: { params: KindParam, ...AccessReason },
  responses: {
    200: { description: 'JPEG bytes', content: { 'image/jpeg': { schema: binary } } },
    ...problemResponses({ ...notFound, ...accessReasonProblems }, { secured: true, query: true }),
  },
});

export const commitmentRoute = createRoute({
  method: 'post',
  path: '/requests/{id}/commitment',
  summary: 'Accept the commitment letter of truthfulness (承诺函)',
  tags,
  security,
  request: { params: IdParam },
  responses: {
    200: { description: 'accepted', content: json(z.object({ requestId: z.string(), commitmentAcceptedAt: z.string() })) },
    ...problemResponses(editable, { secured: true }),
  },
});

// What the workflow itself refuses (domain/refusals.ts), by status, and Temporal's own failures.
const workflowRefusals: Record<number, string[]> = {};
for (const [code, r] of Object.entries(refusals)) workflowRefusals[r.status] = [...(workflowRefusals[r.status] ?? []), code];
const workflowProblems = { 409: ['update-failed', 'request-not-started', ...(workflowRefusals[409] ?? [])] };
const withWorkflow = (codes: Record<number, string[]>) => {
  const out: Record<number, string[]> = { ...workflowRefusals };
  for (const [s, list] of Object.entries(codes)) out[Number(s)] = [...(out[Number(s)] ?? []), ...list];
  return out;
};

export const submitRoute = createRoute({
  method: 'post',
  path: '/requests/{id}/submit',
  summary: 'Submit: checks the whole form and materials, starts the workflow',
  tags,
  security,
  request: { params: IdParam },
  responses: {
    200: { description: 'the workflow accepted it', content: json(RequestStatus) },
    ...problemResponses(
      withWorkflow({
        403: ['not-your-request'],
        404: ['not-found'],
        409: [
          'already-submitted',
          'transfer-open',
          'request-already-open',
          'already-collected',
          'collected-elsewhere',
          'already-here',
          'no-active-record',
          'record-not-active',
          'record-transferred-out',
          ...workflowProblems[409],
        ],
        422: ['request-incomplete', 'unknown-district'],
      }),
      { secured: true },
    ),
  },
});

export const resubmitRoute = createRoute({
  method: 'post',
  path: '/requests/{id}/resubmit',
  summary: 'Resubmit after correcting what was returned',
  tags,
  security,
  request: { params: IdParam },
  responses: {
    200: { description: 'the workflow accepted it', content: json(RequestStatus) },
    ...problemResponses(
      withWorkflow({
        403: ['not-your-request'],
        404: ['not-found'],
        409: ['request-not-editable', ...workflowProblems[409]],
        422: ['request-incomplete'],
      }),
      { secured: true },
    ),
  },
});

export const reviewRoute = createRoute({
  method: 'post',
  path: '/requests/{id}/review',
  summary: 'District review: approve, or return with reasons per field and per material',
  tags: ['review'],
  security,
  request: {
    params: IdParam,
    body: {
      content: {
        'application/json': {
          schema: reviewDecisionSchema.meta({ id: 'ReviewDecision' }),
          example: {
            outcome: 'returned',
            reasons: [{ target: 'field', path: 'basic.address', reason: '请补充门牌号' }],
            comment: '请补充后重新提交',
          },
        },
      },
      required: true,
    },
  },
  responses: {
    200: { description: 'the decision is recorded', content: json(RequestStatus) },
    ...problemResponses(withWorkflow({ 404: ['not-found'], 409: workflowProblems[409] }), { secured: true, body: true }),
  },
});

export const inboxRoute = createRoute({
  method: 'get',
  path: '/reviews/inbox',
  summary: "The reviewer's district: requests waiting for review, oldest first, overdue marked",
  tags: ['review'],
  security,
  request: {
    query: z.object({
      page: z.coerce.number().int().min(1).max(10_000).default(1),
      pageSize: z.coerce.number().int().min(1).max(100).default(20),
    }),
  },
  responses: {
    200: {
      description: 'one page',
      content: json(
        z
          .object({ page: z.number().int(), pageSize: z.number().int(), total: z.number().int(), items: z.array(InboxItem) })
          .openapi('ReviewInbox'),
      ),
    },
    ...problemResponses({ 403: ['forbidden'] }, { secured: true, query: true }),
  },
});
