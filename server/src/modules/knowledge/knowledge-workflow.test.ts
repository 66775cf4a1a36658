import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTICLE_ACTIONS, ARTICLE_STATUSES, type Article, type ArticleDiff, type ArticleVersion } from '@kefu/contracts';
import type { Client, Harness } from '../../../test/harness.js';
import { auditOf, createWorkOrderHarness, expectError } from '../work-orders/work-orders.fixtures.js';
import { ARTICLE_TRANSITIONS, articleActionsFrom, nextArticleStatus } from './article-workflow.js';
import { act, createArticle, publishArticle, searchArticles, transition, updateArticle } from './knowledge.fixtures.js';

describe('article workflow table (KB-2)', () => {
  it('allows exactly the listed (status, action) pairs', () => {
    const allowed = ARTICLE_STATUSES.flatMap((status) => articleActionsFrom(status).map((action) => `${status}:${action}`));
    expect(allowed.sort()).toEqual(
      [
        'draft:submit',
        'draft:archive',
        'in_review:withdraw',
        'in_review:approve',
        'in_review:return',
        'published:revise',
        'published:archive',
        'archived:restore',
      ].sort(),
    );
    for (const action of ARTICLE_ACTIONS) expect(nextArticleStatus('archived', action)).toBe(action === 'restore' ? 'draft' : null);
    expect(ARTICLE_TRANSITIONS.return.requires).toEqual(['comment']);
  });
});

