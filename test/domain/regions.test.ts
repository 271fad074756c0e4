import { describe, expect, it } from 'vitest';
import areaCodes from '../../domain/regions/area-codes.json' with { type: 'json' };
import { areaName, isMainlandAreaCode, isResidencePermitArea } from '../../domain/area-codes.ts';
import {
  districtOf,
  districtsOf,
  isDistrictOf,
  prefecturesOf,
  provinceOf,
  provinces,
  servedProvinceCodes,
  UnknownProvinceError,
} from '../../domain/districts.ts';

const MAINLAND_PROVINCES = [
  '110000',
  '120000',
  '130000',
  '140000',
  '150000',
  '210000',
  '220000',
  '230000',
  '310000',
  '320000',
  '330000',
  '340000',
  '350000',
  '360000',
  '370000',
  '410000',
  '420000',
  '430000',
  '440000',
  '450000',
  '460000',
  '500000',
  '510000',
  '520000',
  '530000',
  '540000',
  '610000',
  '620000',
  '630000',
  '640000',
  '650000',
];

describe('provinces', () => {
  it('lists the 31 mainland provincial-level divisions and the three residence-permit codes, each named in both languages', () => {
    const list = provinces();
    expect(list.filter((p) => p.kind === 'mainland').map((p) => p.code)).toEqual(MAINLAND_PROVINCES);
    expect(list.filter((p) => p.kind === 'residencePermit').map((p) => p.code)).toEqual(['810000', '820000', '830000']);
    for (const p of list) expect(p.zh.length > 0 && p.en.length > 0).toBe(true);
    expect(provinceOf('130000')).toMatchObject({ zh: '河北省', en: 'Hebei' });
  });
});

describe('GB/T 2260 area codes', () => {
  const codes = areaCodes.codes as Record<string, string>;

  it('hold every province and, for Beijing, Tianjin, Hebei and Shanghai, every county-level code', () => {
    for (const p of MAINLAND_PROVINCES) expect(codes[p]).toBeTruthy();
    expect(areaCodes.countyLevelComplete).toEqual(['110000', '120000', '130000', '310000']);
    for (const d of districtsOf('110000')) expect(codes[d.code]).toBe(d.zh);
    for (const d of districtsOf('130000')) expect(codes[d.code]).toBe(d.zh);
  });

  it('keep abolished codes, since old ID numbers still carry them', () => {
    expect(areaName('110103')).toBe('崇文区');
    expect(areaName('110104')).toBe('宣武区');
    for (const old of [
      '110103',
      '110104',
      '110110',
      '110221',
      '110223',
      '110229',
      '120107',
      '120225',
      '132100',
      '132426',
      '139012',
      '310102',
      '310230',
    ]) {
      expect(isMainlandAreaCode(old), old).toBe(true);
    }
  });

  it('require an exact county-level code in the fully listed provinces', () => {
    for (const made_up of ['110120', '110199', '120199', '130198', '310199']) expect(isMainlandAreaCode(made_up), made_up).toBe(false);
  });

  it('accept elsewhere a code under a real province and prefecture prefix', () => {
    for (const code of ['440305', '441900', '510212', '500101', '653101', '460001', '419001', '329001'])
      expect(isMainlandAreaCode(code), code).toBe(true);
    for (const code of ['449901', '519999', '659999', '440000']) expect(isMainlandAreaCode(code), code).toBe(false);
  });

  it('exclude province codes themselves, non-mainland codes and malformed input', () => {
    for (const code of ['110000', '710000', '810000', '820000', '830000', '990000', '11010', '1101051', 'abcdef']) {
      expect(isMainlandAreaCode(code), code).toBe(false);
    }
    expect(isResidencePermitArea('810000')).toBe(true);
    expect(isResidencePermitArea('710000')).toBe(false);
  });

  it('list prefecture-level codes in every province', () => {
    for (const p of MAINLAND_PROVINCES) {
      const prefectures = Object.keys(codes).filter((c) => c.startsWith(p.slice(0, 2)) && c !== p);
      expect(prefectures.length, p).toBeGreaterThan(0);
    }
    for (const current of ['130100', '130600', '320500', '440300', '510100', '650100', '540100'])
      expect(codes[current], current).toBeTruthy();
  });
});

describe('districts a deployment serves', () => {
  it('Beijing has its 16 current districts', () => {
    expect(districtsOf('110000').map((d) => `${d.code} ${d.zh}`)).toEqual([
      '110101 东城区',
      '110102 西城区',
      '110105 朝阳区',
      '110106 丰台区',
      '110107 石景山区',
      '110108 海淀区',
      '110109 门头沟区',
      '110111 房山区',
      '110112 通州区',
      '110113 顺义区',
      '110114 昌平区',
      '110115 大兴区',
      '110116 怀柔区',
      '110117 平谷区',
      '110118 密云区',
      '110119 延庆区',
    ]);
    expect(prefecturesOf('110000')).toEqual([]);
    expect(districtOf('110000', '110108')).toMatchObject({ zh: '海淀区', en: 'Haidian District' });
  });

  it('Hebei has all 167 current county-level divisions, each under one of its 11 cities', () => {
    const list = districtsOf('130000');
    expect(list).toHaveLength(167);
    expect(prefecturesOf('130000').map((p) => p.code)).toEqual([
      '130100',
      '130200',
      '130300',
      '130400',
      '130500',
      '130600',
      '130700',
      '130800',
      '130900',
      '131000',
      '131100',
    ]);
    const cities = new Set(prefecturesOf('130000').map((p) => p.code));
    for (const d of list) {
      expect(cities.has(d.prefecture!), d.code).toBe(true);
      expect(d.code.slice(0, 4)).toBe(d.prefecture!.slice(0, 4));
      expect(d.en.length).toBeGreaterThan(0);
    }
    expect(list.filter((d) => d.prefecture === '130100')).toHaveLength(22);
    expect(list.filter((d) => d.prefecture === '130600')).toHaveLength(24);
    expect(new Set(list.map((d) => d.code)).size).toBe(167);
  });

  it('a district belongs only to its own province, and abolished districts are not offered', () => {
    expect(isDistrictOf('110000', '110105')).toBe(true);
    expect(isDistrictOf('110000', '130102')).toBe(false);
    expect(isDistrictOf('130000', '130102')).toBe(true);
    expect(isDistrictOf('130000', '110105')).toBe(false);
    expect(isDistrictOf('110000', '110103')).toBe(false);
    expect(isDistrictOf('110000', '110000')).toBe(false);
  });

  it('says clearly when a province has no district list or is no province at all', () => {
    expect(servedProvinceCodes()).toEqual(['110000', '130000']);
    expect(() => districtsOf('320000')).toThrow(UnknownProvinceError);
    expect(() => districtsOf('320000')).toThrow(/320000 \(江苏省, Jiangsu\).*domain\/regions\/districts\/320000\.json/);
    expect(() => isDistrictOf('999999', '110105')).toThrow(/not a provincial-level code/);
  });
});
