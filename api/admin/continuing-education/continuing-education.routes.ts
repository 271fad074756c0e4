import { createRoute, z } from '@hono/zod-openapi';
import { COLUMNS } from '../../../records/continuing-education-file.ts';
import { IMPORT_MAX_BYTES } from '../../limits.ts';
import { json, problemResponses, security } from '../../lib/openapi.ts';

const file = z.string().openapi({ format: 'binary' });

const ImportReport = z
  .object({
    format: z.enum(['csv', 'xlsx']),
    total: z.number().int(),
    imported: z.number().int(),
    rejected: z.number().int(),
    people: z.number().int(),
    rows: z.array(
      z
        .object({
          row: z.number().int(),
          archiveNo: z.string(),
          year: z.string(),
          course: z.string(),
          reason: z.string().openapi({ example: 'unknown-archive-number' }),
          field: z
            .enum(COLUMNS)
            .nullable()
            .openapi({ description: 'the column at fault; null when the row as a whole is (a duplicate)', example: 'archiveNo' }),
          detail: z.string(),
          detail_zh: z.string().openapi({ example: '本省没有该档案号的人员' }),
        })
        .openapi('RejectedImportRow'),
    ),
  })
  .openapi('ContinuingEducationImportReport');

export const importRoute = createRoute({
  method: 'post',
  path: '/admin/continuing-education/import',
  summary: `Import continuing-education records from CSV (UTF-8) or Excel (.xlsx), at most ${IMPORT_MAX_BYTES / 1024 / 1024} MB: valid rows are imported, each rejected row reported with its reason`,
  description:
    'Every person the import touched gets one new version of their record on the national platform (one upload per person, however many rows), carried by a workflow after the answer; importing the same rows again touches nobody.',
  tags: ['continuing education'],
  security,
  request: {
    query: z.object({
      format: z.enum(['json', 'csv']).default('json').openapi({ description: 'the report as JSON, or the rejected rows as CSV' }),
    }),
    body: {
      required: true,
      description:
        'columns archiveNo, year, course, credits, professional (是/否), provider, completedOn — or their Chinese names (档案号, 年度, 课程, 学分, 专业科目, 培训单位, 完成日期)',
      content: {
        'text/csv': {
          schema: file,
          example:
            '档案号,年度,课程,学分,专业科目,培训单位,完成日期\r\n110105198503120019,2025,企业会计准则,10,是,北京国家会计学院,2025-03-01',
        },
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: file },
        // A plain schema: the handler reads the form itself (api/admin/continuing-education/continuing-education.handlers.ts).
        'multipart/form-data': {
          schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] },
        },
      },
    },
  },
  responses: {
    200: {
      description: 'the report (JSON), or the rejected rows (CSV)',
      content: { ...json(ImportReport), 'text/csv': { schema: z.string() } },
    },
    ...problemResponses(
      {
        400: ['import-empty', 'import-file-missing', 'import-form-unreadable'],
        413: ['import-too-large'],
        422: ['import-unreadable', 'import-empty', 'import-columns-missing'],
      },
      { secured: 'role', query: true },
    ),
  },
});
