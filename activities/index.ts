import type { ActivityDeps } from './deps.ts';
import { nationalActivities } from './national.ts';
import { personActivities } from './person.ts';
import { requestActivities } from './requests.ts';
import { systemCheckActivities } from './system-check.ts';
import { transferActivities } from './transfers.ts';
import { changeActivities } from './changes.ts';
import { calendarActivities } from './calendar.ts';
import { honouringRetryAfter } from './retry-after.ts';
import { failingForGood } from './national-refusal.ts';

export type { ActivityDeps } from './deps.ts';

export function createActivities(deps: ActivityDeps) {
  return honouringRetryAfter(
    failingForGood({
      ...requestActivities(deps),
      ...personActivities(deps),
      ...nationalActivities(deps),
      ...systemCheckActivities(deps),
      ...transferActivities(deps),
      ...changeActivities(deps),
      ...calendarActivities(deps),
    }),
  );
}

export type Activities = ReturnType<typeof createActivities>;
