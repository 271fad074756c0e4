/**
 * Migration of an existing archive (存量档案迁移): people already collected in an earlier system are imported in
 * bulk, from CSV files or one .xlsx workbook (domain/archive-import.ts describes the sheets). Every person is
 * checked by the collection form's own schema (domain/schemas), their continuing education by the
 * continuing-education import's own row check, and written by the same code as an approved collection
 * (records/collected-person.ts, one statement per table for a batch). A person with any bad row in any sheet is rejected whole; every bad row is
 * reported with its rule and column. People already on record are left as they are, so a second run of the
 * same file changes nothing. CSV files are read as streams (csv-parse), a workbook from its bytes with
 * exceljs's streaming WorkbookReader (see worksheetsLast); people are written in batches, one transaction each.
 */
import { PassThrough, Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Db } from '../clients/db.ts';
import type { PersonalData } from '../clients/personal-data.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { ARCHIVE_COLUMNS, ARCHIVE_SHEET_NAMES, ARCHIVE_SHEETS, type ArchiveSheet } from '../domain/archive-import.ts';
import type { IsoDate } from '../domain/dates.ts';
import {
  accountingPosts,
  administrativePosts,
  degrees,
  districtBases,
  economicTypes,
  educationLevels,
  type EnumEntry,
  ethnicities,
  idTypes,
  politicalStatuses,
  qualificationLevels,
  qualificationTypes,
  sexes,
  situations,
  studyModes,
  unitKinds,
  waysObtained,
} from '../domain/enums.ts';
import { normalizeIdNumber } from '../domain/identity.ts';
import { type CollectionForm, makeCollectionFormSchema, toViolations } from '../domain/schemas/index.ts';
import {
  type ContinuingEducationEntry,
  continuingEducationKey,
  makeContinuingEducationEntrySchema,
} from '../domain/schemas/continuing-education.ts';
import { writeCollectedPeople } from './collected-person.ts';
import { cellText, ImportFileError, parseRow as parseCeRow, REJECT_REASONS } from './continuing-education-file.ts';
import { dateColumn } from './person-columns.ts';

export { ImportFileError };

type Cells = Record<string, string>;
interface SheetRow {
  /** 1-based row of its sheet or file; row 1 is the header. */
  row: number;
  cells: Cells;
}

/** One rejected row: where it is, whose it is, the rule it breaks and the column at fault (null: the row as a whole). */
export interface ArchiveRejectedRow {
  sheet: ArchiveSheet;
  row: number;
  idNumber: string;
  rule: string;
  column: string | null;
  detail: string;
  detail_zh: string;
}

export interface ArchiveImportReport {
  format: 'csv' | 'xlsx';
  /** Rows of the people sheet. */
  people: number;
  imported: number;
  /** People already on record here (imported before, or collected online): left as they are. */
  unchanged: number;
  /** People rejected whole, for any bad row of theirs in any sheet. */
  rejectedPeople: number;
  rows: ArchiveRejectedRow[];
}

export interface ArchiveImportProgress {
  phase: 'reading' | 'importing' | 'done';
  /** Rows read so far (reading), people settled so far (importing). */
  settled: number;
  /** People to settle; known once the files are read. */
  total: number | null;
}

/** A table of the upload: a CSV file or a worksheet, as a stream of rows of cells. */
export type TableSource = { sheet: ArchiveSheet; rows: AsyncIterable<string[]> };

/** The rows of a CSV file (UTF-8, with or without BOM), streamed. */
export async function* csvRows(input: Readable): AsyncIterable<string[]> {
  const parser = input.pipe(parseCsv({ bom: true, relax_column_count: true, skip_empty_lines: false, trim: true }));
  try {
    for await (const r of parser) yield r as string[];
  } catch (e) {
    if (e instanceof ImportFileError) throw e;
    throw new ImportFileError(
      'import-unreadable',
      `The CSV file cannot be read: ${(e as Error).message}`,
      `CSV 文件无法读取：${(e as Error).message}`,
    );
  }
}

