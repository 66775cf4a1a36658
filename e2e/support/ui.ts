import type { Page } from 'playwright-core';

/** The route keys of the side menu's items, sorted (antd prefixes each id; the key is the tail). */
export async function menuKeys(page: Page): Promise<string[]> {
  const menu = page.getByTestId('side-menu');
  // The menu mounts before the session's permissions arrive; its items come with them.
  await menu.locator('li[role="menuitem"]').first().waitFor();
  const ids = await menu.locator('li[role="menuitem"]').evaluateAll((items) => items.map((item) => item.getAttribute('data-menu-id') ?? ''));
  return ids.map((id) => id.slice(id.indexOf('/'))).sort();
}

/** Signs in through the login page and waits for the application layout. */
export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('side-menu').waitFor();
}

/** A full-page picture for the CI artefacts, after antd's fade-ins and toasts have settled so it is legible. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(300);
  await page.screenshot({ path: `e2e/results/${name}.png`, fullPage: true });
}
