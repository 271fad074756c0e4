import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpApplicant } from '../support/accounts.ts';
import { type TestContext, testContext } from '../support/context.ts';
import { accountantForm, fillDraft, newPerson } from '../support/forms.ts';
import { launchChromium, openPage, screenshot } from './support/chromium.ts';
import { signInInBrowser } from './support/pages.ts';
import { startWebServer } from './support/web-server.ts';

/**
 * The pages in a real browser against what an attacker sends: a name made of markup stays text (no script runs,
 * no element is injected), and a POST forged on another page (another site, or another origin of the same site,
 * which a SameSite cookie does not stop) is refused with the signed-in applicant's cookie and changes nothing.
 */
let ctx: TestContext;
let web: Awaited<ReturnType<typeof startWebServer>>;
let browser: Browser;
let attacker: Server;
let attackerPort: number;

// 50 characters, the longest name the form takes: a script element and an attribute break-out with an onerror.
const HOSTILE_NAME = '张<script>__x=1</script>"><img src=x onerror=__x=2>';

beforeAll(async () => {
  ctx = await testContext();
  web = await startWebServer(ctx);
  browser = await launchChromium();
  // The attacker's pages: a form that posts itself to the API, and a script that fetches with credentials.
  attacker = createServer((req, res) => {
    const target = `${web.url}/requests/collection`;
    res.setHeader('content-type', 'text/html; charset=utf-8');
    if (req.url === '/form')
      res.end(`<!doctype html><form id="f" method="post" action="${target}"><input name="kind" value="collection"></form>
<script>document.getElementById('f').submit()</script>`);
    else
      res.end(`<!doctype html><script>
window.answer = fetch(${JSON.stringify(target)}, { method: 'POST', credentials: 'include', mode: 'no-cors',
  headers: { 'content-type': 'text/plain' }, body: '{}' }).then(() => 'sent', (e) => String(e));
</script>`);
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  attackerPort = (attacker.address() as AddressInfo).port;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => attacker?.close(resolve));
  await web?.close();
  await ctx?.close();
});

async function watchForScripts(page: Page) {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return dialogs;
}

describe('the pages against hostile input and forged requests', () => {
  it('shows a name of markup as text on every page that shows it, running nothing', async () => {
    const applicant = await signUpApplicant(ctx);
    const form = accountantForm(newPerson('110105'));
    form.basic.name = HOSTILE_NAME;
    form.basic.address = `${HOSTILE_NAME}<iframe src="javascript:alert(1)">`;
    const id = await fillDraft(ctx, applicant.token, form);
    const page = await openPage(browser);
    const dialogs = await watchForScripts(page);
    await signInInBrowser(page, web.url, applicant);

    // The summary lists every part as text.
    await page.goto(`${web.url}/applicant/collection/${id}?step=summary`);
    await page.getByTestId('summary-step').waitFor();
    await expect.poll(() => page.getByText(HOSTILE_NAME, { exact: true }).count()).toBeGreaterThan(0);
    await screenshot(page, 'xss-summary');
    // The basic part shows it in its field, as the value.
    await page.goto(`${web.url}/applicant/collection/${id}?step=basic`);
    await expect.poll(() => page.getByTestId('basic-name').inputValue()).toBe(HOSTILE_NAME);
    // The welcome page and the list of requests.
    for (const path of ['/applicant', '/applicant/requests', `/applicant/requests/${id}`]) {
      await page.goto(`${web.url}${path}`);
      await page.waitForLoadState('networkidle');
    }

    expect(dialogs).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __x?: number }).__x)).toBeUndefined();
    for (const path of [`/applicant/collection/${id}?step=summary`, `/applicant/requests/${id}`]) {
      await page.goto(`${web.url}${path}`);
      await page.waitForLoadState('networkidle');
      expect(await page.locator('img[src="x"], iframe, script:not([src])').count(), path).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { __x?: number }).__x)).toBeUndefined();
    }
    await page.context().close();
  }, 240_000);

  it('refuses a POST forged on another page with the applicant signed in, and creates nothing', async () => {
    const applicant = await signUpApplicant(ctx);
    const page = await openPage(browser);
    await signInInBrowser(page, web.url, applicant);
    await page.waitForURL(`${web.url}/applicant`);
    const drafts = () => ctx.db.request.count({ where: { applicantId: applicant.userId } });
    expect(await drafts()).toBe(0);

    // Same site, other origin (127.0.0.1 on another port): the SameSite=Strict cookie goes along, the Origin check refuses.
    const answers: { url: string; status: number; body: string }[] = [];
    page.on('response', async (r) => {
      if (r.url().startsWith(`${web.url}/requests`) && r.request().method() === 'POST')
        answers.push({ url: r.url(), status: r.status(), body: await r.text().catch(() => '') });
    });
    await page.goto(`http://127.0.0.1:${attackerPort}/form`);
    await page.waitForURL(`${web.url}/requests/collection`);
    await expect.poll(() => answers.length).toBeGreaterThan(0);
    expect(answers[0]!.status).toBe(403);
    expect(JSON.parse(answers[0]!.body)).toMatchObject({ rule: 'csrf.origin' });
    await screenshot(page, 'csrf-refused');

    // Another site (localhost is not 127.0.0.1): a credentialed fetch; the cookie stays home and nothing is made.
    for (const origin of [`http://127.0.0.1:${attackerPort}`, `http://localhost:${attackerPort}`]) {
      await page.goto(`${origin}/fetch`);
      expect(await page.evaluate(() => (window as unknown as { answer: Promise<string> }).answer)).toBe('sent');
    }
    await expect.poll(() => answers.length).toBeGreaterThanOrEqual(3);
    for (const a of answers) expect([401, 403]).toContain(a.status);
    expect(await drafts()).toBe(0);

    // The pages themselves still can: the same call made by the site's own page succeeds.
    await page.goto(`${web.url}/applicant/collection`);
    await page.getByTestId('start-collection').click();
    await page.getByTestId('collection-wizard').waitFor();
    expect(await drafts()).toBe(1);
    await page.context().close();
  }, 240_000);
});