const SHEET_BY_NAME = new Map<string, ArchiveSheet>(
  ARCHIVE_SHEETS.flatMap((s) => [
    [ARCHIVE_SHEET_NAMES[s].zh, s],
    [ARCHIVE_SHEET_NAMES[s].en.toLowerCase(), s],
  ]),
);

/** The sheet a worksheet or CSV file holds, by its name (either language, case and a `.csv` ending ignored). */
export function sheetOf(name: string): ArchiveSheet | undefined {
  return (
    SHEET_BY_NAME.get(
      name
        .trim()
        .replace(/\.csv$/i, '')
        .toLowerCase(),
    ) ?? SHEET_BY_NAME.get(name.trim())
  );
}

/** A worksheet's rows as cell texts, with the sheet's own row numbers (the reader skips empty rows). */
async function* worksheetRows(ws: AsyncIterable<ExcelJS.Row>): AsyncIterable<string[]> {
  let expect = 1;
  for await (const row of ws) {
    for (; expect < row.number; expect++) yield [];
    yield (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
    expect = row.number + 1;
  }
}

const isWorksheet = (path: string) => path.startsWith('xl/worksheets/');

/**
 * The workbook with its worksheets after every other entry of the zip. exceljs's streaming reader reads a worksheet
 * as it comes only when the workbook, its relationships and the shared strings came before it; otherwise it sets
 * the worksheet aside, and in some orders it then fails or loses worksheets (Excel itself writes the shared
 * strings after the worksheets, and exceljs's own writer varies its order from one run to the next). The order of a
 * zip's entries is free, so the entries are put in the one order the reader handles; a workbook already in it is
 * read as it is.
 */
async function worksheetsLast(bytes: Uint8Array): Promise<Readable> {
  const zip = await JSZip.loadAsync(bytes);
  const paths = Object.keys(zip.files).filter((p) => !zip.files[p]!.dir);
  const first = paths.findIndex(isWorksheet);
  if (first < 0 || paths.slice(first).every(isWorksheet))
    return Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]);
  // Each entry streams from the upload into the new zip: no worksheet is held uncompressed.
  const out = new JSZip();
  for (const p of [...paths.filter((x) => !isWorksheet(x)), ...paths.filter(isWorksheet)]) out.file(p, zip.file(p)!.nodeStream());
  // JSZip's stream is of its own stream library; exceljs takes Node's.
  const generated = out.generateNodeStream({ compression: 'DEFLATE', compressionOptions: { level: 1 }, streamFiles: true });
  const stream = new PassThrough();
  generated.on('error', (e: Error) => stream.destroy(e));
  generated.pipe(stream);
  return stream;
}

/** The worksheets of an .xlsx workbook, streamed (exceljs's WorkbookReader), each known by its name. */
export async function* xlsxTables(bytes: Uint8Array): AsyncIterable<TableSource> {
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(await worksheetsLast(bytes), {
      worksheets: 'emit',
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'ignore',
      entries: 'ignore',
    });
    for await (const ws of reader) {
      const sheetReader = ws as unknown as AsyncIterable<ExcelJS.Row> & { name?: string };
      const sheet = sheetOf(sheetReader.name ?? '');
      if (sheet) yield { sheet, rows: worksheetRows(sheetReader) };
      else for await (const _ of worksheetRows(sheetReader)) void _; // an extra sheet (notes, lists) is passed over
    }
  } catch (e) {
    if (e instanceof ImportFileError) throw e;
    throw new ImportFileError(
      'import-unreadable',
      `The file is not a readable Excel workbook (.xlsx): ${(e as Error).message}`,
      `文件不是可读取的 Excel 工作簿（.xlsx）：${(e as Error).message}`,
    );
  }
}

const headerKey = (h: string) => h.trim().toLowerCase().replace(/[\s_]/g, '');

