import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/database.js';
import { createTestDb, type TestDb } from '../../../test/test-db.js';
import { normalizeForSearch } from './normalize.js';
import { SEARCH_QUERIES, serviceCorpus } from './search.fixtures.js';
import { searchRepository, type SearchDocument, type SearchHit } from './search.repository.js';
import { expandQuery } from './synonyms.js';
import { documentTokens } from './tokens.js';

const WEIGHTS = { title: 3, description: 1, replies: 1 };
const CORPUS = serviceCorpus(2000);

const normalizedCache = new WeakMap<SearchDocument, Array<readonly [string, string]>>();
function normalizedFields(document: SearchDocument): Array<readonly [string, string]> {
  let fields = normalizedCache.get(document);
  if (!fields) {
    fields = Object.entries(document.fields).map(([field, text]) => [field, normalizeForSearch(text ?? '')] as const);
    normalizedCache.set(document, fields);
  }
  return fields;
}

/** The reference: a substring scan of the normalised corpus, scored and ordered like the search. */
function bruteForce(documents: readonly SearchDocument[], query: string | readonly string[], weights: Record<string, number> = {}): SearchHit[] {
  const alternatives = (typeof query === 'string' ? [query] : query)
    .map((text) => [...new Set(normalizeForSearch(text).split(' ').filter(Boolean))])
    .filter((words) => words.length > 0);
  const allWords = [...new Set(alternatives.flat())];
  const weightOf = (field: string) => weights[field] ?? 1;
  const hits: SearchHit[] = [];
  for (const document of documents) {
    const fields = normalizedFields(document);
    let best: number | null = null;
    for (const words of alternatives) {
      if (!words.every((word) => fields.some(([, content]) => content.includes(word)))) continue;
      const score = words.reduce((sum, word) => sum + fields.filter(([, content]) => content.includes(word)).reduce((s, [field]) => s + weightOf(field), 0), 0);
      best = Math.max(best ?? score, score);
    }
    if (best === null) continue;
    const matchedFields = fields
      .filter(([, content]) => content && allWords.some((word) => content.includes(word)))
      .map(([field]) => field)
      .sort((a, b) => weightOf(b) - weightOf(a) || a.localeCompare(b));
    hits.push({ entityId: document.entityId, score: best, matchedFields });
  }
  return hits.sort((a, b) => b.score - a.score || b.entityId - a.entityId);
}

