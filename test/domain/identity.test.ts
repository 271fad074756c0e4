import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import areaCodes from '../../domain/regions/area-codes.json' with { type: 'json' };
import { isMainlandAreaCode } from '../../domain/area-codes.ts';
import {
  checkIdentity,
  gb11643CheckChar,
  makeMainlandId,
  makeResidencePermitNumber,
  maskIdNumber,
  maskPhone,
  normalizeIdNumber,
} from '../../domain/identity.ts';

const TODAY = '2025-06-30';
const AREAS = Object.keys(areaCodes.codes).filter(isMainlandAreaCode);
const ID_CHARS = '0123456789X';

const isoDate = (min: string, max: string) =>
  fc
    .date({ min: new Date(`${min}T00:00:00Z`), max: new Date(`${max}T00:00:00Z`), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

const mainlandId = fc.record({
  area: fc.constantFrom(...AREAS),
  birth: isoDate('1900-01-01', TODAY),
  seq: fc.integer({ min: 0, max: 999 }),
});
const permit = fc.record({
  region: fc.constantFrom('HKG', 'MAC', 'TWN' as const),
  birth: isoDate('1900-01-01', TODAY),
  seq: fc.integer({ min: 0, max: 999 }),
});

const rulesOf = (r: ReturnType<typeof checkIdentity>) => (r.ok ? [] : r.violations.map((v) => v.rule));

describe('GB 11643 check character (ISO 7064 MOD 11-2)', () => {
  it('matches the standard’s own example 11010519491231002X', () => {
    // Σ digit × weight over 11010519491231002 = 167; 167 mod 11 = 2 → check character X.
    expect(gb11643CheckChar('11010519491231002')).toBe('X');
    const r = checkIdentity({ idType: 'mainlandId', idNumber: '11010519491231002X', nationality: 'CHN', today: TODAY });
    expect(r).toEqual({ ok: true, archiveNo: '11010519491231002X', birthDate: '1949-12-31', sex: 'female' });
  });

  it('computes the check of the standard’s 1880 example, which this system still refuses as born before 1900', () => {
    expect(gb11643CheckChar('44052418800101001')).toBe('4');
    const r = checkIdentity({ idType: 'mainlandId', idNumber: '440524188001010014', nationality: 'CHN', today: TODAY });
    expect(rulesOf(r)).toEqual(['identity.birthDate']);
  });
});

describe('mainland resident ID', () => {
  it('every generated valid number passes, and gives the birth date and the sex of the sequence parity', () => {
    fc.assert(
      fc.property(mainlandId, ({ area, birth, seq }) => {
        const id = makeMainlandId(area, birth, seq);
        const r = checkIdentity({ idType: 'mainlandId', idNumber: id, nationality: 'CHN', today: TODAY });
        expect(r).toEqual({ ok: true, archiveNo: id, birthDate: birth, sex: seq % 2 === 1 ? 'male' : 'female' });
      }),
    );
  });

  it('any single-character change of a valid number fails', () => {
    fc.assert(
      fc.property(mainlandId, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 10 }), ({ area, birth, seq }, pos, shift) => {
        const id = makeMainlandId(area, birth, seq);
        const changed = ID_CHARS[(ID_CHARS.indexOf(id[pos]!) + shift) % ID_CHARS.length]!;
        const mutated = id.slice(0, pos) + changed + id.slice(pos + 1);
        expect(checkIdentity({ idType: 'mainlandId', idNumber: mutated, nationality: 'CHN', today: TODAY }).ok).toBe(false);
      }),
    );
  });

  it('a wrong check character fails with identity.checksum', () => {
    fc.assert(
      fc.property(mainlandId, fc.constantFrom(...ID_CHARS), ({ area, birth, seq }, check) => {
        const id = makeMainlandId(area, birth, seq);
        fc.pre(check !== id[17]);
        const r = checkIdentity({ idType: 'mainlandId', idNumber: id.slice(0, 17) + check, nationality: 'CHN', today: TODAY });
        expect(rulesOf(r)).toEqual(['identity.checksum']);
      }),
    );
  });

  it('an impossible date fails even with a correct check character', () => {
    const impossible = fc.oneof(
      fc.constantFrom('19990230', '20991301', '19000229', '20010229', '19800431', '19851200', '19850100'),
      fc
        .record({ y: fc.integer({ min: 1900, max: 2024 }), m: fc.integer({ min: 13, max: 99 }), d: fc.integer({ min: 1, max: 28 }) })
        .map(({ y, m, d }) => `${y}${m}${String(d).padStart(2, '0')}`),
      fc
        .record({ y: fc.integer({ min: 1900, max: 2024 }), m: fc.constantFrom(4, 6, 9, 11), d: fc.integer({ min: 31, max: 99 }) })
        .map(({ y, m, d }) => `${y}${String(m).padStart(2, '0')}${d}`),
    );
    fc.assert(
      fc.property(fc.constantFrom(...AREAS), impossible, fc.integer({ min: 0, max: 999 }), (area, date, seq) => {
        const r = checkIdentity({ idType: 'mainlandId', idNumber: makeMainlandId(area, date, seq), nationality: 'CHN', today: TODAY });
        expect(rulesOf(r)).toEqual(['identity.birthDate']);
      }),
    );
  });

  it('a date of birth after today or before 1900 fails', () => {
    for (const date of ['2025-07-01', '1899-12-31']) {
      const r = checkIdentity({ idType: 'mainlandId', idNumber: makeMainlandId('110105', date, 1), nationality: 'CHN', today: TODAY });
      expect(rulesOf(r)).toEqual(['identity.birthDate']);
    }
    const born = checkIdentity({ idType: 'mainlandId', idNumber: makeMainlandId('110105', TODAY, 1), nationality: 'CHN', today: TODAY });
    expect(born.ok).toBe(true);
  });

  it('the first six digits must be a real area code, old ones included', () => {
    for (const area of ['110103', '110104', '110223', '132426', '510212']) {
      expect(
        checkIdentity({ idType: 'mainlandId', idNumber: makeMainlandId(area, '1970-01-01', 11), nationality: 'CHN', today: TODAY }).ok,
      ).toBe(true);
    }
    for (const area of ['110199', '999999', '000000', '710000', '810000', '110000']) {
      const r = checkIdentity({ idType: 'mainlandId', idNumber: makeMainlandId(area, '1970-01-01', 11), nationality: 'CHN', today: TODAY });
      expect(rulesOf(r)).toEqual(['identity.areaCode']);
    }
  });

  it('needs 18 characters: 17 digits and a digit or X', () => {
    for (const bad of ['11010519491231002', '11010519491231002X1', '1101051949123100AX', '']) {
      expect(rulesOf(checkIdentity({ idType: 'mainlandId', idNumber: bad, nationality: 'CHN', today: TODAY }))).toEqual([
        'identity.format',
      ]);
    }
  });

  it('names the check character it expects when the last one can never be one (Y), not the length', () => {
    const good = makeMainlandId('110105', '1970-01-01', 11);
    const r = checkIdentity({ idType: 'mainlandId', idNumber: `${good.slice(0, 17)}Y`, nationality: 'CHN', today: TODAY });
    expect(rulesOf(r)).toEqual(['identity.checksum']);
    const [v] = r.ok ? [] : r.violations;
    expect(v?.en).toContain(`not "Y"`);
    expect(v?.en).toContain(`it would be "${good[17]}"`);
    expect(v?.zh).toContain(`应为“${good[17]}”`);
    expect(v?.en).not.toContain('this one has');
  });

  it('accepts a lower-case x and surrounding spaces, and the normalised number is the archive number', () => {
    const r = checkIdentity({ idType: 'mainlandId', idNumber: ' 11010519491231002x ', nationality: 'chn', today: TODAY });
    expect(r.ok && r.archiveNo).toBe('11010519491231002X');
    expect(normalizeIdNumber('11010519491231002x')).toBe('11010519491231002X');
  });

  it('refuses a form whose date of birth disagrees with the number', () => {
    const id = makeMainlandId('110105', '1990-03-07', 123);
    const r = checkIdentity({ idType: 'mainlandId', idNumber: id, nationality: 'CHN', birthDate: '1990-03-08', sex: 'male', today: TODAY });
    expect(r.ok ? [] : r.violations.map((v) => [v.rule, v.path])).toEqual([['identity.birthDateMismatch', 'basic.birthDate']]);
  });

  it('refuses a form whose sex disagrees with the 17th digit', () => {
    fc.assert(
      fc.property(mainlandId, ({ area, birth, seq }) => {
        const id = makeMainlandId(area, birth, seq);
        const wrong = seq % 2 === 1 ? 'female' : 'male';
        const r = checkIdentity({ idType: 'mainlandId', idNumber: id, nationality: 'CHN', birthDate: birth, sex: wrong, today: TODAY });
        expect(r.ok ? [] : r.violations.map((v) => [v.rule, v.path])).toEqual([['identity.sexMismatch', 'basic.sex']]);
      }),
    );
  });

  it('a mainland ID holder is of Chinese nationality', () => {
    const r = checkIdentity({ idType: 'mainlandId', idNumber: '11010519491231002X', nationality: 'USA', today: TODAY });
    expect(r.ok ? [] : r.violations.map((v) => [v.rule, v.path])).toEqual([['identity.nationality', 'basic.nationality']]);
  });

  it('places violations under another prefix when asked', () => {
    const r = checkIdentity({ idType: 'mainlandId', idNumber: '11010519491231002', nationality: 'CHN', today: TODAY }, 'person');
    expect(!r.ok && r.violations[0]!.path).toBe('person.idNumber');
  });
});

