import { requireRole } from '../auth.ts';
import type { ApiDeps } from '../deps.ts';
import { createRouter } from '../lib/create-router.ts';
import { listNotifications, markRead } from './notifications.handlers.ts';
import { listNotificationsRoute, markReadRoute } from './notifications.routes.ts';

/**
 * In-app messages (站内消息): what happened to the account's requests, or entered its district's inbox; for an employer
 * unit's contact, its accountants' returned requests.
 */
export function notificationsRouter(deps: ApiDeps) {
  const router = createRouter();
  const auth = requireRole(deps.tokens, 'applicant', 'reviewer', 'admin', 'employer');
  router.use('/notifications', auth);
  router.use('/notifications/*', auth);
  return router.openapi(listNotificationsRoute, listNotifications(deps)).openapi(markReadRoute, markRead(deps));
}
