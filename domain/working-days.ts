/**
 * Working days of the People's Republic of China: Monday to Friday, except the State Council's holidays,
 * plus the weekend days it makes working days (调休). Pure and deterministic: workflows receive the
 * calendar as data (an activity's result, a signal) and compute due dates from workflow time.
 */
import type { Deadline } from './deadlines.ts';

export interface HolidayArrangement {
  year: number;
  /** Days off, `YYYY-MM-DD` (China Standard Time). */
  holidays: string[];
  /** Saturdays and Sundays worked instead. */
  workdays: string[];
  /** Where the arrangement was published. */
  source: string;
}

/** The years whose arrangement is known, by year. */
export type WorkingCalendar = Record<string, { holidays: string[]; workdays: string[] }>;

const DAY_MS = 86_400_000;
const CST_OFFSET_MS = 8 * 3_600_000;

export function calendarOf(arrangements: readonly HolidayArrangement[]): WorkingCalendar {
  const out: WorkingCalendar = {};
  for (const a of arrangements) out[String(a.year)] = { holidays: [...a.holidays], workdays: [...a.workdays] };
  return out;
}

/** A day of China Standard Time, as `YYYY-MM-DD`. */
const cstDay = (t: number) => new Date(t + CST_OFFSET_MS).toISOString().slice(0, 10);

/** Whether the day (China Standard Time) of `t` is a working day; years without data count weekends only. */
export function isWorkingDay(t: number, calendar: WorkingCalendar): boolean {
  const day = cstDay(t);
  const year = calendar[day.slice(0, 4)];
  if (year?.workdays.includes(day)) return true;
  if (year?.holidays.includes(day)) return false;
  const weekday = new Date(t + CST_OFFSET_MS).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The moment a deadline that starts at `from` falls due: whole working days after the start day, at the
 * same clock time, as a district finance bureau counts them. `gaps`: the years the count passed through
 * with no arrangement known (their holidays were not skipped).
 */
export function workingDueAt(from: number, deadline: Deadline, calendar: WorkingCalendar): { at: number; gaps: number[] } {
  if ('ms' in deadline) return { at: from + deadline.ms, gaps: [] };
  const gaps = new Set<number>();
  let t = from;
  let left = deadline.workingDays;
  while (left > 0) {
    t += DAY_MS;
    const year = Number(cstDay(t).slice(0, 4));
    if (!calendar[String(year)]) gaps.add(year);
    if (isWorkingDay(t, calendar)) left--;
  }
  return { at: t, gaps: [...gaps].sort() };
}

/**
 * The moment `n` whole working days before `at`, at the same clock time: when a reminder "3 working days before the
 * deadline" falls, counted back over the calendar's holidays and adjusted working weekends.
 */
export function workingDaysBefore(at: number, n: number, calendar: WorkingCalendar): number {
  let t = at;
  let left = n;
  while (left > 0) {
    t -= DAY_MS;
    if (isWorkingDay(t, calendar)) left--;
  }
  return t;
}

/** Checks an arrangement an administrator loads: dates of its own year, no day both off and worked. */
export function arrangementProblems(a: HolidayArrangement): string[] {
  const problems: string[] = [];
  const all = [...a.holidays, ...a.workdays];
  for (const d of all) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`)) || cstDay(Date.parse(`${d}T00:00:00Z`)) !== d) {
      problems.push(`${d}: not a date`);
    } else if (!d.startsWith(`${a.year}-`)) {
      problems.push(`${d}: not in ${a.year}`);
    }
  }
  for (const d of a.workdays) {
    if (a.holidays.includes(d)) problems.push(`${d}: both a holiday and a working day`);
    const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) problems.push(`${d}: a working day that is not a weekend day`);
  }
  return problems;
}
