import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskIdNumber, maskPhone } from '../../domain/identity.ts';
import { findPersonalData } from '../../domain/redact.ts';
import { signInAdmin, signInReviewer } from '../support/accounts.ts';
import type { TestContext } from '../support/context.ts';
import { peopleCsvStream, peopleXlsxStream } from '../../api/statistics/export.ts';
import { allPeople, type PersonListItem, searchPeople } from '../../api/statistics/search.ts';
import { A, B, isolatedContext, knownPopulation, seedKnownPopulation } from './fixture.ts';

const population = knownPopulation();
let env: Awaited<ReturnType<typeof isolatedContext>>;
let ctx: TestContext;
let ids: Awaited<ReturnType<typeof seedKnownPopulation>>;
let admin: { token: string };
let reviewerA: { token: string };

beforeAll(async () => {
  env = await isolatedContext('search');
  ctx = env.ctx;
  ids = await seedKnownPopulation(ctx, population);
  [admin, reviewerA] = await Promise.all([signInAdmin(ctx), signInReviewer(ctx, A)]);
});
afterAll(() => env?.close());

const search = (token: string, query: string) => ctx.call('GET', `/people?${query}`, { token });
const names = (res: { data: { items: { name: string }[] } }) => res.data.items.map((i) => i.name);
const idOf = (key: string) => ids[key]!.id;