describe('search index on the real database: exactly the substring scan', () => {
  let testDb: TestDb;
  let db: Db;
  const search = (query: string | readonly string[], options: { entityType?: string; weights?: Record<string, number>; limit?: number; offset?: number } = {}) =>
    searchRepository.search(db.kysely, db.dialect, {
      entityType: options.entityType ?? 'work_order',
      query,
      fieldWeights: options.weights,
      limit: options.limit ?? 100_000,
      offset: options.offset,
    });

  beforeAll(async () => {
    testDb = await createTestDb();
    db = testDb.db;
    await searchRepository.upsertMany(db.kysely, db.dialect, CORPUS, { batchSize: 300 });
    // What autovacuum does after a bulk load: the GIN index's pending list is merged (until
    // then every lookup scans it) and statistics gathered (multi-word plans use them).
    if (db.dialect === 'postgres') await sql`vacuum analyze search_entry`.execute(db.kysely);
  });
  afterAll(() => testDb.drop());

  it(`finds for each of ${SEARCH_QUERIES.length} queries exactly the entities a substring scan finds, ranked the same`, async () => {
    expect(SEARCH_QUERIES.length).toBeGreaterThanOrEqual(50);
    const sizes: number[] = [];
    for (const query of SEARCH_QUERIES) {
      const expected = bruteForce(CORPUS, query, WEIGHTS);
      // Every match with its score, in order; the first page also with its matched fields.
      const matches = await searchRepository.matching(db.kysely, db.dialect, { entityType: 'work_order', query, fieldWeights: WEIGHTS });
      const all = matches ? (await sql<{ entity_id: number; score: number }>`select entity_id, score from ${matches} as m order by score desc, entity_id desc`.execute(db.kysely)).rows : [];
      expect({ query, all: all.map((row) => [Number(row.entity_id), Number(row.score)]) }).toEqual({ query, all: expected.map((hit) => [hit.entityId, hit.score]) });
      const page = await search(query, { weights: WEIGHTS, limit: 20 });
      expect({ query, total: page.total, items: page.items }).toEqual({ query, total: expected.length, items: expected.slice(0, 20) });
      sizes.push(expected.length);
    }
    // The list covers queries matching nothing, a few, and a large part of the corpus.
    expect(sizes.filter((size) => size === 0).length).toBeGreaterThanOrEqual(2);
    expect(sizes.filter((size) => size > 0 && size < 20).length).toBeGreaterThanOrEqual(5);
    expect(Math.max(...sizes)).toBeGreaterThan(CORPUS.length / 2);
  });

  it('is exact for random pieces of the corpus too (1–6 characters, as typed or full-width)', async () => {
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let round = 0; round < 40; round += 1) {
      const document = CORPUS[Math.floor(next() * CORPUS.length)]!;
      const text = Object.values(document.fields).join(' ');
      const chars = Array.from(text);
      const start = Math.floor(next() * chars.length);
      const piece = chars.slice(start, start + 1 + Math.floor(next() * 6)).join('');
      const query = round % 4 === 0 ? piece.replace(/[0-9a-z]/gi, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)) : piece;
      const page = await search(query);
      expect({ query, ids: page.items.map((hit) => hit.entityId) }).toEqual({ query, ids: bruteForce(CORPUS, query).map((hit) => hit.entityId) });
    }
  });

  it('pages through results without gaps or repeats, and counts them all', async () => {
    const all = await search('宽带', { weights: WEIGHTS });
    expect(all.total).toBeGreaterThan(50);
    const collected: SearchHit[] = [];
    for (let offset = 0; offset < all.total; offset += 37) {
      const page = await search('宽带', { weights: WEIGHTS, limit: 37, offset });
      expect(page.total).toBe(all.total);
      collected.push(...page.items);
    }
    expect(collected).toEqual(all.items);
    expect(await search('宽带', { limit: 10, offset: all.total + 5 })).toEqual({ items: [], total: all.total });
    expect(await search('   ')).toEqual({ items: [], total: 0 });
  });

  it('offers the matches as a subquery to combine with a module\'s own filters and paging', async () => {
    const matches = await searchRepository.matching(db.kysely, db.dialect, { entityType: 'work_order', query: '宽带 断网', fieldWeights: WEIGHTS });
    // Stand-in for a module's table and filter: work orders whose title mentions 光猫.
    const rows = await db.kysely
      .selectFrom('search_entry as wo')
      .innerJoin(matches!.as('m'), 'm.entity_id', 'wo.entity_id')
      .select(['m.entity_id', 'm.score'])
      .where('wo.entity_type', '=', 'work_order')
      .where('wo.field', '=', 'title')
      .where('wo.content', 'like', '%光猫%')
      .orderBy('m.score', 'desc')
      .orderBy('m.entity_id', 'desc')
      .execute();
    const expected = bruteForce(CORPUS, '宽带 断网', WEIGHTS).filter((hit) => normalizeForSearch(CORPUS[hit.entityId - 1]!.fields.title!).includes('光猫'));
    expect(expected.length).toBeGreaterThan(5);
    expect(rows.map((row) => ({ entityId: Number(row.entity_id), score: Number(row.score) }))).toEqual(expected.map(({ entityId, score }) => ({ entityId, score })));
    expect(await searchRepository.matching(db.kysely, db.dialect, { entityType: 'work_order', query: ' ' })).toBeNull();
  });

  it('plans a query three ways that agree with the substring scan: stream, per-entity test, scores of given entities', async () => {
    // Another entity type shares the index: nothing of it leaks into a work-order plan.
    await searchRepository.upsertMany(db.kysely, db.dialect, [
      { entityType: 'article', entityId: 1, fields: { title: '宽带 断网 光猫 红灯 王师傅' } },
      { entityType: 'article', entityId: 99_999, fields: { body: '宽带断网' } },
    ]);
    const queries: Array<string | string[]> = ['宽带', '宽带 断网', '光猫 红灯', '王师傅 光猫 红灯', 'zxhn', '-', '不存在的词', ['补卡', '补换卡 营业厅'], SEARCH_QUERIES[7]!];
    for (const query of queries) {
      const expected = bruteForce(CORPUS, query, WEIGHTS);
      const plan = await searchRepository.plan(db.kysely, db.dialect, { entityType: 'work_order', query, fieldWeights: WEIGHTS });
      expect(plan!.estimate).toBeGreaterThanOrEqual(0);
      for (const cap of [3, 1_000_000]) {
        // At least the matches (tokens alone may admit a few more), at most the cap.
        const count = await plan!.countUpTo(db.kysely, cap);
        expect({ query, cap, atLeast: count >= Math.min(cap, expected.length), atMost: count <= cap }).toEqual({ query, cap, atLeast: true, atMost: true });
      }
      const byId = (ids: number[]) => [...ids].sort((a, b) => a - b);
      const expectedIds = byId(expected.map((hit) => hit.entityId));
      for (const rows of [plan!.stream, plan!.all]) {
        const streamed = await sql<{ entity_id: number }>`select distinct entity_id from ${rows} as s`.execute(db.kysely);
        expect({ query, streamed: byId(streamed.rows.map((row) => Number(row.entity_id))) }).toEqual({ query, streamed: expectedIds });
      }
      const tested = await db.kysely
        .selectFrom('search_entry as e')
        .select('e.entity_id')
        .distinct()
        .where('e.entity_type', '=', 'work_order')
        .where(plan!.test(sql.ref('e.entity_id')))
        .execute();
      expect({ query, tested: byId(tested.map((row) => Number(row.entity_id))) }).toEqual({ query, tested: expectedIds });
      // Scores of every other entity, matching or not: only the matching ones come back.
      const given = CORPUS.filter((_, index) => index % 2 === 0).map((document) => document.entityId);
      const scored = await sql<{ entity_id: number; score: number }>`select entity_id, score from ${await plan!.scored(db.kysely, given)} as m`.execute(db.kysely);
      expect({ query, scored: scored.rows.map((row) => [Number(row.entity_id), Number(row.score)]).sort((a, b) => a[0]! - b[0]!) }).toEqual({
        query,
        scored: expected.filter((hit) => hit.entityId % 2 === 1).map((hit) => [hit.entityId, hit.score]).sort((a, b) => a[0]! - b[0]!),
      });
    }
    expect(await searchRepository.plan(db.kysely, db.dialect, { entityType: 'work_order', query: '  ' })).toBeNull();
    await searchRepository.remove(db.kysely, db.dialect, 'article', 1);
    await searchRepository.remove(db.kysely, db.dialect, 'article', 99_999);
  });

  it('ORs synonym alternatives: an entity matching any of them is found, scored by its best', async () => {
    const groups = [['宽带', '网络', '上网'], ['补卡', '补换卡'], ['投诉', '催单']];
    for (const query of ['宽带 故障', '补卡', '投诉 升级', '宽带断网']) {
      const alternatives = expandQuery(query, groups);
      expect(alternatives.length).toBeGreaterThan(1);
      const page = await search(alternatives, { weights: WEIGHTS });
      expect({ query, ...page }).toEqual({ query, total: bruteForce(CORPUS, alternatives, WEIGHTS).length, items: bruteForce(CORPUS, alternatives, WEIGHTS) });
      expect(page.total).toBeGreaterThanOrEqual((await search(query)).total);
    }
  });

  it('ranks a title match above a body match, both above one, ties newest first', async () => {
    const article = (entityId: number, title: string, body: string): SearchDocument => ({ entityType: 'kb_article', entityId, fields: { title, body } });
    await searchRepository.upsertMany(db.kysely, db.dialect, [
      article(1, '如何办理补换卡', '携带身份证到营业厅。'),
      article(2, '宽带常见问题', '光猫红灯时请先重启；仍无法上网请报修补换卡。'),
      article(3, '补换卡须知', '补换卡需本人办理。'),
      article(4, '套餐介绍', '5G套餐资费说明。'),
      article(5, '补换卡费用', '工本费10元。'),
    ]);
    const page = await search('补换卡', { entityType: 'kb_article', weights: { title: 10, body: 1 } });
    expect(page.items).toEqual([
      { entityId: 3, score: 11, matchedFields: ['title', 'body'] },
      { entityId: 5, score: 10, matchedFields: ['title'] },
      { entityId: 1, score: 10, matchedFields: ['title'] },
      { entityId: 2, score: 1, matchedFields: ['body'] },
    ]);
    expect(page.total).toBe(4);
    // Each word counts where it is found: both words in the title beat one in the title.
    const twoWords = await search('补换卡 本人', { entityType: 'kb_article', weights: { title: 10, body: 1 } });
    expect(twoWords.items.map((hit) => [hit.entityId, hit.score])).toEqual([[3, 12]]);
    // Entity types never mix (ids 1–5 are work orders too).
    expect((await search('补换卡')).items).toEqual(bruteForce(CORPUS, '补换卡'));
    expect((await search('工本费')).total).toBe(0);
  });

  it('replaces an entity on upsert: old words no longer match, dropped fields are gone', async () => {
    const customer = (fields: Record<string, string>): SearchDocument => ({ entityType: 'customer', entityId: 42, fields });
    await searchRepository.upsert(db.kysely, db.dialect, customer({ name: '欧阳娜娜', notes: '老客户，宽带到期提醒' }));
    expect((await search('欧阳', { entityType: 'customer' })).items.map((hit) => hit.entityId)).toEqual([42]);
    expect((await search('到期', { entityType: 'customer' })).total).toBe(1);

    await searchRepository.upsert(db.kysely, db.dialect, customer({ name: '欧阳明' }));
    expect((await search('欧阳明', { entityType: 'customer' })).items).toEqual([{ entityId: 42, score: 1, matchedFields: ['name'] }]);
    expect((await search('娜娜', { entityType: 'customer' })).total).toBe(0);
    expect((await search('到期', { entityType: 'customer' })).total).toBe(0);

    // Concurrent re-indexing of one entity (each in its own transaction) never fails: last wins.
    const names = ['欧阳一', '欧阳二', '欧阳三', '欧阳四', '欧阳五'];
    await Promise.all(names.map((name) => searchRepository.upsert(db.kysely, db.dialect, customer({ name, notes: `备注${name}` }))));
    const current = await search('欧阳', { entityType: 'customer' });
    expect(current.items).toEqual([{ entityId: 42, score: 2, matchedFields: ['name', 'notes'] }]);

    await searchRepository.remove(db.kysely, db.dialect, 'customer', 42);
    expect((await search('欧阳', { entityType: 'customer' })).total).toBe(0);
    const left = await db.kysely.selectFrom('search_entry').select((eb) => eb.fn.countAll<number>().as('count')).where('entity_type', '=', 'customer').executeTakeFirstOrThrow();
    expect(Number(left.count)).toBe(0);
    if (db.dialect === 'sqlite') {
      // The trigger removed the index rows too: the FTS index holds exactly one row per entry.
      const stillIndexed = await sql<{ count: number }>`select count(*) as count from search_fts where search_fts match '"customer"'`.execute(db.kysely);
      expect(stillIndexed.rows[0]!.count).toBe(0);
    }
  });

  it('rejects names and weights that could break the SQL', async () => {
    await expect(searchRepository.upsert(db.kysely, db.dialect, { entityType: 'Work Order', entityId: 1, fields: { title: 'x' } })).rejects.toThrow(/entity type/);
    await expect(searchRepository.upsert(db.kysely, db.dialect, { entityType: 'work_order', entityId: 1, fields: { "x' or 1": 'x' } })).rejects.toThrow(/field/);
    await expect(search('宽带', { weights: { title: Number.NaN } })).rejects.toThrow(/weight/);
  });
});

