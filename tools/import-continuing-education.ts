/**
 * Imports continuing-education records (继续教育) in bulk from a CSV (UTF-8) or Excel (.xlsx) file:
 *
 *   npx tsx tools/import-continuing-education.ts <file.csv|file.xlsx> [--report report.csv]
 *
 * Columns (header row, English or Chinese): archiveNo 档案号, year 年度, course 课程, credits 学分,
 * professional 专业科目 (是/否), provider 培训单位, completedOn 完成日期. Valid rows are imported; each
 * rejected row is written to the report with its reason (unknown archive number, bad year, bad credits,
 * duplicate, missing fields, ...). Running it again on the same file imports nothing twice.
 * Reads DATABASE_URL and LOOKUP_KEY (people are found by their archive number's keyed hash) like the
 * API does. Like the API's import, it then starts the upload to the national platform of every person it touched
 * (one new version each, api/lib/module-sync.ts), so it reads TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE,
 * TEMPORAL_TASK_QUEUE and PAYLOAD_KEYS too; when Temporal is not reachable the upload is kept and the API starts it.
 * Exit code 0 when the file was processed (rejected rows included), 1 when it could not be read.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { ImportFileError, importContinuingEducation, readSheet, reportToCsv } from '../records/continuing-education-file.ts';
import { createDb } from '../clients/db.ts';
import { createLogger } from '../clients/log.ts';
import { payloadCodecFromEnv } from '../clients/payload-codec.ts';
import { connectTemporal } from '../clients/temporal.ts';
import { keepPendingModuleSync, syncModules } from '../api/lib/module-sync.ts';
import { loadEnv, taskQueueOf } from '../config/env.ts';
import { personalDataFromEnv } from '../clients/personal-data.ts';
import { chinaDate } from '../domain/dates.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { report: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
});
if (values.help || positionals.length !== 1) {
  console.error('usage: npx tsx tools/import-continuing-education.ts <file.csv|file.xlsx> [--report report.csv]');
  process.exit(values.help ? 0 : 2);
}
const file = positionals[0]!;

let sheet: Awaited<ReturnType<typeof readSheet>>;
try {
  sheet = await readSheet(new Uint8Array(readFileSync(file)));
} catch (e) {
  const message = e instanceof ImportFileError ? `${e.en}\n${e.zh}` : (e as Error).message;
  console.error(`cannot import ${file}: ${message}`);
  process.exit(1);
}

const env = loadEnv();
const db = createDb(env.DATABASE_URL, { max: 2 });
const bar = new cliProgress.SingleBar(
  { format: 'importing |{bar}| {value}/{total} rows · {eta_formatted} left', hideCursor: true, noTTYOutput: false },
  cliProgress.Presets.shades_classic,
);
bar.start(sheet.rows.length, 0);
try {
  const { personIds, ...report } = await importContinuingEducation(db, personalDataFromEnv(env), sheet, {
    today: chinaDate(Date.now()),
    actorId: null,
    fileName: basename(file),
    onProgress: (settled) => bar.update(settled),
  });
  bar.update(sheet.rows.length);
  bar.stop();
  // One new national version per person the import touched; the import's own id names the upload.
  const source = `ceImport-${crypto.randomUUID()}`;
  if (personIds.length) await uploadToNational(source, personIds);
  if (values.report) writeFileSync(values.report, reportToCsv(report));
  console.log(
    `${report.total} rows: ${report.imported} imported (${report.people} people), ${report.rejected} rejected${values.report ? ` — see ${values.report}` : ''}`,
  );
  if (!values.report) {
    for (const r of report.rows.slice(0, 50)) console.log(`  row ${r.row}: ${r.reason} — ${r.detail_zh} / ${r.detail}`);
    if (report.rows.length > 50) console.log(`  … ${report.rows.length - 50} more; pass --report report.csv for all`);
  }
} finally {
  bar.stop();
  await db.$disconnect();
}

/** Starts the national upload of what the import touched, or keeps it for the API to start when Temporal is away. */
async function uploadToNational(source: string, personIds: string[]) {
  const log = createLogger('warn', 'ce-import');
  let temporal: Awaited<ReturnType<typeof connectTemporal>>;
  try {
    temporal = await connectTemporal(env.TEMPORAL_ADDRESS, env.TEMPORAL_NAMESPACE, payloadCodecFromEnv(env));
  } catch (e) {
    await keepPendingModuleSync(db, source, personIds, (e as Error).message);
    console.log(`national upload of ${personIds.length} people kept to start later (Temporal not reachable)`);
    return;
  }
  try {
    const workflowId = await syncModules({ db, temporal, taskQueue: taskQueueOf(env), log }, source, personIds);
    console.log(
      workflowId
        ? `national upload of ${personIds.length} people started: ${workflowId}`
        : `national upload of ${personIds.length} people kept to start later`,
    );
  } finally {
    await temporal.connection.close();
  }
}
