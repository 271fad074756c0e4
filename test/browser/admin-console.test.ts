import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signInAdmin } from '../support/accounts.ts';
import { collectedPerson } from '../support/collected.ts';
import { openPage, screenshot } from './support/chromium.ts';
import { chooseOption, districtName } from './support/form-pages.ts';
import { signInInBrowser } from './support/pages.ts';
import { browserSuite } from './support/suite.ts';

/**
 * The administrator's console in a real browser: the live statistics count a person collected a moment ago,
 * an export downloads; a continuing-education file is imported with its upload progress and its rejected row
 * reported and downloadable; a person's record opens only after a reason is given, shows every module in words,
 * takes a talent and a credit record through its forms (the API's refusal shown on its field first), and the
 * read is listed in the access log with that reason; the person's own page shows what was added.
 */
const suite = browserSuite();

const totalPeople = async (page: Page) => Number(((await page.getByTestId('stat-total-people').textContent()) ?? '').replace(/[^\d]/g, ''));

/** Picks an option of an antd Select by its words. */
async function choose(page: Page, testId: string, option: string) {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-item-option', { hasText: option }).first().click();
}

/** The error text antd shows under the form field holding `testId`. */
const fieldError = (page: Page, testId: string) =>
  page.locator('.ant-form-item', { has: page.getByTestId(testId) }).locator('.ant-form-item-explain-error');

const year = new Date().getFullYear() - 1;

