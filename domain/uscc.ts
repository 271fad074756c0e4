/**
 * GB 32100-2015 unified social credit code (统一社会信用代码) of a work unit:
 * 1 registration authority, 1 organisation type, 6-digit area code of the registering authority,
 * 9-character organisation code (GB 11714), 1 check character (GB/T 17710, MOD 31).
 */
import { violation, type Problem, type RuleViolation } from './rules.ts';

/** The 31 characters of the code: digits and capitals without I, O, Z, S, V. */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** 3^(i) mod 31 for positions 1–17. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** Registration authority (1st character) → its organisation types (2nd character). */
export const USCC_AUTHORITIES: Readonly<Record<string, { zh: string; en: string; types: Readonly<Record<string, string>> }>> = {
  '1': {
    zh: '机构编制',
    en: 'Institutional staffing',
    types: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' },
  },
  '2': { zh: '外交', en: 'Foreign affairs', types: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': {
    zh: '司法行政',
    en: 'Justice',
    types: { '1': '律师执业机构', '2': '公证处', '3': '基层法律服务所', '4': '司法鉴定机构', '5': '仲裁委员会', '9': '其他' },
  },
  '4': { zh: '文化', en: 'Culture', types: { '1': '外国在华文化中心', '9': '其他' } },
  '5': { zh: '民政', en: 'Civil affairs', types: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' } },
  '6': {
    zh: '旅游',
    en: 'Tourism',
    types: { '1': '外国旅游部门常驻代表机构', '2': '港澳台地区旅游部门常驻内地（大陆）代表机构', '9': '其他' },
  },
  '7': { zh: '宗教', en: 'Religious affairs', types: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { zh: '工会', en: 'Trade unions', types: { '1': '基层工会', '9': '其他' } },
  '9': { zh: '工商（市场监管）', en: 'Market regulation', types: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  A: { zh: '中央军委改革和编制办公室', en: 'Central Military Commission staffing office', types: { '1': '军队事业单位', '9': '其他' } },
  N: { zh: '农业', en: 'Agriculture', types: { '1': '组级集体经济组织', '2': '村级集体经济组织', '3': '乡镇级集体经济组织', '9': '其他' } },
  Y: { zh: '其他', en: 'Other', types: { '1': '其他' } },
};

/** The check character of the first 17 characters. */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17) throw new Error(`expected 17 characters, got ${first17.length}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARSET.indexOf(first17[i]!);
    if (v < 0) throw new Error(`${JSON.stringify(first17[i])} is not a USCC character`);
    sum += v * WEIGHTS[i]!;
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31]!;
}

/** GB 11714 check character of an 8-character organisation code body. */
export function orgCodeCheckChar(body8: string): string {
  const w = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body8[i]!;
    const v = /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55;
    sum += v * w[i]!;
  }
  const r = 11 - (sum % 11);
  return r === 10 ? 'X' : r === 11 ? '0' : String(r);
}

export function normalizeUscc(code: string): string {
  return code.trim().toUpperCase();
}

/** What is wrong with a code, in the order a person would fix it; empty when valid. */
export function usccProblems(code: string): Problem[] {
  const c = normalizeUscc(code);
  if (c.length !== 18) {
    return [
      {
        rule: 'uscc.format',
        text: {
          zh: `统一社会信用代码应为18位（当前为${c.length}位），请对照营业执照或登记证书填写`,
          en: `a unified social credit code has 18 characters (this one has ${c.length}); copy it from the business licence or registration certificate`,
        },
      },
    ];
  }
  const bad = [...c].filter((ch) => !USCC_CHARSET.includes(ch));
  if (bad.length > 0) {
    return [
      {
        rule: 'uscc.format',
        text: {
          zh: `含有不允许的字符“${[...new Set(bad)].join('')}”：代码只用数字和大写字母，且不用I、O、Z、S、V（常见错误：把数字0写成字母O）`,
          en: `contains "${[...new Set(bad)].join('')}": the code uses digits and capital letters except I, O, Z, S, V (a common slip is the letter O for the digit 0)`,
        },
      },
    ];
  }
  const problems: Problem[] = [];
  const authority = USCC_AUTHORITIES[c[0]!];
  if (!authority?.types[c[1]!]) {
    problems.push({
      rule: 'uscc.authority',
      text: {
        zh: `前两位“${c.slice(0, 2)}”不是有效的登记管理部门和机构类别组合（如企业为91，事业单位为12，社会团体为51）`,
        en: `the first two characters "${c.slice(0, 2)}" are not a valid registration authority and organisation type (enterprises start with 91, public institutions 12, social organisations 51)`,
      },
    });
  }
  if (!/^\d{6}$/.test(c.slice(2, 8))) {
    problems.push({
      rule: 'uscc.areaCode',
      text: {
        zh: `第3–8位“${c.slice(2, 8)}”应为登记机关的6位数字行政区划代码`,
        en: `characters 3–8 "${c.slice(2, 8)}" must be the six-digit area code of the registering authority`,
      },
    });
  }
  if (usccCheckChar(c.slice(0, 17)) !== c[17]) {
    problems.push({
      rule: 'uscc.checksum',
      text: {
        zh: '最后一位校验码与前17位不符，代码可能抄错，请对照营业执照逐位核对',
        en: 'the last (check) character does not match the first 17, so a character is probably mistyped; compare it with the business licence',
      },
    });
  }
  return problems;
}

/** Checks a work unit's code; violations are placed at `path` (default `work.unitCreditCode`). */
export function checkUscc(
  code: string,
  path = 'work.unitCreditCode',
): { ok: true; code: string } | { ok: false; violations: RuleViolation[] } {
  const problems = usccProblems(code);
  if (problems.length > 0) return { ok: false, violations: problems.map((p) => violation(p.rule, path, p.text)) };
  return { ok: true, code: normalizeUscc(code) };
}

export interface UsccParts {
  /** Registration authority, default `9` (market regulation). */
  authority?: string;
  /** Organisation type, default `1` (enterprise). */
  orgType?: string;
  /** Six-digit area code of the registering authority, default `110105`. */
  areaCode?: string;
  /** Organisation code: 8 characters (its GB 11714 check character is added) or all 9. */
  orgCode: string;
}

/** Builds a valid code from its parts, computing the check characters. */
export function makeUscc({ authority = '9', orgType = '1', areaCode = '110105', orgCode }: UsccParts): string {
  const org = orgCode.length === 8 ? orgCode + orgCodeCheckChar(orgCode) : orgCode;
  const first17 = `${authority}${orgType}${areaCode}${org}`;
  if (first17.length !== 17) throw new Error(`parts make ${first17.length} characters, not 17`);
  return first17 + usccCheckChar(first17);
}
