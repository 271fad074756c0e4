import type { RouteHandler } from '@hono/zod-openapi';
import { arrangementProblems, type HolidayArrangement } from '../../../domain/working-days.ts';
import { knownArrangements } from '../../../records/holiday-arrangements.ts';
import { holidayArrangementSignal } from '../../../workflows/messages.ts';
import type { ApiDeps } from '../../deps.ts';
import type { AppEnv } from '../../lib/create-router.ts';
import { problem } from '../../problem.ts';
import type { listArrangementsRoute, loadArrangementRoute } from './calendar.routes.ts';

export const listArrangements =
  (deps: ApiDeps): RouteHandler<typeof listArrangementsRoute, AppEnv> =>
  async (c) =>
    c.json(await knownArrangements(deps.db), 200);

export const loadArrangement =
  (deps: ApiDeps): RouteHandler<typeof loadArrangementRoute, AppEnv> =>
  async (c) => {
    const { year } = c.req.valid('param');
    const body = c.req.valid('json');
    const arrangement = {
      year,
      source: body.source,
      holidays: [...new Set(body.holidays)].sort(),
      workdays: [...new Set(body.workdays)].sort(),
    };
    const wrong = arrangementProblems(arrangement);
    if (wrong.length) {
      throw problem(
        'holiday-arrangement-invalid',
        422,
        `The arrangement cannot be loaded: ${wrong.join('; ')}`,
        `节假日安排有误，无法载入：${wrong.join('；')}`,
        {
          rule: 'calendar.arrangement',
          violations: wrong.map((w) => ({ path: w.slice(0, 10), rule: 'calendar.arrangement', en: w, zh: w })),
        },
      );
    }
    const actor = c.get('actor');
    await deps.db.holidayArrangement.upsert({
      where: { year },
      create: { ...arrangement, loadedBy: actor.userId },
      update: { ...arrangement, loadedBy: actor.userId, loadedAt: new Date() },
    });
    return c.json({ ...arrangement, loaded: true, signalled: await tellRunningRequests(deps, arrangement) }, 200);
  };

/** Every running request counts its open due date again with the new year (a signal each; one already closed is skipped). */
async function tellRunningRequests(deps: ApiDeps, arrangement: HolidayArrangement): Promise<number> {
  let signalled = 0;
  const query = `ExecutionStatus = 'Running' AND RequestKind IS NOT NULL AND TaskQueue = '${deps.taskQueue.replaceAll("'", '')}'`;
  for await (const wf of deps.temporal.workflow.list({ query })) {
    try {
      await deps.temporal.workflow.getHandle(wf.workflowId).signal(holidayArrangementSignal, arrangement);
      signalled++;
    } catch {
      // Closed meanwhile: nothing to count again.
    }
  }
  return signalled;
}
