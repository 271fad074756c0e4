/**
 * Bulk import of continuing-education records (继续教育学时导入) from CSV or Excel, shared by the admin
 * endpoint and `tools/import-continuing-education.ts`. Valid rows are imported; every rejected row is
 * reported with its reason. Importing the same file twice imports nothing new (every row is a duplicate).
 */
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Db } from '../clients/db.ts';
import type { PersonalData } from '../clients/personal-data.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { creditsInTenths } from '../domain/continuing-education.ts';
import { IMPORT_COLUMN_NAMES, IMPORT_COLUMNS, type ImportColumn } from '../domain/continuing-education-import.ts';
import { isIsoDate, type IsoDate } from '../domain/dates.ts';
import { normalizeIdNumber } from '../domain/identity.ts';
import {
  continuingEducationKey,
  makeContinuingEducationEntrySchema,
  type ContinuingEducationEntry,
} from '../domain/schemas/continuing-education.ts';

export const COLUMNS = IMPORT_COLUMNS;
export type Column = ImportColumn;

/** Header names accepted for each column, English or Chinese, compared without case, spaces or underscores. */
const HEADERS: Record<Column, string[]> = {
  archiveNo: ['archiveno', 'idnumber', '档案号', '证件号码', '身份证号', '身份证号码'],
  year: ['year', '年度'],
  course: ['course', '课程', '课程名称', '课程/内容', '培训内容'],
  credits: ['credits', '学分'],
  professional: ['professional', 'category', '专业科目', '科目类别', '科目'],
  provider: ['provider', '培训单位', '培训机构'],
  completedOn: ['completedon', 'date', '完成日期', '日期', '培训日期'],
};
const COLUMN_ZH = Object.fromEntries(COLUMNS.map((c) => [c, IMPORT_COLUMN_NAMES[c].zh])) as Record<Column, string>;

const PROFESSIONAL: Record<string, boolean> = {
  是: true,
  否: false,
  专业: true,
  专业科目: true,
  公需: false,
  公需科目: false,
  true: true,
  false: false,
  yes: true,
  no: false,
  y: true,
  n: false,
  '1': true,
  '0': false,
  professional: true,
  general: false,
};

/** A file that cannot be read as a table at all (as opposed to bad rows, which are reported). */
export class ImportFileError extends Error {
  constructor(
    readonly code: string,
    readonly en: string,
    readonly zh: string,
  ) {
    super(en);
  }
}

export interface SheetRow {
  /** 1-based row of the file; row 1 is the header. */
  row: number;
  cells: Record<Column, string>;
}

export const REJECT_REASONS = {
  'missing-fields': { en: 'required fields are empty', zh: '必填项为空' },
  'unknown-archive-number': { en: 'no person with this archive number is collected in this province', zh: '本省没有该档案号的人员' },
  'record-not-active': { en: 'the person has been transferred out; the record is read-only', zh: '该人员已调出，信息只读' },
  'bad-year': { en: 'the year is not valid', zh: '年度无效' },
  'bad-credits': { en: 'the credits are not valid', zh: '学分无效' },
  'bad-professional': { en: 'professional must be 是/否 (yes/no)', zh: '专业科目应填写“是”或“否”' },
  'bad-date': { en: 'the completion date is not valid', zh: '完成日期无效' },
  'date-not-in-year': { en: 'the completion date is not in the year', zh: '完成日期不在该年度内' },
  'bad-text': { en: 'a text field is empty or too long', zh: '文字内容为空或过长' },
  'duplicate-in-file': { en: 'the same record appears earlier in the file', zh: '文件中前面已有相同记录' },
  duplicate: { en: 'this record is already recorded', zh: '该记录已登记' },
} as const;
export type RejectReason = keyof typeof REJECT_REASONS;

export interface RejectedRow {
  row: number;
  archiveNo: string;
  year: string;
  course: string;
  reason: RejectReason;
  /** The column at fault; null when the row as a whole is (a duplicate). */
  field: Column | null;
  detail: string;
  detail_zh: string;
}

