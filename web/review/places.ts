/** Provinces and districts by name, as the reviewer's pages show where a person comes from or goes. */
import { districtOf, provinceOf, servedProvinceCodes } from '../../domain/districts.ts';
import type { Lang } from '../lib/labels.ts';

export interface Place {
  provinceCode: string | null;
  districtCode: string | null;
}

export function placeLabel(place: Place, lang: Lang): string {
  const province = place.provinceCode ? provinceOf(place.provinceCode) : undefined;
  // The districts of provinces this code base does not serve are not listed: those show the province only.
  const served = place.provinceCode !== null && servedProvinceCodes().includes(place.provinceCode);
  const district = served && place.districtCode ? districtOf(place.provinceCode!, place.districtCode) : undefined;
  const name = (e: { zh: string; en: string } | undefined) => (e ? (lang === 'zh' ? e.zh : e.en) : '');
  return [name(province), name(district)].filter(Boolean).join(lang === 'zh' ? '' : ', ') || (lang === 'zh' ? '未知' : 'Unknown');
}
