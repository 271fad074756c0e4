import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createActivities } from '../../activities/index.ts';
import { createLogger } from '../../clients/log.ts';
import { payloadCodecFromEnv } from '../../clients/payload-codec.ts';
import { createNationalClient } from '../../national/client.ts';
import { freePort, Service, searchAttributeArgs, sqlitePragmaArgs, TEMPORAL_BIN } from '../../tools/lib/deployment.ts';
import { bundleWorkflows, createWorker } from '../../worker/create.ts';
import { signInAdmin, signUpApplicant } from '../support/accounts.ts';
import { type TestContext, testContext } from '../support/context.ts';
import { accountantForm, fillDraft, newPerson, waitForState } from '../support/forms.ts';
import { launchChromium, openPage, screenshot } from './support/chromium.ts';
import { startWebServer } from './support/web-server.ts';

/**
 * The operator's view, exactly as the README's steps go: an administrator signs in at /codec/sign-in, then in
 * the Temporal Web UI's Codec Server settings uses the browser's own endpoint with "Include cross-origin
 * credentials", and reads a request's workflow input decrypted. A private dev server (with its UI) points its
 * codec endpoint at this test's API, as infra/temporal.sh points the developer's at the API on :3000.
 */
const dir = mkdtempSync(join(tmpdir(), 'operator-codec-'));
let temporal: Service;
let ctx: TestContext;
let web: Awaited<ReturnType<typeof startWebServer>>;
let browser: Browser;
let uiUrl: string;
let stopWorker: () => Promise<void>;

beforeAll(async () => {
  const run = inject('run');
  const [port, uiPort, httpPort, metricsPort, apiPort] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
  uiUrl = `http://127.0.0.1:${uiPort}`;
  const address = `127.0.0.1:${port}`;
  temporal = await new Service({
    name: 'private Temporal dev server with its Web UI',
    command: TEMPORAL_BIN,
    args: [
      ...['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--ui-port', String(uiPort)],
      ...['--http-port', String(httpPort), '--metrics-port', String(metricsPort), '--db-filename', join(dir, 'temporal.db')],
      ...['--log-level', 'error', '--ui-codec-endpoint', `http://127.0.0.1:${apiPort}/codec`, ...searchAttributeArgs()],
      ...sqlitePragmaArgs(),
    ],
    ready: async () => (await fetch(`${uiUrl}/api/v1/settings`)).ok,
    readyTimeoutMs: 120_000,
    logFile: join(dir, 'temporal.log'),
    retriesOnAddressInUse: 3,
  }).start();

  const taskQueue = `${run.taskQueue}-codec`;
  // The UI's origin is the one the codec endpoint allows, as CODEC_CORS_ORIGINS allows :8233 by default.
  ctx = await testContext({ TEMPORAL_ADDRESS: address, TEMPORAL_TASK_QUEUE: taskQueue, CODEC_CORS_ORIGINS: uiUrl });
  const { worker, connection } = await createWorker({
    address,
    namespace: 'default',
    taskQueue,
    bundle: await bundleWorkflows(),
    shutdownSignals: [],
    payloadCodec: payloadCodecFromEnv(ctx.env),
    activities: createActivities({
      db: ctx.db,
      storage: ctx.storage,
      log: createLogger('silent', 'worker'),
      national: createNationalClient({ baseUrl: run.nationalUrl, province: run.provinceCode }),
      personalData: ctx.personalData,
      provinceCode: run.provinceCode,
    }),
  });
  const running = worker.run();
  stopWorker = async () => {
    worker.shutdown();
    await running;
    await connection.close();
  };
  web = await startWebServer(ctx, apiPort);
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await web?.close();
  await stopWorker?.();
  await ctx?.close();
  await temporal?.stop();
  rmSync(dir, { recursive: true, force: true });
}, 120_000);

describe('the operator reads encrypted workflow payloads in the Temporal Web UI', () => {
  it('signs in at /codec/sign-in, sets the Codec Server endpoint with cross-origin credentials, and sees the request id decoded', async () => {
    const applicant = await signUpApplicant(ctx);
    const requestId = await fillDraft(ctx, applicant.token, accountantForm(newPerson('110105')));
    const submitted = await ctx.call('POST', `/requests/${requestId}/submit`, { token: applicant.token });
    expect(submitted.status).toBe(200);
    await waitForState(ctx, requestId, 'awaitingReview', 60_000);
    const admin = await signInAdmin(ctx);

    // Tall enough that the UI's settings panel and its sticky top bar never overlap.
    const page = await openPage(browser, { viewport: { width: 1440, height: 1200 } });
    const decodeAnswers: number[] = [];
    page.on('response', (r) => {
      if (r.url() === `${web.url}/codec/decode` && r.request().method() === 'POST') decodeAnswers.push(r.status());
    });

    // Step 1: the codec session, on the API's own page.
    await page.goto(`${web.url}/codec/sign-in`);
    await page.getByLabel('用户名 Username').fill(admin.username);
    await page.getByLabel('密码 Password').fill(admin.password);
    await page.getByRole('button', { name: '登录 Sign in' }).click();
    await expect.poll(() => page.getByRole('heading', { name: '已登录 · Signed in' }).count(), { timeout: 60_000 }).toBe(1);

    // With the server's setting alone the UI sends no credentials (its own switch then does nothing): 401, still encrypted.
    await page.goto(`${uiUrl}/namespaces/default/workflows/collection-${requestId}`);
    // The Input panel is a code view, a line per JSON line.
    const inputLine = (text: string) => page.locator('.cm-line').filter({ hasText: text });
    await inputLine('"encryption-key-id"').first().waitFor();
    await page.locator('#content').getByText('Codec Server could not connect').waitFor();
    await screenshot(page, 'operator-temporal-ui-encrypted');
    expect(await inputLine(`"requestId": "${requestId}"`).count()).toBe(0);
    expect(decodeAnswers).toContain(401);

    // Step 2: the UI's Codec Server settings: my browser's endpoint, with cross-origin credentials.
    decodeAnswers.length = 0;
    await page.locator('[data-testid^="data-encoder-status"]').first().click();
    await page.getByTestId('override-accordion').getByRole('button').first().click();
    await page.getByText('Use my browser setting and ignore Cluster-level setting.').click();
    await page.getByLabel('Codec Server browser endpoint').fill(`${web.url}/codec`);
    // The panel's lower half lies under the UI's sticky top bar: its switch and button are used from the keyboard.
    const credentials = page.getByRole('switch', { name: 'Include cross-origin credentials' });
    await credentials.focus();
    await page.keyboard.press('Space');
    expect(await credentials.isChecked()).toBe(true);
    await screenshot(page, 'operator-temporal-ui-codec-settings');
    const apply = page.getByTestId('confirm-data-encoder-button');
    await apply.focus();
    await page.keyboard.press('Enter');
    await apply.waitFor({ state: 'hidden' });

    // The input the API gave the workflow (ids and codes only), decrypted by the codec endpoint.
    await page.reload();
    await inputLine(`"requestId": "${requestId}"`).first().waitFor({ timeout: 90_000 });
    expect(await inputLine('"districtCode": "110105"').count()).toBe(1);
    expect(await inputLine('"encryption-key-id"').count()).toBe(0);
    expect(decodeAnswers.length).toBeGreaterThan(0);
    expect(decodeAnswers.every((s) => s === 200)).toBe(true);
    await screenshot(page, 'operator-temporal-ui-decoded');
  }, 300_000);
});
