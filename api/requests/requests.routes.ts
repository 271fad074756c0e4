import { createRoute, z } from '@hono/zod-openapi';
import { requestKinds, codesOf } from '../../domain/enums.ts';
import { refusals } from '../../domain/refusals.ts';
import { reviewDecisionSchema } from '../../domain/review.ts';
import { JsonValueSchema } from '../lib/json.ts';
import { binary, json, problemResponses, security } from '../lib/openapi.ts';
import { MATERIAL_KINDS } from './form.ts';
import { INBOX_STATES } from './inbox.ts';
import { FORM_PART_ROUTES, type FormPartRoute, SavedFormPart, formPartBodySchema, formPartExample } from './form-documentation.ts';
import { AccessReason, accessReasonProblems } from '../access-log/access-reason.ts';

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
    dueDateWarning: z
      .object({ years: z.array(z.number().int()), en: z.string(), zh: z.string() })
      .optional()
      .openapi({ description: 'the due date was counted through a year whose holiday arrangement is not loaded' }),
    attention: z
      .object({
        operation: z.string(),
        status: z.number().int(),
        code: z.string().openapi({ example: 'record-owned-elsewhere' }),
        title: z.string().optional(),
        detail: z.string().optional(),
        detail_zh: z.string().optional(),
      })
      .optional()
      .openapi({ description: "needsAttention: the national platform's refusal, kept until an administrator retries" }),
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

const nullableString = z.string().nullable();
const ArrivingPlace = z.object({ provinceCode: nullableString, districtCode: nullableString });
const ArrivingPerson = z
  .object({
    source: z.enum(['record', 'national']).openapi({
      description: "record: this province's record (a district move); national: the national platform's latest version (a transfer in)",
    }),
    nationalVersion: z.number().int().nullable(),
    personId: nullableString.openapi({
      description: 'district moves: the record, readable by the receiving district while the move is open (GET /people/{personId}/record)',
    }),
    name: nullableString,
    archiveNo: z.string().openapi({ description: 'in full, to the reviewer who decides; the read is in the access log' }),
    idType: nullableString,
    sex: nullableString,
    birthDate: nullableString,
    nationality: nullableString,
    from: ArrivingPlace,
    to: ArrivingPlace,
    work: z
      .object({
        unitName: nullableString,
        unitCreditCode: nullableString,
        unitKind: nullableString,
        unitDistrict: nullableString,
        startedOn: nullableString,
        posts: z.array(z.string()),
        administrativePost: nullableString,
      })
      .nullable(),
    qualifications: z.array(
      z.object({
        type: nullableString,
        level: nullableString,
        wayObtained: nullableString,
        obtainedOn: nullableString,
        certificateNo: nullableString,
      }),
    ),
    education: z.array(
      z.object({
        studyMode: nullableString,
        school: nullableString,
        level: nullableString,
        degree: nullableString,
        major: nullableString,
        graduatedOn: nullableString,
      }),
    ),
    continuingEducation: z
      .array(
        z.object({
          year: z.number().int(),
          records: z.number().int(),
          totalCredits: z.number(),
          professionalCredits: z.number(),
          requiredCredits: z.number(),
          complete: z.boolean(),
        }),
      )
      .openapi({ description: 'this year and the two before, newest first' }),
    talents: z.array(z.object({ type: nullableString, year: z.number().int().nullable() })),
    creditWarnings: z
      .array(z.object({ occurredOn: nullableString, issuer: nullableString, documentNo: nullableString, description: nullableString }))
      .openapi({ description: '失信 records the record carries' }),
  })
  .openapi('ArrivingPerson');

const RequestDetail = z
  .object({
    requestId: z.string(),
    kind: RequestKind,
    state: z.string(),
    round: z.number().int(),
    districtCode: z.string().nullable(),
    received: z.boolean().openapi({
      description: 'a transfer sent by another province: decided with accepted / refused, as nobody here can correct it',
    }),
    overdue: z.boolean(),
    submittedAt: z.string().nullable().openapi({ description: 'when it was (re)submitted, or received from another province' }),
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
    arriving: ArrivingPerson.nullable()
      .optional()
      .openapi({
        description:
          'transfers in and district moves, for reviewers and administrators: who arrives (null when the national platform ' +
          'cannot be reached for a transfer applied for here); the transfer proof is among `materials`',
      }),
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
        by: z.enum(['applicant', 'reviewer', 'admin']).optional().openapi({ description: 'who withdrew the request' }),
      }),
    ),
  })
  .openapi('RequestTimeline');

const MyRequest = z
  .object({ requestId: z.string(), kind: RequestKind, state: z.string(), round: z.number().int(), createdAt: z.string() })
  .openapi('MyRequest');

const Place = z
  .object({ provinceCode: z.string().nullable(), districtCode: z.string().nullable() })
  .openapi('InboxPlace', { description: 'a province and, when known, its district (GB/T 2260 codes)' });

const InboxItem = z
  .object({
    requestId: z.string(),
    kind: RequestKind,
    state: z.enum(INBOX_STATES),
    name: z
      .string()
      .nullable()
      .openapi({ description: "the person's name, as lists show it; null while not known here (a transfer in applied for here)" }),
    archiveNo: z.string().nullable().openapi({ description: 'masked, as lists mask it', example: '110105********123X' }),
    round: z.number().int(),
    submittedAt: z
      .string()
      .nullable()
      .openapi({ description: 'when it was (re)submitted, or received from another province when `received`' }),
    received: z.boolean().openapi({ description: 'a transfer sent here by another province: nobody here applied for it' }),
    reviewDueAt: z.string().nullable(),
    correctionDueAt: z.string().nullable().openapi({ description: "the applicant's correction deadline, while returned" }),
    overdue: z.boolean().openapi({ description: 'past the review deadline (or, while returned, the correction deadline)' }),
    origin: Place.nullable().openapi({ description: 'where the person comes from (transfers in and district moves)' }),
    destination: Place.nullable().openapi({ description: 'where the person goes (transfers out)' }),
    changes: z
      .array(z.string())
      .nullable()
      .openapi({ description: 'for changes: the form parts that change (basic, education, work, qualifications, ...)' }),
  })
  .openapi('InboxItem');

