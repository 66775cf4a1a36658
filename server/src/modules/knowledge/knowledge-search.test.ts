import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleSummary, KnowledgeReport } from '@kefu/contracts';
import type { Client, Harness } from '../../../test/harness.js';
import { DAY, createWorkOrderHarness, expectError } from '../work-orders/work-orders.fixtures.js';
import { act, publishArticle, searchArticles, updateArticle } from './knowledge.fixtures.js';

const ids = (items: ArticleSummary[]) => items.map((item) => item.id);

describe('knowledge search (KB-3)', () => {
  let h: Harness;
  let editor: Client;
  let reviewer: Client;
  let agent: Client;
  beforeAll(async () => {
    h = await createWorkOrderHarness();
    editor = await h.signInAs('knowledge_editor');
    reviewer = await h.signInAs('qa_inspector');
    agent = await h.signInAs('agent');
  });
  afterAll(() => h.close());

  it('finds "USIM卡补换卡流程" for 补卡 and ranks the title hit above a body hit', async () => {
    const bodyHit = await publishArticle(editor, reviewer, {
      title: '营业厅业务办理须知',
      bodyHtml: '<p>补卡、过户、销户等业务需本人携带身份证原件办理。</p>',
    });
    const titleHit = await publishArticle(editor, reviewer, {
      title: 'USIM卡补换卡流程',
      bodyHtml: '<p>客户手机卡丢失或损坏时，可到营业厅办理。</p>',
      tags: ['USIM'],
    });
    await publishArticle(editor, reviewer, { title: '话费账单查询', bodyHtml: '<p>通过短信或营业厅查询账单。</p>' });
    const page = await searchArticles(agent, { q: '补卡' });
    expect(ids(page.items)).toEqual([titleHit.id, bodyHit.id]);
    expect(page.total).toBe(2);
    expect(page.items[0]!.titleHtml).toBe('USIM卡<mark>补换卡</mark>流程');
    expect(page.items[1]!.excerptHtml).toContain('<mark>补卡</mark>');
    // Latin words and full-width spellings are found the same way.
    expect(ids((await searchArticles(agent, { q: 'ｕｓｉｍ' })).items)).toEqual([titleHit.id]);
  });

  it('uses configurable synonyms that only ever add results', async () => {
    const moved = await publishArticle(editor, reviewer, { title: '携号转网办理须知', bodyHtml: '<p>转出前请结清话费。</p>' });
    const literal = await publishArticle(editor, reviewer, { title: '号码迁移常见问题', bodyHtml: '<p>号码迁移需要短信验证。</p>' });
    expect(ids((await searchArticles(agent, { q: '号码迁移' })).items)).toEqual([literal.id]);
    const saved = await editor.request('PUT', '/api/knowledge/synonyms', { groups: [['宽带', '网络', '上网'], ['携号转网', '号码迁移']] });
    expect(saved.statusCode, saved.body).toBe(200);
    const found = ids((await searchArticles(agent, { q: '号码迁移' })).items);
    expect(found.sort()).toEqual([moved.id, literal.id].sort());
    // The default groups: 宽带 = 网络 = 上网.
    const broadband = await publishArticle(editor, reviewer, { title: '上网慢怎么办', bodyHtml: '<p>检查路由器位置。</p>' });
    expect(ids((await searchArticles(agent, { q: '宽带' })).items)).toContain(broadband.id);
  });

  it('drops expired articles from search and lists them for review', async () => {
    const now = h.clock.now();
    const promotion = await publishArticle(editor, reviewer, {
      title: '双十一宽带促销口径',
      kind: 'unified_answer',
      bodyHtml: '<p>活动期间新装宽带首月免费。</p>',
      validFrom: now - DAY,
      validUntil: now + DAY,
    });
    const future = await publishArticle(editor, reviewer, { title: '元旦宽带促销口径', bodyHtml: '<p>元旦活动。</p>', validFrom: now + 10 * DAY });
    expect(ids((await searchArticles(agent, { q: '促销口径' })).items)).toEqual([promotion.id]);
    h.clock.advance(2 * DAY);
    expect((await searchArticles(agent, { q: '促销口径' })).total).toBe(0);
    expect(ids((await searchArticles(agent, {})).items)).not.toContain(promotion.id);
    // Readers cannot ask for expired ones; editors can.
    expect((await searchArticles(agent, { q: '促销口径', validity: 'expired' })).total).toBe(0);
    expect(ids((await searchArticles(editor, { q: '促销口径', validity: 'expired' })).items)).toEqual([promotion.id]);
    const report = (await editor.get('/api/knowledge/report')).json<KnowledgeReport>();
    expect(report.expired.map((article) => article.id)).toContain(promotion.id);
    expect(report.expired.map((article) => article.id)).not.toContain(future.id);
    expectError(await agent.get('/api/knowledge/report'), 403, 'forbidden');
    h.clock.advance(10 * DAY);
    expect(ids((await searchArticles(agent, { q: '促销口径' })).items)).toEqual([future.id]);
  });

  it('filters by category (with subcategories), kind, audience, scope, region and tag', async () => {
    const parent = (await editor.post('/api/knowledge/categories', { name: '国际业务' })).json<{ id: number }>();
    const child = (await editor.post('/api/knowledge/categories', { name: '国际漫游' })).json<{ id: number }>();
    await editor.patch(`/api/knowledge/categories/${child.id}`, { name: '国际漫游', parentId: parent.id });
    const inChild = await publishArticle(editor, reviewer, { title: '漫游资费一览', categoryId: child.id, tags: ['漫游'], scope: 'province', region: '广东省' });
    const answer = await publishArticle(editor, reviewer, { title: '漫游开通口径', kind: 'unified_answer', audience: 'public', tags: ['漫游'] });
    await publishArticle(editor, reviewer, { title: '漫游城市说明', scope: 'city', region: '广州市' });
    expect(ids((await searchArticles(agent, { q: '漫游', categoryId: parent.id })).items)).toEqual([inChild.id]);
    expect(ids((await searchArticles(agent, { q: '漫游', kind: 'unified_answer' })).items)).toEqual([answer.id]);
    expect(ids((await searchArticles(agent, { q: '漫游', audience: 'public' })).items)).toEqual([answer.id]);
    expect(ids((await searchArticles(agent, { q: '漫游', scope: 'province', region: '广东省' })).items)).toEqual([inChild.id]);
    expect(ids((await searchArticles(agent, { tag: '漫游' })).items).sort()).toEqual([inChild.id, answer.id].sort());
    // Filters follow the published version, not a draft's metadata.
    const revising = await act(editor, inChild.id, 'revise');
    await updateArticle(editor, revising, { categoryId: null });
    expect(ids((await searchArticles(agent, { q: '漫游', categoryId: parent.id })).items)).toEqual([inChild.id]);
  });

  it('escapes article text in titles and excerpts: only <mark> is HTML', async () => {
    await publishArticle(editor, reviewer, { title: '<img src=x onerror=alert(1)>光猫指示灯说明', bodyHtml: '<p>光猫 LOS 灯红色表示光纤中断。</p>' });
    const [hit] = (await searchArticles(agent, { q: '光猫指示灯' })).items;
    expect(hit!.titleHtml).toBe('&lt;img src=x onerror=alert(1)&gt;<mark>光猫指示灯</mark>说明');
    expect((await searchArticles(agent, { q: '!!!' })).total).toBe(0);
  });
});
