import type { RouteHandler } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { chinaDate } from '../../../domain/dates.ts';
import type { ApiDeps } from '../../deps.ts';
import type { AppEnv } from '../../lib/create-router.ts';
import { problem } from '../../problem.ts';
import { ImportFileError, importContinuingEducation, readSheet, reportToCsv } from '../../../records/continuing-education-file.ts';
import type { importRoute } from './continuing-education.routes.ts';
import { syncModules } from '../../lib/module-sync.ts';

/** The uploaded file: the raw body (CSV or .xlsx), or the `file` field of a multipart form. */
async function uploadedFile(c: Context<AppEnv>): Promise<{ bytes: Uint8Array; name?: string }> {
  if (/^multipart\/form-data/i.test(c.req.header('content-type') ?? '')) {
    let form: Awaited<ReturnType<typeof c.req.parseBody>>;
    try {
      form = await c.req.parseBody();
    } catch {
      // A boundary that does not match the body's, a truncated part: the form cannot be read.
      throw problem(
        'import-form-unreadable',
        400,
        'The multipart form cannot be read; check its boundary and send the file in the form field "file"',
        '无法读取上传的表单，请检查其格式并在表单字段 file 中上传文件',
        { rule: 'import.form' },
      );
    }
    const file = form.file;
    if (!(file instanceof File)) {
      throw problem('import-file-missing', 400, 'Send the file in the form field "file"', '请在表单字段 file 中上传文件', {
        rule: 'import.file',
      });
    }
    return { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name };
  }
  return { bytes: new Uint8Array(await c.req.arrayBuffer()) };
}

export const importFile =
  (deps: ApiDeps): RouteHandler<typeof importRoute, AppEnv> =>
  async (c) => {
    const actor = c.get('actor');
    const { format } = c.req.valid('query');
    const file = await uploadedFile(c);
    if (file.bytes.length === 0) throw problem('import-empty', 400, 'The file is empty', '上传的文件为空', { rule: 'import.empty' });
    let sheet: Awaited<ReturnType<typeof readSheet>>;
    try {
      sheet = await readSheet(file.bytes);
    } catch (e) {
      if (e instanceof ImportFileError) throw problem(e.code, 422, e.en, e.zh, { rule: `import.${e.code.replace(/^import-/, '')}` });
      throw e;
    }
    const { personIds, ...report } = await importContinuingEducation(deps.db, deps.personalData, sheet, {
      today: chinaDate(Date.now()),
      actorId: actor.userId,
      fileName: file.name,
    });
    // One new national version per person the import touched, batched for the whole import.
    await syncModules(deps, `ceImport-${crypto.randomUUID()}`, personIds);
    if (format === 'csv') {
      return c.body(reportToCsv(report), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': 'attachment; filename="continuing-education-import-report.csv"',
        'X-Imported': String(report.imported),
        'X-Rejected': String(report.rejected),
      });
    }
    return c.json(report, 200);
  };
