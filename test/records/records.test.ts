import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAdmin, signInReviewer, signUpApplicant } from '../support/accounts.ts';
import { collectedPerson } from '../support/collected.ts';
import { testContext, type TestContext } from '../support/context.ts';
import { newPerson, uploadMaterial, waitForState } from '../support/forms.ts';
import { validScan } from '../support/jpeg.ts';

const run = promisify(execFile);
const TOOL = new URL('../../tools/import-continuing-education.ts', import.meta.url).pathname;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const thisYear = new Date().getFullYear();
const year = thisYear - 1;

let ctx: TestContext;
let admin: { token: string; userId: string };
let reviewer: { token: string; userId: string };
let p1: Awaited<ReturnType<typeof collectedPerson>>;
let p2: Awaited<ReturnType<typeof collectedPerson>>;
const dir = mkdtempSync(join(tmpdir(), 'ce-import-'));

beforeAll(async () => {
  ctx = await testContext();
  [admin, reviewer, p1, p2] = await Promise.all([
    signInAdmin(ctx),
    signInReviewer(ctx, '110105'),
    collectedPerson(ctx),
    collectedPerson(ctx),
  ]);
});
afterAll(() => ctx.close());

const importTool = (file: string, report?: string) =>
  run(process.execPath, ['--import', 'tsx', TOOL, file, ...(report ? ['--report', report] : [])], {
    env: {
      ...process.env,
      DATABASE_URL: ctx.run.databaseUrl,
      TEMPORAL_ADDRESS: ctx.run.temporalAddress,
      TEMPORAL_TASK_QUEUE: ctx.run.taskQueue,
      NODE_ENV: 'test',
    },
  });

/** The report's data rows as objects. */
function readReport(file: string) {
  const [header, ...lines] = readFileSync(file, 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r\n/);
  const cols = header!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])) as Record<string, string>);
}

