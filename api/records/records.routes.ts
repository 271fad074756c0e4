import { createRoute, z } from '@hono/zod-openapi';
import { FIRST_YEAR } from '../../domain/continuing-education.ts';
import { makeCreditRecordSchema, makeTalentSchema, contactChangeSchema } from '../../domain/schemas/person-records.ts';
import { AccessReason, accessReasonProblems } from '../access-log/access-reason.ts';
import { JsonValueSchema } from '../lib/json.ts';
import { binary, json, problemResponses, security } from '../lib/openapi.ts';
import { MATERIAL_KINDS } from '../requests/form.ts';

const notFound = { 404: ['not-found'] };
// Administrators keep talents and credits; to whom the person is not visible, it does not exist (404).
const adminEdit = { 403: ['forbidden'], 404: ['not-found'], 409: ['record-transferred-out'] };

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

const Cell = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]).openapi('RecordCell');
const Row = z
  .record(z.string(), Cell)
  .openapi('RecordRow', { description: 'one row of a module (an education, a qualification), dates as YYYY-MM-DD' });
const YearlyCreditStatus = z
  .object({
    year: z.number().int(),
    records: z.number().int(),
    totalCredits: z.number(),
    professionalCredits: z.number(),
    generalCredits: z.number(),
    requiredCredits: z.number(),
    professionalShare: z.number(),
    totalMet: z.boolean(),
    professionalShareMet: z.boolean(),
    complete: z.boolean(),
    missingCredits: z.number(),
  })
  .openapi('YearlyCreditStatus');
const Course = z
  .object({
    id: z.string(),
    year: z.number().int(),
    course: z.string(),
    credits: z.number(),
    professional: z.boolean(),
    provider: z.string(),
    completedOn: z.string().nullable(),
    source: z.string(),
  })
  .openapi('ContinuingEducationCourse');

const LinkedRecord = z
  .object({
    personId: z.string(),
    archiveNo: z.string(),
    provinceCode: z.string(),
    districtCode: z.string(),
    status: z.string(),
    transferredTo: z.string().nullable(),
    transferredAt: z.string().nullable(),
    situation: z.string().nullable(),
    districtBasis: z.string().nullable(),
    basic: z
      .object({
        name: z.string().openapi({ example: '张伟' }),
        sex: z.string(),
        birthDate: z.string().nullable(),
        idType: z.string(),
        nationality: z.string(),
        ethnicity: z.string().nullable(),
        politicalStatus: z.string().nullable(),
        mobile: z.string().nullable(),
        email: z.string().nullable(),
        address: z.string().nullable(),
      })
      .openapi('RecordBasic'),
    education: z.array(Row),
    work: Row.nullable(),
    qualifications: z.array(Row),
    student: Row.nullable(),
    continuingEducation: z.object({ records: z.array(Course), years: z.array(YearlyCreditStatus) }),
    talents: z.array(Talent),
    credits: z.array(Credit),
    materials: z.array(
      z.object({
        kind: z.string(),
        sha256: z.string(),
        byteSize: z.number().int(),
        width: z.number().int(),
        height: z.number().int(),
        requestId: z.string().nullable(),
        createdAt: z.string(),
        href: z.string(),
      }),
    ),
    history: z.array(
      z.object({
        field: z.string(),
        oldValue: JsonValueSchema,
        newValue: JsonValueSchema,
        requestId: z.string().nullable(),
        actorId: z.string().nullable(),
        at: z.string(),
      }),
    ),
    openRequests: z.array(z.object({ requestId: z.string(), kind: z.string(), state: z.string() })),
  })
  .openapi('LinkedRecord');

const Contact = z
  .object({ mobile: z.string().nullable(), email: z.string().nullable(), address: z.string().nullable() })
  .openapi('Contact', { example: { mobile: '13800138000', email: 'zhangwei@example.com', address: '北京市朝阳区建国路1号' } });

export const recordRoute = createRoute({
  method: 'get',
  path: '/people/{personId}/record',
  summary:
    "A person's linked record: every module, continuing education with yearly status, talents, credits, materials, history; a staff read is logged with its reason",
  tags: ['records'],
  security,
  request: { params: PersonParam, ...AccessReason },
  responses: {
    200: { description: 'the record', content: json(LinkedRecord) },
    ...problemResponses({ ...notFound, ...accessReasonProblems }, { secured: true, query: true }),
  },
});

