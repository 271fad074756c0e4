import type { Context } from 'hono';
import { chinaDate } from '../../../domain/dates.ts';
import type { ContactChange } from '../../../domain/schemas/person-records.ts';
import type { AuthEnv } from '../../auth.ts';
import type { ApiDeps } from '../../deps.ts';
import { problem, problems } from '../../problem.ts';
import { changeContact } from '../../records/contact.ts';
import { ImportFileError, importContinuingEducation, readSheet, reportToCsv } from '../../../records/continuing-education-file.ts';
import * as tc from '../../records/talents-credits.ts';
import { creditStatus, linkedRecord, personMaterial } from '../../records/view.ts';

type C = Context<AuthEnv>;
const actor = (c: C) => c.get('actor');
const personId = (c: C) => c.req.param('personId')!;
const body = (c: C) => (c.req as any).valid('json') as unknown;

export const record = async (deps: ApiDeps, c: C) => c.json(await linkedRecord(deps, actor(c), personId(c)), 200);

export const contact = async (deps: ApiDeps, c: C) =>
  c.json(await changeContact(deps, actor(c), personId(c), body(c) as ContactChange), 200);

export const material = async (deps: ApiDeps, c: C) => {
  const { bytes, sha256 } = await personMaterial(deps, actor(c), personId(c), c.req.param('kind')!);
  return c.body(new Uint8Array(bytes), 200, { 'Content-Type': 'image/jpeg', ETag: `"${sha256}"`, 'Cache-Control': 'private, no-store' });
};

export const status = async (deps: ApiDeps, c: C) => {
  const { year } = (c.req as any).valid('query') as { year?: number };
  return c.json(await creditStatus(deps, actor(c), personId(c), year), 200);
};

export const listTalents = async (deps: ApiDeps, c: C) => c.json(await tc.listTalents(deps, actor(c), personId(c)), 200);
export const addTalent = async (deps: ApiDeps, c: C) => c.json(await tc.saveTalent(deps, actor(c), personId(c), body(c)), 201);
export const putTalent = async (deps: ApiDeps, c: C) =>
  c.json(await tc.saveTalent(deps, actor(c), personId(c), body(c), c.req.param('talentId')!), 200);
export const deleteTalent = async (deps: ApiDeps, c: C) => {
  await tc.deleteTalent(deps, actor(c), personId(c), c.req.param('talentId')!);
  return c.body(null, 204);
};

export const listCredits = async (deps: ApiDeps, c: C) => c.json(await tc.listCredits(deps, actor(c), personId(c)), 200);
export const addCredit = async (deps: ApiDeps, c: C) => c.json(await tc.saveCredit(deps, actor(c), personId(c), body(c)), 201);
export const putCredit = async (deps: ApiDeps, c: C) =>
  c.json(await tc.saveCredit(deps, actor(c), personId(c), body(c), c.req.param('creditId')!), 200);
export const deleteCredit = async (deps: ApiDeps, c: C) => {
  await tc.deleteCredit(deps, actor(c), personId(c), c.req.param('creditId')!);
  return c.body(null, 204);
};

/** The uploaded file: the raw body (CSV or .xlsx), or the `file` field of a multipart form. */
async function uploadedFile(c: C): Promise<{ bytes: Uint8Array; name?: string }> {
  if (/^multipart\/form-data/i.test(c.req.header('content-type') ?? '')) {
    let form;
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

export const importContinuingEducationFile = async (deps: ApiDeps, c: C) => {
  if (actor(c).role !== 'admin') throw problems.forbidden();
  const { format } = (c.req as any).valid('query') as { format: 'json' | 'csv' };
  const file = await uploadedFile(c);
  if (file.bytes.length === 0) throw problem('import-empty', 400, 'The file is empty', '上传的文件为空', { rule: 'import.empty' });
  let sheet;
  try {
    sheet = await readSheet(file.bytes);
  } catch (e) {
    if (e instanceof ImportFileError) throw problem(e.code, 422, e.en, e.zh, { rule: `import.${e.code.replace(/^import-/, '')}` });
    throw e;
  }
  const report = await importContinuingEducation(deps.db, deps.personalData, sheet, {
    today: chinaDate(Date.now()),
    actorId: actor(c).userId,
    fileName: file.name,
  });
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
