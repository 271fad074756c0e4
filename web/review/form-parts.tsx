/** The request's form, part by part, each field a row the reviewer can return with a reason. */
import { Descriptions, Space } from 'antd';
import type { ReactNode } from 'react';
import { BASIC, EDUCATION, QUALIFICATION, STUDENT, WORK } from '../applicant/form-summary.tsx';
import { nameOfPath } from '../applicant/field-names.ts';
import { useDistricts, useProvinces } from '../applicant/queries.ts';
import { useI18n } from '../lib/i18n.tsx';
import type { LabelSet } from '../lib/labels.ts';
import { type ReturnControls, ReturnToggle } from './return-toggle.tsx';

/** The label set of each coded field, by its path with list indexes as `*`. */
const CODED = new Map<string, LabelSet>([
  ['situation', 'situations'],
  ['district.basis', 'districtBases'],
  ['transfer.idType', 'idTypes'],
  ['transfer.nationality', 'nationalities'],
  ['move.district.basis', 'districtBases'],
  ...[
    ['basic', BASIC],
    ['education.*', EDUCATION],
    ['work', WORK],
    ['student', STUDENT],
    ['qualifications.*', QUALIFICATION],
  ].flatMap(([part, rows]) => (rows as typeof BASIC).filter((r) => r[3]).map((r) => [`${part}.${r[0]}`, r[3] as LabelSet] as const)),
]);

/** Parts in the order the applicant fills them in; any other part follows. */
const ORDER = ['situation', 'basic', 'education', 'work', 'student', 'qualifications', 'district', 'contact', 'transfer', 'move'];

interface Row {
  path: string;
  value: unknown;
}

interface Group {
  title: string;
  rows: Row[];
  key: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The groups shown: one per part, one per list entry (学历 1, 学历 2…); scalar parts together. */
function groupsOf(form: Record<string, unknown>, title: (path: string) => string): Group[] {
  const parts = Object.keys(form).sort((a, b) => rank(a) - rank(b));
  const loose: Row[] = [];
  const groups: Group[] = [];
  for (const part of parts) {
    const value = form[part];
    if (Array.isArray(value) && value.every(isRecord)) {
      value.forEach((entry, i) => {
        groups.push({ key: `${part}.${i}`, title: title(`${part}.${i}`), rows: rowsOf(entry, `${part}.${i}`) });
      });
    } else if (isRecord(value)) {
      groups.push({ key: part, title: title(part), rows: rowsOf(value, part) });
    } else if (value !== undefined) {
      loose.push({ path: part, value });
    }
  }
  return loose.length ? [{ key: '(form)', title: '', rows: loose }, ...groups] : groups;
}

const rank = (part: string) => (ORDER.includes(part) ? ORDER.indexOf(part) : ORDER.length);

function rowsOf(value: Record<string, unknown>, prefix: string): Row[] {
  return Object.entries(value).map(([key, v]) => ({ path: `${prefix}.${key}`, value: v }));
}

export function FormParts({ form, controls }: { form: Record<string, unknown>; controls: ReturnControls }) {
  const { t, label, lang } = useI18n();
  const districts = useDistricts();
  const provinces = useProvinces();
  const nameIn = (list: { code: string; zh: string; en: string }[] | undefined, code: string) => {
    const d = list?.find((x) => x.code === code);
    return d ? d[lang] : code;
  };
  const show = (path: string, value: unknown): ReactNode => {
    if (value == null || value === '') return '—';
    const generic = path.replace(/\.\d+(?=\.|$)/g, '.*');
    const key = path.split('.').pop() ?? path;
    const set = CODED.get(generic);
    const one = (v: unknown): string => {
      if (typeof v === 'boolean') return v ? t('是', 'Yes') : t('否', 'No');
      if (isRecord(v)) return Object.values(v).map(one).join(' ');
      const s = String(v);
      if (set) return label(set, s);
      if (key === 'district' || key === 'code' || key.endsWith('District')) return nameIn(districts.data?.districts, s);
      if (key.endsWith('Province')) return nameIn(provinces.data, s);
      return s;
    };
    return Array.isArray(value) ? value.map(one).join('、') : one(value);
  };
  const title = (path: string) => {
    const [part, index] = path.split('.');
    const name =
      label('formParts', part) === '未知' || label('formParts', part) === 'Unknown' ? nameOfPath(path, lang) : label('formParts', part);
    return index === undefined ? name : `${name} ${Number(index) + 1}`;
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="review-form">
      {groupsOf(form, title).map((g) => (
        <Descriptions
          key={g.key}
          title={g.title || undefined}
          size="small"
          bordered
          column={1}
          styles={{ label: { width: 200 } }}
          items={g.rows.map((r) => ({
            key: r.path,
            label: nameOfPath(r.path, lang),
            children: (
              <div data-testid={`field-${r.path}`} style={{ display: 'flex', gap: 16, alignItems: 'flex-start' }}>
                <div style={{ flex: 1, wordBreak: 'break-all' }}>{show(r.path, r.value)}</div>
                <div style={{ flex: 1, maxWidth: 360 }}>
                  <ReturnToggle path={r.path} target="field" controls={controls} />
                </div>
              </div>
            ),
          }))}
        />
      ))}
    </Space>
  );
}