export const contactRoute = createRoute({
  method: 'put',
  path: '/people/{personId}/contact',
  summary: 'Change mobile, email or address at once, without review (the person themself); synced to the national platform',
  tags: ['records'],
  security,
  request: {
    params: PersonParam,
    body: {
      content: json(
        contactChangeSchema.meta({ id: 'ContactChange', example: { mobile: '13800138000', address: '北京市海淀区中关村大街1号' } }),
      ),
      required: true,
    },
  },
  responses: {
    200: {
      description: 'changed (or unchanged)',
      content: json(
        z
          .object({
            personId: z.string(),
            requestId: z.string().nullable(),
            changed: z.array(z.string()),
            state: z.string(),
            contact: Contact,
          })
          .openapi('ContactChanged'),
      ),
    },
    ...problemResponses(
      { 403: ['not-your-record'], 404: ['not-found'], 409: ['record-transferred-out', 'transfer-open', 'update-failed'] },
      { secured: true, body: true },
    ),
  },
});

export const materialRoute = createRoute({
  method: 'get',
  path: '/people/{personId}/materials/{kind}',
  summary: "A material of the person's record (JPEG bytes); a staff read is logged with its reason",
  tags: ['records'],
  security,
  request: {
    params: PersonParam.extend({ kind: z.enum(MATERIAL_KINDS).openapi({ param: { name: 'kind', in: 'path' } }) }),
    ...AccessReason,
  },
  responses: {
    200: { description: 'JPEG bytes', content: { 'image/jpeg': { schema: binary } } },
    ...problemResponses({ ...notFound, ...accessReasonProblems }, { secured: true, query: true }),
  },
});

export const creditStatusRoute = createRoute({
  method: 'get',
  path: '/people/{personId}/continuing-education/status',
  summary: 'Yearly continuing-education status: at least 90 credits, professional subjects at least two-thirds of the total',
  tags: ['continuing education'],
  security,
  request: {
    params: PersonParam,
    query: z.object({
      year: z.coerce.number().int().min(FIRST_YEAR).max(2100).optional().openapi({ description: 'default: this year', example: 2025 }),
    }),
  },
  responses: {
    200: {
      description: 'the status of the year',
      content: json(YearlyCreditStatus.extend({ personId: z.string() }).openapi('PersonCreditStatus')),
    },
    ...problemResponses(notFound, { secured: true, query: true }),
  },
});

const tc = ['talents and credit'];

