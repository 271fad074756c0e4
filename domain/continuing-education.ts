/**
 * Continuing education (继续教育): the yearly credit rule. Pure: workflows may import this file.
 *
 * 《会计专业技术人员继续教育规定》(财会〔2018〕10号) 第十三条: at least 90 credits a year, of which
 * professional subjects (专业科目) are in general at least two-thirds of the total credits (总学分的三分之二).
 * The share is taken of the year's total, as the rule says, not of the 90 required.
 * Credits have at most one decimal place; they are counted in tenths so no rounding can move a boundary.
 */

export const REQUIRED_CREDITS = 90;
/** Professional credits must be at least this fraction of the year's total. */
export const PROFESSIONAL_SHARE = { numerator: 2, denominator: 3 } as const;
/** One record never carries more than a whole year's requirement. */
export const MAX_CREDITS_PER_RECORD = REQUIRED_CREDITS;
/** Earliest year a record may be for (the credit system of the 2018 rule replaced older schemes, kept for history). */
export const FIRST_YEAR = 1990;

/** `89.5` → 895; null unless a positive-or-zero number with at most one decimal place. */
export function creditsInTenths(value: string | number): number | null {
  const s = typeof value === 'number' ? String(value) : value.trim();
  const m = /^(\d{1,5})(?:\.(\d))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 10 + Number(m[2] ?? '0');
}

export interface CreditEntry {
  year: number;
  /** A number, or the decimal text the database gives (e.g. `"12.5"`). */
  credits: string | number;
  professional: boolean;
}

export interface YearlyCreditStatus {
  year: number;
  records: number;
  totalCredits: number;
  professionalCredits: number;
  generalCredits: number;
  requiredCredits: number;
  /** Professional credits over total credits, 4 decimal places (0 when there are none). */
  professionalShare: number;
  totalMet: boolean;
  professionalShareMet: boolean;
  /** Both: the year is complete (达标). */
  complete: boolean;
  /** Credits still missing to reach the required total. */
  missingCredits: number;
}

/** A person's status for one year, from all their records (records of other years are ignored). */
export function yearlyCreditStatus(year: number, entries: readonly CreditEntry[]): YearlyCreditStatus {
  let total = 0;
  let professional = 0;
  let records = 0;
  for (const e of entries) {
    if (e.year !== year) continue;
    const t = creditsInTenths(e.credits);
    if (t === null) continue;
    records++;
    total += t;
    if (e.professional) professional += t;
  }
  const required = REQUIRED_CREDITS * 10;
  const totalMet = total >= required;
  // professional / total ≥ 2/3, in integers.
  const professionalShareMet = professional * PROFESSIONAL_SHARE.denominator >= total * PROFESSIONAL_SHARE.numerator;
  return {
    year,
    records,
    totalCredits: total / 10,
    professionalCredits: professional / 10,
    generalCredits: (total - professional) / 10,
    requiredCredits: REQUIRED_CREDITS,
    professionalShare: total === 0 ? 0 : Math.round((professional / total) * 10_000) / 10_000,
    totalMet,
    professionalShareMet,
    complete: totalMet && professionalShareMet,
    missingCredits: Math.max(0, required - total) / 10,
  };
}

/** The status of every year the entries cover, newest first. */
export function yearlyCreditStatuses(entries: readonly CreditEntry[]): YearlyCreditStatus[] {
  const years = [...new Set(entries.map((e) => e.year))].sort((a, b) => b - a);
  return years.map((y) => yearlyCreditStatus(y, entries));
}
