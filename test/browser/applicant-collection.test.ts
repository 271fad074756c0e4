import type { BrowserContextOptions } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { requestStates } from '../../domain/statistics.ts';
import { signInReviewer, signUpApplicant } from '../support/accounts.ts';
import { accountantForm, newPerson, uploadMaterial, waitForState } from '../support/forms.ts';
import { phonePhoto, validScan } from '../support/jpeg.ts';
import { openPage, screenshot } from './support/chromium.ts';
import {
  chooseMaterial,
  districtName,
  fillBasic,
  fillDistrict,
  fillEducation,
  fillQualifications,
  fillSituation,
  fillWork,
  saveAndContinue,
  scrollWidth,
  uploadOnPage,
} from './support/form-pages.ts';
import { signInInBrowser } from './support/pages.ts';
import { browserSuite } from './support/suite.ts';

/**
 * 信息采集 in the suite.browser, on a desktop and on a 375 px phone: the applicant signs in, starts the form and fills
 * in every part on the page (situation, basic, education, work, qualifications, district), uploads the materials
 * on the page (a scan as the photo refused with the API's rule on that material; a several-megabyte phone photo
 * cropped and compressed in the suite.browser, then accepted), accepts the commitment letter and submits; the district
 * returns one field; the applicant sees the reason on that field, alone editable, corrects it and resubmits; after
 * approval and the national upload the status page says the request is done. The reviewer's decisions are made
 * through the API (test/browser/reviewer-workbench.test.ts drives the workbench).
 */
// The words the pages show for a state (web/lib/labels.ts reads the same list).
const label = (_set: 'states', code: string) => requestStates.find((s) => s.code === code)!.zh;

const suite = browserSuite();

const MATERIALS = ['photo', 'idDocument', 'qualificationCertificate', 'workProof', 'educationCertificate'] as const;

const screens: [string, BrowserContextOptions][] = [
  ['desktop', { viewport: { width: 1280, height: 900 } }],
  ['phone', { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }],
];

