/**
 * Migrates an existing archive (存量档案迁移) into this province: people already collected in an earlier system,
 * from one .xlsx workbook or from CSV files (UTF-8), checked by the collection form's rules:
 *
 *   npx tsx tools/import-archive.ts <archive.xlsx> [--report report.csv] [--batch 200] [--no-national]
 *   npx tsx tools/import-archive.ts <people.csv> [education.csv] [qualifications.csv] [continuingEducation.csv] [...]
 *
 * Sheets (workbook) or files (CSV, known by their names: people/人员, education/学历学位, qualifications/专业技术资格,
 * continuingEducation/继续教育) and their columns are described in README.md and domain/archive-import.ts. A person
 * with any bad row is rejected whole; each bad row is written to the report with its rule and column. People
 * already on record are left as they are, so running it again on the same files changes nothing. Each committed
 * batch's people reach the national platform through one moduleSync workflow (one version each) unless
 * --no-national. Reads DATABASE_URL, PROVINCE_CODE, DATA_KEYS, LOOKUP_KEY and the TEMPORAL_* settings like the API.
 * Exit code 0 when the files were processed (rejected rows included), 1 when they could not be read.
 */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { createDb } from '../clients/db.ts';
import { createLogger } from '../clients/log.ts';
import { personalDataFromEnv } from '../clients/personal-data.ts';
import { connectTemporal } from '../clients/temporal.ts';
import { loadEnv, taskQueueOf } from '../config/env.ts';
import { chinaDate } from '../domain/dates.ts';
import { syncModules } from '../api/lib/module-sync.ts';
import {
  archiveReportToCsv,
  csvRows,
  ImportFileError,
  importArchive,
  sheetOf,
  type TableSource,
  xlsxTables,
} from '../records/archive-import.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    report: { type: 'string' },
    batch: { type: 'string', default: '200' },
    'no-national': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  },
});
const usage =
  'usage: npx tsx tools/import-archive.ts <archive.xlsx | people.csv [education.csv qualifications.csv continuingEducation.csv]> [--report report.csv] [--batch 200] [--no-national]';
const batchSize = Number(values.batch);
if (values.help || positionals.length === 0 || !Number.isInteger(batchSize) || batchSize < 1 || batchSize > 5000) {
  console.error(usage);
  process.exit(values.help ? 0 : 2);
}
const xlsx = positionals.length === 1 && /\.xlsx$/i.test(positionals[0]!);
const csvFiles = xlsx ? [] : positionals.map((f) => ({ file: f, sheet: sheetOf(basename(f)) }));
const unknown = csvFiles.filter((f) => !f.sheet);
if (unknown.length) {
  console.error(
    `cannot tell which sheet ${unknown.map((f) => f.file).join(', ')} holds: name the files people.csv, education.csv, qualifications.csv, continuingEducation.csv (or 人员.csv, 学历学位.csv, 专业技术资格.csv, 继续教育.csv)`,
  );
  process.exit(2);
}

/** The import's key: the files' hash, so the same files give the same key (and the same national workflows). */
async function keyOf(files: string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const f of files) {
    hash.update(`${basename(f)}\0`);
    for await (const chunk of createReadStream(f)) hash.update(chunk as Buffer);
  }
  return hash.digest('hex').slice(0, 32);
}

async function* csvTables(): AsyncIterable<TableSource> {
  for (const f of csvFiles) yield { sheet: f.sheet!, rows: csvRows(createReadStream(f.file)) };
}

const env = loadEnv();
const db = createDb(env.DATABASE_URL, { max: 2 });
const log = createLogger('warn', 'archive-import');
const temporal = values['no-national'] ? null : await connectTemporal(env.TEMPORAL_ADDRESS, env.TEMPORAL_NAMESPACE);
const bar = new cliProgress.SingleBar(
  { format: '{phase} |{bar}| {value}/{total} · {eta_formatted} left', hideCursor: true, noTTYOutput: false },
  cliProgress.Presets.shades_classic,
);
let barStarted = false;
const startedAt = Date.now();
let code = 0;
try {
  const importKey = await keyOf(positionals);
  const report = await importArchive(db, personalDataFromEnv(env), xlsx ? xlsxTables(readFileSync(positionals[0]!)) : csvTables(), {
    format: xlsx ? 'xlsx' : 'csv',
    provinceCode: env.PROVINCE_CODE,
    today: chinaDate(Date.now()),
    actorId: null,
    importKey,
    fileName: positionals.map((f) => basename(f)).join(', '),
    batchSize,
    onBatch: async (personIds, batch) => {
      if (temporal) {
        await syncModules(
          { db, temporal, taskQueue: taskQueueOf(env), log },
          `archiveImport-${importKey}-${batch}`,
          personIds,
          'collection',
        );
      }
    },
    onProgress: (p) => {
      if (p.phase === 'reading') {
        if (!barStarted) process.stderr.write(`reading… ${p.settled} rows\r`);
        return;
      }
      if (!barStarted) {
        bar.start(p.total ?? 0, 0, { phase: 'importing' });
        barStarted = true;
      }
      bar.update(p.settled, { phase: p.phase === 'done' ? 'imported ' : 'importing' });
    },
  });
  bar.stop();
  if (values.report) await writeFile(values.report, archiveReportToCsv(report));
  const seconds = (Date.now() - startedAt) / 1000;
  console.log(
    `${report.people} people in ${seconds.toFixed(1)} s: ${report.imported} imported, ${report.unchanged} already on record, ${report.rejectedPeople} rejected (${report.rows.length} bad rows)${values.report ? ` — see ${values.report}` : ''}`,
  );
  if (!values.report) {
    for (const r of report.rows.slice(0, 50))
      console.log(`  ${r.sheet} row ${r.row}: ${r.rule} [${r.column ?? '-'}] — ${r.detail_zh} / ${r.detail}`);
    if (report.rows.length > 50) console.log(`  … ${report.rows.length - 50} more; pass --report report.csv for all`);
  }
} catch (e) {
  bar.stop();
  if (!(e instanceof ImportFileError)) throw e;
  console.error(`cannot import ${positionals.join(', ')}: ${e.en}\n${e.zh}`);
  code = 1;
} finally {
  await db.$disconnect();
  await temporal?.connection.close();
}
process.exit(code);
