/**
 * The continuing-education import file (继续教育学时导入): its columns and its largest size, shared by the
 * import (records/continuing-education-file.ts), the API's body limit and the console's upload page. Pure.
 */

/** The largest file the API takes; bigger imports go through tools/import-continuing-education.ts. */
export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;

export const IMPORT_COLUMNS = ['archiveNo', 'year', 'course', 'credits', 'professional', 'provider', 'completedOn'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** Each column's name in the header row (either language is accepted) and what it holds. */
export const IMPORT_COLUMN_NAMES: Record<ImportColumn, { zh: string; en: string; rule: { zh: string; en: string } }> = {
  archiveNo: {
    zh: '档案号',
    en: 'Archive number',
    rule: { zh: '证件号码，须为本省已建档人员', en: 'the ID number of a person on record here' },
  },
  year: { zh: '年度', en: 'Year', rule: { zh: '四位年份', en: 'a four-digit year' } },
  course: { zh: '课程', en: 'Course', rule: { zh: '课程或培训内容', en: 'the course or its content' } },
  credits: { zh: '学分', en: 'Credits', rule: { zh: '数字，最多一位小数', en: 'a number with at most one decimal place' } },
  professional: { zh: '专业科目', en: 'Professional', rule: { zh: '“是”或“否”', en: '是/否 (yes/no)' } },
  provider: { zh: '培训单位', en: 'Provider', rule: { zh: '培训单位名称', en: 'who gave the course' } },
  completedOn: {
    zh: '完成日期',
    en: 'Completed on',
    rule: { zh: '年-月-日，且在该年度内', en: 'YYYY-MM-DD, within the year' },
  },
};
