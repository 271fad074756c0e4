import { describe, expect, it } from 'vitest';
import { signUpApplicant } from '../support/accounts.ts';
import { collectedPerson } from '../support/collected.ts';
import { accountantForm, fillDraft, newPerson } from '../support/forms.ts';
import { validScan } from '../support/jpeg.ts';
import { openPage, screenshot } from './support/chromium.ts';
import { chooseOption, districtName, zh } from './support/form-pages.ts';
import { signInInBrowser } from './support/pages.ts';
import { browserSuite } from './support/suite.ts';

/**
 * The applicant's pages for what the API says next: a record received from another province is claimed on 我的信息
 * (a mismatch shown on the fields, in Chinese), and the 省内调转 dialog carries a new work unit with its proof.
 */
const suite = browserSuite();

describe('the applicant claims a received record and moves district with a new work unit', () => {
  it('shows the claim on 我的信息 when the API says claim; a wrong name is refused on the field; the right one opens the record', async () => {
    // A record as a transfer from another province leaves it: active here, claimed by no account
    // (test/transfers/two-provinces.test.ts makes one through the platform).
    const { person, form } = await collectedPerson(suite.ctx);
    await suite.ctx.db.person.update({ where: { id: person.id }, data: { applicantId: null } });
    const newcomer = await signUpApplicant(suite.ctx);
    // The newcomer began a collection with their own ID number: the API says claim.
    await fillDraft(suite.ctx, newcomer.token, form);
    expect((await suite.ctx.call('GET', '/people/me/next-step', { token: newcomer.token })).data).toEqual({ step: 'claim' });

    const page = await openPage(suite.browser, { viewport: { width: 1280, height: 900 } });
    await signInInBrowser(page, suite.web.url, newcomer);
    await page.waitForURL(`${suite.web.url}/applicant`);
    await page.goto(`${suite.web.url}/applicant/record`);
    await page.getByTestId('claim-card').waitFor();
    await page.getByTestId('claim-id-number').fill(form.basic.idNumber);
    await page.getByTestId('claim-name').fill('李四');
    await page.getByTestId('claim-submit').click();
    const nameError = page.locator('.ant-form-item-has-error').filter({ has: page.getByTestId('claim-name') });
    await nameError.waitFor();
    expect(await nameError.locator('.ant-form-item-explain').textContent()).toBe('与该证件号码的会计人员信息不一致');
    await screenshot(page, 'applicant-claim-refused');
    await page.getByTestId('claim-name').fill(form.basic.name);
    await page.getByTestId('claim-submit').click();
    await page.getByTestId('my-record').waitFor();
    const claimed = await suite.ctx.db.person.findUniqueOrThrow({ where: { id: person.id } });
    expect(claimed.applicantId).toBe(newcomer.userId);
    await page.context().close();
  }, 300_000);

  it('the 省内调转 dialog carries the new work unit and its proof, with the basis rule on the field', async () => {
    const { applicant, form } = await collectedPerson(suite.ctx, '110105');
    const page = await openPage(suite.browser, { viewport: { width: 1280, height: 1000 } });
    await signInInBrowser(page, suite.web.url, applicant);
    await page.waitForURL(`${suite.web.url}/applicant`);
    await page.goto(`${suite.web.url}/applicant/transfer`);
    await page.getByTestId('apply-district-move').click();
    await page.getByRole('dialog').waitFor();
    await chooseOption(page, 'move-district', districtName('110108'));
    await chooseOption(page, 'move-basis', zh('districtBases', 'workUnit'), { search: false });
    expect(await page.getByRole('dialog').textContent()).toContain('调入区须符合依据');
    await page.getByTestId('move-new-work').check();
    await page.getByTestId('move-work-unit-name').fill('北京海淀示例有限公司');
    // A unit of the new district; the start of accounting work is the applicant's own, which fits their age
    // (another person's could fall before this applicant's 16th birthday and be refused, as it should).
    const work = accountantForm(newPerson('110108')).work;
    await page.getByTestId('move-work-unit-credit-code').fill(work.unitCreditCode);
    await chooseOption(page, 'move-work-unit-kind', zh('unitKinds', 'enterprise'));
    await chooseOption(page, 'move-work-unit-district', districtName('110108'));
    await page.getByTestId('move-work-started-on').fill(form.work.startedOn);
    await chooseOption(page, 'move-work-posts', zh('accountingPosts', 'cashier'));
    // A multiple Select keeps its list open: a click on the dialog's title closes it (Escape would reach the dialog).
    await page.locator('.ant-modal-title').click();
    await page
      .getByTestId('transfer-proof-file')
      .setInputFiles({ name: '调转证明.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(await validScan('transfer')) });
    await page
      .getByTestId('move-work-proof-file')
      .setInputFiles({ name: '工作证明.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(await validScan('work')) });
    await page.getByText('工作证明.jpg').waitFor();
    await page.getByText('调转证明.jpg').waitFor();
    // On a loaded machine the form can clear the commitment once a chosen proof finishes processing: tick it
    // until it stays ticked for a second.
    const commitment = page.getByTestId('transfer-commitment');
    for (let i = 0; i < 20; i++) {
      if (!(await commitment.isChecked())) await commitment.check();
      await page.waitForTimeout(1000);
      if (await commitment.isChecked()) break;
    }
    expect(await commitment.isChecked()).toBe(true);
    await screenshot(page, 'applicant-district-move-new-work');
    await page.getByTestId('transfer-save').click();
    // The dialog closes once saved; a refusal stays in it, on its field or above the form: named if it comes.
    const refusal = page.locator('.ant-form-item-explain-error, [data-testid="transfer-error"]').first();
    const saved = await Promise.race([
      page
        .getByRole('dialog')
        .waitFor({ state: 'hidden' })
        .then(() => 'saved'),
      refusal.waitFor().then(async () => `refused: ${await refusal.textContent()}`),
    ]);
    expect(saved).toBe('saved');

    const mine = await suite.ctx.call('GET', '/requests', { token: applicant.token });
    const move = mine.data.find((r: { kind: string }) => r.kind === 'districtMove');
    await expect
      .poll(async () => (await suite.ctx.call('GET', `/requests/${move.requestId}`, { token: applicant.token })).data.state, {
        timeout: 60_000,
      })
      .toBe('awaitingReview');
    const detail = await suite.ctx.call('GET', `/requests/${move.requestId}`, { token: applicant.token });
    expect(detail.data).toMatchObject({
      districtCode: '110108',
      form: {
        move: { district: { code: '110108', basis: 'workUnit' }, work: { unitName: '北京海淀示例有限公司', unitDistrict: '110108' } },
      },
    });
    expect(detail.data.materials.map((m: { kind: string }) => m.kind).sort()).toEqual(['transferProof', 'workProof']);
    await page.context().close();
  }, 300_000);
});
