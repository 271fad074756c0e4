import type { Db } from '../clients/db.ts';
import { PUBLISHED_ARRANGEMENTS } from '../domain/calendar/holiday-arrangements.ts';
import type { HolidayArrangement } from '../domain/working-days.ts';

/** Every arrangement known: the repository's, and the years administrators loaded (which take precedence). */
export async function knownArrangements(db: Db): Promise<(HolidayArrangement & { loaded: boolean })[]> {
  const loaded = await db.holidayArrangement.findMany({ orderBy: { year: 'asc' } });
  const byYear = new Map(
    PUBLISHED_ARRANGEMENTS.map((a) => [a.year, { ...a, holidays: [...a.holidays], workdays: [...a.workdays], loaded: false }]),
  );
  for (const l of loaded) {
    byYear.set(l.year, {
      year: l.year,
      holidays: l.holidays as string[],
      workdays: l.workdays as string[],
      source: l.source,
      loaded: true,
    });
  }
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}