export interface ImportReport {
  format: 'csv' | 'xlsx';
  total: number;
  imported: number;
  rejected: number;
  people: number;
  rows: RejectedRow[];
}

const headerKey = (h: string) => h.trim().toLowerCase().replace(/[\s_]/g, '');

export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellText((v as { result: ExcelJS.CellValue }).result);
    return '';
  }
  return String(v);
}

/** Reads the first sheet of an .xlsx file, or a CSV file (UTF-8, with or without BOM), by its bytes. */
export async function readSheet(bytes: Uint8Array): Promise<{ format: 'csv' | 'xlsx'; rows: SheetRow[] }> {
  let table: string[][];
  let format: 'csv' | 'xlsx';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    format = 'xlsx';
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
    } catch {
      throw new ImportFileError(
        'import-unreadable',
        'The file is not a readable Excel workbook (.xlsx)',
        '文件不是可读取的 Excel 工作簿（.xlsx）',
      );
    }
    const sheet = wb.worksheets[0];
    table = [];
    sheet?.eachRow({ includeEmpty: true }, (row, n) => {
      const values = row.values as ExcelJS.CellValue[];
      table[n - 1] = values.slice(1).map(cellText);
    });
    for (let i = 0; i < table.length; i++) table[i] ??= [];
  } else {
    format = 'csv';
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new ImportFileError(
        'import-unreadable',
        'The CSV file is not UTF-8 text; save it as "CSV UTF-8"',
        'CSV 文件不是 UTF-8 编码，请另存为“CSV UTF-8”格式',
      );
    }
    try {
      table = parseCsv(text, { bom: true, relax_column_count: true, skip_empty_lines: false, trim: true }) as string[][];
    } catch (e) {
      throw new ImportFileError(
        'import-unreadable',
        `The CSV file cannot be read: ${(e as Error).message}`,
        `CSV 文件无法读取：${(e as Error).message}`,
      );
    }
  }

  const headerAt = table.findIndex((r) => r.some((c) => c.trim() !== ''));
  if (headerAt < 0) throw new ImportFileError('import-empty', 'The file has no rows', '文件中没有数据');
  const header = table[headerAt]!.map(headerKey);
  const index = {} as Record<Column, number>;
  const missing: Column[] = [];
  for (const col of COLUMNS) {
    const i = header.findIndex((h) => HEADERS[col].includes(h));
    if (i < 0) missing.push(col);
    else index[col] = i;
  }
  if (missing.length) {
    throw new ImportFileError(
      'import-columns-missing',
      `The header row lacks the columns ${missing.join(', ')} (expected: ${COLUMNS.join(', ')})`,
      `表头缺少以下列：${missing.map((c) => COLUMN_ZH[c]).join('、')}（应有：${COLUMNS.map((c) => COLUMN_ZH[c]).join('、')}）`,
    );
  }
  const rows: SheetRow[] = [];
  for (let i = headerAt + 1; i < table.length; i++) {
    const r = table[i]!;
    if (!r.some((c) => c.trim() !== '')) continue;
    const cells = Object.fromEntries(COLUMNS.map((c) => [c, (r[index[c]] ?? '').trim()])) as Record<Column, string>;
    rows.push({ row: i + 1, cells });
  }
  return { format, rows };
}

export type Parsed =
  | { ok: true; archiveNo: string; entry: ContinuingEducationEntry }
  | { ok: false; reason: RejectReason; field: Column; detail?: { en: string; zh: string } };