describe('Hong Kong / Macao / Taiwan residence permit', () => {
  it('every generated permit number passes with its region as nationality', () => {
    fc.assert(
      fc.property(permit, ({ region, birth, seq }) => {
        const id = makeResidencePermitNumber(region, birth, seq);
        expect(id.slice(0, 6)).toBe({ HKG: '810000', MAC: '820000', TWN: '830000' }[region]);
        const r = checkIdentity({ idType: 'residencePermit', idNumber: id, nationality: region, today: TODAY });
        expect(r).toEqual({ ok: true, archiveNo: id, birthDate: birth, sex: seq % 2 === 1 ? 'male' : 'female' });
      }),
    );
  });

  it('any single-character change of a valid permit number fails', () => {
    fc.assert(
      fc.property(permit, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 10 }), ({ region, birth, seq }, pos, shift) => {
        const id = makeResidencePermitNumber(region, birth, seq);
        const mutated = id.slice(0, pos) + ID_CHARS[(ID_CHARS.indexOf(id[pos]!) + shift) % ID_CHARS.length]! + id.slice(pos + 1);
        expect(checkIdentity({ idType: 'residencePermit', idNumber: mutated, nationality: region, today: TODAY }).ok).toBe(false);
      }),
    );
  });

  it('a permit number must start with 810000, 820000 or 830000, and those are not mainland IDs', () => {
    const mainland = makeMainlandId('110105', '1980-05-05', 12);
    expect(rulesOf(checkIdentity({ idType: 'residencePermit', idNumber: mainland, nationality: 'HKG', today: TODAY }))).toEqual([
      'identity.permitArea',
    ]);
    const hk = makeResidencePermitNumber('HKG', '1980-05-05', 12);
    expect(rulesOf(checkIdentity({ idType: 'mainlandId', idNumber: hk, nationality: 'CHN', today: TODAY }))).toEqual(['identity.areaCode']);
  });

  it('the nationality / region must match the permit', () => {
    const mo = makeResidencePermitNumber('MAC', '1980-05-05', 12);
    expect(rulesOf(checkIdentity({ idType: 'residencePermit', idNumber: mo, nationality: 'HKG', today: TODAY }))).toEqual([
      'identity.nationality',
    ]);
  });

  it('the form’s birth date and sex must agree with the permit number', () => {
    const tw = makeResidencePermitNumber('TWN', '1980-05-05', 12);
    const r = checkIdentity({
      idType: 'residencePermit',
      idNumber: tw,
      nationality: 'TWN',
      birthDate: '1980-05-06',
      sex: 'male',
      today: TODAY,
    });
    expect(rulesOf(r)).toEqual(['identity.birthDateMismatch', 'identity.sexMismatch']);
  });
});

