import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  accountingPosts,
  administrativePosts,
  codesOf,
  entryOf,
  educationLevels,
  enumerations,
  ethnicities,
  highestEducationLevel,
  highestQualificationLevel,
  isNationality,
  materialKinds,
  nationalities,
  qualificationLevels,
  situations,
  type EnumEntry,
} from '../../domain/enums.ts';

describe('enumerations', () => {
  it('every entry has a unique code and names in Chinese and English', () => {
    for (const [name, list] of Object.entries(enumerations)) {
      const entries = list as readonly EnumEntry[];
      expect(entries.length, name).toBeGreaterThan(0);
      expect(new Set(entries.map((e) => e.code)).size, name).toBe(entries.length);
      for (const e of entries) expect(e.zh.length > 0 && e.en.length > 0, `${name}.${e.code}`).toBe(true);
    }
  });

  it('give z.enum-ready tuples of their codes', () => {
    const schema = z.enum(codesOf(qualificationLevels));
    expect(schema.parse('senior')).toBe('senior');
    expect(schema.safeParse('expert').success).toBe(false);
    expect(codesOf(situations)).toEqual(['accountingWork', 'qualifiedNotWorking', 'qualifiedStudent']);
  });

  it('hold the lists the notices name', () => {
    expect(accountingPosts.map((p) => p.zh)).toEqual([
      '出纳',
      '稽核',
      '资产、负债和所有者权益（净资产）核算',
      '收入、费用（支出）核算',
      '财务成果（政府预算执行结果）核算',
      '财务会计报告（决算报告）编制',
      '会计监督',
      '会计机构内会计档案管理',
      '其他会计工作',
    ]);
    expect(administrativePosts.map((p) => p.zh)).toEqual(['一般会计人员', '会计主管人员', '会计机构负责人', '总会计师、财务总监']);
    expect(educationLevels.map((l) => l.zh)).toEqual(['初中及以下', '高中', '中专', '大专', '本科', '硕士研究生', '博士研究生']);
    expect(qualificationLevels.map((l) => l.zh)).toEqual(['初级', '中级', '高级', '正高级']);
    expect(materialKinds.map((m) => m.code)).toEqual([
      'photo',
      'idDocument',
      'qualificationCertificate',
      'workProof',
      'studentProof',
      'educationCertificate',
      'transferProof',
      'continuingEducationProof',
    ]);
  });

  it('list the 56 ethnic groups with their GB/T 3304 codes 01–56', () => {
    expect(ethnicities).toHaveLength(56);
    expect(ethnicities.map((e) => e.gb)).toEqual(Array.from({ length: 56 }, (_, i) => String(i + 1).padStart(2, '0')));
    expect(ethnicities[0]).toMatchObject({ code: 'han', zh: '汉族' });
  });

  it('know the ISO 3166-1 alpha-3 countries and regions', () => {
    expect(nationalities).toHaveLength(249);
    for (const c of ['CHN', 'HKG', 'MAC', 'TWN', 'USA', 'JPN']) expect(isNationality(c), c).toBe(true);
    for (const c of ['US', 'XXX', 'chn']) expect(isNationality(c), c).toBe(false);
    expect(entryOf('nationalities', 'TWN')).toMatchObject({ zh: '中国台湾' });
  });

  it('find the highest qualification and education level', () => {
    expect(highestQualificationLevel(['intermediate', 'professorSenior', 'junior'])).toBe('professorSenior');
    expect(highestQualificationLevel(['junior', 'senior'])).toBe('senior');
    expect(highestQualificationLevel([])).toBeUndefined();
    expect(highestEducationLevel(['bachelor', 'juniorCollege', 'master'])).toBe('master');
  });

  it('describe a code for display', () => {
    expect(entryOf('qualificationLevels', 'senior')).toMatchObject({ zh: '高级', en: 'Senior' });
    expect(entryOf('qualificationLevels', 'nope')).toBeUndefined();
  });
});
