/**
 * Migration of an existing archive (存量档案迁移) on the real services: a CSV upload and an .xlsx upload of people with
 * good and bad rows import the good ones, whose records equal what an online collection of the same data writes;
 * each bad row is reported with its rule; a second run changes nothing; the platform gets one version per person.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNationalClient } from '../../national/client.ts';
import { loadPersonRecord } from '../../records/person-record.ts';
import { signInAdmin } from '../support/accounts.ts';
import { collectedPerson } from '../support/collected.ts';
import { testContext, type TestContext } from '../support/context.ts';
import { accountantForm, newPerson, type TestForm } from '../support/forms.ts';

let ctx: TestContext;
let admin: { token: string };
let national: ReturnType<typeof createNationalClient>;
beforeAll(async () => {
  ctx = await testContext();
  admin = await signInAdmin(ctx);
  national = createNationalClient({ baseUrl: ctx.run.nationalUrl, province: ctx.env.PROVINCE_CODE });
});
afterAll(() => ctx.close());

const PEOPLE = [
  'idNumber',
  '证件类型',
  '姓名',
  '性别',
  'birthDate',
  'nationality',
  '民族',
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
];
const EDUCATION = ['证件号码', 'studyMode', 'school', '学历', 'degree', 'major', 'enrolledOn', 'graduatedOn'];
const QUALIFICATIONS = ['idNumber', 'type', 'level', 'wayObtained', 'obtainedOn', 'certificateNo'];
const CE = ['idNumber', '年度', 'course', 'credits', 'professional', 'provider', 'completedOn'];
const year = new Date().getFullYear() - 1;

/** The rows a person's form makes in each sheet; some enumerations written as their Chinese names, as an old system would. */
function rowsOf(f: TestForm) {
  const b = f.basic;
  const w = f.work;
  return {
    people: [
      [
        b.idNumber,
        '居民身份证',
        b.name,
        b.sex === 'male' ? '男' : '女',
        b.birthDate,
        b.nationality,
        '汉族',
        b.politicalStatus,
        b.mobile,
        b.email,
        b.address,
        f.situation,
        f.district.code,
        '工作单位所在区',
        w.unitName,
        w.unitCreditCode,
        '企业',
        w.unitDistrict,
        w.startedOn,
        '出纳；财务会计报告（决算报告）编制',
        w.administrativePost,
      ],
    ],
    education: f.education.map((e) => [b.idNumber, e.studyMode, e.school, '本科', e.degree, e.major, e.enrolledOn, e.graduatedOn]),
    qualifications: (f.qualifications ?? []).map((q) => [b.idNumber, q.type, '中级', q.wayObtained, q.obtainedOn, q.certificateNo]),
    continuingEducation: [
      [b.idNumber, String(year), '企业会计准则', '30', '是', '北京国家会计学院', `${year}-03-01`],
      [b.idNumber, String(year), '职业道德', '20', '否', '北京国家会计学院', `${year}-04-01`],
    ],
  };
}
type Sheets = ReturnType<typeof rowsOf>;
const merge = (list: Sheets[]): Sheets => ({
  people: list.flatMap((s) => s.people),
  education: list.flatMap((s) => s.education),
  qualifications: list.flatMap((s) => s.qualifications),
  continuingEducation: list.flatMap((s) => s.continuingEducation),
});
const HEADERS = { people: PEOPLE, education: EDUCATION, qualifications: QUALIFICATIONS, continuingEducation: CE };
const csvOf = (header: string[], rows: string[][]) =>
  `\uFEFF${[header, ...rows].map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n')}\r\n`;

function csvForm(s: Sheets) {
  const form = new FormData();
  for (const sheet of ['people', 'education', 'qualifications', 'continuingEducation'] as const) {
    form.set(sheet, new File([csvOf(HEADERS[sheet], s[sheet])], `${sheet}.csv`, { type: 'text/csv' }));
  }
  return form;
}
async function xlsxForm(s: Sheets) {
  const wb = new ExcelJS.Workbook();
  const names = { people: '人员', education: '学历学位', qualifications: '专业技术资格', continuingEducation: '继续教育' } as const;
  for (const sheet of ['people', 'education', 'qualifications', 'continuingEducation'] as const) {
    const ws = wb.addWorksheet(names[sheet]);
    ws.addRow(HEADERS[sheet]);
    for (const r of s[sheet]) ws.addRow(r);
  }
  const form = new FormData();
  form.set('file', new File([new Uint8Array(await wb.xlsx.writeBuffer())], 'archive.xlsx'));
  return form;
}