export const listTalentsRoute = createRoute({
  method: 'get',
  path: '/people/{personId}/talents',
  summary: 'High-end talent records (高端会计人才) of a person',
  tags: tc,
  security,
  request: { params: PersonParam },
  responses: {
    200: { description: 'the talents', content: json(z.array(Talent)) },
    ...problemResponses(notFound, { secured: true, query: true }),
  },
});
export const addTalentRoute = createRoute({
  method: 'post',
  path: '/people/{personId}/talents',
  summary: 'Add a high-end talent record (administrators)',
  tags: tc,
  security,
  request: { params: PersonParam, body: { content: json(TalentBody), required: true } },
  responses: {
    201: { description: 'added', content: json(Talent) },
    ...problemResponses({ ...adminEdit, 409: ['record-transferred-out', 'talent-exists'] }, { secured: true, body: true }),
  },
});
export const putTalentRoute = createRoute({
  method: 'put',
  path: '/people/{personId}/talents/{talentId}',
  summary: 'Replace a high-end talent record (administrators)',
  tags: tc,
  security,
  request: { params: TalentParam, body: { content: json(TalentBody), required: true } },
  responses: {
    200: { description: 'replaced', content: json(Talent) },
    ...problemResponses({ ...adminEdit, 409: ['record-transferred-out', 'talent-exists'] }, { secured: true, body: true }),
  },
});
export const deleteTalentRoute = createRoute({
  method: 'delete',
  path: '/people/{personId}/talents/{talentId}',
  summary: 'Delete a high-end talent record (administrators)',
  tags: tc,
  security,
  request: { params: TalentParam },
  responses: { 204: { description: 'deleted' }, ...problemResponses(adminEdit, { secured: true, query: true }) },
});
export const listCreditsRoute = createRoute({
  method: 'get',
  path: '/people/{personId}/credits',
  summary: 'Credit records (守信 / 失信) of a person',
  tags: tc,
  security,
  request: { params: PersonParam },
  responses: {
    200: { description: 'the credit records', content: json(z.array(Credit)) },
    ...problemResponses(notFound, { secured: true, query: true }),
  },
});
export const addCreditRoute = createRoute({
  method: 'post',
  path: '/people/{personId}/credits',
  summary: 'Add a credit record (administrators)',
  tags: tc,
  security,
  request: { params: PersonParam, body: { content: json(CreditBody), required: true } },
  responses: {
    201: { description: 'added', content: json(Credit) },
    ...problemResponses({ ...adminEdit, 409: ['record-transferred-out', 'credit-exists'] }, { secured: true, body: true }),
  },
});
export const putCreditRoute = createRoute({
  method: 'put',
  path: '/people/{personId}/credits/{creditId}',
  summary: 'Replace a credit record (administrators)',
  tags: tc,
  security,
  request: { params: CreditParam, body: { content: json(CreditBody), required: true } },
  responses: {
    200: { description: 'replaced', content: json(Credit) },
    ...problemResponses({ ...adminEdit, 409: ['record-transferred-out', 'credit-exists'] }, { secured: true, body: true }),
  },
});
export const deleteCreditRoute = createRoute({
  method: 'delete',
  path: '/people/{personId}/credits/{creditId}',
  summary: 'Delete a credit record (administrators)',
  tags: tc,
  security,
  request: { params: CreditParam },
  responses: { 204: { description: 'deleted' }, ...problemResponses(adminEdit, { secured: true, query: true }) },
});

const NextStep = z
  .object({
    step: z.enum(['change', 'wait', 'correct', 'claim', 'collect', 'transferredOut']).openapi({
      description:
        'change: the record is here, change it by an information change; wait: a request of yours (requestId) is being handled; ' +
        'correct: a request of yours was returned for correction; claim: a record received from another province carries the ID ' +
        'number you entered, claim it (POST /people/me/claim); collect: collect your record (continue the draft requestId, if any); ' +
        'transferredOut: your record moved to another province (province)',
    }),
    personId: z.string().optional(),
    requestId: z.string().optional(),
    kind: z.string().optional(),
    state: z.string().optional(),
    province: z.string().nullable().optional(),
  })
  .openapi('NextStep', { example: { step: 'claim' } });

export const nextStepRoute = createRoute({
  method: 'get',
  path: '/people/me/next-step',
  summary: 'The one thing the applicant can do next about their record: change, wait, correct, claim, collect',
  tags: ['records'],
  security,
  responses: {
    200: { description: 'the next step', content: json(NextStep) },
    ...problemResponses({}, { secured: 'role' }),
  },
});

const ClaimBody = z
  .object({
    idNumber: z
      .string()
      .trim()
      .min(1)
      .max(32)
      .openapi({ description: 'the ID number (the archive number of the record)', example: '110105199001011234' }),
    name: z.string().trim().min(1).max(50).openapi({ example: '张伟' }),
  })
  .strict()
  .openapi('RecordClaim');

export const claimRoute = createRoute({
  method: 'post',
  path: '/people/me/claim',
  summary:
    "Real-name claim (实名认领) of a record received from another province: the ID number and name must be the record's; recorded in its history; one account per person",
  description:
    'Five claims that do not match, within an hour, and the account is refused 429 claim-too-many-attempts (with Retry-After) until the hour has passed.',
  tags: ['records'],
  security,
  request: { body: { content: json(ClaimBody), required: true } },
  responses: {
    200: {
      description: "the record is the account's (already: it was before)",
      content: json(z.object({ personId: z.string(), claimedAt: z.string().nullable(), already: z.boolean() }).openapi('RecordClaimed')),
    },
    ...problemResponses(
      { 409: ['claim-taken', 'claim-has-record'], 422: ['claim-no-match'], 429: ['claim-too-many-attempts'] },
      { secured: 'role', body: true },
    ),
  },
});
