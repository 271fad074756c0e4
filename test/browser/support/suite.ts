import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type TestContext, testContext } from '../../support/context.ts';
import { launchChromium } from './chromium.ts';
import { startWebServer } from './web-server.ts';

export interface BrowserSuite {
  ctx: TestContext;
  web: Awaited<ReturnType<typeof startWebServer>>;
  browser: Browser;
}

/**
 * What every browser test file needs: its test context, the web pages served over it, and Chromium,
 * started before the file's tests and closed after them. Read the fields inside tests, not at load.
 */
export function browserSuite(options: { webPort?: number } = {}): BrowserSuite {
  const suite = {} as BrowserSuite;
  beforeAll(async () => {
    suite.ctx = await testContext();
    suite.web = await startWebServer(suite.ctx, options.webPort);
    suite.browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.web?.close();
    await suite.ctx?.close();
  });
  return suite;
}
