import { describe, expect, it } from 'vitest';
import { loadEnv } from '../../config/env.ts';
import { dueAt, parseDeadline } from '../../domain/deadlines.ts';

describe('configuration', () => {
  it('has a working default for every variable', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({ PROVINCE_CODE: '110000', API_PORT: 3000, REVIEW_DEADLINE: '10wd', CORRECTION_DEADLINE: '30d' });
  });

  it.each([
    ['API_PORT', 'eighty'],
    ['PROVINCE_CODE', '110101'],
    ['DATABASE_URL', 'mysql://localhost/x'],
    ['REVIEW_DEADLINE', 'ten days'],
    ['AUTH_SECRET', 'short'],
  ])('stops on a wrong %s with a message naming it', (name, value) => {
    expect(() => loadEnv({ [name]: value })).toThrow(new RegExp(`${name}:`));
  });

  it('refuses development secrets in production', () => {
    expect(() => loadEnv({ NODE_ENV: 'production' })).toThrow(/AUTH_SECRET: must be set in production/);
  });
});

describe('deadlines', () => {
  // 2026-11-20 is a Friday; times in China Standard Time.
  const friday10am = Date.parse('2026-11-20T10:00:00+08:00');

  it('counts working days, skipping the weekend', () => {
    expect(new Date(dueAt(friday10am, parseDeadline('1wd'))).toISOString()).toBe('2026-11-23T02:00:00.000Z');
    expect(new Date(dueAt(friday10am, parseDeadline('10wd'))).toISOString()).toBe('2026-12-04T02:00:00.000Z');
  });

  it('counts calendar days and short durations as they are', () => {
    expect(dueAt(friday10am, parseDeadline('30d')) - friday10am).toBe(30 * 86_400_000);
    expect(dueAt(friday10am, parseDeadline('2s')) - friday10am).toBe(2000);
  });
});
