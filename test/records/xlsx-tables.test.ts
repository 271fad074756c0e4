/**
 * An .xlsx upload is read as a stream (records/archive-import.ts xlsxTables), and the order of a zip's entries is
 * free: exceljs's own writer puts xl/workbook.xml, where the worksheets' names are, before or after the worksheets
 * from one run to the next. Both orders read the same.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { xlsxTables } from '../../records/archive-import.ts';

async function workbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const people = wb.addWorksheet('人员');
  people.addRow(['idNumber', 'name']);
  people.addRow(['110105199001011234', '张伟']);
  people.addRow([]);
  people.addRow(['110105199202022345', '李娜']);
  wb.addWorksheet('说明').addRow(['这一页不导入']);
  const education = wb.addWorksheet('education');
  education.addRow(['idNumber', 'school']);
  education.addRow(['110105199001011234', '中央财经大学']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The same workbook with its entries in the order given first, the rest after them. */
async function reordered(bytes: Buffer, first: (path: string) => number): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const paths = Object.keys(zip.files).filter((p) => !zip.files[p]!.dir);
  const out = new JSZip();
  for (const p of [...paths].sort((a, b) => first(a) - first(b))) out.file(p, await zip.file(p)!.async('uint8array'));
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

async function read(bytes: Buffer) {
  const tables: Record<string, string[][]> = {};
  for await (const { sheet, rows } of xlsxTables(bytes)) {
    tables[sheet] = [];
    for await (const r of rows) tables[sheet].push(r.filter((c) => c !== ''));
  }
  return tables;
}

describe('reading an .xlsx upload as a stream', () => {
  it('reads every worksheet by its name whether xl/workbook.xml and the shared strings come before the worksheets or after them', async () => {
    const bytes = await workbook();
    const expected = {
      people: [['idNumber', 'name'], ['110105199001011234', '张伟'], [], ['110105199202022345', '李娜']],
      education: [
        ['idNumber', 'school'],
        ['110105199001011234', '中央财经大学'],
      ],
    };
    const workbookFirst = await reordered(bytes, (p) => (p === 'xl/workbook.xml' ? 0 : p.includes('worksheets/') ? 2 : 1));
    const workbookLast = await reordered(bytes, (p) => (p === 'xl/workbook.xml' ? 3 : p.includes('worksheets/') ? 2 : 1));
    // Excel's own order: the shared strings after the worksheets.
    const stringsLast = await reordered(bytes, (p) => (p === 'xl/sharedStrings.xml' ? 3 : p.includes('worksheets/') ? 2 : 1));
    const zipOrder = async (b: Buffer) => Object.keys((await JSZip.loadAsync(b)).files);
    expect((await zipOrder(workbookLast)).at(-1)).toBe('xl/workbook.xml');
    expect((await zipOrder(workbookLast)).indexOf('xl/sharedStrings.xml')).toBeLessThan(
      (await zipOrder(workbookLast)).findIndex((p) => p.includes('worksheets/sheet')),
    );
    expect(await read(workbookFirst)).toEqual(expected);
    expect(await read(workbookLast)).toEqual(expected);
    expect(await read(stringsLast)).toEqual(expected);
  });
});
