import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signInAdmin } from '../support/accounts.ts';
import { openPage, screenshot } from './support/chromium.ts';
import { chooseOption, districtName } from './support/form-pages.ts';
import { signInInBrowser } from './support/pages.ts';
import { browserSuite } from './support/suite.ts';

/**
 * Staff accounts in a real browser: an administrator creates a district reviewer (a taken username refused
 * on its field), reads its one-time password once; the reviewer signing in with it is sent to set a password
 * of their own, then reaches the inbox; the change trail lists the creation.
 */
const s = browserSuite();

const fieldError = (page: import('playwright-core').Page, testId: string) =>
  page.locator('.ant-form-item', { has: page.getByTestId(testId) }).locator('.ant-form-item-explain-error');

describe('staff accounts', () => {
  it('creates a reviewer with a one-time password, who must set their own before the inbox', async () => {
    const { ctx, web, browser } = s;
    const admin = await signInAdmin(ctx);
    const page = await openPage(browser, { viewport: { width: 1440, height: 900 } });
    await signInInBrowser(page, web.url, admin);
    await page.goto(`${web.url}/console/staff`);
    await page.getByTestId('staff-table').waitFor();

    await page.getByTestId('staff-new').click();
    await page.getByTestId('staff-username').fill(admin.username);
    await page.getByTestId('staff-display-name').fill('朝阳区财政局 测试审核');
    await chooseOption(page, 'staff-districts', districtName('110105'));
    // A multiple Select keeps its list open: a click elsewhere in the dialog closes it (Escape would close the dialog).
    await page.locator('.ant-modal-title').click();
    await page.getByTestId('staff-save').click();
    await expect.poll(() => fieldError(page, 'staff-username').textContent()).toMatch(/用户名/);

    const username = `reviewer-ui-${randomBytes(3).toString('hex')}`;
    await page.getByTestId('staff-username').fill(username);
    await page.getByTestId('staff-save').click();
    const shown = page.getByTestId('one-time-password');
    await shown.waitFor();
    const oneTimePassword = ((await shown.textContent()) ?? '').trim();
    expect(oneTimePassword.length).toBeGreaterThanOrEqual(10);
    await screenshot(page, 'admin-staff-one-time-password');
    const stored = await ctx.db.user.findUniqueOrThrow({ where: { username } });
    expect(stored).toMatchObject({ role: 'reviewer', districtCodes: ['110105'], mustChangePassword: true });

    const reviewerPage = await openPage(browser, { viewport: { width: 1280, height: 900 } });
    await signInInBrowser(reviewerPage, web.url, { username, password: oneTimePassword });
    await reviewerPage.waitForURL((u) => u.pathname === '/password');
    await reviewerPage.getByTestId('one-time-password-notice').waitFor();
    await reviewerPage.getByTestId('current-password').fill(oneTimePassword);
    await reviewerPage.getByTestId('new-password').fill('password123');
    await reviewerPage.getByTestId('confirm-password').fill('password123');
    await reviewerPage.getByTestId('change-password-submit').click();
    await expect.poll(() => fieldError(reviewerPage, 'new-password').textContent()).toMatch(/密码/);

    const own = 'Chaoyang review desk 2026 spring';
    await reviewerPage.getByTestId('new-password').fill(own);
    await reviewerPage.getByTestId('confirm-password').fill(own);
    await reviewerPage.getByTestId('change-password-submit').click();
    await reviewerPage.waitForURL((u) => u.pathname === '/review');
    await reviewerPage.getByTestId('inbox-table').waitFor();
    expect((await ctx.db.user.findUniqueOrThrow({ where: { username } })).mustChangePassword).toBe(false);

    await page
      .getByTestId('one-time-password')
      .locator('xpath=ancestor::div[contains(@class,"ant-modal")]')
      .getByRole('button', { name: '我已记下' })
      .click();
    await page.getByRole('tab', { name: '变更记录' }).click();
    await expect.poll(() => page.getByTestId('account-changes').textContent()).toContain(username);
    expect(await page.getByTestId('account-changes').textContent()).toContain('创建');
    await page.context().close();
    await reviewerPage.context().close();
  }, 240_000);
});
