import type { RouteHandler } from '@hono/zod-openapi';
import type { ApiDeps } from '../deps.ts';
import type { AppEnv } from '../lib/create-router.ts';
import { type ChangedBy, changeStaff, createStaff, listStaff, resetStaffPassword, setStaffEnabled } from './accounts.ts';
import type {
  accountChangesRoute,
  changeStaffRoute,
  createStaffRoute,
  disableStaffRoute,
  enableStaffRoute,
  listStaffRoute,
  resetStaffPasswordRoute,
} from './staff.routes.ts';

type Ctx = { get(k: 'actor'): AppEnv['Variables']['actor'] };
/** The administrator making the change, with the username copied into the trail. */
async function changedBy(deps: ApiDeps, c: Ctx): Promise<ChangedBy> {
  const { userId } = c.get('actor');
  const user = await deps.db.user.findUniqueOrThrow({ where: { id: userId }, select: { username: true } });
  return { userId, username: user.username };
}

export const list =
  (deps: ApiDeps): RouteHandler<typeof listStaffRoute, AppEnv> =>
  async (c) => {
    const q = c.req.valid('query');
    c.header('Cache-Control', 'no-store');
    return c.json({ items: await listStaff(deps.db, { ...q, includeDisabled: q.includeDisabled === 'true' }) }, 200);
  };

export const create =
  (deps: ApiDeps): RouteHandler<typeof createStaffRoute, AppEnv> =>
  async (c) => {
    const created = await createStaff(deps.db, deps.env.PROVINCE_CODE, await changedBy(deps, c), c.req.valid('json'));
    c.header('Cache-Control', 'no-store');
    return c.json(created, 201);
  };

export const change =
  (deps: ApiDeps): RouteHandler<typeof changeStaffRoute, AppEnv> =>
  async (c) =>
    c.json(
      await changeStaff(deps.db, deps.env.PROVINCE_CODE, await changedBy(deps, c), c.req.valid('param').userId, c.req.valid('json')),
      200,
    );

export const disable =
  (deps: ApiDeps): RouteHandler<typeof disableStaffRoute, AppEnv> =>
  async (c) =>
    c.json(await setStaffEnabled(deps.db, await changedBy(deps, c), c.req.valid('param').userId, false), 200);

export const enable =
  (deps: ApiDeps): RouteHandler<typeof enableStaffRoute, AppEnv> =>
  async (c) =>
    c.json(await setStaffEnabled(deps.db, await changedBy(deps, c), c.req.valid('param').userId, true), 200);

export const resetPassword =
  (deps: ApiDeps): RouteHandler<typeof resetStaffPasswordRoute, AppEnv> =>
  async (c) => {
    const reset = await resetStaffPassword(deps.db, await changedBy(deps, c), c.req.valid('param').userId);
    c.header('Cache-Control', 'no-store');
    return c.json(reset, 200);
  };

export const accountChanges =
  (deps: ApiDeps): RouteHandler<typeof accountChangesRoute, AppEnv> =>
  async (c) => {
    const { page, pageSize, userId } = c.req.valid('query');
    const where = userId ? { userId } : {};
    const [total, rows] = await Promise.all([
      deps.db.accountChange.count({ where }),
      deps.db.accountChange.findMany({ where, orderBy: [{ at: 'desc' }, { id: 'desc' }], skip: (page - 1) * pageSize, take: pageSize }),
    ]);
    return c.json(
      {
        page,
        pageSize,
        total,
        items: rows.map((r) => ({
          id: r.id,
          at: r.at.toISOString(),
          actorId: r.actorId,
          actorUsername: r.actorUsername,
          userId: r.userId,
          username: r.username,
          action: r.action as 'created',
          changes: r.changes as Record<string, { from: string | string[] | null; to: string | string[] | null }>,
        })),
      },
      200,
    );
  };
