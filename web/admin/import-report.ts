/** The rejected rows of a continuing-education import as the console shows and downloads them. */
import { IMPORT_COLUMN_NAMES, IMPORT_COLUMNS, type ImportColumn } from '../../domain/continuing-education-import.ts';
import { csvOf } from '../lib/csv.ts';
import type { Lang } from '../lib/labels.ts';
import type { RejectedImportRow } from './queries.ts';

/** The column a row was refused for, by name; the whole row when it repeats a record. */
export function fieldName(field: RejectedImportRow['field'], lang: Lang): string {
  if (!field) return lang === 'zh' ? '整行' : 'Whole row';
  return IMPORT_COLUMN_NAMES[field as ImportColumn]?.[lang] ?? (lang === 'zh' ? '未知' : 'Unknown');
}

export const ruleMessage = (r: RejectedImportRow, lang: Lang) => (lang === 'zh' ? r.detail_zh : r.detail);

/** The report to download: row, column, the row's identifying cells and the rule it broke. */
export function rejectedRowsCsv(rows: RejectedImportRow[], lang: Lang): string {
  const header =
    lang === 'zh' ? ['行号', '字段', '档案号', '年度', '课程', '原因'] : ['Row', 'Field', 'Archive number', 'Year', 'Course', 'Reason'];
  return csvOf([header, ...rows.map((r) => [r.row, fieldName(r.field, lang), r.archiveNo, r.year, r.course, ruleMessage(r, lang)])]);
}

/** A template: the header row in Chinese and one example row. */
export function templateCsv(): string {
  const year = new Date().getFullYear() - 1;
  const example: Record<ImportColumn, string> = {
    archiveNo: '110105198503120019',
    year: String(year),
    course: '企业会计准则',
    credits: '10',
    professional: '是',
    provider: '北京国家会计学院',
    completedOn: `${year}-03-01`,
  };
  return csvOf([IMPORT_COLUMNS.map((c) => IMPORT_COLUMN_NAMES[c].zh), IMPORT_COLUMNS.map((c) => example[c])]);
}
