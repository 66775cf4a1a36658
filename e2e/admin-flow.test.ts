import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser.js';
import { startKefu, type RunningKefu } from './support/server.js';
import { menuKeys, signIn } from './support/ui.js';

const CJK = /[\u4e00-\u9fff]/;

describe('first run in the browser (setup page)', () => {
  let kefu: RunningKefu;
  let browser: Browser;
  beforeAll(async () => {
    kefu = await startKefu();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await kefu?.stop();
  });

  it('shows the Chinese setup page on an empty database and signs the new administrator in', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await page.goto(kefu.baseUrl);
    await page.waitForURL(/\/setup$/);
    await page.getByTestId('setup-org').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await page.locator('body').innerText()).toMatch(CJK);
    await page.screenshot({ path: 'e2e/results/setup-page.png', fullPage: true });

    await page.getByTestId('setup-org').fill('城东客服中心');
    await page.getByTestId('setup-username').fill('chief');
    await page.getByTestId('setup-display-name').fill('林主任');
    await page.getByTestId('setup-password').fill('chief2026pass');
    await page.getByTestId('setup-password-confirm').fill('chief2026pass');
    await page.getByTestId('setup-submit').click();
    await page.getByTestId('side-menu').waitFor();
    await expect.poll(() => menuKeys(page), { timeout: 10_000 }).toEqual(expect.arrayContaining(['/admin/users', '/admin/departments', '/admin/roles', '/admin/audit']));
    const status = await (await fetch(`${kefu.baseUrl}/api/setup`)).json();
    expect(status).toEqual({ needsSetup: false, organizationName: '城东客服中心' });
    // Client-side routes get the SPA; a missing hashed asset gets a 404, never HTML.
    expect((await fetch(`${kefu.baseUrl}/admin/users`)).headers.get('content-type')).toContain('text/html');
    expect((await fetch(`${kefu.baseUrl}/assets/index-gone.js`)).status).toBe(404);
  });
});

describe('administrator creates a team and an agent; the agent sees an agent menu', () => {
  let kefu: RunningKefu;
  let browser: Browser;
  beforeAll(async () => {
    kefu = await startKefu({ KEFU_ADMIN_PASSWORD: 'admin2026pass' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await kefu?.stop();
  });

  it('runs the whole flow through the real UI', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await signIn(page, kefu.baseUrl, 'admin', 'admin2026pass');

    // A team in the organisation tree.
    await page.goto(`${kefu.baseUrl}/admin/departments`);
    await page.getByTestId('departments-create-root').click();
    await page.getByTestId('department-form-name').fill('话务四班');
    await page.getByTestId('department-form-kind').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '班组' }).click();
    await page.getByTestId('department-form-submit').click();
    await page.getByText('话务四班').first().waitFor();

    // An agent in that team.
    await page.goto(`${kefu.baseUrl}/admin/users`);
    await page.getByTestId('users-create').click();
    await page.getByTestId('user-form-username').fill('zhangwei');
    await page.getByTestId('user-form-display-name').fill('张伟');
    await page.getByTestId('user-form-department').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('话务四班').click();
    await page.getByTestId('user-form-roles').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '业务代表' }).click();
    await page.keyboard.press('Escape');
    await page.getByTestId('user-form-password').fill('agent2026pass');
    await page.getByTestId('user-form-submit').click();
    await page.locator('.ant-table-row').filter({ hasText: 'zhangwei' }).waitFor();

    // The agent signs in and sees only what an agent may use.
    await context.clearCookies();
    await signIn(page, kefu.baseUrl, 'zhangwei', 'agent2026pass');
    await expect.poll(() => menuKeys(page), { timeout: 10_000 }).toEqual(['/', '/announcements', '/complaints', '/complaints/new', '/customers', '/knowledge', '/work-orders', '/work-orders/agents', '/work-orders/backlog', '/work-orders/new']);
    expect(await page.locator('body').innerText()).toContain('张伟');
    await page.screenshot({ path: 'e2e/results/agent-workbench.png', fullPage: true });

    // An admin page opened by URL is refused, in the UI and by the server.
    await page.goto(`${kefu.baseUrl}/admin/users`);
    await page.locator('.ant-result-403').waitFor();
    const denied = await page.evaluate(async () => (await fetch('/api/users')).status);
    expect(denied).toBe(403);
    await context.close();
  });
});
