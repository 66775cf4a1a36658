import { sql, type Insertable, type RawBuilder, type SelectQueryBuilder, type Updateable } from 'kysely';
import type { ArticleAudience, ArticleKind, ArticleScope, ArticleStatus, ArticleValidity } from '@kefu/contracts';
import type { Executor } from '../../db/executor.js';
import type { Database } from '../../db/schema.js';
import type { KbArticleRow, KbArticleTable, KbArticleVersionRow, KbArticleVersionTable, KbCategoryRow, KbImageTable } from '../../db/schema-knowledge.js';
import type { SearchMatchRow } from '../../platform/search/search.repository.js';

/**
 * What a list of articles is filtered by. `live`: what readers see — the published versions'
 * metadata (`live_*`), articles with a published version that are not archived; otherwise the
 * working copies in one status (editors' lists, the review queue).
 */
export interface ArticleFilter {
  mode: { live: true; validity: ArticleValidity; now: number } | { live: false; status: ArticleStatus; createdBy?: number; titleContains?: string };
  categoryIds?: readonly number[];
  kind?: ArticleKind;
  audience?: ArticleAudience;
  scope?: ArticleScope;
  region?: string;
  tag?: string;
  matches?: RawBuilder<SearchMatchRow>;
}

type ArticleQuery = SelectQueryBuilder<Database, 'kb_article', object>;

function filtered(ex: Executor, filter: ArticleFilter): ArticleQuery {
  let query = ex.selectFrom('kb_article') as ArticleQuery;
  const column = (name: 'category_id' | 'audience' | 'scope' | 'region') => (filter.mode.live ? (`kb_article.live_${name}` as const) : (`kb_article.${name}` as const));
  const { mode } = filter;
  if (mode.live) {
    query = query.where('kb_article.published_version', 'is not', null).where('kb_article.status', '!=', 'archived');
    if (mode.validity === 'valid') {
      query = query
        .where((eb) => eb.or([eb('kb_article.live_valid_from', 'is', null), eb('kb_article.live_valid_from', '<=', mode.now)]))
        .where((eb) => eb.or([eb('kb_article.live_valid_until', 'is', null), eb('kb_article.live_valid_until', '>', mode.now)]));
    } else if (mode.validity === 'expired') {
      query = query.where('kb_article.live_valid_until', '<=', mode.now);
    }
  } else {
    query = query.where('kb_article.status', '=', mode.status);
    if (mode.createdBy !== undefined) query = query.where('kb_article.created_by', '=', mode.createdBy);
    if (mode.titleContains) query = query.where('kb_article.title', 'like', `%${mode.titleContains.replace(/[%_\\]/g, '')}%`);
  }
  if (filter.categoryIds) query = query.where(column('category_id'), 'in', filter.categoryIds.length > 0 ? [...filter.categoryIds] : [-1]);
  if (filter.kind) query = query.where('kb_article.kind', '=', filter.kind);
  if (filter.audience) query = query.where(column('audience'), '=', filter.audience);
  if (filter.scope) query = query.where(column('scope'), '=', filter.scope);
  if (filter.region) query = query.where(column('region'), '=', filter.region);
  if (filter.tag) {
    const tag = filter.tag;
    query = query.where((eb) =>
      eb.exists(eb.selectFrom('kb_article_tag').select('kb_article_tag.article_id').whereRef('kb_article_tag.article_id', '=', 'kb_article.id').where('kb_article_tag.tag', '=', tag)),
    );
  }
  // The search's matches as a join: its score orders the page.
  if (filter.matches) query = query.innerJoin(filter.matches.as('m'), 'm.entity_id', 'kb_article.id') as unknown as ArticleQuery;
  return query;
}

export interface ScoredArticleRow extends KbArticleRow {
  score: number | null;
}