/** The header's column index of each column of the sheet, by key or Chinese name; the required ones must be there. */
function headerIndex(sheet: ArchiveSheet, header: string[]): Record<string, number> {
  const cols = ARCHIVE_COLUMNS[sheet] as Record<string, { zh: string; required?: boolean }>;
  const keys = header.map(headerKey);
  const index: Record<string, number> = {};
  const missing: string[] = [];
  for (const [col, c] of Object.entries(cols)) {
    const i = keys.findIndex((k) => k === col.toLowerCase() || k === headerKey(c.zh));
    if (i >= 0) index[col] = i;
    else if (c.required) missing.push(col);
  }
  if (missing.length) {
    throw new ImportFileError(
      'import-columns-missing',
      `The header row of ${sheet} lacks the columns ${missing.join(', ')}`,
      `${ARCHIVE_SHEET_NAMES[sheet].zh}表头缺少以下列：${missing.map((m) => cols[m]!.zh).join('、')}`,
    );
  }
  return index;
}

/** What the files hold once read: the people rows in order, every other row by the person's ID number. */
interface Staged {
  people: SheetRow[];
  children: Record<Exclude<ArchiveSheet, 'people'>, Map<string, SheetRow[]>>;
}

async function stage(tables: AsyncIterable<TableSource>, onRow: (n: number) => void): Promise<Staged> {
  const staged: Staged = {
    people: [],
    children: { education: new Map(), qualifications: new Map(), continuingEducation: new Map() },
  };
  const seen = new Set<ArchiveSheet>();
  let read = 0;
  for await (const { sheet, rows } of tables) {
    if (seen.has(sheet)) {
      throw new ImportFileError('import-sheet-twice', `The file holds ${sheet} twice`, `文件中有两份${ARCHIVE_SHEET_NAMES[sheet].zh}`);
    }
    seen.add(sheet);
    let index: Record<string, number> | null = null;
    let n = 0;
    for await (const r of rows) {
      n++;
      if (!r.some((c) => c.trim() !== '')) continue;
      if (!index) {
        index = headerIndex(sheet, r);
        continue;
      }
      const cells: Cells = {};
      for (const [col, i] of Object.entries(index)) cells[col] = (r[i] ?? '').trim();
      const row = { row: n, cells };
      if (sheet === 'people') staged.people.push(row);
      else {
        const key = normalizeIdNumber(cells.idNumber ?? '');
        const list = staged.children[sheet].get(key);
        if (list) list.push(row);
        else staged.children[sheet].set(key, [row]);
      }
      if (++read % 1000 === 0) onRow(read);
    }
  }
  if (!seen.has('people') || staged.people.length === 0) {
    throw new ImportFileError('import-empty', 'The file has no people (sheet or file "people" / 人员)', '文件中没有人员（人员表）');
  }
  return staged;
}

const LISTS: Record<string, readonly EnumEntry[]> = {
  idType: idTypes,
  sex: sexes,
  ethnicity: ethnicities,
  politicalStatus: politicalStatuses,
  situation: situations,
  districtBasis: districtBases,
  unitKind: unitKinds,
  economicType: economicTypes,
  administrativePost: administrativePosts,
  studyMode: studyModes,
  level: educationLevels,
  degree: degrees,
  type: qualificationTypes,
  wayObtained: waysObtained,
};
const QUALIFICATION_LISTS: Record<string, readonly EnumEntry[]> = { ...LISTS, level: qualificationLevels };

/** An enumeration's cell as its code: the code itself, or its Chinese or English name; anything else as written (the schema refuses it). */
function codeOf(list: readonly EnumEntry[], v: string): string {
  const lower = v.toLowerCase();
  return list.find((e) => e.code === v || e.zh === v || e.en.toLowerCase() === lower)?.code ?? v;
}

/** A row's cells as the form's values: empty cells absent, enumerations as codes. */
function values(cells: Cells, lists: Record<string, readonly EnumEntry[]>, skip: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(cells)) {
    if (v === '' || skip.includes(k)) continue;
    const list = lists[k];
    out[k] = list ? codeOf(list, v) : v;
  }
  return out;
}

