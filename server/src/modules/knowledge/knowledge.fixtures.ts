import { expect } from 'vitest';
import type { Article, ArticleAction, ArticleInput, ArticlePage, ArticleUpdate } from '@kefu/contracts';
import type { Client } from '../../../test/harness.js';

/** An article body with sensible defaults; tests override what they check. */
export function articleBody(overrides: Partial<ArticleInput> = {}): ArticleInput {
  return {
    kind: 'article',
    title: '宽带断网自助排查',
    summary: null,
    bodyHtml: '<p>请先检查光猫指示灯，再重启光猫和路由器。</p>',
    tags: [],
    audience: 'internal',
    scope: 'national',
    ...overrides,
  };
}

export async function createArticle(client: Client, overrides: Partial<ArticleInput> = {}): Promise<Article> {
  const response = await client.post('/api/knowledge/articles', articleBody(overrides));
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Article>();
}

export async function updateArticle(client: Client, article: Article, changes: Partial<ArticleUpdate>): Promise<Article> {
  const body: ArticleUpdate = {
    title: article.title,
    summary: article.summary,
    bodyHtml: article.bodyHtml,
    categoryId: article.categoryId,
    tags: article.tags,
    audience: article.audience,
    scope: article.scope,
    region: article.region,
    validFrom: article.validFrom,
    validUntil: article.validUntil,
    departmentId: article.departmentId,
    contactPerson: article.contactPerson,
    slug: article.slug,
    baseVersion: article.currentVersion,
    ...changes,
  };
  const response = await client.request('PUT', `/api/knowledge/articles/${article.id}`, body);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Article>();
}

export function transition(client: Client, id: number, action: ArticleAction, comment?: string) {
  return client.post(`/api/knowledge/articles/${id}/transitions`, { action, ...(comment === undefined ? {} : { comment }) });
}

export async function act(client: Client, id: number, action: ArticleAction, comment?: string): Promise<Article> {
  const response = await transition(client, id, action, comment);
  expect(response.statusCode, `${action}: ${response.body}`).toBe(200);
  return response.json<Article>();
}

/** Writes an article as `editor` and has `reviewer` approve it. */
export async function publishArticle(editor: Client, reviewer: Client, overrides: Partial<ArticleInput> = {}): Promise<Article> {
  const draft = await createArticle(editor, overrides);
  await act(editor, draft.id, 'submit');
  return act(reviewer, draft.id, 'approve');
}

export async function searchArticles(client: Client, params: Record<string, string | number>): Promise<ArticlePage> {
  const query = new URLSearchParams(Object.entries(params).map(([key, value]): [string, string] => [key, String(value)]));
  const response = await client.get(`/api/knowledge/articles?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<ArticlePage>();
}
