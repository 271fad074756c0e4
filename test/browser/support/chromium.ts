import { mkdirSync } from 'node:fs';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';

/** Debian's Chromium (infra/chromium.sh installs it), as the browser tests and the web benchmark drive it. */
export const CHROMIUM_BIN = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const SCREENSHOT_DIR = new URL('../../../.data/screenshots/', import.meta.url).pathname;

/** A loaded two-core machine: pages get minutes, not the default 30 s, before a wait counts as failed. */
export const BROWSER_TIMEOUT_MS = 60_000;

/**
 * One Chromium per test file. Playwright gives each launch a fresh temporary user-data directory and removes
 * it on close, and each context below is its own cookie jar: one per person in a test.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_BIN, args: CHROMIUM_ARGS, headless: true, timeout: 120_000 });
}

export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', ...options });
  context.setDefaultTimeout(BROWSER_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(BROWSER_TIMEOUT_MS);
  return context.newPage();
}

/** Saves a full-page screenshot as .data/screenshots/<name>.png (git-ignored; a few are copied to docs/). */
export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}${name}.png`, fullPage: true });
}
