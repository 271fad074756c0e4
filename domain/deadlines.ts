/**
 * Deadlines as configured durations: `10wd` (working days), `30d`, `2s`, ...
 * Pure and deterministic, so workflows can compute due times from workflow time.
 * Working days here skip Saturdays and Sundays in China Standard Time (UTC+8, no daylight saving): what
 * requests started before the holiday calendar keep. Newer ones count with domain/working-days.ts.
 */
export type Deadline = { workingDays: number } | { ms: number };

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const CST_OFFSET_MS = 8 * 3_600_000;

export function parseDeadline(text: string): Deadline {
  const m = /^(\d+)(ms|s|m|h|d|wd)$/.exec(text);
  if (!m) throw new Error(`not a duration: ${text} (e.g. 10wd, 30d, 2s)`);
  const n = Number(m[1]);
  const unit = m[2] as keyof typeof UNIT_MS | 'wd';
  return unit === 'wd' ? { workingDays: n } : { ms: n * UNIT_MS[unit] };
}

function isWeekendCst(t: number): boolean {
  const day = new Date(t + CST_OFFSET_MS).getUTCDay();
  return day === 0 || day === 6;
}

/** The moment a deadline that starts at `from` (epoch ms) falls due. */
export function dueAt(from: number, deadline: Deadline): number {
  if ('ms' in deadline) return from + deadline.ms;
  // Count whole working days after the start day; the deadline falls at the same clock time.
  let t = from;
  let left = deadline.workingDays;
  while (left > 0) {
    t += UNIT_MS.d;
    if (!isWeekendCst(t)) left--;
  }
  return t;
}
