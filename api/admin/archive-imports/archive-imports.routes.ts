import { createRoute, z } from '@hono/zod-openapi';
import { ARCHIVE_COLUMNS, ARCHIVE_IMPORT_MAX_BYTES, ARCHIVE_SHEET_NAMES, ARCHIVE_SHEETS } from '../../../domain/archive-import.ts';
import { json, problemResponses, security } from '../../lib/openapi.ts';

const MB = ARCHIVE_IMPORT_MAX_BYTES / 1024 / 1024;

/** The file format, column by column, as the description of the upload. */
const FORMAT = ARCHIVE_SHEETS.map((s) => {
  const cols = Object.entries(ARCHIVE_COLUMNS[s] as Record<string, { zh: string; required?: boolean; rule: { en: string } }>)
    .map(([k, c]) => `${k} (${c.zh}${c.required ? ', required' : ''}: ${c.rule.en})`)
    .join('; ');
  return `**${s}** (sheet ${ARCHIVE_SHEET_NAMES[s].zh} / ${s}): ${cols}`;
}).join('\n\n');

const RejectedRow = z
  .object({
    sheet: z.enum(ARCHIVE_SHEETS),
    row: z.number().int().openapi({ description: 'the row of its sheet or file; row 1 is the header' }),
    idNumber: z.string(),
    rule: z.string().openapi({ example: 'identity.checksum' }),
    column: z.string().nullable().openapi({ description: 'the column at fault; null when the row as a whole is', example: 'idNumber' }),
    detail: z.string(),
    detail_zh: z.string(),
  })
  .openapi('ArchiveRejectedRow');

const Report = z
  .object({
    format: z.enum(['csv', 'xlsx']),
    people: z.number().int(),
    imported: z.number().int(),
    unchanged: z.number().int().openapi({ description: 'people already on record here, left as they are' }),
    rejectedPeople: z.number().int(),
    rows: z.array(RejectedRow),
  })
  .openapi('ArchiveImportReport');

const Job = z
  .object({
    id: z.string().uuid(),
    kind: z.string(),
    state: z.enum(['running', 'done', 'failed']),
    progress: z.object({
      phase: z.enum(['queued', 'reading', 'importing', 'done']),
      settled: z.number().int().openapi({ description: 'rows read (reading), people settled (importing)' }),
      total: z.number().int().nullable().openapi({ description: 'people in the file, once read' }),
    }),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    report: Report.nullable(),
    error: z.object({ code: z.string(), en: z.string(), zh: z.string() }).nullable(),
  })
  .openapi('ArchiveImportJob');

const file = { type: 'string', format: 'binary' } as const;

export const startRoute = createRoute({
  method: 'post',
  path: '/admin/archive-imports',
  summary: `Import an existing archive (存量档案迁移), at most ${MB} MB: a job that checks every person by the collection form's rules and imports the good ones`,
  description: `One .xlsx workbook (form field \`file\`, sheets 人员 / 学历学位 / 专业技术资格 / 继续教育 or their English names), or CSV files (UTF-8) in the form fields \`people\`, \`education\`, \`qualifications\`, \`continuingEducation\` (only \`people\` required). Every row of the other sheets names its person by ID number. Columns (header row, key or Chinese name; enumerations as code or Chinese name, dates YYYY-MM-DD, posts separated by ";"):\n\n${FORMAT}\n\nA person with any bad row in any sheet is rejected whole, each bad row reported with its rule and column. People already on record are left as they are, so the same file again changes nothing. Imported people reach the national platform in batches, one version each. Larger archives: tools/import-archive.ts.`,
  tags: ['archive import'],
  security,
  request: {
    body: {
      required: true,
      content: {
        // A plain schema: the handler reads the form itself (api/admin/archive-imports/archive-imports.handlers.ts).
        'multipart/form-data': {
          schema: {
            type: 'object',
            properties: { file, people: file, education: file, qualifications: file, continuingEducation: file },
          },
        },
      },
    },
  },
  responses: {
    202: { description: 'the job, started; follow it at /admin/archive-imports/{id}', content: json(Job) },
    ...problemResponses(
      { 400: ['import-file-missing', 'import-form-unreadable', 'import-empty'], 413: ['import-too-large'] },
      { secured: 'role' },
    ),
  },
});

const Params = z.object({
  id: z
    .string()
    .uuid()
    .openapi({ param: { name: 'id', in: 'path' } }),
});

export const getRoute = createRoute({
  method: 'get',
  path: '/admin/archive-imports/{id}',
  summary: 'An archive import job: its progress and, when done, its report',
  tags: ['archive import'],
  security,
  request: { params: Params },
  responses: {
    200: { description: 'the job', content: json(Job) },
    ...problemResponses({ 404: ['import-job-not-found', 'not-found'] }, { secured: 'role', query: true }),
  },
});

export const reportRoute = createRoute({
  method: 'get',
  path: '/admin/archive-imports/{id}/report.csv',
  summary: 'The rejected rows of a finished archive import job, as CSV (UTF-8 with BOM)',
  tags: ['archive import'],
  security,
  request: { params: Params },
  responses: {
    200: { description: 'sheet, row, idNumber, rule, column, detail, detail_zh', content: { 'text/csv': { schema: z.string() } } },
    ...problemResponses({ 404: ['import-job-not-found', 'not-found'], 409: ['import-job-running'] }, { secured: 'role', query: true }),
  },
});
