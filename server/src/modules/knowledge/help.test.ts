import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, Harness } from '../../../test/harness.js';
import { DAY, createWorkOrderHarness } from '../work-orders/work-orders.fixtures.js';
import { act, createArticle, publishArticle } from './knowledge.fixtures.js';

describe('public FAQ at /help', () => {
  let h: Harness;
  let editor: Client;
  let reviewer: Client;
  let publicId: number;
  beforeAll(async () => {
    h = await createWorkOrderHarness();
    editor = await h.signInAs('knowledge_editor');
    reviewer = await h.signInAs('qa_inspector');
    const category = (await editor.post('/api/knowledge/categories', { name: '补换卡' })).json<{ id: number }>();
    publicId = (
      await publishArticle(editor, reviewer, {
        title: 'USIM卡补换卡流程',
        summary: '手机卡丢失或损坏后如何补卡',
        bodyHtml: '<h3>所需材料</h3><p>本人身份证原件。</p>',
        audience: 'public',
        categoryId: category.id,
        slug: 'usim-replacement',
      })
    ).id;
    await publishArticle(editor, reviewer, { title: '内部口径：补卡挽留话术', audience: 'internal' });
    await createArticle(editor, { title: '草稿：补卡新规', audience: 'public' });
    const inReview = await createArticle(editor, { title: '待审：补卡费用调整', audience: 'public' });
    await act(editor, inReview.id, 'submit');
    await publishArticle(editor, reviewer, { title: '已过期：补卡优惠', audience: 'public', validUntil: h.clock.now() + DAY });
    await publishArticle(editor, reviewer, {
      title: '<script>alert("x")</script>宽带报修',
      summary: '"引号" & <标签>',
      audience: 'public',
      bodyHtml: '<p>拨打客服热线报修。</p>',
    });
    const archived = await publishArticle(editor, reviewer, { title: '已归档：补卡旧流程', audience: 'public' });
    await act(editor, archived.id, 'archive');
    h.clock.advance(2 * DAY);
  });
  afterAll(() => h.close());

  it('serves only published, public, current articles as HTML without a login', async () => {
    const response = await h.anonymous().get('/help');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = response.body;
    expect(html).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
    expect(html).toContain('<title>常见问题 - 测试客服中心</title>');
    expect(html).toMatch(/<meta name="description" content="测试客服中心常见问题解答[^"]*">/);
    expect(html).toContain('USIM卡补换卡流程');
    expect(html).toContain('href="/help/usim-replacement"');
    expect(html).toContain('<h2>补换卡</h2>');
    for (const hidden of ['内部口径', '草稿：', '待审：', '已过期：', '已归档：']) expect(html).not.toContain(hidden);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;宽带报修');
  });

  it('searches the public articles only', async () => {
    const html = (await h.anonymous().get(`/help?q=${encodeURIComponent('补卡')}`)).body;
    expect(html).toContain('“补卡”的搜索结果（1 条）');
    expect(html).toContain('<mark>补换卡</mark>');
    for (const hidden of ['内部口径', '草稿：', '已过期：']) expect(html).not.toContain(hidden);
    const injected = (await h.anonymous().get(`/help?q=${encodeURIComponent('"><script>x</script>')}`)).body;
    expect(injected).not.toContain('<script>x');
    expect(injected).toContain('value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
  });

  it('shows one article by address or id, with its title and description, in the reader’s language', async () => {
    const bySlug = await h.anonymous().get('/help/usim-replacement');
    expect(bySlug.statusCode).toBe(200);
    expect(bySlug.body).toContain('<title>USIM卡补换卡流程 - 常见问题 - 测试客服中心</title>');
    expect(bySlug.body).toContain('<meta name="description" content="手机卡丢失或损坏后如何补卡">');
    expect(bySlug.body).toContain('<h3>所需材料</h3><p>本人身份证原件。</p>');
    expect((await h.anonymous().get(`/help/${publicId}`)).statusCode).toBe(200);
    const english = await h.anonymous().get('/help/usim-replacement', { 'accept-language': 'en-US,en;q=0.9' });
    expect(english.body).toMatch(/<html lang="en-US">/);
    expect(english.body).toContain('Frequently asked questions');
  });

  it('answers 404 for internal, unpublished, expired, archived and unknown articles', async () => {
    const list = await editor.get('/api/knowledge/articles?status=draft&limit=200');
    const draftIds = list.json<{ items: Array<{ id: number }> }>().items.map((item) => item.id);
    for (const id of [...draftIds, 9999]) expect((await h.anonymous().get(`/help/${id}`)).statusCode).toBe(404);
    const all = (await editor.get('/api/knowledge/articles?validity=all&limit=200')).json<{ items: Array<{ id: number; title: string }> }>().items;
    for (const article of all.filter((item) => /内部|过期/.test(item.title))) {
      expect((await h.anonymous().get(`/help/${article.id}`)).statusCode).toBe(404);
    }
    expect((await h.anonymous().get('/help/no-such-article')).statusCode).toBe(404);
  });

  it('stays fast: the FAQ page renders in milliseconds', async () => {
    const started = performance.now();
    for (let index = 0; index < 20; index += 1) await h.anonymous().get('/help');
    expect((performance.now() - started) / 20).toBeLessThan(100);
  });
});
