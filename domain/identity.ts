/**
 * Identity: one person, one archive number (档案号) — the ID number itself.
 * GB 11643 citizen ID numbers (mainland IDs and the citizen numbers on HK / Macao / Taiwan residence
 * permits) and foreign passports. Pure and deterministic: "today" is passed in.
 */
import { isMainlandAreaCode, isResidencePermitArea, RESIDENCE_PERMIT_AREAS, type ResidencePermitArea } from './area-codes.ts';
import { isNationality, type IdType, type Sex } from './enums.ts';
import { violation, type Bilingual, type RuleViolation } from './rules.ts';
import { isIsoDate, type IsoDate } from './dates.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** ISO 7064 MOD 11-2 check character of the first 17 digits of a GB 11643 number. */
export function gb11643CheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error(`expected 17 digits, got ${JSON.stringify(first17)}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Upper-cases and trims; a lower-case check character `x` is accepted this way. */
export function normalizeIdNumber(idNumber: string): string {
  return idNumber.trim().toUpperCase();
}

/**
 * Builds a valid GB 11643 number (mainland ID or residence-permit citizen number).
 * `birthDate` is `YYYY-MM-DD` or `YYYYMMDD`; `sequence` 0–999 (its parity is the sex: odd = male).
 */
export function makeMainlandId(areaCode: string, birthDate: string, sequence: number): string {
  const date = birthDate.replaceAll('-', '');
  if (!/^\d{6}$/.test(areaCode)) throw new Error(`area code must be six digits: ${areaCode}`);
  if (!/^\d{8}$/.test(date)) throw new Error(`birth date must be YYYY-MM-DD or YYYYMMDD: ${birthDate}`);
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) throw new Error(`sequence must be 0–999: ${sequence}`);
  const first17 = `${areaCode}${date}${String(sequence).padStart(3, '0')}`;
  return first17 + gb11643CheckChar(first17);
}

/** The citizen number printed on a residence permit of a Hong Kong, Macao or Taiwan resident. */
export function makeResidencePermitNumber(region: 'HKG' | 'MAC' | 'TWN', birthDate: string, sequence: number): string {
  const area = (Object.keys(RESIDENCE_PERMIT_AREAS) as ResidencePermitArea[]).find((a) => RESIDENCE_PERMIT_AREAS[a] === region)!;
  return makeMainlandId(area, birthDate, sequence);
}

export interface IdentityInput {
  idType: IdType;
  idNumber: string;
  /** ISO 3166-1 alpha-3: `CHN` for mainland IDs, `HKG` / `MAC` / `TWN` for residence permits. */
  nationality: string;
  /** As filled in on the form; must agree with the number for GB 11643 numbers. */
  birthDate?: string | undefined;
  sex?: Sex | undefined;
  /** Today's date `YYYY-MM-DD` in China Standard Time; a birth date may not be later. */
  today: IsoDate;
}

export type IdentityResult =
  | { ok: true; archiveNo: string; birthDate: IsoDate | null; sex: Sex | null }
  | { ok: false; violations: RuleViolation[] };

/** Field names within the basic-information part of the form. */
export type IdentityField = 'idType' | 'idNumber' | 'nationality' | 'birthDate' | 'sex';

export interface IdentityProblem {
  rule: string;
  field: IdentityField;
  text: Bilingual;
}

const FIRST_DATE = '1900-01-01';

function explainNumber(idType: IdType): Bilingual {
  return idType === 'residencePermit'
    ? { zh: '港澳台居民居住证上的公民身份号码', en: 'the citizen number printed on the residence permit' }
    : { zh: '居民身份证号码', en: 'the resident ID number' };
}

/** Checks a GB 11643 number's structure; returns its birth date and sex when it is well formed. */
function checkGb11643(
  id: string,
  idType: 'mainlandId' | 'residencePermit',
  today: IsoDate,
  problems: IdentityProblem[],
): { birthDate: IsoDate; sex: Sex } | null {
  const what = explainNumber(idType);
  // Eighteen characters with a last one that can never be a check character: say which one it should be.
  if (/^\d{17}[^\dX]$/.test(id)) {
    const expected = gb11643CheckChar(id.slice(0, 17));
    problems.push({
      rule: 'identity.checksum',
      field: 'idNumber',
      text: {
        zh: `最后一位校验码应为数字或X，当前为“${id[17]}”；按前17位计算应为“${expected}”，请对照证件逐位核对`,
        en: `the last (check) character must be a digit or X, not "${id[17]}"; from the first 17 digits it would be "${expected}", so compare the number with the document digit by digit`,
      },
    });
    return null;
  }
  if (!/^\d{17}[\dX]$/.test(id)) {
    problems.push({
      rule: 'identity.format',
      field: 'idNumber',
      text: {
        zh: `${what.zh}应为18位：前17位是数字，最后一位是数字或X（当前为${id.length}位）`,
        en: `${what.en} must have 18 characters: 17 digits followed by a digit or X (this one has ${id.length})`,
      },
    });
    return null;
  }
  const area = id.slice(0, 6);
  let structural = true;
  if (idType === 'mainlandId' && !isMainlandAreaCode(area)) {
    structural = false;
    problems.push({
      rule: 'identity.areaCode',
      field: 'idNumber',
      text: {
        zh: `前6位“${area}”不是有效的行政区划代码，请核对号码`,
        en: `the first six digits "${area}" are not a real area code (GB/T 2260); check the number`,
      },
    });
  }
  if (idType === 'residencePermit' && !isResidencePermitArea(area)) {
    structural = false;
    problems.push({
      rule: 'identity.permitArea',
      field: 'idNumber',
      text: {
        zh: `港澳台居民居住证号码应以810000（香港）、820000（澳门）或830000（台湾）开头，当前为“${area}”；内地居民请选择证件类型“居民身份证”`,
        en: `a residence-permit number starts with 810000 (Hong Kong), 820000 (Macao) or 830000 (Taiwan), not "${area}"; mainland residents choose the ID type "Mainland resident ID card"`,
      },
    });
  }
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isIsoDate(birthDate) || birthDate < FIRST_DATE || birthDate > today) {
    structural = false;
    problems.push({
      rule: 'identity.birthDate',
      field: 'idNumber',
      text: {
        zh: `第7–14位“${id.slice(6, 14)}”不是有效的出生日期（应为1900年以后、不晚于今天的真实日期）`,
        en: `digits 7–14 "${id.slice(6, 14)}" are not a valid date of birth (a real date from 1900 up to today)`,
      },
    });
  }
  const expected = gb11643CheckChar(id.slice(0, 17));
  if (id[17] !== expected) {
    structural = false;
    problems.push({
      rule: 'identity.checksum',
      field: 'idNumber',
      text: {
        zh: `最后一位校验码为“${id[17]}”，按前17位计算应为“${expected}”，号码可能有抄错的数字，请对照证件逐位核对`,
        en: `the last (check) character is "${id[17]}" but the first 17 digits give "${expected}", so a digit is probably mistyped; compare it with the document digit by digit`,
      },
    });
  }
  if (!structural) return null;
  return { birthDate: birthDate as IsoDate, sex: Number(id[16]) % 2 === 1 ? 'male' : 'female' };
}

/**
 * All identity problems, attached to form fields by name. Used by the form schema; callers outside
 * the form use `checkIdentity`.
 */
export function identityProblems(input: IdentityInput): {
  archiveNo: string;
  birthDate: IsoDate | null;
  sex: Sex | null;
  problems: IdentityProblem[];
} {
  const problems: IdentityProblem[] = [];
  const id = normalizeIdNumber(input.idNumber);
  const nationality = input.nationality.trim().toUpperCase();
  let birthDate: IsoDate | null = null;
  let sex: Sex | null = null;

  if (input.idType === 'mainlandId' || input.idType === 'residencePermit') {
    const derived = checkGb11643(id, input.idType, input.today, problems);
    if (input.idType === 'mainlandId' && nationality !== 'CHN') {
      problems.push({
        rule: 'identity.nationality',
        field: 'nationality',
        text: {
          zh: '持居民身份证者国籍应为“中国”（CHN）；港澳台居民请选择证件类型“港澳台居民居住证”，外国人请选择“外国护照”',
          en: 'holders of a mainland resident ID have the nationality China (CHN); Hong Kong, Macao and Taiwan residents choose "Residence permit", foreigners "Foreign passport"',
        },
      });
    }
    if (input.idType === 'residencePermit' && derived) {
      const region = RESIDENCE_PERMIT_AREAS[id.slice(0, 6) as ResidencePermitArea];
      if (nationality !== region) {
        problems.push({
          rule: 'identity.nationality',
          field: 'nationality',
          text: {
            zh: `居住证号码以${id.slice(0, 6)}开头，国籍/地区应为${region}`,
            en: `the permit number starts with ${id.slice(0, 6)}, so the nationality / region is ${region}`,
          },
        });
      }
    }
    if (derived) {
      birthDate = derived.birthDate;
      sex = derived.sex;
      if (input.birthDate !== undefined && input.birthDate !== derived.birthDate) {
        problems.push({
          rule: 'identity.birthDateMismatch',
          field: 'birthDate',
          text: {
            zh: `与证件号码中的出生日期（${derived.birthDate}）不一致，请核对`,
            en: `does not agree with the date of birth in the ID number (${derived.birthDate}); correct one of them`,
          },
        });
      }
      if (input.sex !== undefined && input.sex !== derived.sex) {
        const zh = derived.sex === 'male' ? '男' : '女';
        problems.push({
          rule: 'identity.sexMismatch',
          field: 'sex',
          text: {
            zh: `与证件号码不一致（号码第17位为${id[16]}，对应性别为“${zh}”），请核对`,
            en: `does not agree with the ID number (its 17th digit ${id[16]} means ${derived.sex}); correct one of them`,
          },
        });
      }
    }
  } else {
    if (!/^[A-Z0-9]{5,20}$/.test(id)) {
      problems.push({
        rule: 'identity.passportFormat',
        field: 'idNumber',
        text: {
          zh: '护照号码应为5–20位大写字母或数字，不含空格和符号',
          en: 'a passport number has 5–20 letters or digits, without spaces or symbols',
        },
      });
    }
    if (!isNationality(nationality) || ['CHN', 'HKG', 'MAC', 'TWN'].includes(nationality)) {
      problems.push({
        rule: 'identity.nationality',
        field: 'nationality',
        text: isNationality(nationality)
          ? {
              zh: '持外国护照者的国籍应为外国；中国公民请使用居民身份证，港澳台居民请使用港澳台居民居住证',
              en: 'a foreign passport needs a foreign nationality; Chinese citizens use the resident ID card, Hong Kong, Macao and Taiwan residents the residence permit',
            }
          : {
              zh: `“${input.nationality}”不是有效的国家或地区代码（ISO 3166-1 三位字母代码，如USA、JPN）`,
              en: `"${input.nationality}" is not a country code (ISO 3166-1 alpha-3, e.g. USA, JPN)`,
            },
      });
    }
    birthDate = input.birthDate !== undefined && isIsoDate(input.birthDate) ? input.birthDate : null;
    sex = input.sex ?? null;
  }
  return { archiveNo: id, birthDate, sex, problems };
}

/**
 * Checks an identity as the form gives it and returns the archive number (档案号): the normalised
 * ID number, residence-permit citizen number or passport number.
 * Violations are placed under `pathPrefix` (default `basic`, the form's basic-information part).
 */
export function checkIdentity(input: IdentityInput, pathPrefix = 'basic'): IdentityResult {
  const { archiveNo, birthDate, sex, problems } = identityProblems(input);
  if (problems.length > 0) {
    return {
      ok: false,
      violations: problems.map((p) => violation(p.rule, pathPrefix ? `${pathPrefix}.${p.field}` : p.field, p.text)),
    };
  }
  return { ok: true, archiveNo, birthDate, sex };
}

/**
 * Masks an ID or passport number for logs, lists and the Temporal UI: the first 6 and last 4
 * characters stay (`110105********1234`); numbers shorter than 10 keep only the first and last 2.
 */
export function maskIdNumber(idNumber: string): string {
  const s = idNumber.trim();
  if (s.length >= 10) return s.slice(0, 6) + '*'.repeat(s.length - 10) + s.slice(-4);
  if (s.length >= 5) return s.slice(0, 1) + '*'.repeat(s.length - 3) + s.slice(-2);
  return '*'.repeat(s.length);
}

/** Masks a mobile number: `13812345678` → `138****5678`. */
export function maskPhone(phone: string): string {
  const s = phone.trim();
  if (s.length >= 8) return s.slice(0, 3) + '*'.repeat(s.length - 7) + s.slice(-4);
  if (s.length >= 3) return '*'.repeat(s.length - 2) + s.slice(-2);
  return '*'.repeat(s.length);
}

/** A name as an employer unit sees it: the first character, the rest hidden (张三 → 张*). */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(chars.length - 1);
}
