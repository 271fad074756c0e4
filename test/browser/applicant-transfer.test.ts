import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { provinceOf } from '../../domain/districts.ts';
import { requestStates } from '../../domain/statistics.ts';
import { collectedPerson } from '../support/collected.ts';
import { uploadMaterial } from '../support/forms.ts';
import { oversizeScan } from '../support/jpeg.ts';
import { openPage, screenshot } from './support/chromium.ts';
import { chooseOption, districtName } from './support/form-pages.ts';
import { signInInBrowser } from './support/pages.ts';
import { browserSuite } from './support/suite.ts';

/**
 * 调转转出 as the Beijing manual (附件, 1.2.2) walks it, in a real browser against the real services: from the
 * welcome page's 调入/调出 service item to the 调入/调出 page; 申请调转 opens the dialog; the applicant picks the
 * 调出地区, uploads the 调转证明 (a too-large one refused on the proof with the API's rule, then the same one
 * compressed in the suite.browser) and clicks 保存; the request then waits for the district's review (填写完成等待审核即可), on the page and in the API.
 */
const stateWords = (code: string) => requestStates.find((s) => s.code === code)!.zh;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const suite = browserSuite();

describe('a transfer out through the 申请调转 dialog', () => {
  it('picks the province and district, uploads the proof, saves, and the request waits for review with its proof', async () => {
    const district = '110105';
    const { applicant } = await collectedPerson(suite.ctx, district);
    const toProvince = '130000';
    const toDistrict = '130102';
    const reason = '工作调动至石家庄';

    const page = await openPage(suite.browser, { viewport: { width: 1280, height: 900 } });
    await signInInBrowser(page, suite.web.url, applicant);
    await page.waitForURL(`${suite.web.url}/applicant`);
    // 点击登录后欢迎页的“调入/调出”服务事项，跳转至“调入/调出”申请页.
    await page.getByTestId('service-transfer').click();
    await page.waitForURL(`${suite.web.url}/applicant/transfer`);
    expect(await page.locator('#transfer-heading').textContent()).toBe('调入/调出');

    // 点击页面中“申请调转”，弹窗填写申请.
    const apply = page.getByTestId('apply-transfer-out');
    expect(await apply.textContent()).toBe('申请调转');
    await apply.click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.locator('.ant-modal-title').textContent()).toBe('申请调转（调出）');
    // The same dialog takes a transfer in (选择“当前所属地”、“调入地区”, manual 2.2.1); this one goes out.
    const direction = page.getByTestId('transfer-direction');
    expect(await direction.locator('.ant-segmented-item-selected').textContent()).toBe('跨省调出');
    await direction.getByText('跨省调入').click();
    await page.getByTestId('transfer-from-province').waitFor();
    await page.getByTestId('transfer-in-district').waitFor();
    await direction.getByText('跨省调出').click();
    await page.getByTestId('transfer-to-province').waitFor();

    // 选择“调出地区”，上传调转证明，点击“保存”.
    await chooseOption(page, 'transfer-to-province', provinceOf(toProvince)!.zh);
    await chooseOption(page, 'transfer-to-district', districtName(toDistrict));
    await page.getByTestId('transfer-reason').fill(reason);
    const tooLarge = await oversizeScan();
    await page.getByTestId('transfer-proof-file').setInputFiles({ name: '调转证明.jpg', mimeType: 'image/jpeg', buffer: tooLarge });
    // The page warns before anything is sent; the applicant saves anyway.
    await page.getByTestId('transfer-proof-warning').waitFor();
    await page.getByTestId('transfer-commitment').check();
    await screenshot(page, 'applicant-transfer-dialog');
    await page.getByTestId('transfer-save').click();

    // The proof over 50 KB is refused on the proof, in the API's words; the dialog stays open with its draft.
    const proofError = page.getByTestId('transfer-proof-error');
    await proofError.waitFor();
    const mine = await suite.ctx.call('GET', '/requests', { token: applicant.token });
    const drafts = mine.data.filter((r: { kind: string }) => r.kind === 'transferOut');
    expect(drafts).toHaveLength(1);
    expect(drafts[0].state).toBe('draft');
    const id: string = drafts[0].requestId;
    const refusal = await uploadMaterial(suite.ctx, applicant.token, id, 'transferProof', tooLarge);
    expect(refusal.status).toBe(413);
    expect(await proofError.textContent()).toContain(refusal.data.detail_zh);
    await screenshot(page, 'applicant-transfer-proof-refused');

    // Compressed in the browser under 50 KB, then saved.
    await page.getByTestId('transfer-proof-fix').click();
    await expect.poll(() => page.getByTestId('transfer-proof-warning').count()).toBe(0);
    await expect.poll(() => proofError.count()).toBe(0);
    const chosen = (await page.getByTestId('transfer-proof-chosen').textContent())!;
    const chosenKb = Number(chosen.match(/([\d.]+) KB$/)![1]);
    expect(chosenKb).toBeLessThan(50);
    await page.getByTestId('transfer-save').click();

    // 填写完成等待审核即可: the dialog closes on the 调入/调出 page, where the request waits for review.
    await dialog.waitFor({ state: 'hidden' });
    const submitted = page.getByTestId('transfer-submitted');
    await submitted.waitFor();
    const listed = page.locator(`[data-testid="my-transfer"][data-request-id="${id}"]`);
    await expect.poll(() => listed.getAttribute('data-state'), { timeout: 60_000 }).toBe('awaitingReview');
    expect(await listed.getByTestId('my-transfer-state').textContent()).toBe(stateWords('awaitingReview'));
    await screenshot(page, 'applicant-transfer-submitted');
    await submitted.getByRole('link').click();
    await page.waitForURL(`${suite.web.url}/applicant/requests/${id}`);
    await expect.poll(() => page.getByTestId('request-status').getAttribute('data-state')).toBe('awaitingReview');
    expect(await page.getByTestId('request-state').textContent()).toBe(stateWords('awaitingReview'));

    // The API has the one request, in its district's review, with the part and the proof the browser sent.
    const detail = await suite.ctx.call('GET', `/requests/${id}`, { token: applicant.token });
    expect(detail.status).toBe(200);
    expect(detail.data).toMatchObject({
      kind: 'transferOut',
      state: 'awaitingReview',
      districtCode: district,
      form: { transfer: { toProvince, toDistrict, reason } },
    });
    expect(detail.data.commitmentAcceptedAt).not.toBeNull();
    expect(detail.data.materials).toHaveLength(1);
    const [stored] = detail.data.materials;
    expect(stored.kind).toBe('transferProof');
    expect((stored.byteSize / 1024).toFixed(1)).toBe(chosenKb.toFixed(1));
    expect(stored.sha256).not.toBe(sha256(tooLarge));
    const after = await suite.ctx.call('GET', '/requests', { token: applicant.token });
    expect(after.data.filter((r: { kind: string }) => r.kind === 'transferOut')).toHaveLength(1);
    await page.context().close();
  }, 300_000);
});
