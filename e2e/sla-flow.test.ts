import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharedZhCN from '../packages/contracts/src/locales/zh-CN.json';
import webZhCN from '../web/src/i18n/zh-CN.json';
import { launchChromium } from './support/browser.js';
import { startKefu, type RunningKefu } from './support/server.js';
import { signIn, screenshot } from './support/ui.js';

/** The demo users' password (KEFU_DEMO_PASSWORD), set explicitly so the flow does not depend on the default. */
const DEMO_PASSWORD = 'demo2026pass';
const HOUR_MS = 3_600_000;
const { clockStates } = sharedZhCN.sla;
const { types } = sharedZhCN.workOrders;
// The calendars count in Beijing time; the browser types and reads times there too.
const CONTEXT = { locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 1000 } };

/** antd Select: open it, then click the option in the popup (it renders outside the control). */
async function chooseOption(page: Page, testId: string, label: string) {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: label }).click();
}

/** antd TreeSelect: open it and click the node with that exact title in the popup tree. */
async function chooseTreeNode(page: Page, testId: string, title: string) {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(title, { exact: true }).click();
}

/** The text box of an antd input, whether the test id sits on the input itself or on its wrapper. */
function textBox(page: Page, testId: string): Locator {
  return page.locator(`input[data-testid="${testId}"], textarea[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
}


/** Moves the server's clock (KEFU_TEST_CLOCK=1) and lets its sweeper catch up. */
async function advanceServerClock(baseUrl: string, advanceMs: number): Promise<void> {
  const response = await fetch(`${baseUrl}/api/test/clock`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ advanceMs }),
  });
  expect(response.status).toBe(200);
}

function clockState(page: Page, kind: 'firstResponse' | 'resolution'): Promise<string> {
  return page.getByTestId(`sla-clock-${kind}-state`).innerText();
}

describe('service commitments: calendars and clocks (issue 6)', () => {
  let kefu: RunningKefu;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    kefu = await startKefu({ KEFU_TEST_CLOCK: '1', KEFU_DEMO: '1', KEFU_DEMO_PASSWORD: DEMO_PASSWORD, KEFU_ADMIN_PASSWORD: 'admin2026pass' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await kefu?.stop();
  });

  it('a supervisor edits a business calendar and the preview follows the hours', async () => {
    const context = await browser.newContext(CONTEXT);
    contexts.push(context);
    const director = await context.newPage();
    await signIn(director, kefu.baseUrl, 'zhaoli', DEMO_PASSWORD);

    // The menu leads to the calendars; a new calendar starts Monday–Friday 09:00–18:00.
    await director.getByTestId('side-menu').getByText(webZhCN.nav.slaCalendars, { exact: true }).click();
    await director.getByTestId('sla-calendars-table').waitFor();
    await director.getByTestId('sla-calendar-create').click();
    await director.getByTestId('sla-calendar-form').waitFor();
    await textBox(director, 'sla-calendar-name').fill('营业厅（周六营业）');

    // A day of business hours (24 h) from Friday 2026-01-09 10:00: Friday gives 8 h, Monday 9 h,
    // the last 7 h end on Tuesday at 16:00 — the weekend is closed.
    const at = textBox(director, 'sla-preview-at');
    await at.fill('2026-01-09T10:00');
    await expect.poll(() => director.getByTestId('sla-preview').innerText(), { timeout: 10_000 }).toContain('2026-01-09 10:00');
    const due = director.getByTestId('sla-preview-resolution-due');
    await expect.poll(() => due.innerText(), { timeout: 10_000 }).toBe('2026-01-13 16:00');
    await screenshot(director, 'sla-calendar-preview-closed-saturday');

    // Saturday opens 09:00–18:00: its 9 hours count, so the day ends on Monday at 16:00.
    await director.getByTestId('sla-day-sat-open').click();
    await expect.poll(() => due.innerText(), { timeout: 10_000 }).toBe('2026-01-12 16:00');

    // A holiday on that Monday pushes it back to Tuesday again.
    const holidays = textBox(director, 'sla-calendar-holidays');
    await holidays.click();
    await holidays.fill('2026-01-12');
    await holidays.press('Enter');
    await expect.poll(() => director.getByTestId('sla-calendar-holidays-list').innerText()).toContain('2026-01-12');
    await expect.poll(() => due.innerText(), { timeout: 10_000 }).toBe('2026-01-13 16:00');
    await screenshot(director, 'sla-calendar-preview-open-saturday');

    // Saved, the editor moves to the calendar's own address and the list shows it.
    await director.getByTestId('sla-calendar-submit').click();
    await director.waitForURL(/\/admin\/sla-calendars\/\d+$/);
    await director.goto(`${kefu.baseUrl}/admin/sla-calendars`);
    await expect.poll(() => director.getByTestId('sla-calendars-table').innerText()).toContain('营业厅（周六营业）');
  });

  it('an agent sees an order’s clock turn to warning and then breached as time advances', async () => {
    const context = await browser.newContext(CONTEXT);
    contexts.push(context);
    const agent = await context.newPage();
    await signIn(agent, kefu.baseUrl, 'zhouting', DEMO_PASSWORD);

    // A broadband fault: the demo's 4-hour repair promise (7×24, calendar time, warned at 75 %).
    await agent.goto(`${kefu.baseUrl}/work-orders/new`);
    await agent.getByTestId('intake-form').waitFor();
    await agent.getByTestId('intake-customer-mode-anonymous').click();
    await textBox(agent, 'intake-contact-name').fill('王先生');
    await textBox(agent, 'intake-contact-phone').fill('13912340877');
    await chooseOption(agent, 'intake-type', types.fault);
    await chooseTreeNode(agent, 'intake-category', '宽带故障');
    const account = textBox(agent, 'intake-field-broadband_account');
    await account.waitFor();
    await account.fill('KD057188654321');
    await textBox(agent, 'intake-title').fill('宽带无法上网');
    await textBox(agent, 'intake-description').fill('光猫 LOS 灯红色闪烁');
    await textBox(agent, 'intake-reason').fill('疑似入户光纤中断');
    await textBox(agent, 'intake-requested-handling').fill('尽快上门维修');
    await agent.getByTestId('intake-submit').click();
    await agent.waitForURL(/\/work-orders\/\d+$/);
    const number = (await agent.getByTestId('wo-number').innerText()).trim();

    // The clock runs: 4 hours to go, due in Beijing time.
    await agent.getByTestId('wo-sla').waitFor();
    await expect.poll(() => clockState(agent, 'resolution'), { timeout: 10_000 }).toBe(clockStates.running);
    expect(await agent.getByTestId('sla-clock-resolution-remaining').innerText()).toMatch(/0[34]:\d\d:\d\d/);
    // And it ticks on the page, second by second.
    const before = await agent.getByTestId('sla-clock-resolution-remaining').innerText();
    await expect.poll(() => agent.getByTestId('sla-clock-resolution-remaining').innerText(), { timeout: 5_000 }).not.toBe(before);
    await agent.evaluate(() => Object.assign(window, { kefuSameDocument: true }));
    await screenshot(agent, 'sla-clock-running');

    // 3.5 h later (past 75 % of 4 h) the clock warns, without reloading the page.
    await advanceServerClock(kefu.baseUrl, 3.5 * HOUR_MS);
    await expect.poll(() => clockState(agent, 'resolution'), { timeout: 20_000 }).toBe(clockStates.warning);
    expect(await agent.getByTestId('sla-clock-resolution').getAttribute('data-state')).toBe('warning');
    await screenshot(agent, 'sla-clock-warning');

    // An hour more and it is breached: overdue, shown in red.
    await advanceServerClock(kefu.baseUrl, HOUR_MS);
    await expect.poll(() => clockState(agent, 'resolution'), { timeout: 20_000 }).toBe(clockStates.breached);
    await expect.poll(() => agent.getByTestId('sla-clock-resolution-remaining').innerText()).toContain(webZhCN.slaCard.overdueBy.replace(' {{time}}', ''));
    expect(await agent.evaluate(() => 'kefuSameDocument' in window)).toBe(true);
    await screenshot(agent, 'sla-clock-breached');

    // The workspace list marks it too, next to the due time.
    await agent.goto(`${kefu.baseUrl}/work-orders?view=accountable`);
    await agent.getByTestId('workspace-table').waitFor();
    const row = agent.locator('[data-testid="workspace-table"] .ant-table-row').filter({ hasText: number });
    await expect.poll(() => row.getByTestId('workspace-sla-state').innerText(), { timeout: 10_000 }).toBe(clockStates.breached);
  });
});
