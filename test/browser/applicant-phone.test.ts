import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signUpApplicant } from '../support/accounts.ts';
import { accountantForm, newPerson } from '../support/forms.ts';
import { openPage, screenshot } from './support/chromium.ts';
import { fillBasic, fillSituation, scrollWidth } from './support/form-pages.ts';
import { signInInBrowser } from './support/pages.ts';
import { browserSuite } from './support/suite.ts';

/**
 * The applicant's pages on a 375 px phone (most applicants collect on one): the welcome page, the first
 * steps of the collection and the 申请调转 dialog fit the screen — nothing scrolls sideways — and each page's
 * primary action is on the screen and takes a tap.
 */
const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

const suite = browserSuite();

/** Nothing wider than the phone: the page does not scroll sideways. */
async function fitsThePhone(page: Page) {
  expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.viewport.width);
}

/** A control the thumb can reach: shown, wholly within the screen's width, and the top element where it is tapped. */
async function reachable(control: Locator) {
  await control.scrollIntoViewIfNeeded();
  expect(await control.isVisible()).toBe(true);
  const box = (await control.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(PHONE.viewport.width);
  // A trial tap runs every check a tap needs (visible, stable, enabled, not covered) without tapping.
  await control.tap({ trial: true });
}

describe('the applicant pages on a 375 px phone', () => {
  it('fit the screen, and the welcome page and the collection steps can be used with a thumb', async () => {
    const applicant = await signUpApplicant(suite.ctx);
    const form = accountantForm(newPerson('110108'));
    const page = await openPage(suite.browser, PHONE);

    await signInInBrowser(page, suite.web.url, applicant);
    await page.waitForURL(`${suite.web.url}/applicant`);
    await page.getByTestId('service-collection').waitFor();
    await fitsThePhone(page);
    // Every service item of the welcome page is on the screen and takes a tap.
    for (const service of ['collection', 'change', 'transfer', 'continuing-education', 'requests', 'record']) {
      await reachable(page.getByTestId(`service-${service}`));
    }
    await screenshot(page, 'phone-welcome');

    await page.getByTestId('service-collection').tap();
    await page.waitForURL(`${suite.web.url}/applicant/collection`);
    const start = page.getByTestId('start-collection');
    await start.waitFor();
    await fitsThePhone(page);
    await reachable(start);
    await start.tap();
    await page.getByTestId('collection-wizard').waitFor();
    // On a phone the wizard shows its progress compactly, not the row of steps.
    await reachable(page.getByTestId('wizard-progress'));
    await fitsThePhone(page);

    // The situation: the choices and 保存并继续 are reachable; the next step opens after a tap.
    await page.getByTestId('step-situation').waitFor();
    await reachable(page.getByTestId(`situation-${form.situation}`));
    await fillSituation(page, form.situation);
    const save = page.getByTestId('save-part');
    await reachable(save);
    await screenshot(page, 'phone-collection-situation');
    await save.tap();

    // The basic information: every field fits, the form is filled in and saved with a tap.
    await page.getByTestId('step-basic').waitFor();
    await fitsThePhone(page);
    for (const field of ['name', 'sex', 'birth-date', 'id-number', 'mobile', 'email', 'address']) {
      await reachable(page.getByTestId(`basic-${field}`));
    }
    await fillBasic(page, form.basic);
    await fitsThePhone(page);
    await reachable(save);
    await reachable(page.getByTestId('step-back'));
    await screenshot(page, 'phone-collection-basic');
    await save.tap();
    await page.getByTestId('step-education').waitFor();
    await fitsThePhone(page);
    await reachable(save);

    const draft = await suite.ctx.call('GET', `/requests/${await page.getByTestId('collection-wizard').getAttribute('data-request-id')}`, {
      token: applicant.token,
    });
    expect(draft.data.form).toEqual({ situation: form.situation, basic: form.basic });

    // The 申请调转 dialog fits the phone too: its direction, fields and buttons are on the screen.
    await page.goto(`${suite.web.url}/applicant`);
    await page.getByTestId('service-transfer').tap();
    const apply = page.getByTestId('apply-transfer-out');
    await reachable(apply);
    await apply.tap();
    await page.getByRole('dialog').waitFor();
    await fitsThePhone(page);
    for (const control of ['transfer-direction', 'transfer-to-province', 'transfer-to-district', 'transfer-proof-choose']) {
      await reachable(page.getByTestId(control));
    }
    const saveTransfer = page.getByTestId('transfer-save');
    await saveTransfer.scrollIntoViewIfNeeded();
    const box = (await saveTransfer.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.viewport.width);
    await screenshot(page, 'phone-transfer-dialog');
    await page.context().close();
  }, 240_000);
});
