import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makeUscc } from '../../domain/uscc.ts';
import { signInReviewer, signUpApplicant } from '../support/accounts.ts';
import { collectedPerson } from '../support/collected.ts';
import { answer, apiClient, saveFormPart } from '../support/client.ts';
import { accountantForm, newPerson } from '../support/forms.ts';
import { openPage, screenshot } from './support/chromium.ts';
import { chooseOption, districtName } from './support/form-pages.ts';
import { signInInBrowser } from './support/pages.ts';
import { browserSuite } from './support/suite.ts';

/**
 * An employer unit in a real browser: it registers by its credit code (a wrong check character shown on
 * the field in Chinese), waits for its district, is confirmed by the district's reviewer on the units
 * page, then sees its accountant masked and confirms the employment of a draft naming it.
 */
const s = browserSuite();
const X = '110105';

describe('an employer unit', () => {
  it('registers, is confirmed by its district, sees its accountants and confirms an employment', async () => {
    const { ctx, web, browser } = s;
    const code = makeUscc({ areaCode: X, orgCode: String(10_000_000 + (randomBytes(4).readUInt32BE() % 90_000_000)) });
    const wrong = `${code.slice(0, 17)}${code.endsWith('0') ? '1' : '0'}`;
    const username = `unit-${randomBytes(4).toString('hex')}`;
    const password = 'unit contact passphrase 7';

    const unitPage = await openPage(browser, { viewport: { width: 1280, height: 900 } });
    await unitPage.goto(`${web.url}/sign-in`);
    await unitPage.getByText('用人单位注册').click();
    await unitPage.waitForURL(`${web.url}/register/unit`);
    await unitPage.getByTestId('unit-credit-code').fill(wrong);
    await unitPage.getByTestId('unit-name').fill('北京单位页面测试有限公司');
    await chooseOption(unitPage, 'unit-district', districtName(X));
    await unitPage.getByTestId('unit-contact-name').fill('王经办');
    await unitPage.getByTestId('unit-phone').fill('010-66668888');
    await unitPage.getByTestId('unit-email').fill('hr@example.com');
    await unitPage.getByTestId('unit-username').fill(username);
    await unitPage.getByTestId('unit-password').fill(password);
    await unitPage.getByTestId('unit-confirm').fill(password);
    await unitPage.getByTestId('unit-register-submit').click();
    const codeError = unitPage
      .locator('.ant-form-item', { has: unitPage.getByTestId('unit-credit-code') })
      .locator('.ant-form-item-explain-error');
    await expect.poll(() => codeError.textContent()).toMatch(/校验/);
    expect(await ctx.db.employerUnit.count({ where: { creditCode: wrong } })).toBe(0);

    await unitPage.getByTestId('unit-credit-code').fill(code);
    await unitPage.getByTestId('unit-register-submit').click();
    await unitPage.waitForURL(`${web.url}/unit`);
    await expect.poll(() => unitPage.getByTestId('unit-status').textContent()).toBe('待确认');
    await unitPage.getByTestId('unit-pending').waitFor();
    expect((await ctx.db.employerUnit.findUniqueOrThrow({ where: { creditCode: code } })).email).toBe('hr@example.com');

    // The district's accountant whose record names the unit, and a draft naming it that waits for its confirmation.
    const mine = await collectedPerson(ctx, X);
    await ctx.db.workInfo.update({ where: { personId: mine.person.id }, data: { unitCreditCode: code } });
    const applicant = await signUpApplicant(ctx);
    const client = apiClient(ctx.app, applicant.token);
    const draft = (await answer(client.POST('/requests/collection'))).data.requestId as string;
    const form = accountantForm(newPerson(X));
    form.work.unitCreditCode = code;
    for (const [part, value] of Object.entries(form)) expect((await saveFormPart(client, draft, part, value)).status).toBe(200);

    // The district's reviewer confirms the unit from the inbox's units page.
    const reviewer = await signInReviewer(ctx, X);
    const reviewerPage = await openPage(browser, { viewport: { width: 1280, height: 900 } });
    await signInInBrowser(reviewerPage, web.url, reviewer);
    await reviewerPage.getByTestId('review-units-link').click();
    await reviewerPage.waitForURL(`${web.url}/review/units`);
    await reviewerPage.getByTestId(`confirm-unit-${code}`).click();
    await expect.poll(() => reviewerPage.getByTestId(`confirm-unit-${code}`).count()).toBe(0);
    expect((await ctx.db.employerUnit.findUniqueOrThrow({ where: { creditCode: code } })).status).toBe('confirmed');

    await unitPage.reload();
    await expect.poll(() => unitPage.getByTestId('unit-status').textContent()).toBe('已确认');
    const masked = `${[...mine.form.basic.name][0]}${'*'.repeat([...mine.form.basic.name].length - 1)}`;
    await expect.poll(() => unitPage.getByTestId('unit-accountants').textContent()).toContain(masked);
    const table = (await unitPage.getByTestId('unit-accountants').textContent()) ?? '';
    expect(table).toContain(`${mine.archiveNo.slice(0, 6)}************`);
    expect(table).not.toContain(mine.archiveNo);
    expect(table).not.toContain(mine.form.basic.name);

    await unitPage.getByTestId(`confirm-employment-${draft}`).click();
    await unitPage.getByTestId(`employment-confirmed-${draft}`).waitFor();
    const stored = await ctx.db.employmentConfirmation.findMany({ where: { requestId: draft } });
    expect(stored).toHaveLength(1);
    await screenshot(unitPage, 'employer-unit-home');
    await unitPage.context().close();
    await reviewerPage.context().close();
  }, 240_000);
});
