/** The name of a field or material a reviewer returned, in words (never the path itself when a name is known). */
import { fieldLabel } from '../../domain/rules.ts';
import type { Lang } from '../lib/i18n.tsx';
import { label } from '../lib/labels.ts';

const TRANSFER: Record<string, { zh: string; en: string }> = {
  'transfer.toProvince': { zh: '调出地区', en: 'Destination province' },
  'transfer.toDistrict': { zh: '调入地的区县', en: 'District there' },
  'transfer.fromProvince': { zh: '当前所属地', en: 'Province keeping the record' },
  'transfer.district': { zh: '调入地区', en: 'District here' },
  'transfer.idNumber': { zh: '证件号码', en: 'ID number' },
  'transfer.idType': { zh: '证件类型', en: 'ID type' },
  'transfer.nationality': { zh: '国籍/地区', en: 'Nationality' },
  'transfer.reason': { zh: '调转原因', en: 'Reason' },
  'move.district': { zh: '调入区', en: 'New district' },
  'move.reason': { zh: '调转原因', en: 'Reason' },
};

export function nameOfPath(path: string, lang: Lang): string {
  if (path === 'materials') return lang === 'zh' ? '材料' : 'Materials';
  if (path.startsWith('materials.')) return label('materialKinds', path.slice('materials.'.length), lang);
  const known = TRANSFER[path] ?? TRANSFER[path.split('.').slice(0, 2).join('.')];
  if (known) return known[lang];
  if (!path.includes('.') && label('formParts', path, 'en') !== 'Unknown') return label('formParts', path, lang);
  const l = fieldLabel(path);
  return lang === 'zh' ? l.zh : l.en;
}
