import { describe, expect, it } from 'vitest';
import { signInReviewer, signUpApplicant } from '../support/accounts.ts';
import { apiClient, reviewRequest, submitRequest } from '../support/client.ts';
import { accountantForm, fillDraft, newPerson, waitForState } from '../support/forms.ts';
import { openPage, screenshot } from './support/chromium.ts';
import { signInInBrowser } from './support/pages.ts';
import { browserSuite } from './support/suite.ts';

/**
 * The messages in a real browser: after a reviewer returns a request, the applicant's header shows one
 * unread message; it reads the return's reason in the drawer, and opening it marks it read and goes to the request.
 */
const s = browserSuite();

describe('messages in the header', () => {
  it('shows the applicant an unread return with its reason, and opening it reads it and opens the request', async () => {
    const { ctx, web, browser } = s;
    const district = '110108';
    const applicant = await signUpApplicant(ctx);
    const id = await fillDraft(ctx, applicant.token, accountantForm(newPerson(district)));
    expect((await submitRequest(apiClient(ctx.app, applicant.token), id)).status).toBe(200);

    const page = await openPage(browser, { viewport: { width: 390, height: 844 } });
    await signInInBrowser(page, web.url, applicant);
    await page.getByTestId('notification-bell').waitFor();
    expect(await page.getByTestId('notification-count').count()).toBe(0);

    const reason = '学历证书照片不清晰，请重新上传';
    const reviewer = await signInReviewer(ctx, district);
    await waitForState(ctx, id, 'awaitingReview', 60_000);
    const returned = await reviewRequest(apiClient(ctx.app, reviewer.token), id, {
      outcome: 'returned',
      reasons: [{ target: 'material', path: 'educationCertificate', reason }],
    });
    expect(returned.status).toBe(200);
    await waitForState(ctx, id, 'returned', 60_000);

    await page.reload();
    await expect.poll(() => page.getByTestId('notification-count').textContent(), { timeout: 30_000 }).toBe('1');
    await page.getByTestId('notification-bell').click();
    const item = page.getByTestId('notification-item').first();
    await expect.poll(() => item.textContent()).toContain('您的申请已退回修改');
    expect(await item.textContent()).toContain(reason);
    expect(await item.getAttribute('data-read')).toBe('no');
    await screenshot(page, 'applicant-messages');

    await item.click();
    await page.waitForURL(`${web.url}/applicant/requests/${id}`);
    await expect.poll(() => page.getByTestId('notification-count').count()).toBe(0);
    const list = await ctx.call('GET', '/notifications', { token: applicant.token });
    expect(list.data.unread).toBe(0);
    expect(list.data.items[0]).toMatchObject({ requestId: id, type: 'returned', readAt: expect.any(String) });
    await page.context().close();
  }, 240_000);
});