describe('knowledge articles through the API (KB-1, KB-2)', () => {
  let h: Harness;
  let editor: Client;
  let reviewer: Client;
  let agent: Client;
  let head: Client;
  beforeAll(async () => {
    h = await createWorkOrderHarness();
    editor = await h.signInAs('knowledge_editor');
    reviewer = await h.signInAs('qa_inspector');
    agent = await h.signInAs('agent');
    head = await h.signInAs('department_head');
  });
  afterAll(() => h.close());

  it('keeps drafts from agents: 404 on the article, absent from lists and search, 403 on working lists', async () => {
    const draft = await createArticle(editor, { title: '草稿：国际漫游开通说明', tags: ['国际漫游'] });
    expect(draft).toMatchObject({ status: 'draft', version: 1, currentVersion: 1, publishedVersion: null, canEdit: true, allowedActions: ['submit', 'archive'] });
    expectError(await agent.get(`/api/knowledge/articles/${draft.id}`), 404, 'not_found');
    expect((await searchArticles(agent, { q: '国际漫游' })).total).toBe(0);
    expect((await searchArticles(agent, {})).items.map((item) => item.id)).not.toContain(draft.id);
    expectError(await agent.get('/api/knowledge/articles?status=draft'), 403, 'forbidden');
    expectError(await agent.post('/api/knowledge/articles', { title: '坐席不能写', bodyHtml: '<p>x</p>' }), 403, 'forbidden');
    // Submitted: still not the agent's.
    await act(editor, draft.id, 'submit');
    expectError(await agent.get(`/api/knowledge/articles/${draft.id}`), 404, 'not_found');
    expectError(await transition(agent, draft.id, 'approve'), 404, 'not_found');
    // The editor and reviewer see it in the review queue.
    const queue = await searchArticles(reviewer, { status: 'in_review' });
    expect(queue.items.map((item) => item.id)).toContain(draft.id);
  });

  it('runs draft → review → returned with a comment → fixed → published, refusing what the table does not allow', async () => {
    const draft = await createArticle(editor, { title: 'USIM卡补换卡流程', bodyHtml: '<p>携带身份证到营业厅办理。</p>', tags: ['补换卡'] });
    // Illegal transitions are 409 with a message naming status and action.
    const illegal = expectError(await transition(reviewer, draft.id, 'approve'), 409, 'knowledge.illegal_transition');
    expect(illegal).toContain('草稿');
    expect(illegal).toContain('审核通过并发布');
    expectError(await transition(editor, draft.id, 'revise'), 409, 'knowledge.illegal_transition');
    // Rights: an editor does not approve; a reviewer does not submit.
    await act(editor, draft.id, 'submit');
    expectError(await transition(editor, draft.id, 'approve'), 403, 'forbidden');
    expectError(await transition(reviewer, draft.id, 'submit'), 403, 'forbidden');
    // Saving is for drafts only.
    expectError(
      await editor.request('PUT', `/api/knowledge/articles/${draft.id}`, { ...draft, baseVersion: 1, title: '改标题' }),
      409,
      'knowledge.not_editable',
    );
    // Returning needs a comment.
    expectError(await transition(reviewer, draft.id, 'return'), 422, 'knowledge.comment_required');
    expectError(await transition(reviewer, draft.id, 'return', '   '), 422, 'knowledge.comment_required');
    const returned = await act(reviewer, draft.id, 'return', '请补充所需证件和费用');
    expect(returned).toMatchObject({ status: 'draft', reviewComment: '请补充所需证件和费用' });
    // The editor sees the comment, fixes and resubmits; a stale save is refused.
    const seen = (await editor.get(`/api/knowledge/articles/${draft.id}`)).json<Article>();
    expect(seen.reviewComment).toBe('请补充所需证件和费用');
    const fixed = await updateArticle(editor, seen, { bodyHtml: '<p>携带本人身份证原件到营业厅办理，补卡费 10 元。</p>', changeNote: '补充证件和费用' });
    expect(fixed).toMatchObject({ version: 2, currentVersion: 2, versionAuthor: expect.any(String) });
    expectError(await editor.request('PUT', `/api/knowledge/articles/${draft.id}`, { ...seen, baseVersion: 1 }), 409, 'knowledge.version_conflict');
    await act(editor, draft.id, 'submit');
    const published = await act(reviewer, draft.id, 'approve');
    expect(published).toMatchObject({ status: 'published', publishedVersion: 2, reviewComment: null });
    // Now the agent reads it, the published version.
    const read = (await agent.get(`/api/knowledge/articles/${draft.id}`)).json<Article>();
    expect(read).toMatchObject({ status: 'published', version: 2, allowedActions: [], canEdit: false, reviewComment: null });
    expect(read.bodyText).toContain('补卡费 10 元');
    // The workflow history and the audit log record who did what.
    const events = (await editor.get(`/api/knowledge/articles/${draft.id}/events`)).json<Array<{ action: string; comment: string | null }>>();
    expect(events.map((event) => event.action)).toEqual(['approve', 'submit', 'return', 'submit']);
    expect(events.find((event) => event.action === 'return')?.comment).toBe('请补充所需证件和费用');
    expect(await auditOf(h, 'knowledge.article_returned', draft.id)).toHaveLength(1);
    expect(await auditOf(h, 'knowledge.article_published', draft.id)).toHaveLength(1);
    expectError(await agent.get(`/api/knowledge/articles/${draft.id}/versions`), 404, 'not_found');
  });

  it('keeps readers on the published version while a revision is written; the same URL shows the new one once approved', async () => {
    const published = await publishArticle(editor, reviewer, { title: '5G套餐资费说明', bodyHtml: '<p>5G套餐月费 128 元。</p>', tags: ['5G'] });
    const revising = await act(editor, published.id, 'revise');
    expect(revising).toMatchObject({ status: 'draft', publishedVersion: 1 });
    const revised = await updateArticle(editor, revising, { title: '5G套餐资费说明（2026版）', bodyHtml: '<p>5G套餐月费 99 元，含 60GB 流量。</p>', changeNote: '新资费' });
    expect(revised.version).toBe(2);
    // Readers (and search) still see version 1.
    const duringRevision = (await agent.get(`/api/knowledge/articles/${published.id}`)).json<Article>();
    expect(duringRevision).toMatchObject({ version: 1, title: '5G套餐资费说明', status: 'draft' });
    expectError(await agent.get(`/api/knowledge/articles/${published.id}?version=2`), 404, 'not_found');
    expect((await searchArticles(agent, { q: '128 元' })).items.map((item) => item.id)).toContain(published.id);
    expect((await searchArticles(agent, { q: '2026版' })).total).toBe(0);
    await act(editor, published.id, 'submit');
    await act(reviewer, published.id, 'approve');
    const after = (await agent.get(`/api/knowledge/articles/${published.id}`)).json<Article>();
    expect(after).toMatchObject({ version: 2, title: '5G套餐资费说明（2026版）', status: 'published' });
    expect((await searchArticles(agent, { q: '2026版' })).items.map((item) => item.id)).toEqual([published.id]);
    expect((await searchArticles(agent, { q: '128 元' })).total).toBe(0);
    // Every version is kept with author and time; editors may open an old one.
    const versions = (await editor.get(`/api/knowledge/articles/${published.id}/versions`)).json<ArticleVersion[]>();
    expect(versions.map((version) => [version.version, version.changeNote, version.publishedAt !== null])).toEqual([
      [2, '新资费', true],
      [1, null, true],
    ]);
    expect(versions.every((version) => version.author.length > 0 && version.createdAt > 0)).toBe(true);
    const old = (await editor.get(`/api/knowledge/articles/${published.id}?version=1`)).json<Article>();
    expect(old.bodyText).toContain('128 元');
    // A readable diff: text fields as added/removed parts.
    const diff = (await editor.get(`/api/knowledge/articles/${published.id}/diff?from=1&to=2`)).json<ArticleDiff>();
    expect(diff.changes.map((change) => change.field).sort()).toEqual(['body', 'title']);
    const title = diff.changes.find((change) => change.field === 'title')!;
    expect(title.parts!.filter((part) => part.added).map((part) => part.value).join('')).toBe('（2026版）');
    const body = diff.changes.find((change) => change.field === 'body')!;
    expect(body.parts!.filter((part) => part.removed).map((part) => part.value).join('')).toContain('128');
    expect(body.parts!.filter((part) => !part.removed).map((part) => part.value).join('')).toBe('5G套餐月费 99 元，含 60GB 流量。');
    expectError(await editor.get(`/api/knowledge/articles/${published.id}/diff?from=1&to=9`), 422, 'knowledge.version_unknown');
  });

  it('archives: gone for readers and search; restored as a draft', async () => {
    const published = await publishArticle(editor, reviewer, { title: '停用的旧业务说明', tags: ['旧业务'] });
    expectError(await transition(reviewer, published.id, 'archive'), 403, 'forbidden');
    const archived = await act(editor, published.id, 'archive');
    expect(archived).toMatchObject({ status: 'archived', publishedVersion: null });
    expectError(await agent.get(`/api/knowledge/articles/${published.id}`), 404, 'not_found');
    expect((await searchArticles(agent, { q: '旧业务' })).total).toBe(0);
    expect(await auditOf(h, 'knowledge.article_archived', published.id)).toHaveLength(1);
    expect(await act(editor, published.id, 'restore')).toMatchObject({ status: 'draft', publishedVersion: null });
    expectError(await agent.get(`/api/knowledge/articles/${published.id}`), 404, 'not_found');
  });

  it('refuses to let someone review their own submission', async () => {
    const own = await createArticle(head, { title: '主任自己写的口径', kind: 'unified_answer' });
    await act(head, own.id, 'submit');
    expect((await head.get(`/api/knowledge/articles/${own.id}`)).json<Article>().allowedActions).toEqual(['withdraw']);
    expectError(await transition(head, own.id, 'approve'), 422, 'knowledge.self_review');
    expectError(await transition(head, own.id, 'return', '自己退回'), 422, 'knowledge.self_review');
    await act(reviewer, own.id, 'approve');
  });

  it('sanitises bodies and checks references and validity', async () => {
    const article = await createArticle(editor, {
      title: '<b>标题不是 HTML</b>',
      bodyHtml: '<p onclick="x()">正文<script>alert(1)</script><img src="https://evil.example/x.png"><a href="javascript:alert(1)">链接</a></p><iframe src="x"></iframe>',
    });
    expect(article.bodyHtml).toBe('<p>正文<a rel="noopener noreferrer nofollow" target="_blank">链接</a></p>');
    expect(article.title).toBe('<b>标题不是 HTML</b>');
    expectError(await editor.post('/api/knowledge/articles', { title: 'x', bodyHtml: '', categoryId: 9999 }), 422, 'knowledge.category_invalid');
    expectError(await editor.post('/api/knowledge/articles', { title: 'x', bodyHtml: '', departmentId: 9999 }), 422, 'knowledge.department_invalid');
    expectError(await editor.post('/api/knowledge/articles', { title: 'x', bodyHtml: '', validFrom: 2000, validUntil: 1000 }), 422, 'knowledge.validity_invalid');
    await createArticle(editor, { title: '有地址的文章', slug: 'roaming-guide' });
    expectError(await editor.post('/api/knowledge/articles', { title: 'y', bodyHtml: '', slug: 'Roaming-Guide' }), 422, 'knowledge.slug_taken');
    expectError(await editor.post('/api/knowledge/articles', { title: 'y', bodyHtml: '', slug: '12345' }), 400, 'validation_failed');
  });

  it('manages categories and synonyms with knowledge.manage only', async () => {
    expectError(await agent.post('/api/knowledge/categories', { name: '业务办理' }), 403, 'forbidden');
    const parent = (await editor.post('/api/knowledge/categories', { name: '业务办理' })).json<{ id: number }>();
    const child = (await editor.post('/api/knowledge/categories', { name: '补换卡', parentId: parent.id })).json<{ id: number }>();
    expectError(await editor.patch(`/api/knowledge/categories/${parent.id}`, { name: '业务办理', parentId: child.id }), 422, 'knowledge.category_invalid');
    await createArticle(editor, { title: '分类中的文章', categoryId: child.id });
    expectError(await editor.delete(`/api/knowledge/categories/${parent.id}`), 422, 'knowledge.category_in_use');
    const categories = (await agent.get('/api/knowledge/categories')).json<Array<{ id: number; parentId: number | null }>>();
    expect(categories.find((category) => category.id === child.id)?.parentId).toBe(parent.id);
    expectError(await agent.request('PUT', '/api/knowledge/synonyms', { groups: [['a', 'b']] }), 403, 'forbidden');
    expect((await agent.get('/api/knowledge/synonyms')).json<{ groups: string[][] }>().groups).toContainEqual(['宽带', '网络', '上网']);
  });
});