const some = (cells: Cells, cols: string[]) => cols.some((c) => (cells[c] ?? '') !== '');
const WORK_COLUMNS = [
  'unitName',
  'unitCreditCode',
  'unitKind',
  'economicType',
  'unitDistrict',
  'workStartedOn',
  'posts',
  'administrativePost',
];
const STUDENT_COLUMNS = ['school', 'schoolDistrict', 'studentNo', 'studentEnrolledOn', 'expectedGraduation'];

/** The collection form an online applicant with the same data would submit. */
export function formInputOf(person: Cells, education: Cells[], qualifications: Cells[]) {
  const p = values(person, LISTS);
  const situation = p.situation;
  return {
    situation,
    basic: {
      name: p.name,
      sex: p.sex,
      birthDate: p.birthDate,
      idType: p.idType,
      idNumber: p.idNumber,
      nationality: p.nationality,
      ethnicity: p.ethnicity,
      politicalStatus: p.politicalStatus,
      mobile: p.mobile,
      email: p.email,
      address: p.address,
    },
    education: education.map((e) => values(e, LISTS, ['idNumber'])),
    work:
      situation === 'accountingWork' || some(person, WORK_COLUMNS)
        ? {
            unitName: p.unitName,
            unitCreditCode: p.unitCreditCode,
            unitKind: p.unitKind,
            economicType: p.economicType,
            unitDistrict: p.unitDistrict,
            startedOn: p.workStartedOn,
            posts: (person.posts ?? '')
              .split(/[;；]/)
              .map((s) => s.trim())
              .filter(Boolean)
              .map((s) => codeOf(accountingPosts, s)),
            administrativePost: p.administrativePost,
          }
        : undefined,
    qualifications: qualifications.length ? qualifications.map((q) => values(q, QUALIFICATION_LISTS, ['idNumber'])) : undefined,
    student:
      situation === 'qualifiedStudent' || some(person, STUDENT_COLUMNS)
        ? {
            school: p.school,
            schoolDistrict: p.schoolDistrict,
            studentNo: p.studentNo,
            enrolledOn: p.studentEnrolledOn,
            expectedGraduation: p.expectedGraduation,
          }
        : undefined,
    district: { code: p.districtCode, basis: p.districtBasis },
  };
}

/** Where a violation of the form lies in the files: the sheet, the row, the column. */
function locate(
  path: string,
  person: SheetRow,
  education: SheetRow[],
  qualifications: SheetRow[],
): { sheet: ArchiveSheet; row: SheetRow; column: string | null } {
  const [part, a, b] = path.split('.');
  if ((part === 'education' || part === 'qualifications') && a !== undefined && /^\d+$/.test(a)) {
    const rows = part === 'education' ? education : qualifications;
    const row = rows[Number(a)];
    if (row) return { sheet: part, row, column: b ?? null };
  }
  const column =
    part === 'basic' || part === 'situation'
      ? (a ?? part)
      : part === 'district'
        ? a === 'basis'
          ? 'districtBasis'
          : 'districtCode'
        : part === 'work'
          ? a === 'startedOn'
            ? 'workStartedOn'
            : (a ?? null)
          : part === 'student'
            ? a === 'enrolledOn'
              ? 'studentEnrolledOn'
              : (a ?? null)
            : null;
  return { sheet: 'people', row: person, column };
}

export interface CheckedPerson {
  personRow: number;
  idNumber: string;
  form: CollectionForm;
  continuingEducation: ContinuingEducationEntry[];
}

/**
 * Imports an archive. `tables` yields the sheets (CSV files or worksheets) in any order; `importKey` names this
 * import (e.g. the file's hash: the same file gives the same key); `onBatch` is told the people each committed
 * batch created (to start their national upload) and `onProgress` how far it is.
 */
