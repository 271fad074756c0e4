import { describe, expect, it } from 'vitest';
import { creditsInTenths, yearlyCreditStatus, yearlyCreditStatuses } from '../../domain/continuing-education.ts';
import { makeContinuingEducationEntrySchema } from '../../domain/schemas/continuing-education.ts';

const course = (credits: string | number, professional: boolean, year = 2024) => ({ year, credits, professional });

describe('the yearly continuing-education rule (90 credits, professional at least two-thirds of the total)', () => {
  it('needs 90 credits: 89.5 is short, 90 is enough', () => {
    const short = yearlyCreditStatus(2024, [course(60, true), course('29.5', false)]);
    expect(short).toMatchObject({
      totalCredits: 89.5,
      professionalCredits: 60,
      totalMet: false,
      professionalShareMet: true,
      complete: false,
      missingCredits: 0.5,
    });
    const enough = yearlyCreditStatus(2024, [course(60, true), course('30.0', false)]);
    expect(enough).toMatchObject({ totalCredits: 90, totalMet: true, professionalShareMet: true, complete: true, missingCredits: 0 });
  });

  it('needs professional credits at two-thirds of the total: just under fails, exactly two-thirds passes', () => {
    expect(yearlyCreditStatus(2024, [course('59.9', true), course('30.1', false)])).toMatchObject({
      totalCredits: 90,
      professionalShareMet: false,
      complete: false,
    });
    expect(yearlyCreditStatus(2024, [course(60, true), course(30, false)])).toMatchObject({
      professionalShare: 0.6667,
      professionalShareMet: true,
      complete: true,
    });
    // The share is of the whole total, not of the 90 required.
    expect(yearlyCreditStatus(2024, [course(80, true), course(40, false)])).toMatchObject({
      totalCredits: 120,
      professionalShareMet: true,
      complete: true,
    });
    expect(yearlyCreditStatus(2024, [course('79.5', true), course('40.0', false)])).toMatchObject({
      totalCredits: 119.5,
      professionalShareMet: false,
      complete: false,
    });
  });

  it('counts only the year asked for, in tenths (no floating-point drift), and lists every year newest first', () => {
    const many = Array.from({ length: 9 }, () => course('0.1', true));
    expect(yearlyCreditStatus(2024, many).totalCredits).toBe(0.9);
    const s = yearlyCreditStatus(2023, [course(90, true, 2023), course(90, true, 2024)]);
    expect(s).toMatchObject({ year: 2023, records: 1, totalCredits: 90, complete: true });
    expect(yearlyCreditStatus(2022, [])).toMatchObject({ records: 0, totalCredits: 0, complete: false, missingCredits: 90 });
    expect(yearlyCreditStatuses([course(1, true, 2021), course(1, true, 2023)]).map((y) => y.year)).toEqual([2023, 2021]);
  });

  it('reads credits with at most one decimal place', () => {
    expect(creditsInTenths('89.5')).toBe(895);
    expect(creditsInTenths(90)).toBe(900);
    for (const bad of ['12.25', '-1', 'abc', '', '1e2']) expect(creditsInTenths(bad), bad).toBeNull();
  });

  it('validates one record: year, credits, completion date within the year', () => {
    const schema = makeContinuingEducationEntrySchema({ today: '2025-06-30' });
    const ok = {
      year: 2024,
      course: '企业会计准则',
      credits: 24,
      professional: true,
      provider: '北京国家会计学院',
      completedOn: '2024-05-10',
    };
    expect(schema.safeParse(ok).success).toBe(true);
    const rule = (v: object) => {
      const r = schema.safeParse({ ...ok, ...v });
      return r.success ? null : ((r.error.issues[0] as { params?: { rule?: string } }).params?.rule ?? r.error.issues[0]!.code);
    };
    expect(rule({ year: 2026, completedOn: '2026-01-01' })).toBe('continuingEducation.year');
    expect(rule({ credits: 0 })).toBe('continuingEducation.credits');
    expect(rule({ credits: 90.5 })).toBe('continuingEducation.credits');
    expect(rule({ credits: 1.25 })).toBe('continuingEducation.credits');
    expect(rule({ completedOn: '2023-12-31' })).toBe('continuingEducation.dateInYear');
  });
});
