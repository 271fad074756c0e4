/**
 * The State Council's yearly holiday arrangements (国务院办公厅关于部分节假日安排的通知): the days off
 * (法定节假日 with the days moved next to them) and the weekend days worked instead (调休上班).
 * Data, one entry per published year; a newer year is loaded by an administrator (POST /admin/holiday-arrangements).
 */
import type { HolidayArrangement } from '../working-days.ts';

/** Every day from `from` to `to`, both included (same month or the next). */
function span(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

export const PUBLISHED_ARRANGEMENTS: readonly HolidayArrangement[] = [
  {
    year: 2025,
    source: '国办发明电〔2024〕12号 (2024-11-12)',
    holidays: [
      '2025-01-01', // 元旦
      ...span('2025-01-28', '2025-02-04'), // 春节
      ...span('2025-04-04', '2025-04-06'), // 清明节
      ...span('2025-05-01', '2025-05-05'), // 劳动节
      ...span('2025-05-31', '2025-06-02'), // 端午节
      ...span('2025-10-01', '2025-10-08'), // 国庆节、中秋节
    ],
    workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  {
    year: 2026,
    source: '国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04)',
    holidays: [
      ...span('2026-01-01', '2026-01-03'), // 元旦
      ...span('2026-02-15', '2026-02-23'), // 春节
      ...span('2026-04-04', '2026-04-06'), // 清明节
      ...span('2026-05-01', '2026-05-05'), // 劳动节
      ...span('2026-06-19', '2026-06-21'), // 端午节
      ...span('2026-09-25', '2026-09-27'), // 中秋节
      ...span('2026-10-01', '2026-10-07'), // 国庆节
    ],
    workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
];
