/**
 * What the live statistics count by, where it is not already an enumeration of the form: age bands.
 * Pure: "today" is passed in.
 */
import type { IsoDate } from './dates.ts';

/** Ages at which a new band starts, ascending. */
export const AGE_BAND_STARTS = [30, 40, 50, 60] as const;

/** Age bands, youngest first; `from` / `to` are whole years, inclusive. */
export const ageBands = [
  { code: 'under30', zh: '30岁以下', en: 'Under 30', from: null, to: 29 },
  { code: 'age30to39', zh: '30–39岁', en: '30–39', from: 30, to: 39 },
  { code: 'age40to49', zh: '40–49岁', en: '40–49', from: 40, to: 49 },
  { code: 'age50to59', zh: '50–59岁', en: '50–59', from: 50, to: 59 },
  { code: 'age60plus', zh: '60岁及以上', en: '60 and over', from: 60, to: null },
] as const;
export type AgeBand = (typeof ageBands)[number]['code'];

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Whole years of age on `today`; someone born on 29 February turns a year older on 1 March in common years. */
export function ageOn(birthDate: IsoDate, today: IsoDate): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  let age = ty - by;
  if (tm < bm || (tm === bm && td < bd)) age--;
  return age;
}

export function ageBandOf(age: number): AgeBand {
  let i = 0;
  while (i < AGE_BAND_STARTS.length && age >= AGE_BAND_STARTS[i]!) i++;
  return ageBands[i]!.code;
}

/**
 * The latest birth date of someone at least `years` old on `today`: everyone born on or before it is.
 * On 29 February the same day `years` earlier may not exist; then it is 28 February (born on
 * 1 March, one is not yet that old).
 */
export function latestBirthDateForAge(today: IsoDate, years: number): IsoDate {
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  const y = ty - years;
  const day = tm === 2 && td === 29 && !isLeap(y) ? 28 : td;
  return `${pad(y, 4)}-${pad(tm)}-${pad(day)}`;
}

/** The day after an ISO date. */
export function nextDay(date: IsoDate): IsoDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The states of a request (申请状态), named for counts and exports; the order is the flow's. */
export const requestStates = [
  { code: 'draft', zh: '草稿', en: 'Draft' },
  { code: 'awaitingReview', zh: '待审核', en: 'Awaiting review' },
  { code: 'returned', zh: '已退回待修改', en: 'Returned for correction' },
  { code: 'approved', zh: '审核通过', en: 'Approved' },
  { code: 'recording', zh: '正在建档', en: 'Recording' },
  { code: 'uploading', zh: '正在上报全国平台', en: 'Uploading to the national platform' },
  { code: 'awaitingDestination', zh: '等待调入地确认', en: 'Awaiting the destination' },
  { code: 'completed', zh: '已办结', en: 'Completed' },
  { code: 'refused', zh: '未被接收', en: 'Refused' },
  { code: 'expired', zh: '已过期', en: 'Expired' },
  { code: 'withdrawn', zh: '已撤回', en: 'Withdrawn' },
] as const;

/** Entries counted as "none" (no qualification, no education on record). */
export const NONE = { code: 'none', zh: '无', en: 'None' } as const;