describe('the administrator console', () => {
  it('counts, exports, imports continuing education, keeps talents and credits on a record, and logs the read', async () => {
    const admin = await signInAdmin(suite.ctx);
    const page = await openPage(suite.browser, { viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    await signInInBrowser(page, suite.web.url, admin);
    await page.goto(`${suite.web.url}/console`);
    await page.getByTestId('stat-total-people').waitFor();
    await expect.poll(() => totalPeople(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(0);
    const before = await totalPeople(page);

    // 门头沟区: no other test collects people there, so the name search narrowed to it lists this person on its first page.
    const { person, archiveNo, applicant } = await collectedPerson(suite.ctx, '110109');
    await page.reload();
    await page.getByTestId('stat-total-people').waitFor();
    // Other files of the run collect people too: this one's person is counted, theirs may be as well.
    await expect.poll(() => totalPeople(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(before + 1);
    await screenshot(page, 'admin-statistics');

    const download = page.waitForEvent('download');
    await page.getByTestId('export-csv').click();
    const file = await download;
    expect(await file.failure()).toBeNull();
    expect(file.suggestedFilename()).toMatch(/\.csv$/);

    // 继续教育导入: the rules show before a file is chosen; one good row, one with credits that are no number.
    await page.getByTestId('console-menu').getByText('继续教育导入').click();
    await page.waitForURL(`${suite.web.url}/console/continuing-education`);
    await expect.poll(() => page.getByTestId('ce-import-rules').textContent()).toContain('完成日期');
    // Every state the progress bar passes through, as the page draws it.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progressSteps: string[] }).progressSteps = seen;
      new MutationObserver(() => {
        const step = document.querySelector('[data-testid="ce-import-progress"]')?.getAttribute('data-step');
        if (step && seen.at(-1) !== step) seen.push(step);
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    const csv = [
      '档案号,年度,课程,学分,专业科目,培训单位,完成日期',
      `${archiveNo},${year},企业会计准则解读,12,是,北京国家会计学院,${year}-03-01`,
      `${archiveNo},${year},职业道德,十二,否,北京会计学会,${year}-04-01`,
    ].join('\r\n');
    await page
      .getByTestId('ce-import')
      .locator('input[type=file]')
      .setInputFiles({ name: '继续教育.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByTestId('ce-import-result').waitFor();
    const steps = await page.evaluate(() => (window as unknown as { progressSteps: string[] }).progressSteps);
    expect(steps[0]).toBe('uploading');
    expect(steps.at(-1)).toBe('done');
    expect(await page.getByTestId('ce-import-progress').getAttribute('aria-valuenow')).toBe('100');
    expect(await page.getByTestId('ce-import-imported').textContent()).toContain('1');
    expect(await page.getByTestId('ce-import-rejected').textContent()).toContain('1');
    const rejected = page.getByTestId('ce-import-rejected-rows').locator('tbody tr.ant-table-row');
    await expect.poll(() => rejected.count()).toBe(1);
    const cells = await rejected.first().locator('td').allTextContents();
    expect(cells.slice(0, 2)).toEqual(['3', '学分']);
    expect(cells.at(-1)).toContain('学分无效');
    await screenshot(page, 'admin-ce-import');
    const report = page.waitForEvent('download');
    await page.getByTestId('ce-import-download-rejected').click();
    const reportFile = await report;
    expect(await reportFile.failure()).toBeNull();
    expect(reportFile.suggestedFilename()).toMatch(/\.csv$/);
    const reportText = (await readFile((await reportFile.path())!, 'utf8')).replace(/^\uFEFF/, '');
    const [header, row, ...rest] = reportText.trim().split('\r\n');
    expect(header).toBe('行号,字段,档案号,年度,课程,原因');
    expect(row).toContain(`3,学分,${archiveNo},${year},职业道德,`);
    expect(row).toContain('学分无效');
    expect(rest).toEqual([]);

    // By archive number: a beginning longer than six characters is refused on its field, in Chinese; the whole
    // number finds the person.
    await page.getByTestId('console-menu').getByText('人员查询').click();
    await page.getByTestId('search-archive-no').fill(archiveNo.slice(0, 9));
    await page.getByTestId('search-submit').click();
    await expect.poll(() => fieldError(page, 'search-archive-no').textContent()).toContain('不超过前6位');
    // A refused search lists nobody (not the list before it).
    expect(await page.getByTestId('people-table').locator('tbody tr.ant-table-row').count()).toBe(0);
    // Typed again (the refusal goes with the change) and asked again: refused again, on the field.
    await page.getByTestId('search-archive-no').fill(archiveNo.slice(0, 8));
    await page.getByTestId('search-archive-no').fill(archiveNo.slice(0, 9));
    await expect.poll(() => fieldError(page, 'search-archive-no').count()).toBe(0);
    await page.getByTestId('search-submit').click();
    await expect.poll(() => fieldError(page, 'search-archive-no').textContent()).toContain('不超过前6位');
    await page.getByTestId('search-archive-no').fill(archiveNo);
    await page.getByTestId('search-submit').click();
    await expect.poll(() => page.locator('.ant-pagination-total-text').textContent()).toBe('共 1 人');
    await page.getByTestId(`open-record-${person.id}`).waitFor();
    // The refusal went with the change of the field.
    await expect.poll(() => fieldError(page, 'search-archive-no').count()).toBe(0);
    await page.getByTestId('search-archive-no').fill('');

    // Part of the name, anywhere in it, in the person's district; then the record: asked for a reason, then every
    // module in words.
    const part = person.name.slice(1);
    await page.getByTestId('search-name').fill(part);
    await page.getByTestId('search-name-anywhere').check();
    await chooseOption(page, 'search-district', districtName('110109'));
    await page.getByTestId('search-submit').click();
    await expect.poll(() => page.url()).toContain('nameMatch=contains');
    await expect
      .poll(async () => {
        if ((await page.getByTestId('people-table').locator('.ant-spin-spinning').count()) > 0) return 'loading';
        const names = await page.getByTestId('people-table').locator('tbody tr.ant-table-row td:first-child').allTextContents();
        return names.every((n) => n.includes(part)) ? names.length : `not all contain ${part}: ${names.join(' ')}`;
      })
      .toBeGreaterThan(0);
    await page.getByTestId(`open-record-${person.id}`).waitFor();
    expect(await page.locator('.ant-pagination-total-text').textContent()).toMatch(/^共 \d+ 人$/);
    await screenshot(page, 'admin-people-search');
    await page.getByTestId(`open-record-${person.id}`).click();
    const reason = '核查继续教育学分';
    await page.getByTestId('access-reason').fill(reason);
    await page.getByTestId('access-reason-ok').click();
    await page.getByTestId('person-record').waitFor();
    await page.getByTestId('summary-basic').waitFor();
    expect(await page.getByTestId('summary-basic').textContent()).toContain(person.name);
    expect(await page.getByTestId('summary-basic').textContent()).toContain(archiveNo);
    expect(await page.getByTestId('record-status').textContent()).toBe('在本省管理');
    await expect.poll(() => page.getByTestId('record-ce-years').textContent()).toContain(String(year));
    const recordText = (await page.getByTestId('person-record').textContent()) ?? '';
    expect(recordText).not.toMatch(/[{}[\]"]|accountingWork|undefined/);

    // A talent title: a year before the programmes began is refused by the API, on the year field.
    await choose(page, 'talent-type', '会计领军人才');
    await page.getByTestId('talent-year').fill('2004');
    await page.getByTestId('talent-form-submit').click();
    await expect.poll(() => fieldError(page, 'talent-year').textContent()).toMatch(/入选年度应为2005至\d{4}之间的年份/);
    await page.getByTestId('talent-year').fill('2020');
    await page.getByTestId('talent-form-submit').click();
    await page.getByTestId('talent-form-saved').waitFor();
    await expect.poll(() => page.getByTestId('record-talent').first().textContent()).toContain('会计领军人才 2020');

    await choose(page, 'credit-kind', '守信');
    await page.getByTestId('credit-date').fill('2023-12-01');
    await page.getByTestId('credit-issuer').fill('北京市财政局');
    await page.getByTestId('credit-document-no').fill('京财会〔2023〕88号');
    await page.getByTestId('credit-description').fill('先进会计工作者');
    await page.getByTestId('credit-form-submit').click();
    await page.getByTestId('credit-form-saved').waitFor();
    await expect.poll(() => page.getByTestId('record-credit').first().textContent()).toContain('守信 2023-12-01 北京市财政局');
    // The history names the modules too, never their codes.
    await expect.poll(() => page.getByTestId('record-history').textContent()).toMatch(/高端会计人才.*诚信记录/);
    expect(await page.getByTestId('person-record').textContent()).not.toMatch(/talents|credits|trustworthy|leading/);
    await screenshot(page, 'admin-person-record');
    const kept = await suite.ctx.db.person.findUniqueOrThrow({ where: { id: person.id }, include: { talents: true, credits: true } });
    expect(kept.talents.map((t) => [t.type, t.year])).toEqual([['leading', 2020]]);
    expect(kept.credits.map((c) => [c.kind, c.documentNo])).toEqual([['trustworthy', '京财会〔2023〕88号']]);

    // Back to the list as it was searched.
    await page.getByTestId('record-back').click();
    await page.getByTestId(`open-record-${person.id}`).waitFor();
    expect(await page.getByTestId('search-name').inputValue()).toBe(part);
    expect(await page.getByTestId('search-name-anywhere').isChecked()).toBe(true);

    // The access log lists the read of the record, by this administrator, with the reason given.
    await page.getByTestId('console-menu').getByText('访问日志').click();
    await page.getByTestId('access-log-table').waitFor();
    const read = page
      .getByTestId('access-log-table')
      .locator('tbody tr.ant-table-row', { hasText: person.id })
      .filter({ hasText: '人员档案' })
      .filter({ hasText: reason });
    await expect.poll(() => read.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await read.first().textContent()).toContain(admin.username);
    await screenshot(page, 'admin-access-log');

    // The person sees the same record view, with what the administrator added; their own read is not logged.
    const logged = await suite.ctx.db.accessLog.count({ where: { personId: person.id } });
    const own = await openPage(suite.browser, { viewport: { width: 1280, height: 900 } });
    await signInInBrowser(own, suite.web.url, applicant);
    await own.goto(`${suite.web.url}/applicant/record`);
    await own.getByTestId('my-record').waitFor();
    await expect.poll(() => own.getByTestId('record-talents-credits').textContent()).toMatch(/会计领军人才 2020.*守信 2023-12-01/);
    expect(await own.getByTestId('summary-basic').textContent()).toContain(archiveNo);
    expect(await suite.ctx.db.accessLog.count({ where: { personId: person.id } })).toBe(logged);
    await own.context().close();
  }, 300_000);
});