describe('foreign passport', () => {
  it('5–20 letters or digits with a foreign ISO 3166-1 alpha-3 nationality; the passport number is the archive number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z0-9]{5,20}$/), fc.constantFrom('USA', 'JPN', 'KOR', 'DEU', 'GBR', 'SGP'), (no, nat) => {
        const r = checkIdentity({ idType: 'passport', idNumber: no.toLowerCase(), nationality: nat, today: TODAY });
        expect(r).toEqual({ ok: true, archiveNo: no, birthDate: null, sex: null });
      }),
    );
  });

  it('keeps the form’s birth date and sex, which a passport number cannot contradict', () => {
    const r = checkIdentity({
      idType: 'passport',
      idNumber: 'E12345678',
      nationality: 'USA',
      birthDate: '1985-02-03',
      sex: 'male',
      today: TODAY,
    });
    expect(r).toEqual({ ok: true, archiveNo: 'E12345678', birthDate: '1985-02-03', sex: 'male' });
  });

  it.each([
    ['AB12', 'USA', 'identity.passportFormat'],
    ['E1234567890123456789X', 'USA', 'identity.passportFormat'],
    ['E-1234567', 'USA', 'identity.passportFormat'],
    ['E 1234567', 'USA', 'identity.passportFormat'],
    ['E12345678', 'CHN', 'identity.nationality'],
    ['E12345678', 'HKG', 'identity.nationality'],
    ['E12345678', 'XYZ', 'identity.nationality'],
    ['E12345678', 'US', 'identity.nationality'],
  ])('refuses %s of %s (%s)', (no, nat, rule) => {
    expect(rulesOf(checkIdentity({ idType: 'passport', idNumber: no, nationality: nat, today: TODAY }))).toEqual([rule]);
  });
});

