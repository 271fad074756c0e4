import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAdmin } from '../support/accounts.ts';
import { collectedPerson } from '../support/collected.ts';
import { type TestContext, testContext } from '../support/context.ts';
import { launchChromium, openPage, screenshot } from './support/chromium.ts';
import { signInInBrowser } from './support/pages.ts';
import { startWebServer } from './support/web-server.ts';

/**
 * The administrator's console in a real browser: the live statistics count a person collected a moment ago,
 * an export downloads, and a person's record opens only after a reason is given.
 */
let ctx: TestContext;
let web: Awaited<ReturnType<typeof startWebServer>>;
let browser: Browser;

beforeAll(async () => {
  ctx = await testContext();
  web = await startWebServer(ctx);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await web?.close();
  await ctx?.close();
});

const totalPeople = async (page: import('playwright-core').Page) =>
  Number(((await page.getByTestId('stat-total-people').textContent()) ?? '').replace(/[^\d]/g, ''));

describe('the administrator console', () => {
  it('sees the counts move, downloads an export and opens a record with a reason', async () => {
    const admin = await signInAdmin(ctx);
    const page = await openPage(browser, { viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    await signInInBrowser(page, web.url, admin);
    await page.goto(`${web.url}/console`);
    await page.getByTestId('stat-total-people').waitFor();
    await expect.poll(() => totalPeople(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(0);
    const before = await totalPeople(page);

    const { person } = await collectedPerson(ctx);
    await page.reload();
    await page.getByTestId('stat-total-people').waitFor();
    await expect.poll(() => totalPeople(page), { timeout: 30_000 }).toBe(before + 1);
    await screenshot(page, 'admin-statistics');

    const download = page.waitForEvent('download');
    await page.getByTestId('export-csv').click();
    const file = await download;
    expect(await file.failure()).toBeNull();
    expect(file.suggestedFilename()).toMatch(/\.csv$/);

    await page.goto(`${web.url}/console/people`);
    await page.getByTestId('search-name').fill(person.name);
    await page.getByTestId('search-submit').click();
    await page.getByTestId(`open-record-${person.id}`).click();
    const reason = '核查继续教育学分';
    await page.getByTestId('access-reason').fill(reason);
    await page.getByTestId('access-reason-ok').click();
    await page.getByTestId('person-record').waitFor();
    await screenshot(page, 'admin-person-record');
  }, 240_000);
});