/** Raw bytes of a response (exports are binary or carry a BOM that text decoding would hide). */
async function download(path: string, token: string) {
  const res = await ctx.app.request(path, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

/** CSV text (RFC 4180: quoted cells may hold commas) as rows of cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    } else cell += ch;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

async function readXlsx(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as never);
  return wb;
}
const sheetRows = (ws: ExcelJS.Worksheet) => {
  const rows: unknown[][] = [];
  ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  return rows;
};

describe('person search (人员查询)', () => {
  it('finds by the beginning of the name by default, and anywhere in it on request; in name order, then id', async () => {
    const zhang = await search(admin.token, `name=${encodeURIComponent('张')}`);
    expect(zhang.status).toBe(200);
    expect(zhang.data).toMatchObject({ page: 1, pageSize: 20, total: 2 });
    expect(zhang.data.items.map((i: { personId: string }) => i.personId)).toEqual([ids.zhangA!.id, ids.zhangB!.id].sort());
    expect(names(await search(admin.token, `name=${encodeURIComponent('伟')}`))).toEqual([]);
    expect(names(await search(admin.token, `name=${encodeURIComponent('伟')}&nameMatch=contains`))).toEqual(['张伟', '张伟']);
    expect(names(await search(admin.token, `name=${encodeURIComponent(' 李娜 ')}`))).toEqual(['李娜']);
    // Search text is literal: % and _ match only themselves.
    expect((await search(admin.token, 'name=%25')).data.total).toBe(0);
    expect((await search(admin.token, 'name=_&nameMatch=contains')).data.total).toBe(0);
    // No filter: everyone, in name order (code points), transferred-out people included.
    const all = await search(admin.token, '');
    expect(all.data.total).toBe(6);
    expect(names(all)).toEqual([...names(all)].sort());
  });

  it('finds by archive number: the whole number exactly, or its first six characters at most', async () => {
    const exact = await search(admin.token, `archiveNo=${ids.lina!.archiveNo}`);
    expect(exact.data.total).toBe(1);
    expect(exact.data.items[0].personId).toBe(idOf('lina'));
    // Numbers of district A's people begin with A's area code; one of them has transferred away.
    expect((await search(admin.token, `archiveNo=${A}`)).data.total).toBe(4);
    expect((await search(admin.token, `archiveNo=${A}&status=active`)).data.total).toBe(3);
    expect(
      (await search(admin.token, `archiveNo=${A}&status=transferredOut`)).data.items.map((i: { personId: string }) => i.personId),
    ).toEqual([idOf('zhaomin')]);
    expect((await search(admin.token, `archiveNo=${ids.lina!.archiveNo.toLowerCase()}`)).data.total).toBe(1);
    expect((await search(admin.token, 'archiveNo=11010')).data.total).toBe(6);
    expect((await search(admin.token, 'archiveNo=12')).data.total).toBe(0);
    expect((await search(admin.token, 'archiveNo=1101-05')).status).toBe(400);
    // Numbers are stored sealed: a longer beginning than six characters cannot be searched, and says so.
    for (const partial of [ids.lina!.archiveNo.slice(0, 7), ids.lina!.archiveNo.slice(0, 14), ids.lina!.archiveNo.slice(0, 17)]) {
      const refused = await search(admin.token, `archiveNo=${partial}`);
      expect(refused.status, partial).toBe(400);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(refused.data).toMatchObject({ type: expect.stringMatching(/archive-number-search$/), rule: 'search.archiveNo', maxPrefix: 6 });
      expect(refused.data.detail).toMatch(/first 6 characters/);
      expect(refused.data.detail_zh).toMatch(/前6位/);
    }
    const exported = await download(`/people/export?format=csv&archiveNo=${ids.lina!.archiveNo.slice(0, 10)}`, admin.token);
    expect(exported.status).toBe(400);
    // A whole number nobody has is simply not found.
    expect(
      (await search(admin.token, `archiveNo=${ids.lina!.archiveNo.slice(0, 17)}${ids.lina!.archiveNo.endsWith('0') ? '1' : '0'}`)).data
        .total,
    ).toBe(0);
  });

  it('finds by part of the work unit name', async () => {
    const unit = await search(admin.token, `unit=${encodeURIComponent('示例科技')}&status=active`);
    expect(unit.data.items.map((i: { personId: string }) => i.personId).sort()).toEqual([idOf('zhangA'), idOf('zhangB')].sort());
    expect(unit.data.items.map((i: { unitName: string }) => i.unitName).sort()).toEqual([
      '北京示例科技有限公司',
      '北京示例科技有限公司海淀分公司',
    ]);
    expect(names(await search(admin.token, `unit=${encodeURIComponent('华信')}`))).toEqual(['李娜']);
    expect(
      names(await search(admin.token, `unit=${encodeURIComponent('示例科技')}&name=${encodeURIComponent('张')}&district=${B}`)),
    ).toEqual(['张伟']);
    // Pages of a search the filter decides: counted with the matches, and past the end too.
    const second = await search(admin.token, `unit=${encodeURIComponent('示例科技')}&pageSize=2&page=2`);
    expect(second.data).toMatchObject({ total: 3, items: [{ name: '赵敏' }] });
    expect((await search(admin.token, `unit=${encodeURIComponent('示例科技')}&pageSize=2&page=3`)).data).toMatchObject({
      total: 3,
      items: [],
    });
  });

  it("shows a district reviewer their own district's people only", async () => {
    const zhang = await search(reviewerA.token, `name=${encodeURIComponent('张伟')}`);
    expect(zhang.status).toBe(200);
    expect(zhang.data.scope.districtCode).toBe(A);
    expect(zhang.data.items.map((i: { personId: string }) => i.personId)).toEqual([idOf('zhangA')]);
    expect((await search(reviewerA.token, `archiveNo=${ids.chenjing!.archiveNo}`)).data.total).toBe(0);
    expect((await search(reviewerA.token, `unit=${encodeURIComponent('海淀')}`)).data.total).toBe(0);
    const all = await search(reviewerA.token, '');
    expect(all.data.total).toBe(4);
    expect(new Set(all.data.items.map((i: { districtCode: string }) => i.districtCode))).toEqual(new Set([A]));
    const other = await search(reviewerA.token, `district=${B}`);
    expect(other.status).toBe(403);
    expect(other.data.rule).toBe('statistics.districtScope');
  });

  it("lists masked ID and mobile numbers to everyone, with each person's highest levels", async () => {
    for (const token of [admin.token, reviewerA.token]) {
      const res = await ctx.app.request('/people?pageSize=100', { headers: { authorization: `Bearer ${token}` } });
      const text = await res.text();
      expect(findPersonalData(text)).toEqual([]);
      const items = JSON.parse(text).items as { personId: string; archiveNo: string; mobile: string }[];
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) {
        expect(item.archiveNo).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
        expect(item.mobile).toMatch(/^1\d{2}\*{4}\d{4}$/);
      }
    }
    const lina = (await search(admin.token, `archiveNo=${ids.lina!.archiveNo}`)).data.items[0];
    expect(lina).toEqual({
      personId: idOf('lina'),
      name: '李娜',
      archiveNo: maskIdNumber(ids.lina!.archiveNo),
      idType: 'mainlandId',
      sex: 'female',
      districtCode: A,
      districtName: '朝阳区',
      unitName: '北京华信会计师事务所',
      mobile: '138****2222',
      status: 'active',
      qualificationLevel: 'senior',
      educationLevel: 'master',
    });
    expect((await search(admin.token, `archiveNo=${ids.wangfang!.archiveNo}`)).data.items[0]).toMatchObject({
      qualificationLevel: null,
      educationLevel: null,
      unitName: null,
    });
  });

  it('pages through the results', async () => {
    const all = names(await search(admin.token, 'pageSize=100'));
    const pages = [];
    for (let page = 1; page <= 3; page++) pages.push(...names(await search(admin.token, `pageSize=2&page=${page}`)));
    expect(pages).toEqual(all);
    const past = await search(admin.token, 'pageSize=2&page=4');
    expect(past.data).toMatchObject({ total: 6, items: [] });
    expect((await search(admin.token, 'pageSize=101')).status).toBe(400);
  });

  it('counts up to the cap: beyond it the total is the cap, not exact, and the pages, past the cap too, are those of an exact count', async () => {
    const deps = { db: ctx.db, personalData: ctx.personalData };
    const scope = { provinceCode: '110000', districtCode: null };
    for (const query of [{}, { archiveNo: '11010' }, { unit: '示例' }, { status: 'active' as const }]) {
      const exact = await searchPeople(deps, scope, query, 1, 2);
      expect(exact.totalExact, JSON.stringify(query)).toBe(true);
      expect(exact.total).toBeGreaterThan(2);
      const capped = await searchPeople(deps, scope, query, 1, 2, 2);
      expect(capped).toMatchObject({ total: 2, totalExact: false });
      expect(capped.items).toEqual(exact.items);
      expect((await searchPeople(deps, scope, query, 2, 2, 2)).items).toEqual((await searchPeople(deps, scope, query, 2, 2)).items);
      // Past the count: the pages go on.
      expect((await searchPeople(deps, scope, query, 3, 2, 2)).items).toEqual((await searchPeople(deps, scope, query, 3, 2)).items);
    }
    expect((await searchPeople(deps, scope, {}, 3, 2, 2)).items).toHaveLength(2);
    // Past the cap, part of a name is tested on each person of the walk (LIKE, not the grams index): the same rows.
    const walked = await searchPeople(deps, scope, { name: '伟', nameMatch: 'contains' }, 1, 2, 1);
    expect(walked).toMatchObject({ total: 1, totalExact: false });
    expect(walked.items).toEqual((await searchPeople(deps, scope, { name: '伟', nameMatch: 'contains' }, 1, 2)).items);
    expect(walked.items.map((i) => i.name)).toEqual(['张伟', '张伟']);
    expect((await search(admin.token, '')).data).toMatchObject({ total: 6, totalExact: true });
  });

  it('finds one character or a pair anywhere in a name or a unit as LIKE does (the grams index alone; LIKE decides longer texts)', async () => {
    const like = async (column: 'name' | 'unit', text: string) => {
      const rows =
        column === 'name'
          ? await ctx.db.$queryRaw<{ id: string }[]>`SELECT id FROM "Person" WHERE strpos(name, ${text}) > 0 ORDER BY name COLLATE "C", id`
          : await ctx.db.$queryRaw<{ id: string }[]>`
              SELECT p.id FROM "Person" p JOIN "WorkInfo" w ON w."personId" = p.id WHERE strpos(w."unitName", ${text}) > 0
               ORDER BY p.name COLLATE "C", p.id`;
      return rows.map((r) => r.id);
    };
    const probes: ['name' | 'unit', string][] = [
      ['name', '伟'],
      ['name', '李娜'],
      ['name', '娜李'],
      ['name', '张伟'],
      ['unit', '示例'],
      ['unit', '科技有限'],
      ['unit', '海'],
      ['unit', '限北'],
    ];
    for (const [column, text] of probes) {
      const query = column === 'name' ? `name=${encodeURIComponent(text)}&nameMatch=contains` : `unit=${encodeURIComponent(text)}`;
      const found = await search(admin.token, `${query}&pageSize=100`);
      expect(
        found.data.items.map((i: { personId: string }) => i.personId),
        text,
      ).toEqual(await like(column, text));
    }
    expect((await like('unit', '示例')).length).toBeGreaterThan(1);
    expect(await like('name', '娜李')).toEqual([]);
  });
});

describe('exports: Excel and CSV, opened back', () => {
  it('exports a search as CSV with a byte-order mark, masked, in list order', async () => {
    const res = await download(`/people/export?format=csv&name=${encodeURIComponent('张')}`, admin.token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="people-110000-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect([...res.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(res.bytes);
    expect(findPersonalData(text)).toEqual([]);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header).toEqual([
      '姓名 Name',
      '档案号 Archive no.',
      '证件类型 ID type',
      '性别 Sex',
      '区县代码 District',
      '区县',
      '工作单位 Work unit',
      '最高专业技术资格 Qualification',
      '最高学历 Education',
      '手机 Mobile',
      '状态 Status',
    ]);
    const byDistrict = Object.fromEntries(rows.map((r) => [r[4], r]));
    expect(rows).toHaveLength(2);
    expect(byDistrict[A]).toEqual([
      '张伟',
      maskIdNumber(ids.zhangA!.archiveNo),
      '居民身份证',
      '男',
      A,
      '朝阳区',
      '北京示例科技有限公司',
      '中级',
      '本科',
      maskPhone('13800001111'),
      '在册',
    ]);
    expect(byDistrict[B]).toEqual([
      '张伟',
      maskIdNumber(ids.zhangB!.archiveNo),
      '居民身份证',
      '男',
      B,
      '海淀区',
      '北京示例科技有限公司海淀分公司',
      '正高级',
      '博士研究生',
      maskPhone('13900005555'),
      '在册',
    ]);
  });

  it('streams an export: its first bytes arrive while the rows after the first chunk are still held, CSV and .xlsx', async () => {
    const total = await ctx.db.person.count();
    expect(total).toBeGreaterThan(4);
    const scope = { provinceCode: ctx.env.PROVINCE_CODE, districtCode: null };
    for (const format of ['csv', 'xlsx'] as const) {
      // The export's own query, two rows a chunk; after the first chunk it waits for the test to let it go on.
      let fetched = 0;
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      async function* rows(): AsyncGenerator<PersonListItem[]> {
        for await (const chunk of allPeople(ctx, scope, {}, 2)) {
          if (fetched > 0) await held;
          fetched += chunk.length;
          yield chunk;
        }
      }
      const body =
        format === 'csv'
          ? peopleCsvStream(rows())
          : peopleXlsxStream(rows(), (e) => {
              throw e;
            });
      const reader = body.getReader();
      const first = await reader.read();
      expect(first.done).toBe(false);
      expect(first.value!.byteLength).toBeGreaterThan(0);
      // Bytes are out while all but the first two rows (at most) are unread.
      expect(fetched, format).toBeLessThanOrEqual(2);
      const parts = [first.value!];
      if (format === 'csv') {
        // The first chunk's rows follow, the rest still held.
        const next = await reader.read();
        parts.push(next.value!);
        expect(Buffer.from(next.value!).toString('utf8').split('\r\n').filter(Boolean)).toHaveLength(2);
        expect(fetched).toBe(2);
      }
      release();
      for (let r = await reader.read(); !r.done; r = await reader.read()) parts.push(r.value);
      expect(fetched).toBe(total);
      const bytes = Buffer.concat(parts);
      if (format === 'csv') expect(parseCsv(bytes.toString('utf8').slice(1)).length).toBe(total + 1);
      else expect(sheetRows((await readXlsx(bytes)).getWorksheet('人员 People')!).length).toBe(total + 1);
    }
  });

  it("exports a reviewer's whole district as .xlsx: their people only", async () => {
    const res = await download('/people/export?format=xlsx', reviewerA.token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('x-total-count')).toBe('4');
    const wb = await readXlsx(res.bytes);
    const rows = sheetRows(wb.getWorksheet('人员 People')!);
    expect(rows[0]![0]).toBe('姓名 Name');
    const data = rows.slice(1);
    expect(data.map((r) => r[1]).sort()).toEqual(
      ['zhangA', 'lina', 'wangfang', 'zhaomin'].map((k) => maskIdNumber(ids[k]!.archiveNo)).sort(),
    );
    expect(new Set(data.map((r) => r[4]))).toEqual(new Set([A]));
    expect(data.find((r) => r[0] === '赵敏')![10]).toBe('已调出');
    for (const r of data) expect(findPersonalData(r.join(' '))).toEqual([]);
  });

  it('exports the statistics as CSV and .xlsx, with the same figures as the JSON', async () => {
    const json = (await ctx.call('GET', `/statistics?year=${population.year}`, { token: admin.token })).data;

    const csv = await download(`/statistics/export?format=csv&year=${population.year}`, admin.token);
    expect(csv.status).toBe(200);
    expect([...csv.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(new TextDecoder('utf-8', { ignoreBOM: true }).decode(csv.bytes).slice(1));
    expect(header).toEqual(['分类 Category', '代码 Code', '名称', 'Name', '数量 Count']);
    const find = (category: string, code: string) => rows.find((r) => r[0]!.startsWith(category) && r[1] === code)?.[4];
    expect(find('人员', 'total')).toBe('5');
    expect(find('人员', 'transferredOut')).toBe('1');
    expect(find('区县', A)).toBe('3');
    expect(rows.find((r) => r[1] === A)![2]).toBe('朝阳区');
    expect(find('区县', '110101')).toBe('0');
    expect(find('最高专业技术资格', 'professorSenior')).toBe('1');
    expect(find('最高学历', 'none')).toBe('1');
    expect(find('年龄段', 'age60plus')).toBe('1');
    expect(find('申请状态', 'awaitingReview')).toBe('3');
    expect(find('逾期', 'overdueReviews')).toBe('2');
    expect(find(`继续教育 ${population.year}`, 'complete')).toBe('2');

    const xlsx = await download(`/statistics/export?format=xlsx&year=${population.year}`, admin.token);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-disposition')).toMatch(/statistics-110000-\d{4}-\d{2}-\d{2}\.xlsx/);
    const wb = await readXlsx(xlsx.bytes);
    const sheet = sheetRows(wb.getWorksheet('统计 Statistics')!);
    expect(sheet[0]).toEqual(header);
    // Every row of the CSV is in the workbook, counts as numbers.
    expect(sheet.slice(1).map((r) => r.map(String))).toEqual(rows);
    const byDistrict = sheet.filter((r) => String(r[0]).startsWith('区县')).map((r) => [r[1], r[4]]);
    expect(byDistrict).toEqual(json.people.byDistrict.map((d: { code: string; count: number }) => [d.code, d.count]));
    const about = sheetRows(wb.getWorksheet('说明 About')!);
    expect(about).toContainEqual(['区县 District', '全部 all']);

    // A reviewer's export holds their district only.
    const mine = await download('/statistics/export?format=csv&sections=people', reviewerA.token);
    const mineRows = parseCsv(new TextDecoder().decode(mine.bytes));
    expect(mineRows.filter((r) => r[0]!.startsWith('区县'))).toEqual([['区县 District', A, '朝阳区', 'Chaoyang District', '3']]);
    expect(mine.headers.get('content-disposition')).toContain(`statistics-${A}-`);
  });

  it('writes text that could run as a spreadsheet formula as plain text in CSV', async () => {
    await ctx.db.person.update({ where: { id: idOf('chenjing') }, data: { name: '=HYPERLINK("x")' } });
    try {
      const res = await download(`/people/export?format=csv&district=${B}&archiveNo=${ids.chenjing!.archiveNo}`, admin.token);
      const rows = parseCsv(new TextDecoder().decode(res.bytes).replace(/^\uFEFF/, ''));
      expect(rows[1]![0]).toBe(`'=HYPERLINK("x")`);
    } finally {
      await ctx.db.person.update({ where: { id: idOf('chenjing') }, data: { name: '陈静' } });
    }
  });
});