export const knowledgeRepository = {
  // ---- categories ----
  categories(ex: Executor): Promise<KbCategoryRow[]> {
    return ex.selectFrom('kb_category').selectAll().orderBy('sort_order').orderBy('id').execute();
  },
  findCategory(ex: Executor, id: number): Promise<KbCategoryRow | undefined> {
    return ex.selectFrom('kb_category').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async insertCategory(ex: Executor, values: { parent_id: number | null; name: string; sort_order: number; created_at: number; updated_at: number }): Promise<number> {
    const row = await ex.insertInto('kb_category').values(values).returning('id').executeTakeFirstOrThrow();
    return Number(row.id);
  },
  async updateCategory(ex: Executor, id: number, values: { parent_id: number | null; name: string; sort_order: number; updated_at: number }): Promise<void> {
    await ex.updateTable('kb_category').set(values).where('id', '=', id).execute();
  },
  async deleteCategory(ex: Executor, id: number): Promise<void> {
    await ex.deleteFrom('kb_category').where('id', '=', id).execute();
  },
  async categoryInUse(ex: Executor, id: number): Promise<boolean> {
    const child = await ex.selectFrom('kb_category').select('id').where('parent_id', '=', id).executeTakeFirst();
    if (child) return true;
    const article = await ex
      .selectFrom('kb_article')
      .select('id')
      .where((eb) => eb.or([eb('category_id', '=', id), eb('live_category_id', '=', id)]))
      .executeTakeFirst();
    if (article) return true;
    const version = await ex.selectFrom('kb_article_version').select('id').where('category_id', '=', id).executeTakeFirst();
    return Boolean(version);
  },

  // ---- articles and versions ----
  async insertArticle(ex: Executor, values: Insertable<KbArticleTable>): Promise<number> {
    const row = await ex.insertInto('kb_article').values(values).returning('id').executeTakeFirstOrThrow();
    return Number(row.id);
  },
  async updateArticle(ex: Executor, id: number, values: Updateable<KbArticleTable>): Promise<void> {
    await ex.updateTable('kb_article').set(values).where('id', '=', id).execute();
  },
  async findArticle(ex: Executor, id: number, options: { forUpdate?: boolean; dialect?: 'sqlite' | 'postgres' } = {}): Promise<KbArticleRow | undefined> {
    let query = ex.selectFrom('kb_article').selectAll().where('id', '=', id);
    if (options.forUpdate && options.dialect === 'postgres') query = query.forUpdate();
    return query.executeTakeFirst();
  },
  findBySlug(ex: Executor, slug: string): Promise<KbArticleRow | undefined> {
    return ex.selectFrom('kb_article').selectAll().where('slug', '=', slug).executeTakeFirst();
  },
  async insertVersion(ex: Executor, values: Insertable<KbArticleVersionTable>): Promise<void> {
    await ex.insertInto('kb_article_version').values(values).execute();
  },
  findVersion(ex: Executor, articleId: number, version: number): Promise<KbArticleVersionRow | undefined> {
    return ex.selectFrom('kb_article_version').selectAll().where('article_id', '=', articleId).where('version', '=', version).executeTakeFirst();
  },
  versions(ex: Executor, articleId: number): Promise<KbArticleVersionRow[]> {
    return ex.selectFrom('kb_article_version').selectAll().where('article_id', '=', articleId).orderBy('version', 'desc').execute();
  },
  async markVersionPublished(ex: Executor, articleId: number, version: number, at: number): Promise<void> {
    await ex.updateTable('kb_article_version').set({ published_at: at }).where('article_id', '=', articleId).where('version', '=', version).execute();
  },
  /** The published versions of these articles (for excerpts and suggestion texts). */
  async liveVersions(ex: Executor, articleIds: readonly number[]): Promise<Map<number, KbArticleVersionRow>> {
    if (articleIds.length === 0) return new Map();
    const rows = await ex
      .selectFrom('kb_article_version as v')
      .innerJoin('kb_article as a', (join) => join.onRef('a.id', '=', 'v.article_id').onRef('a.published_version', '=', 'v.version'))
      .selectAll('v')
      .where('a.id', 'in', [...articleIds])
      .execute();
    return new Map(rows.map((row) => [Number(row.article_id), row]));
  },
  async addEvent(
    ex: Executor,
    values: { article_id: number; version: number; action: string; from_status: string; to_status: string; actor_id: number; actor_name: string; comment: string | null; created_at: number },
  ): Promise<void> {
    await ex.insertInto('kb_article_event').values(values).execute();
  },
  events(ex: Executor, articleId: number) {
    return ex.selectFrom('kb_article_event').selectAll().where('article_id', '=', articleId).orderBy('id', 'desc').execute();
  },

  /** The published version's tags (the tag filter and the suggestion vocabulary). */
  async replaceLiveTags(ex: Executor, articleId: number, tags: readonly string[]): Promise<void> {
    await ex.deleteFrom('kb_article_tag').where('article_id', '=', articleId).execute();
    if (tags.length > 0) await ex.insertInto('kb_article_tag').values(tags.map((tag) => ({ article_id: articleId, tag }))).execute();
  },
  async liveTags(ex: Executor): Promise<string[]> {
    const rows = await ex
      .selectFrom('kb_article_tag')
      .innerJoin('kb_article', 'kb_article.id', 'kb_article_tag.article_id')
      .select('kb_article_tag.tag')
      .distinct()
      .where('kb_article.published_version', 'is not', null)
      .execute();
    return rows.map((row) => row.tag);
  },

  /** One page in the filter's order: search score first when searching, else newest first. */
  async page(ex: Executor, filter: ArticleFilter, limit: number, offset: number): Promise<ScoredArticleRow[]> {
    let query = filtered(ex, filter).selectAll('kb_article');
    if (filter.matches) {
      query = query.select(sql<number>`m.score`.as('score')).orderBy(sql`m.score`, 'desc');
    } else {
      query = query.select(sql<null>`null`.as('score'));
      query = filter.mode.live ? query.orderBy('kb_article.published_at', 'desc') : query.orderBy('kb_article.updated_at', 'desc');
    }
    const rows = (await query.orderBy('kb_article.id', 'desc').limit(limit).offset(offset).execute()) as ScoredArticleRow[];
    return rows.map((row) => ({ ...row, score: row.score === null ? null : Number(row.score) }));
  },
  /**
   * A search page and its total from one evaluation of the matches: (id, score) of every
   * match within the filters is materialised once, counted, and only the page's rows are
   * read in full. Counting and paging separately would run the search twice.
   */
  async searchPage(ex: Executor, filter: ArticleFilter & { matches: RawBuilder<SearchMatchRow> }, limit: number, offset: number): Promise<{ rows: ScoredArticleRow[]; total: number }> {
    const found = filtered(ex, filter).select(['kb_article.id as found_id', sql<number>`m.score`.as('found_score')]);
    const result = await sql<KbArticleRow & { found_score: number; found_total: number }>`
      with found as materialized ${found}
      select kb_article.*, found.found_score, (select count(*) from found) as found_total
      from found inner join kb_article on kb_article.id = found.found_id
      order by found.found_score desc, found.found_id desc limit ${limit} offset ${offset}`.execute(ex);
    let total = Number(result.rows[0]?.found_total ?? 0);
    if (result.rows.length === 0 && offset > 0) total = await knowledgeRepository.count(ex, filter);
    const rows = result.rows.map(({ found_score, found_total: _total, ...row }) => ({ ...row, id: Number(row.id), score: Number(found_score) }));
    return { rows, total };
  },
  async count(ex: Executor, filter: ArticleFilter): Promise<number> {
    const row = await filtered(ex, filter).select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirst();
    return Number(row?.count ?? 0);
  },

  // ---- body images ----
  async insertImage(ex: Executor, values: Insertable<KbImageTable>): Promise<void> {
    await ex.insertInto('kb_image').values(values).execute();
  },
  imageByToken(ex: Executor, token: string) {
    return ex.selectFrom('kb_image').selectAll().where('token', '=', token).executeTakeFirst();
  },

  // ---- evaluation ----
  findFeedback(ex: Executor, articleId: number, userId: number) {
    return ex.selectFrom('kb_feedback').selectAll().where('article_id', '=', articleId).where('user_id', '=', userId).executeTakeFirst();
  },
  async saveFeedback(ex: Executor, values: { article_id: number; user_id: number; version: number; helpful: number; comment: string | null; created_at: number }): Promise<void> {
    await ex
      .insertInto('kb_feedback')
      .values(values)
      .onConflict((oc) => oc.columns(['article_id', 'user_id']).doUpdateSet({ version: values.version, helpful: values.helpful, comment: values.comment, created_at: values.created_at }))
      .execute();
  },
  /** Recounts an article's helpful / not helpful votes from the feedback rows. */
  async recountFeedback(ex: Executor, articleId: number): Promise<void> {
    const row = await ex
      .selectFrom('kb_feedback')
      .select([sql<number>`coalesce(sum(helpful), 0)`.as('helpful'), sql<number>`coalesce(sum(1 - helpful), 0)`.as('unhelpful')])
      .where('article_id', '=', articleId)
      .executeTakeFirstOrThrow();
    await ex.updateTable('kb_article').set({ helpful_count: Number(row.helpful), unhelpful_count: Number(row.unhelpful) }).where('id', '=', articleId).execute();
  },
  feedbackOf(ex: Executor, articleId: number) {
    return ex
      .selectFrom('kb_feedback')
      .innerJoin('app_user', 'app_user.id', 'kb_feedback.user_id')
      .select(['kb_feedback.helpful', 'kb_feedback.comment', 'kb_feedback.version', 'kb_feedback.created_at', 'app_user.display_name'])
      .where('kb_feedback.article_id', '=', articleId)
      .orderBy('kb_feedback.created_at', 'desc')
      .limit(200)
      .execute();
  },
  async bump(ex: Executor, articleId: number, counter: 'view_count' | 'use_count'): Promise<void> {
    await ex
      .updateTable('kb_article')
      .set({ [counter]: sql`${sql.ref(counter)} + 1` })
      .where('id', '=', articleId)
      .execute();
  },

  // ---- report (KB-5) ----
  reportRows(ex: Executor, which: 'expired' | 'stale' | 'unhelpful' | 'most_used', now: number, staleBefore: number): Promise<KbArticleRow[]> {
    let query = ex.selectFrom('kb_article').selectAll().where('published_version', 'is not', null).where('status', '!=', 'archived');
    switch (which) {
      case 'expired':
        query = query.where('live_valid_until', '<=', now).orderBy('live_valid_until', 'asc');
        break;
      case 'stale':
        query = query
          .where('published_at', '<', staleBefore)
          .where((eb) => eb.or([eb('live_valid_until', 'is', null), eb('live_valid_until', '>', now)]))
          .orderBy('published_at', 'asc');
        break;
      case 'unhelpful':
        query = query.where('unhelpful_count', '>', 0).whereRef('unhelpful_count', '>', 'helpful_count').orderBy('unhelpful_count', 'desc');
        break;
      case 'most_used':
        query = query.where(sql<boolean>`view_count + use_count > 0`).orderBy(sql`view_count + 3 * use_count`, 'desc');
        break;
    }
    return query.orderBy('id', 'desc').limit(50).execute();
  },
  editorFigures(ex: Executor) {
    return ex
      .selectFrom('kb_article')
      .innerJoin('app_user', 'app_user.id', 'kb_article.created_by')
      .select([
        'kb_article.created_by as user_id',
        'app_user.display_name as name',
        sql<number>`sum(case when kb_article.published_version is not null then 1 else 0 end)`.as('published'),
        sql<number>`sum(kb_article.helpful_count)`.as('helpful'),
        sql<number>`sum(kb_article.unhelpful_count)`.as('unhelpful'),
      ])
      .groupBy(['kb_article.created_by', 'app_user.display_name'])
      .execute();
  },
  returnsByCreator(ex: Executor) {
    return ex
      .selectFrom('kb_article_event')
      .innerJoin('kb_article', 'kb_article.id', 'kb_article_event.article_id')
      .select(['kb_article.created_by as user_id', (eb) => eb.fn.countAll<number>().as('returned')])
      .where('kb_article_event.action', '=', 'return')
      .groupBy('kb_article.created_by')
      .execute();
  },

  // ---- settings ----
  async synonyms(ex: Executor): Promise<string[][]> {
    const row = await ex.selectFrom('kb_settings').select('synonyms').where('id', '=', 1).executeTakeFirst();
    return row ? (JSON.parse(row.synonyms) as string[][]) : [];
  },
  async saveSynonyms(ex: Executor, groups: readonly (readonly string[])[], at: number): Promise<void> {
    await ex.updateTable('kb_settings').set({ synonyms: JSON.stringify(groups), updated_at: at }).where('id', '=', 1).execute();
  },

  // ---- names ----
  async departmentExists(ex: Executor, id: number): Promise<boolean> {
    return Boolean(await ex.selectFrom('department').select('id').where('id', '=', id).executeTakeFirst());
  },
  async departmentName(ex: Executor, id: number | null): Promise<string | null> {
    if (id === null) return null;
    const row = await ex.selectFrom('department').select('name').where('id', '=', id).executeTakeFirst();
    return row?.name ?? null;
  },
  async userName(ex: Executor, id: number): Promise<string> {
    const row = await ex.selectFrom('app_user').select('display_name').where('id', '=', id).executeTakeFirst();
    return row?.display_name ?? '';
  },
};
