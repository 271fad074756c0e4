/**
 * Calendar dates as `YYYY-MM-DD` strings (the form's date format). Strings compare in date order,
 * so no time zone can shift a birthday. Pure: "today" always comes from the caller.
 */
export type IsoDate = string;

const CST_OFFSET_MS = 8 * 3_600_000;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Whether `s` is `YYYY-MM-DD` and a real calendar date (no 30 February, no month 13). */
export function isIsoDate(s: string): s is IsoDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * The date `years` later. Someone born on 29 February reaches an anniversary in a common year on
 * 1 March, the later of the two candidates, so an age threshold is never met a day early.
 */
export function addYears(date: IsoDate, years: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const year = y + years;
  if (m === 2 && d === 29 && daysInMonth(year, 2) === 28) return `${String(year).padStart(4, '0')}-03-01`;
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The calendar date in China Standard Time (UTC+8) at the instant `epochMs`. */
export function chinaDate(epochMs: number): IsoDate {
  return new Date(epochMs + CST_OFFSET_MS).toISOString().slice(0, 10);
}