describe.each(screens)('an applicant completes a collection in the browser (%s)', (screen, options) => {
  it('submits, sees the returned field with its reason, corrects it, resubmits and sees the request done', async () => {
    const applicant = await signUpApplicant(suite.ctx);
    const form = accountantForm(newPerson('110105'));
    const page = await openPage(suite.browser, options);
    const wide = screen === 'desktop';

    await signInInBrowser(page, suite.web.url, applicant);
    await page.waitForURL(`${suite.web.url}/applicant`);
    await screenshot(page, `applicant-welcome-${screen}`);

    await page.goto(`${suite.web.url}/applicant/collection`);
    await page.getByTestId('start-collection').click();
    const wizard = page.getByTestId('collection-wizard');
    await wizard.waitFor();
    const id = (await wizard.getAttribute('data-request-id'))!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    // Each part on the page; the step after it opens once the API has taken it.
    await fillSituation(page, form.situation);
    await saveAndContinue(page, 'basic');
    await screenshot(page, `applicant-collection-basic-${screen}`);
    await fillBasic(page, form.basic);
    await saveAndContinue(page, 'education');
    await fillEducation(page, form.education);
    await saveAndContinue(page, 'work');
    await fillWork(page, form.work);
    await saveAndContinue(page, 'qualifications');
    await fillQualifications(page, form.qualifications);
    await saveAndContinue(page, 'district');
    // An accountant's district is the work unit's: the step says so and proposes it.
    expect(await page.getByTestId('district-explanation').textContent()).toContain(districtName(form.work.unitDistrict));
    await fillDistrict(page, form.district);
    await saveAndContinue(page, 'materials');
    // What the pages saved is the form as typed, part by part.
    const draft = await suite.ctx.call('GET', `/requests/${id}`, { token: applicant.token });
    expect(draft.data.form).toEqual(form);

    // The draft lives on the server: a fresh load resumes at the first open step, the materials.
    await page.goto(`${suite.web.url}/applicant/collection/${id}`);
    await page.getByTestId('materials-step').waitFor();
    await expect.poll(() => page.getByTestId('material-photo-rule').textContent()).toContain('114×156');

    // A scan is no photo: the API refuses it, and its rule appears on the photo. The same refusal as the API gives.
    const wrongPhoto = await validScan('photo');
    const refusal = await uploadMaterial(suite.ctx, applicant.token, id, 'photo', wrongPhoto);
    expect(refusal.status).toBe(422);
    await uploadOnPage(page, 'photo', wrongPhoto);
    const photoError = page.getByTestId('material-photo-error');
    await photoError.waitFor();
    expect(await photoError.textContent()).toContain(refusal.data.detail_zh);
    await screenshot(page, `applicant-material-refused-${screen}`);

    // A photo straight from the phone's camera: megabytes, the wrong size. The page warns before any upload,
    // crops and compresses it to the rule, and the API takes what the browser made.
    const snapshot = await phonePhoto();
    expect(snapshot.byteLength).toBeGreaterThan(2 * 1024 * 1024);
    await chooseMaterial(page, 'photo', snapshot, 'IMG_20260301_0930.jpg');
    await page.getByTestId('material-photo-warning').waitFor();
    const facts = page.getByTestId('material-photo-facts');
    await expect.poll(() => facts.textContent()).toMatch(/^2400×3200 · /);
    await page.getByTestId('material-photo-fix').click();
    await expect.poll(() => facts.textContent()).toMatch(/^114×156 · /);
    expect(Number((await facts.textContent())!.match(/([\d.]+) KB/)![1])).toBeLessThan(20);
    expect(await page.getByTestId('material-photo-warning').count()).toBe(0);
    await page.getByTestId('material-photo-upload').click();
    await page.getByTestId('material-photo-uploaded').waitFor();
    await expect.poll(() => photoError.count()).toBe(0);
    const withPhoto = await suite.ctx.call('GET', `/requests/${id}`, { token: applicant.token });
    const photo = withPhoto.data.materials.find((m: { kind: string }) => m.kind === 'photo');
    expect(photo).toMatchObject({ width: 114, height: 156 });
    expect(photo.byteSize).toBeLessThan(20 * 1024);
    for (const kind of MATERIALS.slice(1)) {
      await uploadOnPage(page, kind, await validScan(kind));
      await page.getByTestId(`material-${kind}-uploaded`).waitFor();
    }
    await screenshot(page, `applicant-materials-${screen}`);
    await page.getByTestId('materials-next').click();

    await page.getByTestId('commitment-text').waitFor();
    await page.getByTestId('commitment-checkbox').check();
    await page.getByTestId('commitment-accept').click();
    await page.getByTestId('summary-step').waitFor();
    await screenshot(page, `applicant-summary-${screen}`);
    await page.getByTestId('submit').click();

    await page.waitForURL(`${suite.web.url}/applicant/requests/${id}`);
    const state = page.getByTestId('request-status');
    await expect.poll(() => state.getAttribute('data-state'), { timeout: 60_000 }).toBe('awaitingReview');
    expect(await page.getByTestId('request-state').textContent()).toBe(label('states', 'awaitingReview'));
    const firstRound = Number(await page.getByTestId('request-round').textContent());

    // The district returns the mobile number.
    const reviewer = await signInReviewer(suite.ctx, '110105');
    const reason = '手机号码与本人不符，请核对';
    const returned = await suite.ctx.call('POST', `/requests/${id}/review`, {
      token: reviewer.token,
      json: { outcome: 'returned', reasons: [{ target: 'field', path: 'basic.mobile', reason }] },
    });
    expect(returned.status).toBe(200);
    await waitForState(suite.ctx, id, 'returned', 60_000);

    await page.reload();
    await expect.poll(() => state.getAttribute('data-state'), { timeout: 60_000 }).toBe('returned');
    const listed = page.locator('[data-testid="returned-reason"][data-path="basic.mobile"]');
    expect(await listed.textContent()).toContain(reason);
    await screenshot(page, `applicant-returned-${screen}`);
    await page.getByTestId('correct-returned').click();
    await page.getByTestId('collection-wizard').waitFor();
    await page.goto(`${suite.web.url}/applicant/collection/${id}?step=basic`);
    const onField = page.getByTestId('returned-reason-basic.mobile');
    await onField.waitFor();
    expect(await onField.textContent()).toContain(reason);
    // Only what was returned can change.
    expect(await page.getByTestId('basic-mobile').isEnabled()).toBe(true);
    expect(await page.getByTestId('basic-name').isDisabled()).toBe(true);
    await screenshot(page, `applicant-returned-field-${screen}`);
    const corrected = `138${String(Date.now()).slice(-8)}`;
    await page.getByTestId('basic-mobile').fill(corrected);
    await page.getByTestId('save-part').click();
    await page.waitForURL(/step=education/);
    await page.goto(`${suite.web.url}/applicant/collection/${id}?step=summary`);
    await page.getByTestId('resubmit').click();
    await page.waitForURL(`${suite.web.url}/applicant/requests/${id}`);
    await expect.poll(() => state.getAttribute('data-state'), { timeout: 60_000 }).toBe('awaitingReview');
    await expect.poll(async () => Number(await page.getByTestId('request-round').textContent())).toBe(firstRound + 1);

    // Approved; the record is written and uploaded to the national platform; the applicant sees it done.
    const approved = await suite.ctx.call('POST', `/requests/${id}/review`, { token: reviewer.token, json: { outcome: 'approved' } });
    expect(approved.status).toBe(200);
    await waitForState(suite.ctx, id, 'completed', 90_000);
    await page.reload();
    await expect.poll(() => state.getAttribute('data-state'), { timeout: 60_000 }).toBe('completed');
    expect(await page.getByTestId('request-state').textContent()).toBe(label('states', 'completed'));
    expect(await page.locator('[data-testid="timeline-event"][data-type="completed"]').count()).toBe(1);
    await screenshot(page, `applicant-completed-${screen}`);
    if (!wide) {
      // Nothing on the phone is wider than the phone.
      expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
    }
    await page.context().close();
  }, 400_000);
});
