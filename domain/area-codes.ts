/**
 * GB/T 2260 area codes as they appear at the start of ID numbers, read from `regions/area-codes.json`.
 * Old codes stay valid: an ID keeps the code of the place where it was first issued, even after
 * that district was merged away (e.g. 110103 崇文区, 110104 宣武区).
 */
import areaCodes from './regions/area-codes.json' with { type: 'json' };

const CODES: Readonly<Record<string, string>> = areaCodes.codes;
const COUNTY_COMPLETE = new Set(areaCodes.countyLevelComplete.map((c) => c.slice(0, 2)));
/** First four digits of every listed code below province level. */
const PREFIXES = new Set(
  Object.keys(CODES)
    .filter((c) => !c.endsWith('0000'))
    .map((c) => c.slice(0, 4)),
);

/** The codes that begin the citizen numbers on residence permits of HK, Macao and Taiwan residents. */
export const RESIDENCE_PERMIT_AREAS = { '810000': 'HKG', '820000': 'MAC', '830000': 'TWN' } as const;
export type ResidencePermitArea = keyof typeof RESIDENCE_PERMIT_AREAS;

export function isResidencePermitArea(code: string): code is ResidencePermitArea {
  return Object.hasOwn(RESIDENCE_PERMIT_AREAS, code);
}

/**
 * Whether a six-digit code is a real mainland area code (current or abolished). Provinces whose
 * county-level codes are all listed need an exact match; elsewhere the province and the prefecture
 * prefix (first four digits) must be real.
 */
export function isMainlandAreaCode(code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  const province = `${code.slice(0, 2)}0000`;
  if (!Object.hasOwn(CODES, province)) return false;
  if (Object.hasOwn(CODES, code)) return code !== province;
  if (COUNTY_COMPLETE.has(code.slice(0, 2))) return false;
  return !code.endsWith('00') && PREFIXES.has(code.slice(0, 4));
}

/** The name of a listed code (province, prefecture, or a county of a fully listed province). */
export function areaName(code: string): string | undefined {
  return Object.hasOwn(CODES, code) ? CODES[code] : undefined;
}