describe('continuing education (继续教育): bulk import', () => {
  it('imports the good rows of a CSV with the command-line tool and reports each bad row with its reason', async () => {
    const unknown = newPerson().idNumber;
    const csv = [
      'archiveNo,year,course,credits,professional,provider,completedOn',
      `${p1.archiveNo},${year},企业会计准则解读,60,是,北京国家会计学院,${year}-03-01`,
      `${p1.archiveNo},${year},职业道德,29.5,否,北京会计学会,${year}-04-01`,
      `${p1.archiveNo},${year},职业道德,29.5,否,北京会计学会,${year}-04-01`,
      `${unknown},${year},税法,10,是,某培训机构,${year}-05-01`,
      `${p2.archiveNo},20x4,税法,10,是,某培训机构,${year}-05-01`,
      `${p2.archiveNo},${year},税法,abc,是,某培训机构,${year}-05-01`,
      `${p2.archiveNo},${year},税法,12.25,是,某培训机构,${year}-05-01`,
      `${p2.archiveNo},${year},,10,是,某培训机构,${year}-05-01`,
      `${p2.archiveNo},${year},内部控制,10,是,某培训机构,${year - 1}-12-31`,
      `${p2.archiveNo},${year},管理会计,"59.5",是,"北京国家会计学院, 培训部",${year}-06-01`,
      '',
      `${p2.archiveNo},${year},公需科目,30.5,否,北京会计学会,${year}-07-01`,
    ].join('\n');
    const file = join(dir, 'ce.csv');
    const report = join(dir, 'ce-report.csv');
    writeFileSync(file, csv);
    const { stdout } = await importTool(file, report);
    expect(stdout).toContain('11 rows: 4 imported (2 people), 7 rejected');

    // Each rejected row names the column at fault (none for a repeated row).
    expect(readReport(report).map((r) => [r.row, r.reason, r.field])).toEqual([
      ['4', 'duplicate-in-file', ''],
      ['5', 'unknown-archive-number', 'archiveNo'],
      ['6', 'bad-year', 'year'],
      ['7', 'bad-credits', 'credits'],
      ['8', 'bad-credits', 'credits'],
      ['9', 'missing-fields', 'course'],
      ['10', 'date-not-in-year', 'completedOn'],
    ]);
    expect(readFileSync(report, 'utf8')).toContain('为空：课程');
    const rows = await ctx.db.continuingEducation.findMany({ where: { personId: { in: [p1.person.id, p2.person.id] } } });
    expect(rows.map((r) => [r.personId === p1.person.id ? 'p1' : 'p2', r.course, r.credits.toString(), r.source]).sort()).toEqual([
      ['p1', '企业会计准则解读', '60', 'import'],
      ['p1', '职业道德', '29.5', 'import'],
      ['p2', '公需科目', '30.5', 'import'],
      ['p2', '管理会计', '59.5', 'import'],
    ]);
    expect(await ctx.db.personHistory.count({ where: { personId: p1.person.id, field: 'continuingEducation' } })).toBe(1);

    // The same file again imports nothing twice.
    const again = await importTool(file, report);
    expect(again.stdout).toContain('11 rows: 0 imported (0 people), 11 rejected');
    expect(readReport(report).filter((r) => r.reason === 'duplicate')).toHaveLength(4);

    // Yearly status at the boundaries: p1 has 89.5 credits (60 professional), p2 90 with 59.5 professional (just under two-thirds).
    const s1 = await ctx.call('GET', `/people/${p1.person.id}/continuing-education/status?year=${year}`, { token: p1.applicant.token });
    expect(s1.status).toBe(200);
    expect(s1.data).toMatchObject({
      year,
      totalCredits: 89.5,
      professionalCredits: 60,
      totalMet: false,
      professionalShareMet: true,
      complete: false,
      missingCredits: 0.5,
    });
    const s2 = await ctx.call('GET', `/people/${p2.person.id}/continuing-education/status?year=${year}`, { token: reviewer.token });
    expect(s2.data).toMatchObject({
      totalCredits: 90,
      professionalCredits: 59.5,
      totalMet: true,
      professionalShareMet: false,
      complete: false,
    });
    expect((await ctx.call('GET', `/people/${p1.person.id}/continuing-education/status?year=1800`, { token: admin.token })).status).toBe(
      400,
    );
  });

  it('imports an Excel file through the admin endpoint, which returns the report (JSON or CSV)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('继续教育');
    ws.addRow(['档案号', '年度', '课程', '学分', '专业科目', '培训单位', '完成日期']);
    ws.addRow([p1.archiveNo, year, '财务报表分析', 0.5, '否', '北京会计学会', new Date(`${year}-09-01T00:00:00Z`)]);
    ws.addRow([p2.archiveNo, year, '管理会计', 59.5, '是', '北京国家会计学院, 培训部', `${year}-06-01`]);
    ws.addRow([p2.archiveNo, year, '政府会计', 0.5, '也许', '北京会计学会', `${year}-09-01`]);
    ws.addRow([p2.archiveNo, thisYear + 1, '政府会计', 0.5, '是', '北京会计学会', `${thisYear + 1}-01-02`]);
    ws.addRow([p2.archiveNo, year, '政府会计', 0.5, '是', '北京会计学会', `${year}-02-30`]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const post = (token: string | undefined, body: BodyInit, type = XLSX, query = '') =>
      ctx.call('POST', `/admin/continuing-education/import${query}`, { token, body, headers: { 'content-type': type } });

    expect((await post(p1.applicant.token, bytes)).status).toBe(403);
    expect((await post(reviewer.token, bytes)).status).toBe(403);
    expect((await post(undefined, bytes)).status).toBe(401);

    const res = await post(admin.token, bytes);
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ format: 'xlsx', total: 5, imported: 1, rejected: 4, people: 1 });
    expect(res.data.rows.map((r: { row: number; reason: string; field: string | null }) => [r.row, r.reason, r.field])).toEqual([
      [3, 'duplicate', null],
      [4, 'bad-professional', 'professional'],
      [5, 'bad-year', 'year'],
      [6, 'bad-date', 'completedOn'],
    ]);
    expect(res.data.rows[0]).toMatchObject({ detail: expect.any(String), detail_zh: '该记录已登记' });
    // p1 now has exactly 90 credits with 60 professional: exactly two-thirds, complete.
    const s1 = await ctx.call('GET', `/people/${p1.person.id}/continuing-education/status?year=${year}`, { token: admin.token });
    expect(s1.data).toMatchObject({
      totalCredits: 90,
      professionalCredits: 60,
      professionalShare: 0.6667,
      totalMet: true,
      professionalShareMet: true,
      complete: true,
    });

    // As a multipart form, with the report as CSV.
    const form = new FormData();
    form.append('file', new Blob([bytes], { type: XLSX }), 'ce.xlsx');
    const csv = await ctx.app.request('/admin/continuing-education/import?format=csv', {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('x-rejected')).toBe('5');
    expect(await csv.text()).toContain('duplicate');

    // Not a table at all, or a table without the columns: a problem, never a 500.
    const junk = await post(admin.token, new TextEncoder().encode('hello,world\n1,2\n'), 'text/csv');
    expect(junk.status).toBe(422);
    expect(junk.data).toMatchObject({
      type: expect.stringMatching(/import-columns-missing$/),
      detail_zh: expect.stringContaining('档案号'),
    });
    const broken = await post(admin.token, new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]));
    expect(broken.status).toBe(422);
    expect(broken.data.type).toMatch(/import-unreadable$/);
    expect((await post(admin.token, new Uint8Array(0), 'text/csv')).status).toBe(400);
  });
});

