import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharedZhCN from '../packages/contracts/src/locales/zh-CN.json';
import { launchChromium } from './support/browser.js';
import { startKefu, type RunningKefu } from './support/server.js';
import { menuKeys, signIn } from './support/ui.js';

const ADMIN_PASSWORD = 'admin2026pass';
const AGENT_PASSWORD = 'agent2026pass';
const PHONE = '13800138000';
const MASKED_PHONE = '138****8000';
const IMPORTED_PHONE = '13912345678';
/** A 客户类型 the server does not know: the row must be reported, and nothing imported. */
const UNKNOWN_TYPE = '公司';
/** What the agent must read during the call for a 力量型 customer. */
const POWERFUL_HINT = sharedZhCN.customers.personalityHints.powerful;


async function chooseOption(page: Page, testId: string, label: string) {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: label }).click();
}

/** An agent account made by the signed-in administrator through the API, with the session's CSRF token. */
async function createAgent(page: Page, username: string, displayName: string) {
  const status = await page.evaluate(
    async ({ username, displayName, password }) => {
      const session = await (await fetch('/api/auth/session')).json();
      const roles: { id: number; code: string }[] = await (await fetch('/api/roles')).json();
      const agentRole = roles.find((role) => role.code === 'agent');
      const response = await fetch('/api/users', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrfToken },
        body: JSON.stringify({ username, displayName, password, departmentId: null, roleIds: [agentRole?.id] }),
      });
      return response.status;
    },
    { username, displayName, password: AGENT_PASSWORD },
  );
  expect(status).toBe(200);
}

/** A CSV as a spreadsheet program saves it: BOM, zh-CN headers, one customer per line. */
function customerCsv(rows: string[][]): Buffer {
  const { columns } = sharedZhCN.customers;
  const header = [columns.name, columns.type, columns.tier, columns.phones, columns.tags];
  return Buffer.from(`\uFEFF${[header, ...rows].map((row) => row.join(',')).join('\r\n')}\r\n`, 'utf8');
}

async function chooseImportFile(page: Page, name: string, buffer: Buffer) {
  await page.getByTestId('customer-import-wizard').locator('input[type="file"]').setInputFiles({ name, mimeType: 'text/csv', buffer });
}

