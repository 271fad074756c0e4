/**
 * Exports of statistics and person lists: Excel (.xlsx) and CSV (UTF-8 with a byte-order mark, so Excel
 * shows the Chinese text). Person lists are streamed, a chunk of rows at a time, so an export of a
 * whole province never sits in memory; their ID and mobile numbers are masked as in the lists.
 */
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { educationLevels, idTypes, qualificationLevels, sexes } from '../../domain/enums.ts';
import type { PersonListItem } from './search.ts';
import type { statistics } from './counts.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv; charset=utf-8';
export const BOM = '\uFEFF';

type Statistics = Awaited<ReturnType<typeof statistics>>;
type Cell = string | number;

/**
 * One CSV cell. Text that Excel would run as a formula (starting with = + - @) is prefixed with an
 * apostrophe: names and unit names come from applicants.
 */
export function csvCell(v: Cell | null | undefined): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
const csvLine = (cells: (Cell | null | undefined)[]) => `${cells.map(csvCell).join(',')}\r\n`;

// ---------------------------------------------------------------- statistics

export const STATISTICS_HEADER = ['分类 Category', '代码 Code', '名称', 'Name', '数量 Count'];

/** The statistics as one table: a row per count, grouped by what is counted. */
export function statisticsRows(s: Statistics): Cell[][] {
  const rows: Cell[][] = [];
  const list = (category: string, entries: { code: string; zh: string; en: string; count: number }[]) => {
    for (const e of entries) rows.push([category, e.code, e.zh, e.en, e.count]);
  };
  if (s.people) {
    rows.push(['人员 People', 'total', '在册人员', 'Active people', s.people.total]);
    rows.push(['人员 People', 'transferredOut', '已调出', 'Transferred out', s.people.transferredOut]);
    list('区县 District', s.people.byDistrict);
    list('性别 Sex', s.people.bySex);
    list('年龄段 Age band', s.people.byAgeBand);
    list('最高专业技术资格 Highest qualification', s.people.byQualificationLevel);
    list('最高学历 Highest education', s.people.byEducationLevel);
  }
  if (s.requests) {
    rows.push(['申请 Requests', 'total', '申请总数', 'Requests', s.requests.total]);
    list('申请类型 Request kind', s.requests.byKind);
    list('申请状态 Request state', s.requests.byState);
    rows.push(['逾期 Overdue', 'overdueReviews', '逾期未审核', 'Reviews overdue', s.requests.overdueReviews]);
    rows.push(['逾期 Overdue', 'overdueDestinations', '调入地逾期未确认', 'Destinations overdue', s.requests.overdueDestinations]);
  }
  if (s.continuingEducation) {
    const ce = s.continuingEducation;
    const category = `继续教育 ${ce.year} Continuing education`;
    rows.push([category, 'people', '应参加人数', 'People', ce.people]);
    rows.push([category, 'withRecords', '有学分记录', 'With records', ce.withRecords]);
    rows.push([category, 'complete', '达标', 'Complete', ce.complete]);
    rows.push([category, 'shortOfCredits', '学分不足', 'Short of credits', ce.shortOfCredits]);
    rows.push([category, 'shortOfProfessionalShare', '专业科目学分不足三分之二', 'Professional share short', ce.shortOfProfessionalShare]);
    rows.push([category, 'noRecords', '无记录', 'No records', ce.noRecords]);
  }
  return rows;
}

export function statisticsCsv(s: Statistics): string {
  return BOM + csvLine(STATISTICS_HEADER) + statisticsRows(s).map(csvLine).join('');
}

export async function statisticsXlsx(s: Statistics): Promise<Uint8Array<ArrayBuffer>> {
  const wb = new ExcelJS.Workbook();
  wb.created = new Date(s.asOf);
  const sheet = wb.addWorksheet('统计 Statistics');
  sheet.addRow(STATISTICS_HEADER).font = { bold: true };
  for (const r of statisticsRows(s)) sheet.addRow(r);
  sheet.columns.forEach((c, i) => (c.width = [28, 22, 24, 28, 12][i]));
  const about = wb.addWorksheet('说明 About');
  about.addRow(['省份 Province', s.scope.provinceCode]);
  about.addRow(['区县 District', s.scope.districtCode ?? '全部 all']);
  about.addRow(['统计时间 As of', s.asOf]);
  about.addRow(['日期 Date (China)', s.today]);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

// ---------------------------------------------------------------- person lists

export const PEOPLE_HEADER = [
  '姓名 Name',
  '档案号 Archive no.',
  '证件类型 ID type',
  '性别 Sex',
  '区县代码 District',
  '区县',
  '工作单位 Work unit',
  '最高专业技术资格 Qualification',
  '最高学历 Education',
  '手机 Mobile',
  '状态 Status',
];

const zhOf = (list: readonly { code: string; zh: string }[], code: string | null) =>
  code === null ? '' : (list.find((e) => e.code === code)?.zh ?? code);
const STATUS_ZH: Record<string, string> = { active: '在册', transferredOut: '已调出' };

export function personRow(p: PersonListItem): Cell[] {
  return [
    p.name,
    p.archiveNo,
    zhOf(idTypes, p.idType),
    zhOf(sexes, p.sex),
    p.districtCode,
    p.districtName ?? '',
    p.unitName ?? '',
    zhOf(qualificationLevels, p.qualificationLevel),
    zhOf(educationLevels, p.educationLevel),
    p.mobile,
    STATUS_ZH[p.status] ?? p.status,
  ];
}

/** CSV of every chunk the generator yields, streamed. */
export function peopleCsvStream(chunks: AsyncIterable<PersonListItem[]>): ReadableStream<Uint8Array> {
  const utf8 = new TextEncoder();
  async function* lines() {
    yield utf8.encode(BOM + csvLine(PEOPLE_HEADER));
    for await (const chunk of chunks) yield utf8.encode(chunk.map((p) => csvLine(personRow(p))).join(''));
  }
  return Readable.toWeb(Readable.from(lines())) as ReadableStream<Uint8Array>;
}

/**
 * An .xlsx workbook of every chunk, written row by row as the rows arrive (ExcelJS's streaming writer:
 * a committed row is compressed into the zip and gone). The next chunk is read only once the reader
 * has taken what is written, so memory holds a chunk or two whatever the number of rows.
 */
export function peopleXlsxStream(chunks: AsyncIterable<PersonListItem[]>, onError: (e: unknown) => void): ReadableStream<Uint8Array> {
  const out = new PassThrough({ highWaterMark: 256 * 1024 });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = wb.addWorksheet('人员 People');
  void (async () => {
    sheet.addRow(PEOPLE_HEADER).commit();
    for await (const chunk of chunks) {
      for (const p of chunk) sheet.addRow(personRow(p)).commit();
      // Wait for the reader (or its going away: a closed download ends the loop).
      while (out.writableNeedDrain && !out.destroyed) await Promise.race([once(out, 'drain'), once(out, 'close')]);
      if (out.destroyed) return;
    }
    sheet.commit();
    await wb.commit();
  })().catch((e) => {
    onError(e);
    out.destroy(e instanceof Error ? e : new Error(String(e)));
  });
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}
