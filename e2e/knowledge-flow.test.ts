import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharedZhCN from '../packages/contracts/src/locales/zh-CN.json';
import webZhCN from '../web/src/i18n/zh-CN.json';
import { launchChromium } from './support/browser.js';
import { startKefu, type RunningKefu } from './support/server.js';
import { signIn, screenshot } from './support/ui.js';

const DEMO_PASSWORD = 'demo2026pass';
const VIEWPORT = { width: 1440, height: 1000 };
const TITLE = '国际漫游开通流程';
const FIRST_BODY = '客户出境前需开通国际漫游。';
const FIXED_BODY = '客户出境前需开通国际漫游，可发送 KTMY 到 10086 或到营业厅办理，开通后按日计费。';
const REVIEW_COMMENT = '请补充开通渠道和计费方式';
const NOTICE_TITLE = '12月1日起5G套餐资费调整';
const { statuses } = sharedZhCN.knowledge;
/** A 1×1 PNG. */
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201c5b5b9d10000000049454e44ae426082', 'hex');

function textBox(page: Page, testId: string): Locator {
  return page.locator(`input[data-testid="${testId}"], textarea[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
}

async function statusOf(page: Page): Promise<string> {
  return (await page.getByTestId('article-status').innerText()).trim();
}


describe('knowledge editorial workflow and must-read announcements (issue 7)', () => {
  let kefu: RunningKefu;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    kefu = await startKefu({ KEFU_ADMIN_PASSWORD: 'admin2026pass', KEFU_DEMO: '1', KEFU_DEMO_PASSWORD: DEMO_PASSWORD });
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await kefu?.stop();
  });

  async function session(username: string): Promise<Page> {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: VIEWPORT });
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, kefu.baseUrl, username, DEMO_PASSWORD);
    return page;
  }

  it('an editor writes, a reviewer returns it with a comment, the editor fixes it and it is published', async () => {
    // ── The editor (信息采编 卫欣) writes a draft and submits it ───────────────────────────────
    const editor = await session('weixin');
    await editor.goto(`${kefu.baseUrl}/knowledge/new`);
    await textBox(editor, 'editor-title').fill(TITLE);
    await textBox(editor, 'editor-body').fill(FIRST_BODY);
    await editor.getByTestId('editor-tags').click();
    await editor.keyboard.type('国际漫游');
    await editor.keyboard.press('Enter');
    await editor.keyboard.press('Escape');
    // The preview shows the text as readers will see it.
    await editor.getByRole('tab', { name: webZhCN.knowledge.editor.preview }).click();
    await expect.poll(() => editor.frameLocator('[data-testid="article-preview"]').locator('body').innerText()).toContain(FIRST_BODY);
    await screenshot(editor, 'knowledge-editor');
    await editor.getByTestId('editor-save').click();
    await editor.waitForURL(/\/knowledge\/articles\/\d+$/);
    const articleUrl = editor.url();
    await expect.poll(() => statusOf(editor)).toBe(statuses.draft);
    await editor.getByTestId('article-action-submit').click();
    await expect.poll(() => statusOf(editor)).toBe(statuses.in_review);

    // ── The reviewer (质检 褚静) finds it in the queue and returns it with a comment ─────────────
    const reviewer = await session('chujing');
    await reviewer.goto(`${kefu.baseUrl}/knowledge/review`);
    await reviewer.getByTestId('knowledge-list-item').filter({ hasText: TITLE }).click();
    await reviewer.waitForURL(articleUrl);
    await reviewer.getByTestId('article-action-return').click();
    await textBox(reviewer, 'return-comment').fill(REVIEW_COMMENT);
    await reviewer.getByTestId('return-submit').click();
    await expect.poll(() => statusOf(reviewer)).toBe(statuses.draft);

    // ── The editor sees the comment, fixes the body and submits again ────────────────────────
    await editor.reload();
    await expect.poll(() => editor.getByTestId('article-review-comment').innerText()).toContain(REVIEW_COMMENT);
    await screenshot(editor, 'knowledge-returned');
    await editor.getByTestId('article-edit').click();
    await editor.waitForURL(/\/edit$/);
    await textBox(editor, 'editor-body').fill(FIXED_BODY);
    // An image goes in as an upload of the draft and shows in the preview.
    await editor.locator('input[type="file"]').setInputFiles({ name: 'roaming.png', mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => textBox(editor, 'editor-body').inputValue()).toMatch(/<img src="\/api\/knowledge\/images\/[\w-]+" alt="roaming.png">/);
    await textBox(editor, 'editor-change-note').fill('补充开通渠道和计费方式');
    await editor.getByTestId('editor-save').click();
    await editor.waitForURL(articleUrl);
    await expect.poll(() => editor.getByTestId('article-body').innerText()).toContain('KTMY');
    // The image is served to the signed-in editor (same origin, allowed by the CSP).
    await expect.poll(() => editor.getByTestId('article-body').locator('img').evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(1);
    await editor.getByTestId('article-action-submit').click();
    await expect.poll(() => statusOf(editor)).toBe(statuses.in_review);

    // ── The reviewer approves; the history shows both versions and what changed ─────────────
    await reviewer.reload();
    await reviewer.getByTestId('article-action-approve').click();
    await expect.poll(() => statusOf(reviewer)).toBe(statuses.published);
    await reviewer.getByRole('tab', { name: webZhCN.knowledge.tabs.history }).click();
    await expect.poll(() => reviewer.getByTestId('article-versions').locator('.ant-table-row').count()).toBe(2);
    await expect.poll(() => reviewer.getByTestId('diff-body').locator('[data-testid="diff-added"]').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('KTMY')]));
    await screenshot(reviewer, 'knowledge-history-diff');

    // ── Any agent now finds it by searching ──────────────────────────────────────────────────
    const agent = await session('wuhao');
    await agent.goto(`${kefu.baseUrl}/knowledge`);
    const search = agent.getByTestId('knowledge-search').locator('input');
    await search.fill('漫游');
    await search.press('Enter');
    await agent.getByTestId('knowledge-result-title').filter({ hasText: TITLE }).waitFor();
    expect(await agent.getByTestId('knowledge-result').first().locator('mark').first().innerText()).toBe('漫游');
    await screenshot(agent, 'knowledge-search');
  });

  it('an agent sees a must-read announcement at login and acknowledges it; the leader sees the read receipt', async () => {
    // ── The team leader of 话务一班 publishes a must-read for her team ─────────────────────────
    const leader = await session('sunmei');
    await leader.goto(`${kefu.baseUrl}/announcements`);
    await leader.getByRole('tab', { name: webZhCN.announcements.managed }).click();
    await leader.getByTestId('announcement-new').click();
    await textBox(leader, 'announcement-title').fill(NOTICE_TITLE);
    await textBox(leader, 'announcement-body-input').fill('自12月1日起，畅享5G 128元套餐流量由60GB调整为80GB，请在来电时主动告知客户。');
    await leader.getByTestId('announcement-must-read').click();
    await leader.getByTestId('announcement-departments').click();
    await leader.keyboard.type('话务一班');
    await leader.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '话务一班' }).click();
    await leader.keyboard.press('Escape');
    await leader.getByTestId('announcement-publish').click();
    await leader.getByTestId('announcements-managed').getByText(NOTICE_TITLE).waitFor();

    // ── The agent of that team signs in: the must-read waits until acknowledged ────────────────
    const agent = await session('zhouting');
    await agent.getByTestId('must-read-title').filter({ hasText: NOTICE_TITLE }).waitFor();
    await screenshot(agent, 'must-read-at-login');
    // It is not dismissed by Escape or a click beside it.
    await agent.keyboard.press('Escape');
    await agent.mouse.click(10, 10);
    expect(await agent.getByTestId('must-read-title').isVisible()).toBe(true);
    await agent.getByTestId('must-read-acknowledge').click();
    await agent.getByTestId('must-read-title').waitFor({ state: 'detached' });
    // Signing in again does not bring it back.
    await agent.context().clearCookies();
    await signIn(agent, kefu.baseUrl, 'zhouting', DEMO_PASSWORD);
    await agent.waitForTimeout(1000);
    expect(await agent.getByTestId('must-read-title').count()).toBe(0);

    // ── The leader sees who has acknowledged and who has not read ───────────────────────────
    await leader.reload();
    await leader.getByRole('tab', { name: webZhCN.announcements.managed }).click();
    await leader.locator('[data-testid^="receipts-"]').first().click();
    const receipts = leader.getByTestId('announcement-receipts');
    await expect.poll(() => receipts.getByTestId('receipt-state-zhouting').innerText()).toBe(webZhCN.announcements.acknowledged);
    expect(await receipts.getByTestId('receipt-state-wuhao').innerText()).toBe(webZhCN.announcements.unread);
    // She acknowledged it by publishing it; only her team was addressed.
    expect(await receipts.getByTestId('receipt-state-sunmei').innerText()).toBe(webZhCN.announcements.acknowledged);
    expect(await receipts.getByTestId('receipt-state-zhengshuang').count()).toBe(0);
    expect(await leader.getByTestId('receipts-summary').innerText()).toContain('已确认 2 人');
    await screenshot(leader, 'announcement-receipts');
  });

  it('suggests the unified answer on a broadband order and inserts it into the reply with one click', async () => {
    // The order comes in through the API as the agent (the intake form has its own flow).
    const login = await fetch(`${kefu.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'zhouting', password: DEMO_PASSWORD }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const headers = { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken };
    const categories = (await (await fetch(`${kefu.baseUrl}/api/work-orders/categories`, { headers })).json()) as Array<{ id: number; name: string }>;
    const created = await fetch(`${kefu.baseUrl}/api/work-orders`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        customer: { mode: 'anonymous' },
        contactName: '李女士',
        contactPhone: '13700001234',
        channel: 'phone',
        location: '杭州市西湖区',
        type: 'fault',
        categoryId: categories.find((category) => category.name === '宽带咨询')!.id,
        title: '家里宽带断网',
        description: '客户反映光猫红灯闪烁，无法上网。',
        reason: '无法上网',
        requestedHandling: '尽快恢复',
        resolution: { mode: 'order' },
      }),
    });
    expect(created.status, await created.clone().text()).toBe(200);
    const order = (await created.json()) as { id: number };

    const agent = await session('zhouting');
    await agent.goto(`${kefu.baseUrl}/work-orders/${order.id}`);
    const answer = agent.getByTestId('wo-knowledge').getByTestId('suggestion-unified_answer').filter({ hasText: '宽带故障安抚口径' });
    await answer.waitFor();
    expect(await agent.getByTestId('wo-knowledge').getByTestId('suggestion-article').filter({ hasText: '宽带断网自助排查' }).count()).toBe(1);
    await answer.getByTestId('suggestion-insert').click();
    const replyBox = agent.locator('textarea[data-testid="reply-box"], [data-testid="reply-box"] textarea').first();
    await expect.poll(() => replyBox.inputValue()).toContain('装维人员将在 24 小时内与您联系');
    await screenshot(agent, 'knowledge-suggestion-inserted');
    await agent.getByTestId('reply-send').click();
    await agent.getByTestId('message-reply').filter({ hasText: '装维人员将在 24 小时内与您联系' }).waitFor();
  });
});