describe('high-end talent (高端会计人才) and credit (守信 / 失信) records', () => {
  it('are kept by administrators, validated, shown on the linked record, with history', async () => {
    const path = `/people/${p1.person.id}`;
    const talent = await ctx.call('POST', `${path}/talents`, { token: admin.token, json: { type: 'leading', year: 2020 } });
    expect(talent.status).toBe(201);
    expect(talent.data).toMatchObject({ type: 'leading', year: 2020 });
    const dup = await ctx.call('POST', `${path}/talents`, { token: admin.token, json: { type: 'leading', year: 2020 } });
    expect(dup.status).toBe(409);
    expect(dup.data).toMatchObject({ type: expect.stringMatching(/talent-exists$/), detail_zh: expect.any(String) });
    const badYear = await ctx.call('POST', `${path}/talents`, { token: admin.token, json: { type: 'leading', year: thisYear + 1 } });
    expect(badYear.status).toBe(400);
    expect(badYear.data.violations[0]).toMatchObject({ path: 'year', rule: 'talent.year', zh: expect.stringContaining('年度') });
    expect((await ctx.call('POST', `${path}/talents`, { token: admin.token, json: { type: 'genius', year: 2020 } })).status).toBe(400);
    expect((await ctx.call('POST', `${path}/talents`, { token: reviewer.token, json: { type: 'international', year: 2021 } })).status).toBe(
      403,
    );
    expect(
      (await ctx.call('POST', `${path}/talents`, { token: p1.applicant.token, json: { type: 'international', year: 2021 } })).status,
    ).toBe(403);
    const moved = await ctx.call('PUT', `${path}/talents/${talent.data.id}`, {
      token: admin.token,
      json: { type: 'international', year: 2021 },
    });
    expect(moved.data).toMatchObject({ id: talent.data.id, type: 'international', year: 2021 });
    expect(
      (
        await ctx.call('PUT', `${path}/talents/00000000-0000-4000-8000-000000000000`, {
          token: admin.token,
          json: { type: 'leading', year: 2021 },
        })
      ).status,
    ).toBe(404);

    const award = await ctx.call('POST', `${path}/credits`, {
      token: admin.token,
      json: {
        kind: 'trustworthy',
        occurredOn: '2023-12-01',
        issuer: '北京市财政局',
        documentNo: '京财会〔2023〕88号',
        description: '先进会计工作者',
      },
    });
    expect(award.status).toBe(201);
    // Recorded twice (a retried POST): one record, and a 409 naming the rule.
    const again = await ctx.call('POST', `${path}/credits`, {
      token: admin.token,
      json: {
        kind: 'trustworthy',
        occurredOn: '2023-12-01',
        issuer: '北京市财政局',
        documentNo: '京财会〔2023〕88号',
        description: '先进会计工作者',
      },
    });
    expect(again).toMatchObject({ status: 409, data: { type: expect.stringMatching(/credit-exists$/), detail_zh: expect.any(String) } });
    const future = await ctx.call('POST', `${path}/credits`, {
      token: admin.token,
      json: { kind: 'untrustworthy', occurredOn: `${thisYear + 1}-01-01`, issuer: 'x', documentNo: 'x', description: 'x' },
    });
    expect(future.status).toBe(400);
    expect(future.data.violations[0]).toMatchObject({ path: 'occurredOn', rule: 'date.future' });
    const temp = await ctx.call('POST', `${path}/credits`, {
      token: admin.token,
      json: { kind: 'trustworthy', occurredOn: '2022-01-01', issuer: 'a', documentNo: 'b', description: 'c' },
    });
    expect((await ctx.call('DELETE', `${path}/credits/${temp.data.id}`, { token: admin.token })).status).toBe(204);
    expect((await ctx.call('DELETE', `${path}/credits/${temp.data.id}`, { token: admin.token })).status).toBe(404);

    const record = await ctx.call('GET', '/people/me/record', { token: p1.applicant.token });
    expect(record.data.talents).toEqual([{ id: talent.data.id, type: 'international', year: 2021 }]);
    expect(record.data.credits).toMatchObject([{ kind: 'trustworthy', issuer: '北京市财政局', documentNo: '京财会〔2023〕88号' }]);
    expect(record.data.continuingEducation.years.find((y: { year: number }) => y.year === year)).toMatchObject({ complete: true });
    const fields = record.data.history
      .filter((h: { actorId: string }) => h.actorId === admin.userId)
      .map((h: { field: string }) => h.field);
    expect(fields.sort()).toEqual(['continuingEducation', 'credits', 'credits', 'credits', 'talents', 'talents']);
    expect((await ctx.call('GET', `${path}/talents`, { token: reviewer.token })).data).toHaveLength(1);
    const outsider = await signUpApplicant(ctx);
    expect((await ctx.call('GET', `${path}/credits`, { token: outsider.token })).status).toBe(404);
  });

  it("shows a 失信 record to the district reviewer of the person's request, not to the applicant", async () => {
    const penalty = await ctx.call('POST', `/people/${p2.person.id}/credits`, {
      token: admin.token,
      json: {
        kind: 'untrustworthy',
        occurredOn: '2024-06-01',
        issuer: '北京市财政局',
        documentNo: '京财罚〔2024〕12号',
        description: '伪造会计凭证，处以罚款',
      },
    });
    expect(penalty.status).toBe(201);

    // The person registers continuing education through a change request, with its proof.
    const draft = await ctx.call('POST', '/requests/change', { token: p2.applicant.token });
    const id = draft.data.requestId;
    const course = {
      year,
      course: '新收入准则',
      credits: 12,
      professional: true,
      provider: '北京国家会计学院',
      completedOn: `${year}-10-10`,
    };
    const saved = await ctx.call('PUT', `/requests/${id}/form/continuingEducation`, { token: p2.applicant.token, json: [course] });
    expect(saved.status).toBe(200);
    const missing = await ctx.call('POST', `/requests/${id}/submit`, { token: p2.applicant.token });
    expect(missing.data.violations.map((v: { path: string }) => v.path)).toContain('materials.continuingEducationProof');
    expect((await uploadMaterial(ctx, p2.applicant.token, id, 'continuingEducationProof', await validScan('ce'))).status).toBe(200);
    await ctx.call('POST', `/requests/${id}/commitment`, { token: p2.applicant.token });
    expect((await ctx.call('POST', `/requests/${id}/submit`, { token: p2.applicant.token })).status).toBe(200);

    const seen = await ctx.call('GET', `/requests/${id}`, { token: reviewer.token });
    expect(seen.status).toBe(200);
    expect(seen.data.creditWarnings).toMatchObject([{ kind: 'untrustworthy', issuer: '北京市财政局', documentNo: '京财罚〔2024〕12号' }]);
    const own = await ctx.call('GET', `/requests/${id}`, { token: p2.applicant.token });
    expect(own.status).toBe(200);
    expect(own.data).not.toHaveProperty('creditWarnings');
    const elsewhere = await signInReviewer(ctx, '110108');
    expect((await ctx.call('GET', `/requests/${id}`, { token: elsewhere.token })).status).toBe(404);
    // A reviewer of a person without 失信 records sees an empty list.
    expect((await ctx.call('GET', `/requests/${p1.collectionId}`, { token: reviewer.token })).data.creditWarnings).toEqual([]);

    expect((await ctx.call('POST', `/requests/${id}/review`, { token: reviewer.token, json: { outcome: 'approved' } })).status).toBe(200);
    await waitForState(ctx, id, 'completed');
    const rows = await ctx.db.continuingEducation.findMany({ where: { personId: p2.person.id, source: 'application' } });
    expect(rows.map((r) => [r.course, r.credits.toString()])).toEqual([['新收入准则', '12']]);
    const status = await ctx.call('GET', `/people/me/continuing-education/status?year=${year}`, { token: p2.applicant.token });
    expect(status.data).toMatchObject({ totalCredits: 102, professionalCredits: 71.5 });
  });
});

