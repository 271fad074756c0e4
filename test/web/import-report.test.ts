import { describe, expect, it } from 'vitest';
import { IMPORT_COLUMN_NAMES, IMPORT_COLUMNS } from '../../domain/continuing-education-import.ts';
import { readSheet } from '../../records/continuing-education-file.ts';
import { fieldName, rejectedRowsCsv, templateCsv } from '../../web/admin/import-report.ts';

const row = (over: Partial<Parameters<typeof rejectedRowsCsv>[0][number]> = {}) => ({
  row: 3,
  archiveNo: '110105199003071239',
  year: '2025',
  course: '职业道德',
  reason: 'bad-credits',
  field: 'credits' as const,
  detail: 'the credits are not valid: "abc" is not a number with at most one decimal place',
  detail_zh: '学分无效：“abc”不是最多一位小数的数字',
  ...over,
});

describe('the rejected rows of a continuing-education import, as the console downloads them', () => {
  it('names the column and the rule in Chinese, with a BOM for Excel', () => {
    const csv = rejectedRowsCsv([row(), row({ row: 4, field: null, reason: 'duplicate', detail_zh: '该记录已登记' })], 'zh');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).trim().split('\r\n')).toEqual([
      '行号,字段,档案号,年度,课程,原因',
      '3,学分,110105199003071239,2025,职业道德,学分无效：“abc”不是最多一位小数的数字',
      '4,整行,110105199003071239,2025,职业道德,该记录已登记',
    ]);
    expect(rejectedRowsCsv([row()], 'en')).toContain('Row,Field,Archive number');
  });

  it('keeps text from the file from starting a spreadsheet formula, and quotes what needs quoting', () => {
    const csv = rejectedRowsCsv([row({ course: '=HYPERLINK("http://x","点击")' }), row({ course: '税法, 培训' })], 'zh');
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""点击"")"`);
    expect(csv).toContain('"税法, 培训"');
  });

  it('has a name for every column and a template the import reads', async () => {
    for (const c of IMPORT_COLUMNS) expect(fieldName(c, 'zh')).toBe(IMPORT_COLUMN_NAMES[c].zh);
    expect(fieldName('nonsense' as never, 'zh')).toBe('未知');
    expect(templateCsv().slice(1).split('\r\n')[0]).toBe('档案号,年度,课程,学分,专业科目,培训单位,完成日期');
    const sheet = await readSheet(new TextEncoder().encode(templateCsv()));
    expect(sheet.rows).toEqual([{ row: 2, cells: expect.objectContaining({ course: '企业会计准则', professional: '是' }) }]);
  });
});
