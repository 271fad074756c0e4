import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkUscc, makeUscc, orgCodeCheckChar, USCC_AUTHORITIES, USCC_CHARSET, usccCheckChar } from '../../domain/uscc.ts';

const rulesOf = (code: string) => {
  const r = checkUscc(code);
  return r.ok ? [] : r.violations.map((v) => v.rule);
};

const PAIRS = Object.entries(USCC_AUTHORITIES).flatMap(([a, { types }]) => Object.keys(types).map((t) => [a, t] as const));
const usccChar = fc.constantFrom(...USCC_CHARSET);
const validUscc = fc
  .record({
    pair: fc.constantFrom(...PAIRS),
    area: fc.stringMatching(/^\d{6}$/),
    org: fc.array(usccChar, { minLength: 9, maxLength: 9 }).map((cs) => cs.join('')),
  })
  .map(({ pair: [authority, orgType], area, org }) => makeUscc({ authority, orgType, areaCode: area, orgCode: org }));

describe('GB 32100 check character', () => {
  it('accepts 91350100M000100Y43, the example the standard is usually cited with', () => {
    // Values (0–9, A=10 … Y=30, without I O Z S V) × weights 3^(i) mod 31:
    // 9·1 + 1·3 + 3·9 + 5·27 + 0·19 + 1·26 + 0·16 + 0·17 + M(21)·20 + 0·29 + 0·25 + 0·13 + 1·8 + 0·24 + 0·10 + Y(30)·30 + 4·28
    //   = 9 + 3 + 27 + 135 + 26 + 420 + 8 + 900 + 112 = 1640; 1640 mod 31 = 28; 31 − 28 = 3 → check character 3.
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
    expect(checkUscc('91350100M000100Y43')).toEqual({ ok: true, code: '91350100M000100Y43' });
  });

  it('accepts codes of real enterprises printed on their licences', () => {
    for (const code of ['91440300708461136T', '914403001922038216']) expect(checkUscc(code).ok).toBe(true);
  });

  it('embeds a GB 11714 organisation code whose own check character makeUscc computes', () => {
    // GB 11714 values letters A = 10 … Z = 35 (M = 22, Y = 34), weights 3 7 9 10 5 8 4 2:
    // 22·3 + 1·5 + 34·2 = 66 + 5 + 68 = 139; 139 mod 11 = 7; 11 − 7 = 4.
    expect(orgCodeCheckChar('M000100Y')).toBe('4');
    expect(makeUscc({ authority: '9', orgType: '1', areaCode: '350100', orgCode: 'M000100Y' })).toBe('91350100M000100Y43');
  });

  it('every generated code passes', () => {
    fc.assert(
      fc.property(validUscc, (code) => {
        expect(checkUscc(code)).toEqual({ ok: true, code });
      }),
    );
  });

  it('any single-character change of a valid code fails', () => {
    fc.assert(
      fc.property(validUscc, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 30 }), (code, pos, shift) => {
        const changed = USCC_CHARSET[(USCC_CHARSET.indexOf(code[pos]!) + shift) % USCC_CHARSET.length]!;
        expect(checkUscc(code.slice(0, pos) + changed + code.slice(pos + 1)).ok).toBe(false);
      }),
    );
  });

  it('a wrong check character fails with uscc.checksum', () => {
    fc.assert(
      fc.property(validUscc, usccChar, (code, check) => {
        fc.pre(check !== code[17]);
        expect(rulesOf(code.slice(0, 17) + check)).toEqual(['uscc.checksum']);
      }),
    );
  });

  it('accepts lower case', () => {
    expect(checkUscc('91350100m000100y43').ok).toBe(true);
  });
});

describe('GB 32100 structure', () => {
  it('has 18 characters', () => {
    expect(rulesOf('91350100M000100Y4')).toEqual(['uscc.format']);
    expect(rulesOf('')).toEqual(['uscc.format']);
  });

  it('uses no I, O, Z, S or V', () => {
    for (const bad of ['I', 'O', 'Z', 'S', 'V', '-']) {
      const r = checkUscc(`91350100M00010${bad}Y43`);
      expect(r.ok ? [] : r.violations.map((v) => v.rule)).toEqual(['uscc.format']);
    }
  });

  it('starts with a registration authority and one of its organisation types', () => {
    expect(rulesOf(makeUscc({ authority: '9', orgType: '4', orgCode: '12345678' }))).toEqual(['uscc.authority']);
    expect(rulesOf(makeUscc({ authority: 'B', orgType: '1', orgCode: '12345678' }))).toEqual(['uscc.authority']);
    expect(rulesOf(makeUscc({ authority: 'Y', orgType: '2', orgCode: '12345678' }))).toEqual(['uscc.authority']);
    for (const [authority, orgType] of [
      ['1', '2'],
      ['5', '1'],
      ['9', '2'],
      ['N', '3'],
      ['Y', '1'],
    ]) {
      expect(checkUscc(makeUscc({ authority: authority!, orgType: orgType!, orgCode: '12345678' })).ok).toBe(true);
    }
  });

  it('has the six digits of an area code in positions 3–8', () => {
    expect(rulesOf(makeUscc({ areaCode: '11010A', orgCode: '12345678' }))).toEqual(['uscc.areaCode']);
  });

  it('names the field and the fix in both languages', () => {
    const r = checkUscc('91350100M000100Y44');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.violations[0]).toMatchObject({ rule: 'uscc.checksum', path: 'work.unitCreditCode' });
      expect(r.violations[0]!.zh).toMatch(/^统一社会信用代码：.*营业执照/);
      expect(r.violations[0]!.en).toMatch(/^Unified social credit code of the work unit: .*licence/);
    }
  });
});