export async function importArchive(
  db: Db,
  personalData: PersonalData,
  tables: AsyncIterable<TableSource>,
  opts: {
    format: 'csv' | 'xlsx';
    provinceCode: string;
    today: IsoDate;
    actorId: string | null;
    importKey: string;
    fileName?: string;
    batchSize?: number;
    onBatch?: (personIds: string[], batch: number) => Promise<void>;
    onProgress?: (p: ArchiveImportProgress) => void;
  },
): Promise<ArchiveImportReport> {
  const staged = await stage(tables, (n) => opts.onProgress?.({ phase: 'reading', settled: n, total: null }));
  const total = staged.people.length;
  const rejected: ArchiveRejectedRow[] = [];
  const reject = (sheet: ArchiveSheet, row: SheetRow, rule: string, column: string | null, text: { en: string; zh: string }) =>
    rejected.push({
      sheet,
      row: row.row,
      idNumber: row.cells.idNumber ?? '',
      rule,
      column,
      detail: text.en,
      detail_zh: text.zh,
    });

  // A person twice in the people sheet cannot be told apart: every such row is rejected.
  const count = new Map<string, number>();
  for (const p of staged.people) {
    const key = normalizeIdNumber(p.cells.idNumber ?? '');
    count.set(key, (count.get(key) ?? 0) + 1);
  }
  // Rows of the other sheets for nobody in the people sheet.
  for (const sheet of ['education', 'qualifications', 'continuingEducation'] as const) {
    for (const [key, rows] of staged.children[sheet]) {
      if (count.has(key)) continue;
      for (const r of rows) {
        reject(sheet, r, 'archive.unknownPerson', 'idNumber', {
          en: 'no row of the people sheet has this ID number',
          zh: '人员表中没有该证件号码',
        });
      }
    }
  }

  const formSchema = makeCollectionFormSchema({ provinceCode: opts.provinceCode, today: opts.today });
  const ceSchema = makeContinuingEducationEntrySchema({ today: opts.today });
  const batchSize = opts.batchSize ?? 200;
  let imported = 0;
  let unchanged = 0;
  let rejectedPeople = 0;
  let settled = 0;
  opts.onProgress?.({ phase: 'importing', settled, total });

  for (let start = 0, batch = 0; start < total; start += batchSize, batch++) {
    const good: CheckedPerson[] = [];
    for (const person of staged.people.slice(start, start + batchSize)) {
      const key = normalizeIdNumber(person.cells.idNumber ?? '');
      const education = staged.children.education.get(key) ?? [];
      const qualifications = staged.children.qualifications.get(key) ?? [];
      const ce = staged.children.continuingEducation.get(key) ?? [];
      const before = rejected.length;
      if (key === '') {
        reject('people', person, 'form.required', 'idNumber', { en: 'the ID number is required', zh: '证件号码必填' });
      } else if ((count.get(key) ?? 0) > 1) {
        reject('people', person, 'archive.duplicatePerson', 'idNumber', {
          en: 'the people sheet has more than one row with this ID number',
          zh: '人员表中有多行使用该证件号码',
        });
      }
      const parsed = formSchema.safeParse(
        formInputOf(
          person.cells,
          education.map((e) => e.cells),
          qualifications.map((q) => q.cells),
        ),
      );
      if (!parsed.success) {
        for (const v of toViolations(parsed.error)) {
          const at = locate(v.path, person, education, qualifications);
          reject(at.sheet, at.row, v.rule, at.column, { en: v.en, zh: v.zh });
        }
      }
      const entries: ContinuingEducationEntry[] = [];
      const inFile = new Set<string>();
      for (const r of ce) {
        const p = parseCeRow({ archiveNo: key, ...(r.cells as Record<string, string>) } as Parameters<typeof parseCeRow>[0], ceSchema);
        if (!p.ok) {
          const reason = REJECT_REASONS[p.reason];
          reject('continuingEducation', r, `continuingEducation.${p.reason}`, p.field, {
            en: p.detail ? `${reason.en}: ${p.detail.en}` : reason.en,
            zh: p.detail ? `${reason.zh}：${p.detail.zh}` : reason.zh,
          });
          continue;
        }
        const k = continuingEducationKey(p.entry);
        if (inFile.has(k)) {
          reject('continuingEducation', r, 'continuingEducation.duplicate-in-file', null, REJECT_REASONS['duplicate-in-file']);
          continue;
        }
        inFile.add(k);
        entries.push(p.entry);
      }
      if (rejected.length > before || !parsed.success) rejectedPeople++;
      else good.push({ personRow: person.row, idNumber: key, form: parsed.data, continuingEducation: entries });
    }

    // People already on record (an earlier run of this file, or an online collection) are left as they are.
    const hashes = good.map((g) => personalData.lookup('idNumber', g.idNumber));
    const existing = new Set(
      (await db.person.findMany({ where: { archiveNoHash: { in: hashes } }, select: { archiveNoHash: true } })).map((p) => p.archiveNoHash),
    );
    const fresh = good.filter((_, i) => !existing.has(hashes[i]!));
    unchanged += good.length - fresh.length;
    const created = fresh.length ? await writeBatch(db, personalData, fresh, opts) : [];
    imported += created.length;
    settled = Math.min(start + batchSize, total);
    if (created.length) await opts.onBatch?.(created, batch);
    opts.onProgress?.({ phase: 'importing', settled, total });
  }
  opts.onProgress?.({ phase: 'done', settled: total, total });
  const order = Object.fromEntries(ARCHIVE_SHEETS.map((s, i) => [s, i]));
  return {
    format: opts.format,
    people: total,
    imported,
    unchanged,
    rejectedPeople,
    rows: rejected.sort((a, b) => order[a.sheet]! - order[b.sheet]! || a.row - b.row),
  };
}

