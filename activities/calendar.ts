import { type WorkingCalendar, calendarOf } from '../domain/working-days.ts';
import { knownArrangements } from '../records/holiday-arrangements.ts';
import type { ActivityDeps } from './deps.ts';

/** The working-day calendar a request's workflow counts its deadlines with: as data, never read by the workflow itself. */
export function calendarActivities({ db }: ActivityDeps) {
  return {
    async workingCalendar(): Promise<WorkingCalendar> {
      return calendarOf(await knownArrangements(db));
    },
  };
}
