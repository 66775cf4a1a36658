import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleImage } from '@kefu/contracts';
import type { Client, Harness } from '../../../test/harness.js';
import { createWorkOrderHarness, expectError } from '../work-orders/work-orders.fixtures.js';
import { act, createArticle } from './knowledge.fixtures.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201c5b5b9d10000000049454e44ae426082', 'hex');

function upload(client: Client, articleId: number, fileName: string, bytes: Buffer) {
  return client.post(`/api/knowledge/articles/${articleId}/images?fileName=${encodeURIComponent(fileName)}`, bytes, { 'content-type': 'application/octet-stream' });
}

describe('article body images (KB-1)', () => {
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

  it('stores verified images of drafts and serves them with the article: to the public only for public FAQ articles', async () => {
    const draft = await createArticle(editor, { title: '光猫指示灯图解', audience: 'public', slug: 'modem-lights' });
    expectError(await upload(editor, draft.id, 'fake.png', Buffer.from('<svg onload=alert(1)>')), 415, 'knowledge.image_type');
    expectError(await upload(editor, draft.id, 'x.svg', PNG), 415, 'knowledge.image_type');
    expectError(await upload(agent, draft.id, 'a.png', PNG), 403, 'forbidden');
    const response = await upload(editor, draft.id, '光猫.png', PNG);
    expect(response.statusCode, response.body).toBe(200);
    const image = response.json<ArticleImage>();
    expect(image.url).toMatch(/^\/api\/knowledge\/images\/[A-Za-z0-9_-]{24}$/);
    const token = image.url.split('/').pop()!;

    // Only our own images survive sanitising.
    const saved = await editor.request('PUT', `/api/knowledge/articles/${draft.id}`, {
      ...draft,
      baseVersion: 1,
      bodyHtml: `<p>LOS 灯：</p><img src="${image.url}" alt="光猫"><img src="https://tracker.example/p.gif">`,
    });
    expect(saved.json<{ bodyHtml: string }>().bodyHtml).toBe(`<p>LOS 灯：</p><img src="${image.url}" alt="光猫" />`);

    // A draft's image: editors yes, agents and the public no.
    expect((await editor.get(image.url)).statusCode).toBe(200);
    expectError(await agent.get(image.url), 404, 'not_found');
    expect((await h.anonymous().get(`/help/images/${token}`)).statusCode).toBe(404);

    await act(editor, draft.id, 'submit');
    await act(reviewer, draft.id, 'approve');
    const served = await agent.get(image.url);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(served.rawPayload.equals(PNG)).toBe(true);
    const page = (await h.anonymous().get('/help/modem-lights')).body;
    expect(page).toContain(`<img src="/help/images/${token}" alt="光猫" />`);
    const publicImage = await h.anonymous().get(`/help/images/${token}`);
    expect(publicImage.statusCode).toBe(200);
    expect(publicImage.rawPayload.equals(PNG)).toBe(true);

    // Once it is not public any more, the public address stops answering.
    const revising = await act(editor, draft.id, 'archive');
    expect(revising.status).toBe('archived');
    expect((await h.anonymous().get(`/help/images/${token}`)).statusCode).toBe(404);
    expectError(await agent.get(image.url), 404, 'not_found');
  });

  it('refuses images on articles that are not drafts', async () => {
    const draft = await createArticle(editor, { title: '审核中的文章' });
    await act(editor, draft.id, 'submit');
    expectError(await upload(editor, draft.id, 'a.png', PNG), 409, 'knowledge.not_editable');
  });
});
