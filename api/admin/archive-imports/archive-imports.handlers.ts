import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { RouteHandler } from '@hono/zod-openapi';
import { ARCHIVE_SHEETS, type ArchiveSheet } from '../../../domain/archive-import.ts';
import { chinaDate } from '../../../domain/dates.ts';
import {
  type ArchiveImportReport,
  archiveReportToCsv,
  csvRows,
  ImportFileError,
  importArchive,
  type TableSource,
  xlsxTables,
} from '../../../records/archive-import.ts';
import type { ApiDeps } from '../../deps.ts';
import type { AppEnv } from '../../lib/create-router.ts';
import { importJobs } from '../../lib/import-jobs.ts';
import { syncModules } from '../../lib/module-sync.ts';
import { problem } from '../../problem.ts';
import type { getRoute, reportRoute, startRoute } from './archive-imports.routes.ts';

const isFileProblem = (e: unknown): e is ImportFileError => e instanceof ImportFileError;

async function* csvTables(files: { sheet: ArchiveSheet; bytes: Uint8Array }[]): AsyncIterable<TableSource> {
  for (const f of files) yield { sheet: f.sheet, rows: csvRows(Readable.from(Buffer.from(f.bytes))) };
}

export function archiveImportHandlers(deps: ApiDeps) {
  const jobs = importJobs<ArchiveImportReport>('archiveImport', deps.log, isFileProblem);

  const start: RouteHandler<typeof startRoute, AppEnv> = async (c) => {
    const actor = c.get('actor');
    let form: Awaited<ReturnType<typeof c.req.parseBody>>;
    try {
      form = await c.req.parseBody();
    } catch {
      throw problem(
        'import-form-unreadable',
        400,
        'The multipart form cannot be read; send the workbook in the form field "file", or the CSV files in "people", "education", "qualifications", "continuingEducation"',
        '无法读取上传的表单：请在表单字段 file 中上传工作簿，或在 people、education、qualifications、continuingEducation 中上传 CSV 文件',
        { rule: 'import.form' },
      );
    }
    const workbook = form.file instanceof File ? form.file : null;
    const csv = ARCHIVE_SHEETS.flatMap((sheet) => {
      const f = form[sheet];
      return f instanceof File ? [{ sheet, file: f }] : [];
    });
    if (!workbook && !csv.some((f) => f.sheet === 'people')) {
      throw problem(
        'import-file-missing',
        400,
        'Send the workbook in the form field "file", or at least the CSV file of people in "people"',
        '请在表单字段 file 中上传工作簿，或至少在 people 中上传人员 CSV 文件',
        { rule: 'import.file' },
      );
    }
    const files = workbook
      ? [{ sheet: 'people' as const, name: workbook.name, bytes: new Uint8Array(await workbook.arrayBuffer()) }]
      : await Promise.all(csv.map(async (f) => ({ sheet: f.sheet, name: f.file.name, bytes: new Uint8Array(await f.file.arrayBuffer()) })));
    if (files.every((f) => f.bytes.length === 0)) {
      throw problem('import-empty', 400, 'The file is empty', '上传的文件为空', { rule: 'import.empty' });
    }
    // The same files give the same key: a second run's national uploads, were there any, would reach the same workflows.
    const hash = createHash('sha256');
    for (const f of files) hash.update(`${f.sheet}\0`).update(f.bytes);
    const importKey = hash.digest('hex').slice(0, 32);
    const format = workbook ? ('xlsx' as const) : ('csv' as const);
    const job = jobs.start(actor.userId, (progress) =>
      importArchive(deps.db, deps.personalData, workbook ? xlsxTables(files[0]!.bytes) : csvTables(files), {
        format,
        provinceCode: deps.env.PROVINCE_CODE,
        today: chinaDate(Date.now()),
        actorId: actor.userId,
        importKey,
        fileName: files.map((f) => f.name).join(', '),
        // Each committed batch's people get one national version each, through one workflow per batch.
        onBatch: async (personIds, batch) => {
          await syncModules(deps, `archiveImport-${importKey}-${batch}`, personIds, 'collection');
        },
        onProgress: (p) => progress(p),
      }),
    );
    c.header('Location', `/admin/archive-imports/${job.id}`);
    return c.json(publicJob(job), 202);
  };

  const found = (id: string) => {
    const job = jobs.get(id);
    if (!job) {
      throw problem(
        'import-job-not-found',
        404,
        'No such import job (jobs are kept for an hour after they end)',
        '没有该导入任务（任务结束一小时后不再保留）',
        {
          rule: 'import.job',
        },
      );
    }
    return job;
  };

  const get: RouteHandler<typeof getRoute, AppEnv> = async (c) => c.json(publicJob(found(c.req.valid('param').id)), 200);

  const report: RouteHandler<typeof reportRoute, AppEnv> = async (c) => {
    const job = found(c.req.valid('param').id);
    if (!job.report) {
      throw problem(
        'import-job-running',
        409,
        'The job has no report: it is still running, or its file could not be read (see the job)',
        '该导入任务尚无报告：任务仍在进行，或文件无法读取（见任务详情）',
        { rule: 'import.jobRunning' },
      );
    }
    return c.body(archiveReportToCsv(job.report), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="archive-import-report.csv"',
    });
  };
  return { start, get, report };
}

const publicJob = <R>({ startedBy: _s, ...job }: { startedBy: string } & R) => job;
