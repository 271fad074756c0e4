import type { RouteHandler } from '@hono/zod-openapi';
import type { Notification } from '../../generated/prisma/client.ts';
import type { NotificationContent } from '../../domain/notifications.ts';
import type { ApiDeps } from '../deps.ts';
import type { AppEnv } from '../lib/create-router.ts';
import { problems } from '../problem.ts';
import type { listNotificationsRoute, markReadRoute } from './notifications.routes.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const notFound = () => problems.notFound('The message', '该消息');

const view = (n: Notification) => {
  const c = n.content as unknown as NotificationContent;
  return {
    id: n.id,
    requestId: n.requestId,
    type: n.type,
    subject: c.subject,
    body: c.body,
    ...(c.reasons ? { reasons: c.reasons } : {}),
    ...(c.dueAt ? { dueAt: c.dueAt } : {}),
    ...(c.reason ? { reason: c.reason } : {}),
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
};

export const listNotifications =
  (deps: ApiDeps): RouteHandler<typeof listNotificationsRoute, AppEnv> =>
  async (c) => {
    const recipientId = c.get('actor').userId;
    const [items, unread] = await Promise.all([
      deps.db.notification.findMany({
        where: { recipientId },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: 100,
      }),
      deps.db.notification.count({ where: { recipientId, readAt: null } }),
    ]);
    return c.json({ unread, items: items.map(view) }, 200);
  };

export const markRead =
  (deps: ApiDeps): RouteHandler<typeof markReadRoute, AppEnv> =>
  async (c) => {
    const recipientId = c.get('actor').userId;
    const { notificationId } = c.req.valid('param');
    // An id that is no message's (not a UUID) and someone else's message answer exactly as one that does not exist.
    if (!UUID.test(notificationId)) throw notFound();
    await deps.db.notification.updateMany({ where: { id: notificationId, recipientId, readAt: null }, data: { readAt: new Date() } });
    const n = await deps.db.notification.findFirst({ where: { id: notificationId, recipientId } });
    if (!n) throw notFound();
    return c.json(view(n), 200);
  };
