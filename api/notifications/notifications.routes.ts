import { createRoute, z } from '@hono/zod-openapi';
import { json, problemResponses, security } from '../lib/openapi.ts';

const tags = ['notifications'];
const Text = z.object({ zh: z.string(), en: z.string() });

const NotificationItem = z
  .object({
    id: z.string(),
    requestId: z.string(),
    type: z.string().openapi({
      description:
        'returned, approved, completed, refused, withdrawn, correctionReminder (to the applicant); submitted, resubmitted, received, reviewOverdue (to reviewers); returned (to the employer unit the form names)',
      example: 'returned',
    }),
    subject: Text,
    body: Text,
    reasons: z
      .array(z.object({ target: z.enum(['field', 'material']), path: z.string(), reason: z.string() }))
      .optional()
      .openapi({ description: "a return's reasons" }),
    dueAt: z.string().optional().openapi({ description: 'the correction or review deadline the message speaks of' }),
    reason: z.string().optional().openapi({ description: 'why the request was refused or withdrawn' }),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .openapi('Notification');

const NotificationList = z
  .object({
    unread: z.number().int().openapi({ description: 'how many of all the account’s messages are unread' }),
    items: z.array(NotificationItem).openapi({ description: 'the newest 100, newest first' }),
  })
  .openapi('NotificationList');

const NotificationIdParam = z.object({
  notificationId: z.string().openapi({ param: { name: 'notificationId', in: 'path' }, example: '5b7c1c3e-0a3d-4c55-9a52-2f3c1e0b6a11' }),
});

export const listNotificationsRoute = createRoute({
  method: 'get',
  path: '/notifications',
  summary: "The signed-in account's messages about its requests, newest first, with the unread count",
  description: "Any account: an applicant, a reviewer, an administrator, an employer unit's contact (its accountants' returned requests).",
  tags,
  security,
  responses: {
    200: { description: 'the messages', content: json(NotificationList) },
    ...problemResponses({}, { secured: true }),
  },
});

export const markReadRoute = createRoute({
  method: 'post',
  path: '/notifications/{notificationId}/read',
  summary: 'Marks one of your messages read (again: keeps the first time)',
  tags,
  security,
  request: { params: NotificationIdParam },
  responses: {
    200: { description: 'the message, read', content: json(NotificationItem) },
    ...problemResponses({ 404: ['not-found'] }, { secured: true }),
  },
});
