import type { Page } from 'playwright-core';

/** Signs in on the sign-in page, as a person types it; the page then goes to the person's home. */
export async function signInInBrowser(page: Page, baseUrl: string, account: { username: string; password: string }) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByTestId('username').fill(account.username);
  await page.getByTestId('password').fill(account.password);
  await page.getByTestId('sign-in-submit').click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
}
