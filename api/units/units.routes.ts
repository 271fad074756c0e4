import { createRoute, z } from '@hono/zod-openapi';
import { addProblem } from '../../domain/schemas/issues.ts';
import { emailField } from '../../domain/schemas/fields.ts';
import { usccProblems } from '../../domain/uscc.ts';
import { json, problemResponses, security } from '../lib/openapi.ts';

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'a UUID');
const districtCode = z.string().regex(/^\d{6}$/, 'a six-digit district code (GB/T 2260)');

export const UnitRegistration = z
  .object({
    creditCode: z
      .string()
      .max(40)
      .transform((c) => c.trim().toUpperCase())
      .superRefine((code, ctx) => {
        for (const p of usccProblems(code)) addProblem(ctx, [], p);
      })
      .openapi({ description: '统一社会信用代码 (GB 32100, check character verified)', example: '91110105MA01B2C3XH' }),
    name: z.string().trim().min(1).max(100).openapi({ example: '北京某某科技有限公司' }),
    districtCode: districtCode.openapi({ description: "the unit's district (its reviewers confirm it)", example: '110105' }),
    contactName: z.string().trim().min(1).max(50).openapi({ example: '王经办' }),
    phone: z.string().regex(/^[0-9+() -]{5,30}$/, 'digits, spaces and + ( ) -'),
    email: emailField
      .optional()
      .openapi({ description: "where the unit's notifications are emailed besides the in-app list", example: 'hr@example.com' }),
    username: z.string().regex(/^[A-Za-z0-9_.@-]{3,64}$/, '3–64 letters, digits or _ . @ -'),
    password: z.string().min(1).max(400),
  })
  .strict()
  .openapi('UnitRegistration');

export const EmployerUnit = z
  .object({
    id: z.string(),
    creditCode: z.string(),
    name: z.string(),
    districtCode: z.string(),
    contactName: z.string(),
    phone: z.string(),
    email: z.string().nullable(),
    status: z.enum(['pending', 'confirmed']),
    confirmedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('EmployerUnit');

export const registerUnitRoute = createRoute({
  method: 'post',
  path: '/units/register',
  tags: ['employer units'],
  summary: 'An employer unit (用人单位) registers by its unified social credit code, with its contact account',
  description:
    'The unit waits for confirmation by an administrator or a reviewer of its district: anyone can type a credit code. ' +
    'The contact signs in with POST /auth/login like anyone else.',
  request: { body: { content: json(UnitRegistration), required: true } },
  responses: {
    201: { description: 'registered, awaiting confirmation', content: json(EmployerUnit) },
    ...problemResponses(
      {
        400: ['password-too-short', 'password-too-long', 'password-like-username', 'password-too-common', 'unknown-district'],
        409: ['username-taken', 'unit-already-registered'],
      },
      { body: true },
    ),
  },
});

export const myUnitRoute = createRoute({
  method: 'get',
  path: '/units/mine',
  tags: ['employer units'],
  summary: "The signed-in contact's unit and whether it is confirmed",
  security,
  responses: {
    200: { description: 'the unit', content: json(EmployerUnit) },
    ...problemResponses({}, { secured: 'role' }),
  },
});

export const listUnitsRoute = createRoute({
  method: 'get',
  path: '/units',
  tags: ['employer units'],
  summary: 'Registered units: all for administrators, their districts for reviewers; oldest first',
  security,
  request: { query: z.object({ status: z.enum(['pending', 'confirmed']).optional() }) },
  responses: {
    200: { description: 'the units', content: json(z.object({ items: z.array(EmployerUnit) }).openapi('EmployerUnitList')) },
    ...problemResponses({}, { secured: 'role', query: true }),
  },
});

export const confirmUnitRoute = createRoute({
  method: 'post',
  path: '/units/{unitId}/confirm',
  tags: ['employer units'],
  summary: "Confirm a unit (an administrator, or a reviewer of the unit's district); confirming again changes nothing",
  security,
  request: { params: z.object({ unitId: uuid }) },
  responses: {
    200: { description: 'confirmed', content: json(EmployerUnit) },
    ...problemResponses({ 404: ['not-found'] }, { secured: 'role', query: true }),
  },
});

const UnitAccountant = z
  .object({
    personId: z.string(),
    name: z.string().openapi({ description: 'masked: the first character only', example: '张*' }),
    archiveNo: z.string().openapi({ description: 'masked: the area of issue only', example: '110105************' }),
    collection: z.enum(['collected']),
    returnedRequests: z.number().int().openapi({ description: 'returned requests waiting for a correction' }),
    continuingEducation: z
      .object({ totalCredits: z.number(), complete: z.boolean() })
      .openapi({ description: "the year's credits: 90, at least two-thirds professional" }),
  })
  .openapi('UnitAccountant');

const UnitRequest = z
  .object({
    requestId: z.string(),
    kind: z.string(),
    state: z.string(),
    name: z.string().nullable().openapi({ description: 'masked' }),
    employmentConfirmedAt: z.string().nullable(),
  })
  .openapi('UnitRequest');

export const EmploymentConfirmation = z
  .object({ requestId: z.string(), unitName: z.string(), creditCode: z.string(), confirmedAt: z.string() })
  .openapi('EmploymentConfirmation');

export const confirmEmploymentRoute = createRoute({
  method: 'post',
  path: '/units/mine/requests/{id}/employment-confirmation',
  tags: ['employer units'],
  summary: 'The unit confirms online that the person of a request naming it works there (从事会计工作证明)',
  description:
    'Attached to the request as evidence the reviewer sees; the work-proof scan is then optional. Confirming again changes nothing.',
  security,
  request: { params: z.object({ id: uuid }) },
  responses: {
    200: { description: 'confirmed', content: json(EmploymentConfirmation) },
    ...problemResponses({ 403: ['unit-not-confirmed'], 404: ['not-found'], 409: ['request-closed'] }, { secured: 'role', query: true }),
  },
});

export const unitAccountantsRoute = createRoute({
  method: 'get',
  path: '/units/mine/accountants',
  tags: ['employer units'],
  summary: "A confirmed unit's accountants (records naming its credit code): masked; each read is in the access log",
  security,
  request: { query: z.object({ year: z.coerce.number().int().min(1990).max(2100).optional() }) },
  responses: {
    200: {
      description: 'the accountants',
      content: json(
        z
          .object({
            year: z.number().int(),
            unit: z.object({ id: z.string(), creditCode: z.string(), name: z.string() }),
            items: z.array(UnitAccountant),
            requests: z.array(UnitRequest).openapi({ description: 'open requests whose form names the unit (draft, in review, returned)' }),
          })
          .openapi('UnitAccountants'),
      ),
    },
    ...problemResponses({ 403: ['unit-not-confirmed'] }, { secured: 'role', query: true }),
  },
});
