import { describe, expect, it } from 'vitest';
import { PUBLISHED_ARRANGEMENTS } from '../../domain/calendar/holiday-arrangements.ts';
import { parseDeadline } from '../../domain/deadlines.ts';
import { arrangementProblems, calendarOf, isWorkingDay, workingDaysBefore, workingDueAt } from '../../domain/working-days.ts';

const calendar = calendarOf(PUBLISHED_ARRANGEMENTS);
/** A moment of China Standard Time. */
const cst = (day: string, time = '10:00') => Date.parse(`${day}T${time}:00+08:00`);
const cstDay = (t: number) => new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);
const due = (from: number, text: string) => workingDueAt(from, parseDeadline(text), calendar);

describe("working days of the State Council's holiday arrangements", () => {
  it('holds the published 2025 and 2026 arrangements', () => {
    const y2026 = calendar['2026']!;
    expect(y2026.holidays).toHaveLength(3 + 9 + 3 + 5 + 3 + 3 + 7);
    expect(y2026.workdays).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    expect(calendar['2025']!.holidays).toHaveLength(1 + 8 + 3 + 5 + 3 + 8);
    for (const a of PUBLISHED_ARRANGEMENTS) expect(arrangementProblems(a)).toEqual([]);
    expect(isWorkingDay(cst('2026-02-14'), calendar)).toBe(true); // Saturday, worked (调休)
    expect(isWorkingDay(cst('2026-02-16'), calendar)).toBe(false); // Monday of the Spring Festival
    expect(isWorkingDay(cst('2026-10-09'), calendar)).toBe(true);
    expect(isWorkingDay(cst('2026-10-11'), calendar)).toBe(false); // Sunday
  });

  it('a request submitted on the Friday before the 2026 Spring Festival: 10 working days skip the holiday and count both working Saturdays', () => {
    // Feb 14 (Sat, worked) 1 · Feb 15–23 off · Feb 24–27 2–5 · Feb 28 (Sat, worked) 6 · Mar 2–5 7–10.
    const r = due(cst('2026-02-13'), '10wd');
    expect(new Date(r.at).toISOString()).toBe('2026-03-05T02:00:00.000Z'); // 10:00 in Beijing, the time it was submitted
    expect(r.gaps).toEqual([]);
    // Counting weekends only would have it due eight days early, in the middle of the holiday's aftermath.
    expect(cstDay(workingDueAt(cst('2026-02-13'), parseDeadline('10wd'), {}).at)).toBe('2026-02-27');
  });

  it('a request submitted on an adjusted working Saturday counts from the next working day', () => {
    expect(cstDay(due(cst('2026-02-14'), '10wd').at)).toBe('2026-03-06');
    expect(cstDay(due(cst('2026-02-28'), '10wd').at)).toBe('2026-03-13');
    // Sunday Sep 20 worked: Sep 21–24 1–4 · Sep 25–27 中秋 off · Sep 28 5.
    expect(cstDay(due(cst('2026-09-20'), '5wd').at)).toBe('2026-09-28');
    // Before 国庆: Oct 1–7 off · Oct 8, 9 1–2 · Oct 10 (Sat, worked) 3.
    expect(cstDay(due(cst('2026-09-30'), '3wd').at)).toBe('2026-10-10');
  });

  it('counts the correction reminder back over the holiday: 3 working days before a deadline after the Spring Festival', () => {
    // Due Wednesday Feb 25 at 10:00: back over Feb 24 (1), Feb 15–23 off, Feb 14 (Sat, worked) 2, Feb 13 (Fri) 3.
    expect(new Date(workingDaysBefore(cst('2026-02-25'), 3, calendar)).toISOString()).toBe('2026-02-13T02:00:00.000Z');
    // Weekends only (a run from before the calendar), it would come on Feb 20, in the middle of the holiday.
    expect(cstDay(workingDaysBefore(cst('2026-02-25'), 3, {}))).toBe('2026-02-20');
    // An ordinary week: Friday's deadline is reminded on Tuesday.
    expect(cstDay(workingDaysBefore(cst('2026-03-13'), 3, calendar))).toBe('2026-03-10');
  });

  it('names the years counted without an arrangement', () => {
    const r = due(cst('2026-12-24'), '10wd');
    expect(r.gaps).toEqual([2027]);
    // Dec 25, 28–31 1–5 · Jan 1 (a Friday; 2027's 元旦 not loaded, so counted) 6 · Jan 4–7 7–10.
    expect(cstDay(r.at)).toBe('2027-01-07');
  });

  it('refuses an arrangement with dates of another year, a worked weekday or a day both off and worked', () => {
    expect(
      arrangementProblems({
        year: 2027,
        source: 'x',
        holidays: ['2027-01-01', '2026-12-31', '2027-02-30'],
        workdays: ['2027-01-01', '2027-01-06'],
      }),
    ).toEqual([
      '2026-12-31: not in 2027',
      '2027-02-30: not a date',
      '2027-01-01: both a holiday and a working day',
      '2027-01-01: a working day that is not a weekend day',
      '2027-01-06: a working day that is not a weekend day',
    ]);
  });
});