const countsOf = <K extends string>(keys: readonly [K, ...K[]]) =>
  z.object(Object.fromEntries(keys.map((k) => [k, z.number().int()])) as Record<K, z.ZodNumber>);

const InboxCounts = z
  .object({
    byKind: countsOf(codesOf(requestKinds)).openapi({ description: 'per kind, with the state and overdue filters applied' }),
    byState: countsOf(INBOX_STATES).openapi({ description: 'per state, with the kind and overdue filters applied' }),
    overdue: z.number().int().openapi({ description: 'overdue ones, with the kind and state filters applied' }),
  })
  .openapi('InboxCounts');

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
  summary: 'District review: approve or return with reasons; a transfer sent by another province: accept or refuse with a reason',
  description: [
    'Where the applicant can correct what is returned (collection, change, transfer out, a transfer in applied for here, district move):',
    '`approved`, or `returned` with reasons per field and per material; the applicant corrects and resubmits.',
    '`accepted` / `refused` are refused for these with `decision-not-applicable` (422).',
    '',
    'A transfer another province sent here (`transferIn` with nobody here applying) cannot be corrected here: `accepted`',
    '(the record is imported) or `refused` with a `reason`, which the origin province receives and its applicant reads as the',
    "refusal's reason. The answer is at once the request's new state: `approved`, or `refused` with `closedReason`.",
    'Earlier clients may still send `approved` (meaning accepted) and `returned` with reasons (meaning refused, the reasons',
    'joined with "; " as the reason); both keep working.',
  ].join('\n'),
  tags: ['review'],
  security,
  request: {
    params: IdParam,
    body: {
      content: {
        'application/json': {
          schema: reviewDecisionSchema.meta({ id: 'ReviewDecision' }),
          examples: {
            returned: {
              summary: 'return for correction',
              value: {
                outcome: 'returned',
                reasons: [{ target: 'field', path: 'basic.address', reason: '请补充门牌号' }],
                comment: '请补充后重新提交',
              },
            },
            approved: { summary: 'approve', value: { outcome: 'approved' } },
            accepted: { summary: 'accept a transfer sent by another province', value: { outcome: 'accepted' } },
            refused: {
              summary: 'refuse a transfer sent by another province',
              value: { outcome: 'refused', reason: '调转证明未加盖单位公章' },
            },
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

export const withdrawRoute = createRoute({
  method: 'post',
  path: '/requests/{id}/withdraw',
  summary: 'Withdraw (撤回): the applicant their own request until it is decided; an administrator any undecided request, with a reason',
  tags,
  security,
  request: {
    params: IdParam,
    body: {
      content: {
        'application/json': {
          schema: z
            .object({
              reason: z
                .string()
                .trim()
                .min(1)
                .max(500)
                .optional()
                .openapi({ description: 'why: optional for the applicant, required of an administrator', example: '本人书面申请撤回' }),
            })
            .openapi('WithdrawRequest'),
        },
      },
      required: false,
    },
  },
  responses: {
    200: { description: 'the request, closed as withdrawn', content: json(RequestStatus) },
    ...problemResponses(withWorkflow({ 404: ['not-found'], 409: workflowProblems[409] }), { secured: true, body: true }),
  },
});

export const retryRoute = createRoute({
  method: 'post',
  path: '/requests/{id}/retry',
  summary: 'Retry (administrators): the national call the platform refused is made again, once its cause is fixed',
  tags,
  security,
  request: { params: IdParam },
  responses: {
    200: { description: 'the call is under way again; the request in the state it is made in', content: json(RequestStatus) },
    ...problemResponses(withWorkflow({ 404: ['not-found'], 409: workflowProblems[409] }), { secured: true }),
  },
});

export const inboxRoute = createRoute({
  method: 'get',
  path: '/reviews/inbox',
  summary: "The reviewer's district: requests waiting for review (or returned, waiting for the applicant), oldest first",
  description:
    'Each item says who it is about (name; archive number masked), what it is, when it was submitted or received, ' +
    'its round and due date, where a transfer comes from and what a change changes. `counts` gives, for each filter, ' +
    'how many items each of its choices would show with the other filters kept.',
  tags: ['review'],
  security,
  request: {
    query: z.object({
      page: z.coerce.number().int().min(1).max(10_000).default(1),
      pageSize: z.coerce.number().int().min(1).max(100).default(20),
      kind: RequestKind.optional(),
      state: z.enum(INBOX_STATES).default('awaitingReview'),
      overdue: z.enum(['true', 'false']).optional().openapi({ description: 'true: only overdue ones; false: only those in time' }),
    }),
  },
  responses: {
    200: {
      description: 'one page',
      content: json(
        z
          .object({
            page: z.number().int(),
            pageSize: z.number().int(),
            total: z.number().int().openapi({ description: 'items matching every filter' }),
            counts: InboxCounts,
            items: z.array(InboxItem),
          })
          .openapi('ReviewInbox'),
      ),
    },
    ...problemResponses({ 403: ['forbidden'] }, { secured: true, query: true }),
  },
});
