import { describe, expect, it } from 'vitest';
import { addYears, chinaDate, isIsoDate } from '../../domain/dates.ts';

describe('calendar dates', () => {
  it('exist only as real YYYY-MM-DD dates', () => {
    for (const ok of ['2000-02-29', '2024-02-29', '1900-01-01', '2025-12-31']) expect(isIsoDate(ok), ok).toBe(true);
    for (const bad of ['1900-02-29', '2023-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '2025-1-1', '20250101', ''])
      expect(isIsoDate(bad), bad).toBe(false);
  });

  it('add years, moving 29 February to 1 March in a common year', () => {
    expect(addYears('1990-03-07', 16)).toBe('2006-03-07');
    expect(addYears('2000-02-29', 16)).toBe('2016-02-29');
    expect(addYears('2000-02-29', 1)).toBe('2001-03-01');
    expect(addYears('2084-02-29', 16)).toBe('2100-03-01');
  });

  it('give the date in China Standard Time for an instant', () => {
    expect(chinaDate(Date.parse('2025-06-30T15:59:59Z'))).toBe('2025-06-30');
    expect(chinaDate(Date.parse('2025-06-30T16:00:00Z'))).toBe('2025-07-01');
  });
});