describe('messages', () => {
  it('name the field and say what to do, in Chinese and English', () => {
    const r = checkIdentity({ idType: 'mainlandId', idNumber: '110105194912310021', nationality: 'CHN', today: TODAY });
    expect(r.ok).toBe(false);
    const v = !r.ok ? r.violations[0]! : undefined;
    expect(v).toMatchObject({ rule: 'identity.checksum', path: 'basic.idNumber' });
    expect(v!.zh).toMatch(/^证件号码：.*校验码.*核对/);
    expect(v!.en).toMatch(/^ID number: .*check.*compare/);
  });
});

describe('masking personal information', () => {
  it('keeps the first 6 and last 4 characters of an ID number', () => {
    expect(maskIdNumber('110105199003071234')).toBe('110105********1234');
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    fc.assert(
      fc.property(mainlandId, ({ area, birth, seq }) => {
        const id = makeMainlandId(area, birth, seq);
        const masked = maskIdNumber(id);
        expect(masked).toHaveLength(18);
        expect(masked.slice(6, 14)).toBe('********');
        expect(masked).not.toContain(id.slice(6, 14));
      }),
    );
  });

  it('hides most of a short passport number', () => {
    expect(maskIdNumber('E12345678')).toBe('E******78');
    expect(maskIdNumber('AB1')).toBe('***');
  });

  it('keeps the first 3 and last 4 digits of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('12')).toBe('**');
  });
});