async function runImport(form: FormData) {
  const started = await ctx.call('POST', '/admin/archive-imports', { token: admin.token, body: form });
  expect(started.status, JSON.stringify(started.data)).toBe(202);
  const until = Date.now() + 120_000;
  for (;;) {
    const job = await ctx.call('GET', `/admin/archive-imports/${started.data.id}`, { token: admin.token });
    expect(job.status).toBe(200);
    if (job.data.state !== 'running') {
      expect(job.data.state, JSON.stringify(job.data.error)).toBe('done');
      return job.data as {
        id: string;
        report: { imported: number; unchanged: number; rejectedPeople: number; people: number; rows: any[] };
      };
    }
    if (Date.now() > until) throw new Error('import job did not finish');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A record without what differs by nature between two writes: nothing (the archive and everything else must match). */
const recordOf = async (archiveNo: string) => {
  const p = await ctx.db.person.findUniqueOrThrow({ where: ctx.byArchiveNo(archiveNo) });
  return { person: p, record: (await loadPersonRecord(ctx.db, ctx.personalData, p.id)).record };
};
const historyOf = async (personId: string) =>
  (await ctx.db.personHistory.findMany({ where: { personId }, orderBy: { field: 'asc' } })).map((h) => ({
    field: h.field,
    newValue: ctx.personalData.openAt(h.field, h.newValue),
    requestId: h.requestId,
  }));

/** Waits for the platform to hold `n` versions of each archive number (0: answers at once). */
async function nationalVersions(archiveNos: string[], n: number) {
  const until = Date.now() + 90_000;
  for (;;) {
    const all = await Promise.all(archiveNos.map(async (a) => (await national.getRecordVersions(a))?.versions.length ?? 0));
    if (all.every((v) => v >= n) || Date.now() > until) return all;
    await new Promise((r) => setTimeout(r, 250));
  }
}

function badSheets() {
  const badId = accountantForm(newPerson());
  const idRows = rowsOf(badId);
  idRows.people[0]![0] = `${badId.basic.idNumber.slice(0, 17)}${badId.basic.idNumber.endsWith('0') ? '1' : '0'}`;
  idRows.education[0]![0] = idRows.people[0]![0]!;
  idRows.qualifications[0]![0] = idRows.people[0]![0]!;
  idRows.continuingEducation = [];

  const badEducation = rowsOf(accountantForm(newPerson()));
  badEducation.education[0]![7] = '1960-01-01'; // graduated before enrolled

  const badCode = rowsOf(accountantForm(newPerson()));
  badCode.people[0]![15] = `${badCode.people[0]![15]!.slice(0, 17)}${badCode.people[0]![15]!.endsWith('1') ? '2' : '1'}`;

  const badCredits = rowsOf(accountantForm(newPerson()));
  badCredits.continuingEducation[1]![3] = 'abc';

  const badDistrict = rowsOf(accountantForm(newPerson()));
  badDistrict.people[0]![17] = '120101'; // a Tianjin district as the work unit's

  const orphan = rowsOf(accountantForm(newPerson()));
  return {
    sheets: merge([
      idRows,
      badEducation,
      badCode,
      badCredits,
      badDistrict,
      { ...orphan, people: [], qualifications: [], continuingEducation: [] },
    ]),
    expected: [
      { sheet: 'people', idNumber: idRows.people[0]![0], rule: 'identity.checksum', column: 'idNumber' },
      { sheet: 'education', idNumber: badEducation.people[0]![0], rule: 'education.order', column: 'graduatedOn' },
      { sheet: 'people', idNumber: badCode.people[0]![0], rule: expect.stringMatching(/^uscc\./), column: 'unitCreditCode' },
      { sheet: 'continuingEducation', idNumber: badCredits.people[0]![0], rule: 'continuingEducation.bad-credits', column: 'credits' },
      { sheet: 'people', idNumber: badDistrict.people[0]![0], rule: 'district.notInProvince', column: 'unitDistrict' },
      { sheet: 'education', idNumber: orphan.people[0]![0], rule: 'archive.unknownPerson', column: 'idNumber' },
    ],
    badPeople: [badEducation, badCode, badCredits, badDistrict].map((s) => s.people[0]![0]!),
  };
}

describe('migration of an existing archive (存量档案迁移)', () => {
  for (const kind of ['csv', 'xlsx'] as const) {
    it(`${kind}: imports the good people as an online collection writes them, reports each bad row with its rule, and a second run changes nothing`, async () => {
      // The reference: a person collected online, whose record is then removed so the same data can be migrated.
      const online = await collectedPerson(ctx);
      const reference = await recordOf(online.archiveNo);
      const referenceHistory = await historyOf(reference.person.id);
      await ctx.db.person.delete({ where: { id: reference.person.id } });

      const fresh = [accountantForm(newPerson('110108')), accountantForm(newPerson('110102'))];
      const bad = badSheets();
      const onlineRows = rowsOf(online.form as TestForm);
      onlineRows.continuingEducation = [];
      const sheets = merge([onlineRows, ...fresh.map(rowsOf), bad.sheets]);
      const form = () => (kind === 'csv' ? Promise.resolve(csvForm(sheets)) : xlsxForm(sheets));

      const first = await runImport(await form());
      expect(first.report).toMatchObject({ people: 8, imported: 3, unchanged: 0, rejectedPeople: 5 });
      expect(first.report.rows).toEqual(expect.arrayContaining(bad.expected.map((e) => expect.objectContaining(e))));
      for (const r of first.report.rows) expect(r.row).toBeGreaterThan(1);
      // A person with any bad row is rejected whole: nothing of theirs is written.
      for (const id of bad.badPeople) expect(await ctx.db.person.count({ where: ctx.byArchiveNo(id) })).toBe(0);

      // The migrated record equals the online one: every module, every column.
      const migrated = await recordOf(online.archiveNo);
      expect(migrated.record).toEqual({ ...reference.record, status: 'active' });
      // Every column of the person, but its own id, times and applicant; sealed numbers differ by their nonce, opened above.
      const columns = ({
        applicantId: _a,
        id: _i,
        createdAt: _c,
        updatedAt: _u,
        archiveNoSealed: _s,
        mobileSealed: _m,
        ...rest
      }: typeof migrated.person) => rest;
      expect(columns(migrated.person)).toEqual(columns(reference.person));
      // History: the same parts as collected, no request, and a migration entry naming the import.
      const history = await historyOf(migrated.person.id);
      expect(history.filter((h) => h.field !== 'migration').map(({ field, newValue }) => ({ field, newValue }))).toEqual(
        referenceHistory.map(({ field, newValue }) => ({ field, newValue })),
      );
      expect(history.find((h) => h.field === 'migration')).toMatchObject({ requestId: null, newValue: { row: 2 } });
      // Continuing education came with the fresh people.
      const f0 = await recordOf(fresh[0]!.basic.idNumber);
      expect(f0.record.continuingEducation.map((c) => c.course).sort()).toEqual(['企业会计准则', '职业道德']);

      // The platform: one version per imported fresh person.
      const archiveNos = fresh.map((f) => f.basic.idNumber);
      expect(await nationalVersions(archiveNos, 1)).toEqual([1, 1]);

      // The same file again: the same people, no new rows, no new versions.
      // Counted for the people of this file only: other files of the run write people meanwhile.
      const hashes = sheets.people.map((r) => ctx.personalData.lookup('idNumber', r[0]!));
      const counts = async () => {
        const ids = (await ctx.db.person.findMany({ where: { archiveNoHash: { in: hashes } }, select: { id: true } })).map((p) => p.id);
        const mine = { personId: { in: ids } };
        return {
          people: ids.length,
          history: await ctx.db.personHistory.count({ where: mine }),
          ce: await ctx.db.continuingEducation.count({ where: mine }),
          education: await ctx.db.education.count({ where: mine }),
          qualifications: await ctx.db.qualification.count({ where: mine }),
        };
      };
      const before = await counts();
      const second = await runImport(await form());
      expect(second.report).toMatchObject({ people: 8, imported: 0, unchanged: 3, rejectedPeople: 5 });
      expect(second.report.rows).toEqual(first.report.rows);
      expect(await counts()).toEqual(before);
      await new Promise((r) => setTimeout(r, 1500));
      expect(await nationalVersions(archiveNos, 0)).toEqual([1, 1]);

      // The rejected rows as CSV.
      const csv = await ctx.call('GET', `/admin/archive-imports/${second.id}/report.csv`, { token: admin.token });
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(String(csv.data).split('\r\n')[0]).toBe('sheet,row,idNumber,rule,column,detail,detail_zh');
      expect(String(csv.data)).toContain('identity.checksum');
    }, 240_000);
  }

  it('refuses an upload without people, and a job it does not know', async () => {
    const form = new FormData();
    form.set('education', new File(['idNumber\r\n'], 'education.csv'));
    const res = await ctx.call('POST', '/admin/archive-imports', { token: admin.token, body: form });
    expect(res.status).toBe(400);
    expect(res.data.type).toMatch(/import-file-missing$/);
    const none = await ctx.call('GET', `/admin/archive-imports/${crypto.randomUUID()}`, { token: admin.token });
    expect(none.status).toBe(404);
  });
});
