import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticlePage } from '@kefu/contracts';
import { createHarness, type Harness } from '../../../test/harness.js';
import { DEFAULT_SYNONYM_GROUPS } from '../../db/migrations/0008_knowledge.js';
import { normalizeForSearch } from '../../platform/search/normalize.js';
import { searchRepository } from '../../platform/search/search.repository.js';
import { expandQuery } from '../../platform/search/synonyms.js';
import { KNOWLEDGE_RECALL_QUERIES, knowledgeCorpus, loadKnowledgeCorpus } from './knowledge.corpus.js';
import { knowledgeRepository } from './knowledge.repository.js';
import { ARTICLE_SEARCH_ENTITY, ARTICLE_SEARCH_WEIGHTS, articleSearchDocument } from './knowledge.service.js';

/** KEFU_KB_CORPUS=100000 for a timing run at the scale; the default keeps the suite quick. */
const CORPUS_SIZE = Number(process.env.KEFU_KB_CORPUS ?? 6000);
/** The exhaustive comparisons read every match; they take longer at the timing run's scale. */
const TIMEOUT = Math.max(300_000, CORPUS_SIZE * 15);

describe(`knowledge search recall on ${CORPUS_SIZE.toLocaleString('en')} generated articles`, () => {
  let h: Harness;
  const corpus = knowledgeCorpus(CORPUS_SIZE);
  let ids: number[] = [];
  /** Per article (by id), its indexed fields, normalised like the search does. */
  const indexed = new Map<number, string[]>();

  /** The reference: every word (after normalisation) a substring of at least one indexed field. */
  function bruteForce(query: string): number[] {
    const words = [...new Set(normalizeForSearch(query).split(' ').filter(Boolean))];
    if (words.length === 0) return [];
    const found: number[] = [];
    for (const [id, fields] of indexed) {
      if (words.every((word) => fields.some((field) => field.includes(word)))) found.push(id);
    }
    return found.sort((a, b) => a - b);
  }

  async function searchIds(queries: string | string[]): Promise<number[]> {
    const { db } = h.testDb;
    const matches = await searchRepository.matching(db.kysely, db.dialect, { entityType: ARTICLE_SEARCH_ENTITY, query: queries, fieldWeights: ARTICLE_SEARCH_WEIGHTS });
    if (!matches) return [];
    // The list's own query: matches joined with what readers see.
    const rows = await knowledgeRepository.page(db.kysely, { mode: { live: true, validity: 'valid', now: h.clock.now() }, matches }, CORPUS_SIZE + 1, 0);
    return rows.map((row) => row.id).sort((a, b) => a - b);
  }

  beforeAll(async () => {
    const started = performance.now();
    h = await createHarness();
    const { db } = h.testDb;
    ids = await loadKnowledgeCorpus(db, corpus, { userId: h.adminActor.userId, now: h.clock.now() });
    if (db.dialect === 'postgres') {
      await sql`vacuum analyze search_entry`.execute(db.kysely);
      await sql`analyze kb_article`.execute(db.kysely);
    }
    corpus.forEach((article, index) => {
      const document = articleSearchDocument(ids[index]!, { title: article.title, summary: article.summary, body_text: article.body, tags: JSON.stringify(article.tags) });
      indexed.set(ids[index]!, Object.values(document.fields).map((text) => normalizeForSearch(text ?? '')));
    });
    console.info(`knowledge corpus: ${CORPUS_SIZE} articles loaded and indexed in ${Math.round(performance.now() - started)} ms (${db.dialect})`);
  }, 600_000);
  afterAll(() => h.close());

  it(`finds for each of the ${KNOWLEDGE_RECALL_QUERIES.length} queries exactly the articles a substring scan finds`, async () => {
    expect(KNOWLEDGE_RECALL_QUERIES).toHaveLength(30);
    const sizes: Record<string, number> = {};
    for (const query of KNOWLEDGE_RECALL_QUERIES) {
      const expected = bruteForce(query);
      sizes[query] = expected.length;
      const found = await searchIds(query);
      expect({ query, count: found.length }).toEqual({ query, count: expected.length });
      expect({ query, found }).toEqual({ query, found: expected });
    }
    console.info('knowledge recall sizes', sizes);
    const counts = Object.values(sizes);
    // Common words, rare ones and one nothing matches.
    expect(counts.filter((count) => count > CORPUS_SIZE / 10).length).toBeGreaterThanOrEqual(5);
    expect(counts.filter((count) => count > 0 && count < CORPUS_SIZE / 20).length).toBeGreaterThanOrEqual(3);
    expect(counts.filter((count) => count === 0)).toHaveLength(1);
  }, TIMEOUT);

  it('with synonyms adds to the substring scan’s set, never removes from it: exactly the union over the alternatives', async () => {
    let widened = 0;
    for (const query of KNOWLEDGE_RECALL_QUERIES) {
      const alternatives = expandQuery(query, DEFAULT_SYNONYM_GROUPS);
      const plain = bruteForce(query);
      const found = await searchIds(alternatives);
      expect(found).toEqual(expect.arrayContaining(plain));
      const union = [...new Set(alternatives.flatMap(bruteForce))].sort((a, b) => a - b);
      expect({ query, found }).toEqual({ query, found: union });
      if (found.length > plain.length) widened += 1;
    }
    // 补卡 ⊂ 补换卡 / 换卡, 宽带 → 网络 / 上网, 话费 → 资费 …: synonyms do widen some.
    expect(widened).toBeGreaterThanOrEqual(3);
  }, TIMEOUT);

  it('answers the 30 queries through HTTP (first page of 20, synonyms on) and reports the times', async () => {
    const timings: number[] = [];
    for (const query of KNOWLEDGE_RECALL_QUERIES) {
      const started = performance.now();
      const response = await h.admin.get(`/api/knowledge/articles?q=${encodeURIComponent(query)}&limit=20`);
      timings.push(performance.now() - started);
      expect(response.statusCode, response.body).toBe(200);
      const page = response.json<ArticlePage>();
      // Every hit of the page belongs to the synonym-widened set.
      const allowed = new Set(expandQuery(query, DEFAULT_SYNONYM_GROUPS).flatMap(bruteForce));
      expect(page.items.every((item) => allowed.has(item.id))).toBe(true);
      expect(page.total).toBe(allowed.size);
    }
    timings.sort((a, b) => a - b);
    const at = (share: number) => Math.round(timings[Math.min(timings.length - 1, Math.floor(share * timings.length))]!);
    console.info(`knowledge search over HTTP at ${CORPUS_SIZE} articles (${h.testDb.db.dialect}): p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`);
  }, TIMEOUT);
});