/** One transaction for the batch: each person as an approved collection writes them, their continuing education, a migration history row. */
async function writeBatch(
  db: Db,
  personalData: PersonalData,
  people: CheckedPerson[],
  opts: { provinceCode: string; actorId: string | null; importKey: string; fileName?: string },
): Promise<string[]> {
  return db.$transaction(
    async (tx) => {
      const ids = await writeCollectedPeople(
        tx,
        personalData,
        people.map((p) => ({ form: p.form, provinceCode: opts.provinceCode, applicantId: null, requestId: null, actorId: opts.actorId })),
      );
      const history: Prisma.PersonHistoryCreateManyInput[] = [];
      const ce: Prisma.ContinuingEducationCreateManyInput[] = [];
      people.forEach((p, i) => {
        const personId = ids[i]!;
        history.push({
          personId,
          actorId: opts.actorId,
          field: 'migration',
          newValue: { import: opts.importKey, file: opts.fileName ?? null, row: p.personRow } as Prisma.InputJsonValue,
        });
        if (p.continuingEducation.length) {
          history.push({
            personId,
            actorId: opts.actorId,
            field: 'continuingEducation',
            newValue: { source: 'import', file: opts.fileName ?? null, added: p.continuingEducation } as unknown as Prisma.InputJsonValue,
          });
          for (const e of p.continuingEducation) {
            ce.push({
              personId,
              year: e.year,
              course: e.course,
              credits: String(e.credits),
              professional: e.professional,
              provider: e.provider,
              completedOn: dateColumn(e.completedOn),
              source: 'import',
            });
          }
        }
      });
      if (ce.length) await tx.continuingEducation.createMany({ data: ce });
      await tx.personHistory.createMany({ data: history });
      return ids;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

const csvCell = (v: string | number) => {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The rejected rows as CSV (UTF-8 with BOM, so Excel shows the Chinese text). */
export function archiveReportToCsv(report: Pick<ArchiveImportReport, 'rows'>): string {
  const header = ['sheet', 'row', 'idNumber', 'rule', 'column', 'detail', 'detail_zh'];
  const lines = report.rows.map((r) => [r.sheet, r.row, r.idNumber, r.rule, r.column ?? '', r.detail, r.detail_zh].map(csvCell).join(','));
  return `\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`;
}