/** `2024/3/5` and `2024-03-05` alike become `2024-03-05`. */
function isoDateOf(s: string): string | null {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

export function parseRow(cells: Record<Column, string>, schema: ReturnType<typeof makeContinuingEducationEntrySchema>): Parsed {
  const empty = COLUMNS.filter((c) => cells[c] === '');
  if (empty.length) {
    return {
      ok: false,
      reason: 'missing-fields',
      field: empty[0]!,
      detail: { en: `empty: ${empty.join(', ')}`, zh: `为空：${empty.map((c) => COLUMN_ZH[c]).join('、')}` },
    };
  }
  if (!/^\d{4}$/.test(cells.year))
    return {
      ok: false,
      reason: 'bad-year',
      field: 'year',
      detail: { en: `"${cells.year}" is not a four-digit year`, zh: `“${cells.year}”不是四位年份` },
    };
  if (creditsInTenths(cells.credits) === null) {
    return {
      ok: false,
      reason: 'bad-credits',
      field: 'credits',
      detail: { en: `"${cells.credits}" is not a number with at most one decimal place`, zh: `“${cells.credits}”不是最多一位小数的数字` },
    };
  }
  const professional = PROFESSIONAL[cells.professional.toLowerCase()];
  if (professional === undefined) return { ok: false, reason: 'bad-professional', field: 'professional' };
  const completedOn = isoDateOf(cells.completedOn);
  if (!completedOn)
    return {
      ok: false,
      reason: 'bad-date',
      field: 'completedOn',
      detail: { en: `"${cells.completedOn}" is not a date (YYYY-MM-DD)`, zh: `“${cells.completedOn}”不是有效日期（年-月-日）` },
    };
  const parsed = schema.safeParse({
    year: Number(cells.year),
    course: cells.course,
    credits: Number(cells.credits),
    professional,
    provider: cells.provider,
    completedOn,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const params = (issue as { params?: { rule?: string; en?: string; zh?: string } }).params;
    const field = String(issue.path[0] ?? '');
    const reason: RejectReason =
      params?.rule === 'continuingEducation.dateInYear'
        ? 'date-not-in-year'
        : field === 'year'
          ? 'bad-year'
          : field === 'credits'
            ? 'bad-credits'
            : field === 'completedOn'
              ? 'bad-date'
              : 'bad-text';
    return {
      ok: false,
      reason,
      field: (COLUMNS as readonly string[]).includes(field) ? (field as Column) : 'course',
      detail: params?.en && params.zh ? { en: params.en, zh: params.zh } : { en: `${field}: ${issue.message}`, zh: `${field}：内容无效` },
    };
  }
  return { ok: true, archiveNo: normalizeIdNumber(cells.archiveNo), entry: parsed.data };
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const CHUNK = 500;

/**
 * Imports the rows: each is checked (fields, archive number of a person active here, year, credits,
 * date, duplicates in the file and in the database); valid ones are written in chunks, each chunk in
 * one transaction with one history row per person. `onProgress` is told how many rows are settled.
 * People are found by the keyed hash of their archive number.
 */
export async function importContinuingEducation(
  db: Db,
  personalData: PersonalData,
  sheet: { format: 'csv' | 'xlsx'; rows: SheetRow[] },
  opts: { today: IsoDate; actorId: string | null; fileName?: string; onProgress?: (settled: number, total: number) => void },
): Promise<ImportReport & { personIds: string[] }> {
  const schema = makeContinuingEducationEntrySchema({ today: opts.today });
  const total = sheet.rows.length;
  const rejected: RejectedRow[] = [];
  const reject = (r: SheetRow, reason: RejectReason, field: Column | null, detail?: { en: string; zh: string }) =>
    rejected.push({
      row: r.row,
      archiveNo: r.cells.archiveNo,
      year: r.cells.year,
      course: r.cells.course,
      reason,
      field,
      detail: detail ? `${REJECT_REASONS[reason].en}: ${detail.en}` : REJECT_REASONS[reason].en,
      detail_zh: detail ? `${REJECT_REASONS[reason].zh}：${detail.zh}` : REJECT_REASONS[reason].zh,
    });

  const parsed = sheet.rows.map((r) => ({ r, p: parseRow(r.cells, schema) }));
  const archiveNos = [...new Set(parsed.flatMap(({ p }) => (p.ok ? [p.archiveNo] : [])))];
  const hashOf = new Map(archiveNos.map((a) => [a, personalData.lookup('idNumber', a)] as const));
  const hashes = [...hashOf.values()];
  const byHash = new Map<string, { id: string; status: string }>();
  for (let i = 0; i < hashes.length; i += 1000) {
    const found = await db.person.findMany({
      where: { archiveNoHash: { in: hashes.slice(i, i + 1000) } },
      select: { id: true, archiveNoHash: true, status: true },
    });
    for (const p of found) byHash.set(p.archiveNoHash, p);
  }
  const people = new Map<string, { id: string; status: string }>();
  for (const [archiveNo, hash] of hashOf) {
    const person = byHash.get(hash);
    if (person) people.set(archiveNo, person);
  }
  const personIds = [...people.values()].map((p) => p.id);
  const recorded = new Set<string>();
  for (let i = 0; i < personIds.length; i += 1000) {
    const rows = await db.continuingEducation.findMany({
      where: { personId: { in: personIds.slice(i, i + 1000) } },
      select: { personId: true, year: true, course: true, completedOn: true },
    });
    for (const c of rows) recorded.add(`${c.personId}|${continuingEducationKey({ ...c, completedOn: day(c.completedOn) })}`);
  }

  const valid: { personId: string; entry: ContinuingEducationEntry }[] = [];
  const inFile = new Set<string>();
  for (const { r, p } of parsed) {
    if (!p.ok) {
      reject(r, p.reason, p.field, p.detail);
      continue;
    }
    const person = people.get(p.archiveNo);
    if (!person) reject(r, 'unknown-archive-number', 'archiveNo');
    else if (person.status !== 'active') reject(r, 'record-not-active', 'archiveNo');
    else {
      const key = `${person.id}|${continuingEducationKey(p.entry)}`;
      // A row repeating an earlier one is reported as such, whether or not the earlier one was recorded before.
      if (inFile.has(key)) reject(r, 'duplicate-in-file', null);
      else {
        inFile.add(key);
        if (recorded.has(key)) reject(r, 'duplicate', null);
        else valid.push({ personId: person.id, entry: p.entry });
      }
    }
  }
  opts.onProgress?.(rejected.length, total);

  let imported = 0;
  for (let i = 0; i < valid.length; i += CHUNK) {
    const chunk = valid.slice(i, i + CHUNK);
    const byPerson = new Map<string, ContinuingEducationEntry[]>();
    for (const v of chunk) byPerson.set(v.personId, [...(byPerson.get(v.personId) ?? []), v.entry]);
    imported += await db.$transaction(
      async (tx) => {
        const { count } = await tx.continuingEducation.createMany({
          data: chunk.map(({ personId, entry: e }) => ({
            personId,
            year: e.year,
            course: e.course,
            credits: String(e.credits),
            professional: e.professional,
            provider: e.provider,
            completedOn: new Date(`${e.completedOn}T00:00:00Z`),
            source: 'import',
          })),
          // A row written meanwhile by someone else is that same record: keep one.
          skipDuplicates: true,
        });
        await tx.personHistory.createMany({
          data: [...byPerson].map(([personId, list]) => ({
            personId,
            actorId: opts.actorId,
            field: 'continuingEducation',
            newValue: { source: 'import', file: opts.fileName ?? null, added: list } as Prisma.InputJsonValue,
          })),
        });
        return count;
      },
      { timeout: 60_000, maxWait: 30_000 },
    ); // a 500-row chunk on a busy machine takes longer than Prisma's 5 s default
    opts.onProgress?.(rejected.length + Math.min(i + CHUNK, valid.length), total);
  }
  return {
    format: sheet.format,
    total,
    imported,
    rejected: rejected.length,
    people: new Set(valid.map((v) => v.personId)).size,
    rows: rejected.sort((a, b) => a.row - b.row),
    // The people whose record changed: each gets one new national version (api/lib/module-sync.ts).
    personIds: [...new Set(valid.map((v) => v.personId))],
  };
}

const csvCell = (v: string | number) => {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The rejected rows as CSV (UTF-8 with BOM, so Excel shows the Chinese text). */
export function reportToCsv(report: ImportReport): string {
  const header = ['row', 'archiveNo', 'year', 'course', 'reason', 'field', 'detail', 'detail_zh'];
  const lines = report.rows.map((r) =>
    [r.row, r.archiveNo, r.year, r.course, r.reason, r.field ?? '', r.detail, r.detail_zh].map(csvCell).join(','),
  );
  return `\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`;
}
