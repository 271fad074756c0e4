import { describe, expect, it } from 'vitest';
import { signInReviewer, signUpApplicant } from '../support/accounts.ts';
import { apiClient, submitRequest } from '../support/client.ts';
import { accountantForm, fillDraft, newPerson, waitForState } from '../support/forms.ts';
import { openPage, screenshot } from './support/chromium.ts';
import { signInInBrowser } from './support/pages.ts';
import { browserSuite } from './support/suite.ts';

/**
 * The district reviewer's workbench in a real browser: the inbox lists what waits, a row opens the request,
 * a field is returned with its reason, and after the applicant's correction the request is approved; each
 * decision's answer (the workflow's new state) shows at once.
 */
const suite = browserSuite();

describe('the reviewer workbench', () => {
  it('opens a request from the inbox, returns one field with its reason, then approves the correction', async () => {
    // 密云区: no other test leaves requests waiting there, so this one's row is in view.
    const district = '110118';
    const applicant = await signUpApplicant(suite.ctx);
    const form = accountantForm(newPerson(district));
    const id = await fillDraft(suite.ctx, applicant.token, form);
    expect((await submitRequest(apiClient(suite.ctx.app, applicant.token), id)).status).toBe(200);
    const reviewer = await signInReviewer(suite.ctx, district);

    const page = await openPage(suite.browser, { viewport: { width: 1440, height: 900 } });
    await signInInBrowser(page, suite.web.url, reviewer);
    await page.goto(`${suite.web.url}/review`);
    // Other tests of the run may have requests waiting in this district too: open this one's row.
    const row = page.locator(`[data-testid="inbox-item"][data-request-id="${id}"]`);
    await row.waitFor();
    await screenshot(page, 'reviewer-inbox');
    await row.click();
    await page.getByTestId('review-request').waitFor();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/review/${id}`);

    const reason = '手机号码与本人不符，请核对';
    await page.getByTestId('return-basic.mobile').click();
    await page.getByTestId('reason-basic.mobile').fill(reason);
    await screenshot(page, 'reviewer-request-returning');
    await page.getByTestId('return-submit').click();
    await expect.poll(() => page.getByTestId('decision-result').textContent(), { timeout: 60_000 }).toContain('退回');
    await waitForState(suite.ctx, id, 'returned', 60_000);
    const returned = await suite.ctx.call('GET', `/requests/${id}/status`, { token: applicant.token });
    expect(returned.data.returned.reasons).toEqual([{ target: 'field', path: 'basic.mobile', reason }]);

    // The applicant corrects the field and resubmits; the request is back in the inbox for the second round.
    const fixed = await suite.ctx.call('PUT', `/requests/${id}/form/basic`, {
      token: applicant.token,
      json: { ...form.basic, mobile: '13911112222' },
    });
    expect(fixed.status).toBe(200);
    expect((await suite.ctx.call('POST', `/requests/${id}/resubmit`, { token: applicant.token })).status).toBe(200);
    await waitForState(suite.ctx, id, 'awaitingReview', 60_000);

    await page.goto(`${suite.web.url}/review/${id}`);
    await page.getByTestId('review-request').waitFor();
    await page.getByTestId('earlier-rounds').waitFor();
    await page.getByTestId('approve').click();
    await expect.poll(() => page.getByTestId('decision-result').isVisible(), { timeout: 60_000 }).toBe(true);
    await screenshot(page, 'reviewer-approved');
    const status = await suite.ctx.call('GET', `/requests/${id}/status`, { token: applicant.token });
    expect(['approved', 'recording', 'uploading', 'completed']).toContain(status.data.state);
  }, 240_000);
});
