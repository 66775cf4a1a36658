import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article, ArticleFeedbackEntry, KnowledgeReport, Suggestions } from '@kefu/contracts';
import type { Client, Harness } from '../../../test/harness.js';
import { DAY, createCategory, createWorkOrderHarness, expectError, intake, person, team, type Person } from '../work-orders/work-orders.fixtures.js';
import { act, createArticle, publishArticle, transition } from './knowledge.fixtures.js';

describe('suggestions on a work order (KB-4) and evaluation (KB-5)', () => {
  let h: Harness;
  let editor: Client;
  let reviewer: Client;
  let agent: Person;
  let otherAgent: Person;
  let categoryId: number;
  let outageAnswer: Article;
  let modemArticle: Article;
  let billingArticle: Article;
  beforeAll(async () => {
    h = await createWorkOrderHarness();
    editor = await h.signInAs('knowledge_editor');
    reviewer = await h.signInAs('qa_inspector');
    agent = await person(h, 'agent', await team(h));
    otherAgent = await person(h, 'agent', await team(h));
    categoryId = (await createCategory(h, { name: '宽带故障' })).id;
    outageAnswer = await publishArticle(editor, reviewer, {
      kind: 'unified_answer',
      title: '宽带断网安抚口径',
      bodyHtml: '<p>非常抱歉给您带来不便，我们已为您登记宽带故障，维修人员将在 24 小时内联系您。</p>',
      tags: ['宽带', '断网'],
    });
    modemArticle = await publishArticle(editor, reviewer, {
      title: '光猫指示灯含义与排查',
      bodyHtml: '<p>光猫 LOS 灯红色闪烁表示光纤信号中断，需上门维修。</p>',
      tags: ['光猫', '红灯'],
    });
    billingArticle = await publishArticle(editor, reviewer, { title: '话费账单说明', bodyHtml: '<p>账单明细。</p>', tags: ['账单'] });
    // A draft never shows up in suggestions.
    await createArticle(editor, { title: '草稿：宽带断网新口径', kind: 'unified_answer', tags: ['宽带'] });
  });
  afterAll(() => h.close());

  it('suggests the articles and unified answers matching the order’s text, answers apart', async () => {
    const order = await intake(agent.client, {
      categoryId,
      title: '客户家中宽带断网',
      description: '客户反映光猫红灯闪烁，无法上网，已重启无效。',
    });
    const response = await agent.client.get(`/api/knowledge/suggestions?workOrderId=${order.id}`);
    expect(response.statusCode, response.body).toBe(200);
    const suggestions = response.json<Suggestions>();
    expect(suggestions.keywords).toEqual(expect.arrayContaining(['宽带', '断网', '光猫', '红灯']));
    expect(suggestions.answers.map((item) => item.id)).toEqual([outageAnswer.id]);
    expect(suggestions.answers[0]!.text).toContain('维修人员将在 24 小时内联系您');
    expect(suggestions.articles.map((item) => item.id)).toEqual([modemArticle.id]);
    expect(suggestions.articles[0]!.excerptHtml).toContain('<mark>');
    expect(suggestions.articles.map((item) => item.id)).not.toContain(billingArticle.id);
    // Someone who cannot see the order gets nothing about it.
    expectError(await otherAgent.client.get(`/api/knowledge/suggestions?workOrderId=${order.id}`), 404, 'not_found');
    // Nor does a knowledge editor, who reads no orders at all.
    expectError(await editor.get(`/api/knowledge/suggestions?workOrderId=${order.id}`), 403, 'forbidden');
  });

  it('counts insertions and views, and takes one helpful / not helpful vote per reader with a comment', async () => {
    expect((await agent.client.post(`/api/knowledge/articles/${outageAnswer.id}/use`)).statusCode).toBe(200);
    await agent.client.get(`/api/knowledge/articles/${modemArticle.id}`);
    const voted = await agent.client.post(`/api/knowledge/articles/${modemArticle.id}/feedback`, { helpful: false, comment: '缺少 PON 灯的说明' });
    expect(voted.statusCode, voted.body).toBe(200);
    expect(voted.json<Article>()).toMatchObject({ helpfulCount: 0, unhelpfulCount: 1, myFeedback: { helpful: false, comment: '缺少 PON 灯的说明' } });
    // Changing one's mind replaces the vote.
    const changed = (await agent.client.post(`/api/knowledge/articles/${modemArticle.id}/feedback`, { helpful: true })).json<Article>();
    expect(changed).toMatchObject({ helpfulCount: 1, unhelpfulCount: 0 });
    await otherAgent.client.post(`/api/knowledge/articles/${modemArticle.id}/feedback`, { helpful: false, comment: '说明不清楚' });
    await otherAgent.client.post(`/api/knowledge/articles/${billingArticle.id}/feedback`, { helpful: false });
    const entries = (await editor.get(`/api/knowledge/articles/${modemArticle.id}/feedback`)).json<ArticleFeedbackEntry[]>();
    expect(entries.map((entry) => [entry.helpful, entry.comment])).toEqual(expect.arrayContaining([[false, '说明不清楚'], [true, null]]));
    expectError(await agent.client.get(`/api/knowledge/articles/${modemArticle.id}/feedback`), 404, 'not_found');
    // No votes on what readers cannot see.
    const draft = await createArticle(editor, { title: '未发布' });
    expectError(await agent.client.post(`/api/knowledge/articles/${draft.id}/feedback`, { helpful: true }), 404, 'not_found');
  });

  it('reports stale, unhelpful and most-used articles and the editors’ quality scores', async () => {
    const returned = await createArticle(editor, { title: '被退回过的文章' });
    await act(editor, returned.id, 'submit');
    await act(reviewer, returned.id, 'return', '措辞不规范');
    expectError(await transition(reviewer, returned.id, 'approve'), 409, 'knowledge.illegal_transition');
    h.clock.advance(200 * DAY);
    const report = (await editor.get('/api/knowledge/report')).json<KnowledgeReport>();
    expect(report.staleDays).toBe(180);
    expect(report.stale.map((article) => article.id)).toEqual(expect.arrayContaining([outageAnswer.id, modemArticle.id, billingArticle.id]));
    expect(report.unhelpful.map((article) => article.id)).toEqual([billingArticle.id]);
    expect(report.mostUsed[0]!.id).toBe(outageAnswer.id);
    expect(report.mostUsed.find((article) => article.id === outageAnswer.id)).toMatchObject({ useCount: 1 });
    const me = report.editors.find((figures) => figures.published === 3);
    // 1 helpful of 3 ratings → 33, less 5 for the one return.
    expect(me).toMatchObject({ returned: 1, helpful: 1, unhelpful: 2, score: 28 });
  });
});
