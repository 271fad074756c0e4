import { createRoute, z } from '@hono/zod-openapi';
import { json, problemResponses, security } from '../lib/openapi.ts';

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'a UUID');
const districtCode = z.string().regex(/^\d{6}$/, 'a six-digit district code (GB/T 2260)');

const StaffAccount = z
  .object({
    id: z.string(),
    username: z.string(),
    role: z.enum(['reviewer', 'admin']),
    displayName: z.string(),
    phone: z.string().nullable(),
    districtCodes: z.array(z.string()),
    disabled: z.boolean(),
    mustChangePassword: z.boolean().openapi({ description: 'still has a one-time password' }),
    lockedUntil: z.string().nullable().openapi({ description: 'locked after repeated wrong passwords, until then' }),
    createdAt: z.string(),
  })
  .openapi('StaffAccount');

const WithOneTimePassword = z
  .object({
    account: StaffAccount,
    oneTimePassword: z.string().openapi({ description: 'shown this once; the account must set its own at its first sign-in' }),
  })
  .openapi('StaffAccountWithOneTimePassword');

const displayName = z.string().trim().min(1).max(50);
const phone = z
  .string()
  .regex(/^[0-9+() -]{5,30}$/, 'digits, spaces and + ( ) -')
  .openapi({ example: '010-12345678' });

export const NewStaff = z
  .object({
    username: z
      .string()
      .regex(/^[A-Za-z0-9_.@-]{3,64}$/, '3–64 letters, digits or _ . @ -')
      .openapi({ example: 'reviewer-chaoyang-2' }),
    role: z.enum(['reviewer', 'admin']),
    displayName: displayName.openapi({ example: '朝阳区财政局 李审核' }),
    phone: phone.nullable().optional(),
    districtCodes: z
      .array(districtCode)
      .max(50)
      .optional()
      .openapi({ description: "a reviewer's districts (one or more); none for an administrator" }),
  })
  .strict()
  .openapi('NewStaff');

export const StaffChange = z
  .object({
    role: z.enum(['reviewer', 'admin']).optional(),
    displayName: displayName.optional(),
    phone: phone.nullable().optional(),
    districtCodes: z.array(districtCode).max(50).optional(),
  })
  .strict()
  .openapi('StaffChange');

const staffProblems = { 400: ['reviewer-needs-district', 'admin-without-districts', 'unknown-district'] };
const idParam = z.object({ userId: uuid });

export const listStaffRoute = createRoute({
  method: 'get',
  path: '/admin/staff',
  tags: ['administration'],
  summary: 'Staff accounts: administrators and district reviewers (never a password)',
  security,
  request: {
    query: z.object({
      role: z.enum(['reviewer', 'admin']).optional(),
      district: districtCode.optional().openapi({ description: 'reviewers of this district' }),
      includeDisabled: z.enum(['true', 'false']).default('false'),
    }),
  },
  responses: {
    200: { description: 'the accounts', content: json(z.object({ items: z.array(StaffAccount) }).openapi('StaffAccountList')) },
    ...problemResponses({}, { secured: 'role', query: true }),
  },
});

export const createStaffRoute = createRoute({
  method: 'post',
  path: '/admin/staff',
  tags: ['administration'],
  summary: 'Create a staff account; answers its one-time password, once',
  security,
  request: { body: { content: json(NewStaff), required: true } },
  responses: {
    201: { description: 'created', content: json(WithOneTimePassword) },
    ...problemResponses({ ...staffProblems, 409: ['username-taken'] }, { secured: 'role', body: true }),
  },
});

export const changeStaffRoute = createRoute({
  method: 'patch',
  path: '/admin/staff/{userId}',
  tags: ['administration'],
  summary: "Change a staff account's role, districts, name or phone; a new role or districts ends its sessions",
  security,
  request: { params: idParam, body: { content: json(StaffChange), required: true } },
  responses: {
    200: { description: 'the account as it is now', content: json(StaffAccount) },
    ...problemResponses({ ...staffProblems, 404: ['not-found'], 409: ['own-account'] }, { secured: 'role', body: true, query: true }),
  },
});

export const disableStaffRoute = createRoute({
  method: 'post',
  path: '/admin/staff/{userId}/disable',
  tags: ['administration'],
  summary: 'Disable a staff account: it cannot sign in, and its sessions end at once',
  security,
  request: { params: idParam },
  responses: {
    200: { description: 'disabled', content: json(StaffAccount) },
    ...problemResponses({ 404: ['not-found'], 409: ['own-account'] }, { secured: 'role', query: true }),
  },
});

export const enableStaffRoute = createRoute({
  method: 'post',
  path: '/admin/staff/{userId}/enable',
  tags: ['administration'],
  summary: 'Re-enable a disabled staff account (its lockout cleared)',
  security,
  request: { params: idParam },
  responses: {
    200: { description: 'enabled', content: json(StaffAccount) },
    ...problemResponses({ 404: ['not-found'] }, { secured: 'role', query: true }),
  },
});

export const resetStaffPasswordRoute = createRoute({
  method: 'post',
  path: '/admin/staff/{userId}/password-reset',
  tags: ['administration'],
  summary: 'Give a staff account a new one-time password (answered once); its sessions end',
  security,
  request: { params: idParam },
  responses: {
    200: { description: 'reset', content: json(WithOneTimePassword) },
    ...problemResponses({ 404: ['not-found'] }, { secured: 'role', query: true }),
  },
});

const FieldValue = z.union([z.string(), z.array(z.string()), z.null()]);
const AccountChangeEntry = z
  .object({
    id: z.string(),
    at: z.string(),
    actorId: z.string().nullable().openapi({ description: 'the administrator; null for tools/create-admin.ts' }),
    actorUsername: z.string().nullable(),
    userId: z.string(),
    username: z.string(),
    action: z.enum(['created', 'changed', 'disabled', 'enabled', 'passwordReset']),
    changes: z
      .record(z.string(), z.object({ from: FieldValue, to: FieldValue }))
      .openapi({ description: 'field → from, to: role, districtCodes, displayName, phone (null: none, or not yet)' }),
  })
  .openapi('AccountChangeEntry');

export const accountChangesRoute = createRoute({
  method: 'get',
  path: '/admin/account-changes',
  tags: ['administration'],
  summary: 'Every change of a staff account, role or district: who, when, what; newest first',
  security,
  request: {
    query: z.object({
      page: z.coerce.number().int().min(1).max(10_000).default(1),
      pageSize: z.coerce.number().int().min(1).max(200).default(50),
      userId: uuid.optional().openapi({ description: 'changes of this account' }),
    }),
  },
  responses: {
    200: {
      description: 'one page',
      content: json(
        z
          .object({ page: z.number(), pageSize: z.number(), total: z.number(), items: z.array(AccountChangeEntry) })
          .openapi('AccountChangePage'),
      ),
    },
    ...problemResponses({}, { secured: 'role', query: true }),
  },
});