describe('an administrator files a customer; an agent finds it by phone during a call', () => {
  let kefu: RunningKefu;
  let browser: Browser;
  beforeAll(async () => {
    kefu = await startKefu({ KEFU_ADMIN_PASSWORD: ADMIN_PASSWORD });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await kefu?.stop();
  });

  it('runs through the real UI with the phone masked for the agent', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await signIn(page, kefu.baseUrl, 'admin', ADMIN_PASSWORD);
    await createAgent(page, 'liuyang', '刘洋');

    // The administrator files the customer in the drawer form.
    await page.goto(`${kefu.baseUrl}/customers`);
    await page.getByTestId('customers-create').click();
    await page.getByTestId('customer-form-name').fill('王建国');
    await chooseOption(page, 'customer-form-personality', sharedZhCN.customers.personalities.powerful);
    await page.getByTestId('customer-form-phone-0').fill(PHONE);
    await page.getByTestId('customer-form-submit').click();

    // Saving opens the new profile; an administrator holds pii.view and may show the number.
    await page.getByTestId('personality-hint').waitFor();
    expect(await page.getByTestId('customer-phones').innerText()).toContain(MASKED_PHONE);
    await page.getByTestId('customer-reveal-phones').click();
    await page.getByTestId('customer-phones').getByText(PHONE).waitFor();
    await context.clearCookies();

    // The agent has the customer menu and looks the caller up by the number as spoken.
    await signIn(page, kefu.baseUrl, 'liuyang', AGENT_PASSWORD);
    await expect.poll(() => menuKeys(page), { timeout: 10_000 }).toEqual(['/', '/announcements', '/complaints', '/complaints/new', '/customers', '/knowledge', '/work-orders', '/work-orders/agents', '/work-orders/backlog', '/work-orders/new']);
    await page.getByTestId('side-menu').locator('a[href="/customers"]').click();
    await page.waitForURL(/\/customers$/);
    const search = page.getByTestId('customers-search').locator('input');
    await search.fill('138 0013 8000');
    await search.press('Enter');
    await page.waitForURL(/phone=/);
    const row = page.locator('.ant-table-row').filter({ hasText: '王建国' });
    await row.waitFor();
    expect(await page.locator('.ant-table-row').count()).toBe(1);
    expect(await row.innerText()).toContain(MASKED_PHONE);

    // The profile shows the service hint first, and never the number in clear.
    await row.getByTestId('customer-row-link').click();
    await page.getByTestId('personality-hint').waitFor();
    expect(await page.getByTestId('personality-hint').innerText()).toContain(POWERFUL_HINT);
    expect(await page.getByTestId('customer-phones').innerText()).toContain(MASKED_PHONE);
    await page.getByTestId('timeline-entry').first().waitFor();
    expect(await page.getByTestId('customer-reveal-phones').count()).toBe(0);
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(/\d{11}/);
    expect(text.replace(/[\s-]/g, '')).not.toContain(PHONE);
    await page.screenshot({ path: 'e2e/results/customer-profile-agent.png', fullPage: true });

    // The server refuses the agent the clear number too.
    const reveal = await page.evaluate(async () => {
      const session = await (await fetch('/api/auth/session')).json();
      const id = location.pathname.split('/').pop();
      const response = await fetch(`/api/customers/${id}/reveal`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrfToken },
        body: JSON.stringify({ field: 'phones' }),
      });
      return response.status;
    });
    expect(reveal).toBe(403);
    await context.close();
  });

  it('imports a CSV through the wizard: a bad row is reported and blocks the commit until the file is fixed', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    await signIn(page, kefu.baseUrl, 'admin', ADMIN_PASSWORD);
    await page.goto(`${kefu.baseUrl}/customers`);
    await page.getByTestId('customers-import').click();
    const wizard = page.getByTestId('customer-import-wizard');
    await wizard.waitFor();

    // Row 3 (the header is row 1) has a customer type the system does not know.
    const { types, tiers } = sharedZhCN.customers;
    const goodRow = ['李秀英', types.personal, tiers.gold, IMPORTED_PHONE, '宽带'];
    await chooseImportFile(page, '客户名单.csv', customerCsv([goodRow, ['赵强', UNKNOWN_TYPE, tiers.regular, '13700001111', '']]));
    await page.getByTestId('customer-import-has-errors').waitFor();
    const errorRows = page.getByTestId('customer-import-errors').locator('.ant-table-row');
    expect(await errorRows.count()).toBe(1);
    const cells = await errorRows.first().locator('td').allInnerTexts();
    expect(cells[0]).toBe('3');
    expect(cells[1]).toBe(sharedZhCN.customers.columns.type);
    expect(cells[2]).toContain(UNKNOWN_TYPE);
    expect(await page.getByTestId('customer-import-summary').innerText()).toContain('客户名单.csv');
    expect(await page.getByTestId('customer-import-commit').isDisabled()).toBe(true);
    await page.waitForTimeout(500); // let antd's fade-in finish so the screenshot is legible
    await page.screenshot({ path: 'e2e/results/customer-import-errors.png' });

    // The corrected file, uploaded again in place, passes and is committed.
    await chooseImportFile(page, '客户名单.csv', customerCsv([goodRow, ['赵强', types.group, tiers.regular, '13700001111', '']]));
    await page.getByTestId('customer-import-preview').waitFor();
    expect(await page.getByTestId('customer-import-has-errors').count()).toBe(0);
    expect(await page.getByTestId('customer-import-errors').count()).toBe(0);
    expect(await page.getByTestId('customer-import-preview').locator('.ant-table-row').count()).toBe(2);
    await page.getByTestId('customer-import-commit').click();
    await page.getByTestId('customer-import-done').waitFor();
    expect(await page.getByTestId('customer-import-done').innerText()).toContain('2');
    await page.getByTestId('customer-import-back').click();
    await wizard.waitFor({ state: 'detached' });

    // The imported customer is found by phone in the list.
    const search = page.getByTestId('customers-search').locator('input');
    await search.fill('139 1234 5678');
    await search.press('Enter');
    await page.waitForURL(/phone=/);
    // The unfiltered page stays on screen until the search answers.
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(1);
    const row = page.locator('.ant-table-row').filter({ hasText: '李秀英' });
    expect(await row.innerText()).toContain(tiers.gold);

    // Export with the list's current filter: only that customer, under the zh-CN headers.
    const downloading = page.waitForEvent('download');
    await page.getByTestId('customers-export').click();
    await page.getByTestId('customers-export-csv').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const exported = await readFile((await download.path()) ?? '', 'utf8');
    expect(exported).toContain(sharedZhCN.customers.columns.name);
    expect(exported).toContain('李秀英');
    expect(exported).not.toContain('赵强');
    expect(exported).not.toContain('王建国');
    await context.close();
  });
});