describe('search index tokens', () => {
  let testDb: TestDb;
  beforeAll(async () => {
    testDb = await createTestDb();
  });
  afterAll(() => testDb.drop());

  it('keeps every token intact in the index, whatever the script', async () => {
    const { db } = testDb;
    const texts = ['USIM卡', '13800138000', 'Wi-Fi', 'ＡＢＣ１２３', '宽带断网', 'Ωmega ΟΔΟΣ', 'नमस्ते', '客户说"宽带" AND NOT *紧急* 😡', '𠮷野家'];
    await searchRepository.upsertMany(
      db.kysely,
      db.dialect,
      texts.map((text, index) => ({ entityType: 'token_probe', entityId: index + 1, fields: { text } })),
    );
    const expected = [...new Set(texts.flatMap((text) => [...documentTokens(text)]))].sort();
    if (db.dialect === 'sqlite') await sql`create virtual table temp.search_vocabulary using fts5vocab(main, search_fts, row)`.execute(db.kysely);
    const indexed =
      db.dialect === 'sqlite'
        ? await sql<{ term: string }>`select term from temp.search_vocabulary`.execute(db.kysely)
        : await sql<{ term: string }>`select distinct unnest(tokens) as term from search_entry`.execute(db.kysely);
    expect(indexed.rows.map((row) => row.term).sort()).toEqual(expected);
    for (const [index, text] of texts.entries()) {
      const page = await searchRepository.search(db.kysely, db.dialect, { entityType: 'token_probe', query: text, limit: 10 });
      expect({ text, ids: page.items.map((hit) => hit.entityId) }).toEqual({ text, ids: [index + 1] });
    }
  });
});
