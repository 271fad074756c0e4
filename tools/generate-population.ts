/**
 * Seeds a generated population of accounting personnel for demos and benchmarks:
 *
 *   npx tsx tools/generate-population.ts [--count 100000] [--seed 2026] [--reset] [--batch 2000]
 *
 * People get valid ID numbers and live in the districts of PROVINCE_CODE, with education, work units,
 * qualifications, continuing education, high-end talents and credit records. Generated people carry
 * an e-mail address under `population.invalid`; real records are never touched. Running it again tops
 * the generated population up to --count (nothing happens when it is already there); --reset removes
 * the generated people first. Reads DATABASE_URL, PROVINCE_CODE, DATA_KEYS and LOOKUP_KEY like the API does.
 */
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { createDb } from '../clients/db.ts';
import { loadEnv } from '../config/env.ts';
import { chinaDate } from '../domain/dates.ts';
import { personalDataFromEnv } from '../clients/personal-data.ts';
import { countGenerated, generatePopulation, removeGenerated } from './lib/population.ts';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '2026' },
    batch: { type: 'string', default: '2000' },
    reset: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  },
});
const usage = 'usage: npx tsx tools/generate-population.ts [--count 100000] [--seed 2026] [--reset] [--batch 2000]';
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const count = Number(values.count);
const seed = Number(values.seed);
const batchSize = Number(values.batch);
if (
  !Number.isInteger(count) ||
  count < 1 ||
  count > 5_000_000 ||
  !Number.isInteger(seed) ||
  !Number.isInteger(batchSize) ||
  batchSize < 1 ||
  batchSize > 10_000
) {
  console.error(usage);
  process.exit(2);
}

const env = loadEnv();
const db = createDb(env.DATABASE_URL, { max: 2 });
try {
  if (values.reset) {
    const removed = await removeGenerated(db);
    console.log(`removed ${removed} generated people`);
  }
  const existing = await countGenerated(db);
  if (existing >= count) {
    console.log(
      `${existing} generated people already in the database (asked for ${count}); nothing to do — pass --reset to generate them again`,
    );
  } else {
    const missing = count - existing;
    // Another seed per top-up, so a second run does not draw the first run's people again.
    const runSeed = seed + existing;
    console.log(`generating ${missing} people in ${env.PROVINCE_CODE}${existing ? ` (topping up ${existing})` : ''}, seed ${runSeed}`);
    const bar = new cliProgress.SingleBar(
      {
        format: 'people |{bar}| {value}/{total} · {eta_formatted} left',
        hideCursor: true,
        noTTYOutput: !process.stderr.isTTY,
        notTTYSchedule: 5000,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(missing, 0);
    let report: Awaited<ReturnType<typeof generatePopulation>>;
    try {
      report = await generatePopulation(db, personalDataFromEnv(env), {
        copyUrl: env.DATABASE_URL,
        count: missing,
        provinceCode: env.PROVINCE_CODE,
        today: chinaDate(Date.now()),
        seed: runSeed,
        batchSize,
        onProgress: (n) => bar.update(n),
      });
    } finally {
      bar.stop();
    }
    // Fresh statistics and visibility map, so the planner and index-only scans see the new rows at once.
    await db.$executeRaw`VACUUM (ANALYZE) "Person", "Education", "WorkInfo", "StudentInfo", "Qualification", "ContinuingEducation", "ContinuingEducationYear", "HighEndTalent", "CreditRecord", "PersonTally", "PersonLevelTally", "ContinuingEducationTally"`;
    console.log(
      `${report.people} people in ${report.seconds} s (${Math.round(report.people / Math.max(0.1, report.seconds))}/s): ` +
        `${report.educations} education, ${report.workInfos} work, ${report.studentInfos} student, ${report.qualifications} qualification, ` +
        `${report.continuingEducations} continuing-education, ${report.talents} talent and ${report.credits} credit records` +
        (report.redrawn ? `; ${report.redrawn} ID numbers already taken were drawn again` : ''),
    );
  }
} finally {
  await db.$disconnect();
}
