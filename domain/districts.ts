/**
 * The provincial-level divisions and the districts a deployment serves, read from the JSON files in
 * `domain/regions/`. Static imports (not file reads) so the same code runs under tsx, vitest and the
 * Temporal workflow bundler.
 */
import beijing from './regions/districts/110000.json' with { type: 'json' };
import hebei from './regions/districts/130000.json' with { type: 'json' };
import provincesFile from './regions/provinces.json' with { type: 'json' };

export interface Province {
  code: string;
  zh: string;
  en: string;
  /** `residencePermit`: Hong Kong, Macao, Taiwan — codes that begin residence-permit citizen numbers. */
  kind: 'mainland' | 'residencePermit';
}

export interface District {
  code: string;
  zh: string;
  en: string;
  /** Prefecture-level city the district belongs to; absent in municipalities (Beijing, Tianjin, …). */
  prefecture?: string;
}

export interface DistrictList {
  province: string;
  zh: string;
  en: string;
  prefectures: readonly { code: string; zh: string; en: string }[];
  districts: readonly District[];
}

/** Provinces that have a district list; a deployment can serve only these. */
const DISTRICT_LISTS: Readonly<Record<string, DistrictList>> = {
  '110000': beijing,
  '130000': hebei,
};

const PROVINCES: readonly Province[] = provincesFile.provinces.map((p) => ({
  code: p.code,
  zh: p.zh,
  en: p.en,
  kind: p.kind === 'residencePermit' ? 'residencePermit' : 'mainland',
}));
const PROVINCE_BY_CODE = new Map(PROVINCES.map((p) => [p.code, p]));
const DISTRICT_SETS = new Map(Object.entries(DISTRICT_LISTS).map(([code, list]) => [code, new Set(list.districts.map((d) => d.code))]));

export class UnknownProvinceError extends Error {
  override name = 'UnknownProvinceError';
  constructor(readonly provinceCode: string) {
    const p = PROVINCE_BY_CODE.get(provinceCode);
    super(
      p
        ? `No district list for ${provinceCode} (${p.zh}, ${p.en}). Served provinces: ${servedProvinceCodes().join(', ')}. ` +
            `To serve it, add domain/regions/districts/${provinceCode}.json and register it in domain/districts.ts.`
        : `${JSON.stringify(provinceCode)} is not a provincial-level code of GB/T 2260 (six digits ending in 0000, e.g. 110000). ` +
            `Served provinces: ${servedProvinceCodes().join(', ')}.`,
    );
  }
}

/** The 31 mainland provincial-level divisions plus 810000 / 820000 / 830000 (HK, Macao, Taiwan permits). */
export function provinces(): readonly Province[] {
  return PROVINCES;
}

export function provinceOf(code: string): Province | undefined {
  return PROVINCE_BY_CODE.get(code);
}

/** Codes of the provinces this code base can be deployed for. */
export function servedProvinceCodes(): string[] {
  return Object.keys(DISTRICT_LISTS);
}

function listOf(provinceCode: string): DistrictList {
  const list = DISTRICT_LISTS[provinceCode];
  if (!list) throw new UnknownProvinceError(provinceCode);
  return list;
}

/** The current county-level divisions of a served province. Throws `UnknownProvinceError` otherwise. */
export function districtsOf(provinceCode: string): readonly District[] {
  return listOf(provinceCode).districts;
}

/** The prefecture-level cities of a served province (empty for municipalities). */
export function prefecturesOf(provinceCode: string): DistrictList['prefectures'] {
  return listOf(provinceCode).prefectures;
}

/** Whether `code` is one of the current districts of the served province `provinceCode`. */
export function isDistrictOf(provinceCode: string, code: string): boolean {
  listOf(provinceCode);
  return DISTRICT_SETS.get(provinceCode)?.has(code) ?? false;
}

export function districtOf(provinceCode: string, code: string): District | undefined {
  return listOf(provinceCode).districts.find((d) => d.code === code);
}
