/**
 * Times the archive migration (存量档案迁移) and the continuing-education import on a database of their own:
 *
 *   npx tsx bench/archive-import.ts [--people 20000] [--ce-rows 100000] [--keep]
 *
 * Writes a generated migration file (CSV: people, education, qualifications, continuingEducation; every tenth person
 * with a bad ID number), runs tools/import-archive.ts on it (without the national upload, which a worker carries
 * afterwards), runs it again (nothing changes), then writes a continuing-education file of --ce-rows rows for the
 * imported people and runs tools/import-continuing-education.ts on it. Prints each run's time and peak RSS.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { makeMainlandId } from '../domain/identity.ts';
import { makeUscc } from '../domain/uscc.ts';
import { applyMigrations, dropDatabase } from '../prisma/migrations-runner.ts';

const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '20000' },
    'ce-rows': { type: 'string', default: '100000' },
    keep: { type: 'boolean', default: false },
  },
});
const people = Number(values.people);
const ceRows = Number(values['ce-rows']);
const base = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const databaseUrl = base.replace(/\/[^/?]*(\?|$)/, `/bench_import_${randomBytes(4).toString('hex')}$1`);
const dir = mkdtempSync(join(tmpdir(), 'archive-import-'));
const districts = ['110101', '110102', '110105', '110106', '110107', '110108', '110109', '110111'];
const year = new Date().getFullYear() - 1;

async function write(file: string, header: string[], rows: (i: number) => string[][], n: number) {
  const out = createWriteStream(join(dir, file));
  out.write(`${header.join(',')}\r\n`);
  for (let i = 0; i < n; i++) {
    for (const r of rows(i)) if (!out.write(`${r.join(',')}\r\n`)) await new Promise<void>((res) => out.once('drain', () => res()));
  }
  await new Promise<void>((res) => out.end(() => res()));
}

const idOf = (i: number) => {
  const birth = `${1960 + (i % 40)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
  const id = makeMainlandId(districts[i % districts.length]!, birth, (Math.floor(i / 840) % 500) * 2 + 1);
  return { birth, id: i % 10 === 9 ? `${id.slice(0, 17)}${id.endsWith('0') ? '1' : '0'}` : id };
};

function run(label: string, args: string[]) {
  const started = Date.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', 'npx', 'tsx', ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (Date.now() - started) / 1000;
  // /usr/bin/time's figure (KiB) ends its output, after the progress bar's last line.
  const rss = Number(/(\d+)\s*$/.exec(r.stderr)?.[1]) / 1024;
  console.log(`${label}: ${seconds.toFixed(1)} s, peak RSS ${rss.toFixed(0)} MB — ${r.stdout.trim().split('\n').at(0)}`);
  if (r.status !== 0) console.error(r.stderr);
}

await applyMigrations(databaseUrl);
try {
  // Birth date and district repeat every 840 people; the sequence moves on then, so ID numbers stay distinct up to 420,000.
  await write(
    'people.csv',
    [
      'idNumber',
      'idType',
      'name',
      'sex',
      'birthDate',
      'nationality',
      'ethnicity',
      'politicalStatus',
      'mobile',
      'email',
      'address',
      'situation',
      'districtCode',
      'districtBasis',
      'unitName',
      'unitCreditCode',
      'unitKind',
      'unitDistrict',
      'workStartedOn',
      'posts',
      'administrativePost',
    ],
    (i) => {
      const { id, birth } = idOf(i);
      const d = districts[i % districts.length]!;
      const start = `${Number(birth.slice(0, 4)) + 23}-08-01`;
      return [
        [
          id,
          '居民身份证',
          '张伟',
          '男',
          birth,
          'CHN',
          '汉族',
          'masses',
          `139${String(i).padStart(8, '0')}`,
          'zw@example.com',
          '北京市朝阳区建国路1号',
          'accountingWork',
          d,
          'workUnit',
          '北京示例科技有限公司',
          makeUscc({ areaCode: d, orgCode: 'MA01B2C3' }),
          '企业',
          d,
          start,
          '出纳；稽核',
          'general',
        ],
      ];
    },
    people,
  );
  await write(
    'education.csv',
    ['idNumber', 'studyMode', 'school', 'level', 'degree', 'major', 'enrolledOn', 'graduatedOn'],
    (i) => {
      const { id, birth } = idOf(i);
      const y = Number(birth.slice(0, 4)) + 18;
      return [[id, 'fullTime', '中央财经大学', '本科', 'bachelor', '会计学', `${y}-09-01`, `${y + 4}-07-01`]];
    },
    people,
  );
  await write(
    'qualifications.csv',
    ['idNumber', 'type', 'level', 'wayObtained', 'obtainedOn', 'certificateNo'],
    (i) => {
      const { id, birth } = idOf(i);
      return [[id, 'accounting', '初级', 'exam', `${Number(birth.slice(0, 4)) + 25}-10-15`, `Z${i}`]];
    },
    people,
  );
  await write(
    'continuingEducation.csv',
    ['idNumber', 'year', 'course', 'credits', 'professional', 'provider', 'completedOn'],
    (i) => {
      const { id } = idOf(i);
      return [[id, String(year), '企业会计准则', '30', '是', '北京国家会计学院', `${year}-03-01`]];
    },
    people,
  );
  const files = ['people.csv', 'education.csv', 'qualifications.csv', 'continuingEducation.csv'].map((f) => join(dir, f));
  run(`archive import, ${people} people`, ['tools/import-archive.ts', ...files, '--no-national', '--report', join(dir, 'report.csv')]);
  run(`archive import again, ${people} people`, ['tools/import-archive.ts', ...files, '--no-national']);

  // Continuing education of the imported people (the valid ones: nine in ten), 100,000 rows by default.
  const valid = Array.from({ length: people }, (_, i) => i).filter((i) => i % 10 !== 9);
  await write(
    'ce.csv',
    ['档案号', '年度', '课程', '学分', '专业科目', '培训单位', '完成日期'],
    (n) => {
      const i = valid[n % valid.length]!;
      const k = Math.floor(n / valid.length);
      return [
        [
          idOf(i).id,
          String(year),
          `课程${k}`,
          '2',
          k % 3 ? '是' : '否',
          '北京国家会计学院',
          `${year}-${String(1 + (k % 12)).padStart(2, '0')}-10`,
        ],
      ];
    },
    ceRows,
  );
  run(`continuing-education import, ${ceRows} rows`, [
    'tools/import-continuing-education.ts',
    join(dir, 'ce.csv'),
    '--report',
    join(dir, 'ce-report.csv'),
  ]);
} finally {
  if (!values.keep) {
    await dropDatabase(databaseUrl);
    rmSync(dir, { recursive: true, force: true });
  } else console.log(`kept ${databaseUrl} and ${dir}`);
}