describe('reads of a linked record', () => {
  it('are logged for staff with their reason, the record and each material; the person reading their own is not', async () => {
    const personId = p1.person.id;
    const logged = () => ctx.db.accessLog.findMany({ where: { personId }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
    const before = (await logged()).length;
    const reason = '核查继续教育学分';
    expect((await ctx.call('GET', `/people/${personId}/record?reason=${encodeURIComponent(reason)}`, { token: admin.token })).status).toBe(
      200,
    );
    expect((await ctx.call('GET', `/people/${personId}/record`, { token: reviewer.token })).status).toBe(200);
    const photo = await ctx.app.request(`/people/${personId}/materials/photo?reason=${encodeURIComponent(reason)}`, {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(photo.status).toBe(200);
    expect((await ctx.call('GET', '/people/me/record', { token: p1.applicant.token })).status).toBe(200);
    // A reason that could not be stored is refused before anything is read.
    expect((await ctx.call('GET', `/people/${personId}/record?reason=%01`, { token: admin.token })).status).toBe(400);

    const rows = (await logged()).slice(before);
    expect(rows.map((r) => [r.userId, r.role, r.resource, r.materialKind, r.reason])).toEqual([
      [admin.userId, 'admin', 'person.record', null, reason],
      [reviewer.userId, 'reviewer', 'person.record', null, 'review'],
      [admin.userId, 'admin', 'person.material', 'photo', reason],
    ]);
    const page = await ctx.call('GET', `/admin/access-log?personId=${personId}`, { token: admin.token });
    expect(page.data.items[0]).toMatchObject({ resource: 'person.material', reason, personId, username: expect.any(String) });
  });
});
