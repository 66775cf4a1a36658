import { diffChars } from 'diff';
import type { Kysely } from 'kysely';
import type {
  Article,
  ArticleAction,
  ArticleImage,
  ArticleAudience,
  ArticleDiff,
  ArticleDiffField,
  ArticleFeedbackEntry,
  ArticleKind,
  ArticlePage,
  ArticleScope,
  ArticleStatus,
  ArticleSummary,
  ArticleVersion,
  KnowledgeCategory,
  KnowledgeReport,
  ReportArticle,
  Suggestion,
  Suggestions,
  Synonyms,
  articleFeedbackSchema,
  articleListQuerySchema,
  articleTransitionSchema,
  articleUpdateSchema,
  knowledgeCategoryInputSchema,
} from '@kefu/contracts';
import type { z } from 'zod';
import { articleInputSchema } from '@kefu/contracts';
import type { DbDialect } from '../../db/database.js';
import type { Executor } from '../../db/executor.js';
import type { Database } from '../../db/schema.js';
import type { KbArticleRow, KbArticleVersionRow } from '../../db/schema-knowledge.js';
import type { Actor, RequestOrigin } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, conflict, forbidden, notFound, unprocessable } from '../../platform/errors.js';
import { highlight } from '../../platform/search/highlight.js';
import { normalizeForSearch } from '../../platform/search/normalize.js';
import { searchRepository } from '../../platform/search/search.repository.js';
import { expandQuery } from '../../platform/search/synonyms.js';
import { performedBy, type AuditService } from '../audit/audit.service.js';
import { textOfHtml } from '../work-orders/conversation.service.js';
import { highlightHtml } from '../work-orders/highlight-html.js';
import type { WorkOrdersService } from '../work-orders/work-orders.service.js';
import { cleanFileName, fileKindOf, newDownloadToken, servesInline, type AttachmentStore } from '../work-orders/attachment-files.js';
import { ARTICLE_TRANSITIONS, EDITABLE_STATUSES, nextArticleStatus } from './article-workflow.js';
import { escapeHtml, sanitizeArticleHtml } from './article-html.js';
import { knowledgePolicy } from './knowledge.policy.js';
import { knowledgeRepository, type ArticleFilter, type ScoredArticleRow } from './knowledge.repository.js';

type ArticleInput = z.output<typeof articleInputSchema>;
type ArticleUpdate = z.output<typeof articleUpdateSchema>;
type TransitionInput = z.output<typeof articleTransitionSchema>;
type FeedbackInput = z.output<typeof articleFeedbackSchema>;
type ListQuery = z.output<typeof articleListQuerySchema>;
type CategoryInput = z.output<typeof knowledgeCategoryInputSchema>;

export const ARTICLE_SEARCH_ENTITY = 'kb_article';
/** Title above tags above summary above body (KB-3: a title hit ranks above a body hit). */
export const ARTICLE_SEARCH_WEIGHTS = { title: 8, tags: 4, summary: 2, body: 1 };
const DAY = 86_400_000;
/** Published articles not republished for this long are listed as stale. */
export const STALE_DAYS = 180;
const SUGGESTIONS_PER_KIND = 5;
const MAX_KEYWORDS = 8;

/** A published article as the public FAQ shows it. */
export interface PublicArticle {
  id: number;
  slug: string | null;
  title: string;
  summary: string | null;
  bodyHtml: string;
  categoryName: string | null;
  publishedAt: number;
}

export interface PublicHit {
  id: number;
  slug: string | null;
  title: string;
  titleHtml: string;
  excerptHtml: string;
  categoryName: string | null;
}

export interface KnowledgeService {
  categories(): Promise<KnowledgeCategory[]>;
  createCategory(actor: Actor, input: CategoryInput, origin: RequestOrigin): Promise<KnowledgeCategory>;
  updateCategory(actor: Actor, id: number, input: CategoryInput, origin: RequestOrigin): Promise<KnowledgeCategory>;
  deleteCategory(actor: Actor, id: number, origin: RequestOrigin): Promise<void>;
  synonyms(): Promise<Synonyms>;
  updateSynonyms(actor: Actor, input: Synonyms, origin: RequestOrigin): Promise<Synonyms>;
  list(actor: Actor, query: ListQuery): Promise<ArticlePage>;
  get(actor: Actor, id: number, version?: number): Promise<Article>;
  create(actor: Actor, input: ArticleInput): Promise<Article>;
  /**
   * A new draft written inside the caller's transaction, for modules that hand wording to the
   * editors (a resolved complaint's case → a draft 统一答复口径, CMP-5). The editorial workflow
   * takes it from there; the caller needs no editing right of its own.
   */
  draftWithin(trx: Executor, actor: Actor, input: z.input<typeof articleInputSchema>): Promise<{ id: number; title: string }>;
  update(actor: Actor, id: number, input: ArticleUpdate): Promise<Article>;
  transition(actor: Actor, id: number, input: TransitionInput, origin: RequestOrigin): Promise<Article>;
  versions(actor: Actor, id: number): Promise<ArticleVersion[]>;
  events(actor: Actor, id: number): Promise<Array<{ action: ArticleAction; version: number; actorName: string; comment: string | null; at: number }>>;
  diff(actor: Actor, id: number, from: number, to: number): Promise<ArticleDiff>;
  feedback(actor: Actor, id: number, input: FeedbackInput): Promise<Article>;
  feedbackEntries(actor: Actor, id: number): Promise<ArticleFeedbackEntry[]>;
  recordUse(actor: Actor, id: number): Promise<void>;
  suggestions(actor: Actor, workOrderId: number): Promise<Suggestions>;
  report(actor: Actor): Promise<KnowledgeReport>;
  /** Public FAQ: published, public, currently valid articles; a search when `q` is given. */
  publicList(q: string | undefined, limit: number): Promise<{ items: PublicHit[]; total: number; categories: Map<number | null, string | null> }>;
  /** Public FAQ: one article by slug or id, or null when it is not public, published and valid. */
  publicArticle(key: string): Promise<PublicArticle | null>;
  /** Stores an image for an article's body (editors, while it is a draft). */
  uploadImage(actor: Actor, id: number, fileName: string, bytes: Buffer): Promise<ArticleImage>;
  /**
   * An article image: to anyone when its article is published, public and valid (the FAQ);
   * otherwise to signed-in readers who may see the article. Null: not found or not yours.
   */
  image(actor: Actor | null, token: string): Promise<{ fileName: string; contentType: string; bytes: Buffer } | null>;
  /** Re-indexes an article's published version (inside the caller's transaction). */
  reindex(ex: Executor, articleId: number): Promise<void>;
}

export function createKnowledgeService(deps: {
  db: Kysely<Database>;
  dialect: DbDialect;
  clock: Clock;
  audit: AuditService;
  orders: Pick<WorkOrdersService, 'get'>;
  /** Where body images are kept (the work-order attachment store and its size limit). */
  store: AttachmentStore;
}): KnowledgeService {
  const { db, dialect, clock, audit, orders, store } = deps;

  const inTransaction = <T>(work: (trx: Executor) => Promise<T>): Promise<T> => db.transaction().execute(work);

  async function draftIn(trx: Executor, actor: Actor, input: ArticleInput): Promise<{ id: number; title: string }> {
    await checkReferences(trx, input, null);
    const now = clock.now();
    const id = await knowledgeRepository.insertArticle(trx, {
      kind: input.kind,
      status: 'draft',
      ...workingColumns(input),
      current_version: 1,
      published_version: null,
      published_at: null,
      live_title: null,
      live_category_id: null,
      live_audience: null,
      live_scope: null,
      live_region: null,
      live_valid_from: null,
      live_valid_until: null,
      review_comment: null,
      submitted_by: null,
      submitted_at: null,
      helpful_count: 0,
      unhelpful_count: 0,
      view_count: 0,
      use_count: 0,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await saveVersion(trx, actor, id, 1, input);
    return { id, title: input.title };
  }

  async function loadVisible(ex: Executor, actor: Actor, id: number, options: { forUpdate?: boolean } = {}): Promise<KbArticleRow> {
    const row = await knowledgeRepository.findArticle(ex, id, { forUpdate: options.forUpdate, dialect });
    if (!row || !knowledgePolicy.maySee(actor, row)) throw notFound();
    return row;
  }

  async function searchQueries(ex: Executor, q: string): Promise<string[]> {
    const groups = await knowledgeRepository.synonyms(ex);
    return expandQuery(q, groups);
  }

  function isExpired(validUntil: number | null, now: number): boolean {
    return validUntil !== null && validUntil <= now;
  }

  async function reindex(ex: Executor, articleId: number): Promise<void> {
    const row = await knowledgeRepository.findArticle(ex, articleId);
    if (!row || !knowledgePolicy.isLive(row)) {
      await searchRepository.remove(ex, dialect, ARTICLE_SEARCH_ENTITY, articleId);
      return;
    }
    const version = await knowledgeRepository.findVersion(ex, articleId, row.published_version!);
    await searchRepository.upsert(ex, dialect, articleSearchDocument(articleId, version!));
  }

  async function categoryNames(ex: Executor): Promise<Map<number, string>> {
    return new Map((await knowledgeRepository.categories(ex)).map((category) => [Number(category.id), category.name]));
  }

  async function present(ex: Executor, actor: Actor, row: KbArticleRow, versionNumber?: number): Promise<Article> {
    const working = knowledgePolicy.seesWorkingCopies(actor);
    // Readers get the published version, editors the working copy unless they ask for another.
    const shown = versionNumber ?? (working ? row.current_version : row.published_version!);
    if (!working && versionNumber !== undefined && versionNumber !== row.published_version) throw notFound();
    const version = await knowledgeRepository.findVersion(ex, row.id, shown);
    if (!version) throw notFound();
    const [categories, departmentName, createdBy, mine] = await Promise.all([
      categoryNames(ex),
      knowledgeRepository.departmentName(ex, version.department_id),
      knowledgeRepository.userName(ex, row.created_by),
      knowledgeRepository.findFeedback(ex, row.id, actor.userId),
    ]);
    return {
      id: row.id,
      kind: row.kind as ArticleKind,
      status: row.status as ArticleStatus,
      slug: row.slug,
      version: version.version,
      currentVersion: row.current_version,
      publishedVersion: row.published_version,
      title: version.title,
      summary: version.summary,
      bodyHtml: version.body_html,
      bodyText: version.body_text,
      categoryId: version.category_id,
      categoryName: version.category_id === null ? null : (categories.get(version.category_id) ?? null),
      tags: JSON.parse(version.tags) as string[],
      audience: version.audience as ArticleAudience,
      scope: version.scope as ArticleScope,
      region: version.region,
      validFrom: version.valid_from,
      validUntil: version.valid_until,
      expired: isExpired(version.valid_until, clock.now()),
      departmentId: version.department_id,
      departmentName,
      contactPerson: version.contact_person,
      versionAuthor: version.author_name,
      versionAt: version.created_at,
      createdBy,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      publishedAt: row.published_at,
      reviewComment: working ? row.review_comment : null,
      helpfulCount: row.helpful_count,
      unhelpfulCount: row.unhelpful_count,
      viewCount: row.view_count,
      useCount: row.use_count,
      myFeedback: mine ? { helpful: mine.helpful === 1, comment: mine.comment } : null,
      allowedActions: knowledgePolicy.allowedActions(actor, row),
      canEdit: knowledgePolicy.mayEdit(actor, row),
    };
  }

  function summaryOf(row: ScoredArticleRow, live: boolean, categories: Map<number, string>, queries: readonly string[] | null, version: KbArticleVersionRow | undefined, now: number): ArticleSummary {
    const title = live ? (row.live_title ?? row.title) : row.title;
    const categoryId = live ? row.live_category_id : row.category_id;
    const validUntil = live ? row.live_valid_until : row.valid_until;
    const texts = version ? [version.summary ?? '', version.body_text, (JSON.parse(version.tags) as string[]).join(' ')] : [];
    let excerptSource = version?.summary || version?.body_text || '';
    if (queries) {
      let best = 0;
      for (const text of texts) {
        const matches = highlight(text, queries, { maxLength: 120 }).filter((segment) => segment.match).length;
        if (matches > best) {
          best = matches;
          excerptSource = text;
        }
      }
    }
    return {
      id: row.id,
      kind: row.kind as ArticleKind,
      status: row.status as ArticleStatus,
      title,
      titleHtml: queries ? highlightHtml(title, queries, 200) : escapeHtml(title),
      excerptHtml: queries ? highlightHtml(excerptSource, queries, 120) : escapeHtml(Array.from(excerptSource.replace(/\s+/g, ' ')).slice(0, 120).join('')),
      categoryId,
      categoryName: categoryId === null ? null : (categories.get(categoryId) ?? null),
      tags: live ? (version ? (JSON.parse(version.tags) as string[]) : []) : (JSON.parse(row.tags) as string[]),
      audience: ((live ? row.live_audience : row.audience) ?? 'internal') as ArticleAudience,
      scope: ((live ? row.live_scope : row.scope) ?? 'national') as ArticleScope,
      region: live ? row.live_region : row.region,
      validUntil,
      expired: isExpired(validUntil, now),
      updatedAt: row.updated_at,
      publishedVersion: row.published_version,
      helpfulCount: row.helpful_count,
      unhelpfulCount: row.unhelpful_count,
    };
  }

  /** A category and everything below it. */
  async function categoryWithDescendants(ex: Executor, id: number): Promise<number[]> {
    const all = await knowledgeRepository.categories(ex);
    const ids = new Set([id]);
    for (let added = true; added; ) {
      added = false;
      for (const category of all) {
        if (category.parent_id !== null && ids.has(category.parent_id) && !ids.has(category.id)) {
          ids.add(category.id);
          added = true;
        }
      }
    }
    return [...ids];
  }

  async function checkReferences(ex: Executor, input: { categoryId: number | null; departmentId: number | null; validFrom: number | null; validUntil: number | null; slug: string | null }, articleId: number | null): Promise<void> {
    if (input.categoryId !== null && !(await knowledgeRepository.findCategory(ex, input.categoryId))) throw unprocessable('knowledge.category_invalid');
    if (input.departmentId !== null && !(await knowledgeRepository.departmentExists(ex, input.departmentId))) throw unprocessable('knowledge.department_invalid');
    if (input.validFrom !== null && input.validUntil !== null && input.validUntil <= input.validFrom) throw unprocessable('knowledge.validity_invalid');
    if (input.slug !== null) {
      const other = await knowledgeRepository.findBySlug(ex, input.slug);
      if (other && other.id !== articleId) throw unprocessable('knowledge.slug_taken');
    }
  }

  function uniqueTags(tags: readonly string[]): string[] {
    return [...new Set(tags.map((tag) => tag.trim()).filter(Boolean))];
  }

  async function saveVersion(ex: Executor, actor: Actor, articleId: number, version: number, input: ArticleInput | ArticleUpdate): Promise<void> {
    const bodyHtml = sanitizeArticleHtml(input.bodyHtml);
    await knowledgeRepository.insertVersion(ex, {
      article_id: articleId,
      version,
      title: input.title,
      summary: input.summary,
      body_html: bodyHtml,
      body_text: textOfHtml(bodyHtml),
      category_id: input.categoryId,
      tags: JSON.stringify(uniqueTags(input.tags)),
      audience: input.audience,
      scope: input.scope,
      region: input.region,
      valid_from: input.validFrom,
      valid_until: input.validUntil,
      department_id: input.departmentId,
      contact_person: input.contactPerson,
      author_id: actor.userId,
      author_name: actor.displayName,
      change_note: input.changeNote,
      created_at: clock.now(),
      published_at: null,
    });
  }

  function workingColumns(input: ArticleInput | ArticleUpdate) {
    return {
      slug: input.slug,
      title: input.title,
      category_id: input.categoryId,
      audience: input.audience,
      scope: input.scope,
      region: input.region,
      valid_from: input.validFrom,
      valid_until: input.validUntil,
      department_id: input.departmentId,
      contact_person: input.contactPerson,
      tags: JSON.stringify(uniqueTags(input.tags)),
    };
  }

  function versionInfo(row: KbArticleVersionRow): ArticleVersion {
    return { version: row.version, title: row.title, author: row.author_name, createdAt: row.created_at, changeNote: row.change_note, publishedAt: row.published_at };
  }

  async function reportArticle(rows: KbArticleRow[]): Promise<ReportArticle[]> {
    return rows.map((row) => ({
      id: row.id,
      title: row.live_title ?? row.title,
      kind: row.kind as ArticleKind,
      status: row.status as ArticleStatus,
      validUntil: row.live_valid_until,
      updatedAt: row.updated_at,
      helpfulCount: row.helpful_count,
      unhelpfulCount: row.unhelpful_count,
      viewCount: row.view_count,
      useCount: row.use_count,
    }));
  }

  /** Search among what readers see, with synonyms; null when the query holds no word. */
  async function liveSearch(ex: Executor, q: string, filter: Omit<ArticleFilter, 'mode' | 'matches'>, limit: number, offset: number, validity: 'valid' | 'expired' | 'all' = 'valid') {
    const queries = await searchQueries(ex, q);
    const matches = await searchRepository.matching(ex, dialect, { entityType: ARTICLE_SEARCH_ENTITY, query: queries, fieldWeights: ARTICLE_SEARCH_WEIGHTS });
    if (!matches) return null;
    const { rows, total } = await knowledgeRepository.searchPage(ex, { ...filter, mode: { live: true, validity, now: clock.now() }, matches }, limit, offset);
    return { rows, total, queries };
  }

  return {
    async categories() {
      const rows = await knowledgeRepository.categories(db);
      return rows.map((row) => ({ id: row.id, parentId: row.parent_id, name: row.name, sortOrder: row.sort_order }));
    },

    async createCategory(actor, input, origin) {
      return inTransaction(async (trx) => {
        if (input.parentId !== null && !(await knowledgeRepository.findCategory(trx, input.parentId))) throw unprocessable('knowledge.category_invalid');
        const now = clock.now();
        const id = await knowledgeRepository.insertCategory(trx, { parent_id: input.parentId, name: input.name, sort_order: input.sortOrder, created_at: now, updated_at: now });
        await audit.record(trx, { action: 'knowledge.category_changed', outcome: 'success', ...performedBy(actor, origin), target: { type: 'kb_category', id }, details: { name: input.name, created: true } });
        return { id, parentId: input.parentId, name: input.name, sortOrder: input.sortOrder };
      });
    },

    async updateCategory(actor, id, input, origin) {
      return inTransaction(async (trx) => {
        if (!(await knowledgeRepository.findCategory(trx, id))) throw notFound();
        if (input.parentId !== null) {
          if (!(await knowledgeRepository.findCategory(trx, input.parentId))) throw unprocessable('knowledge.category_invalid');
          if ((await categoryWithDescendants(trx, id)).includes(input.parentId)) throw unprocessable('knowledge.category_invalid');
        }
        await knowledgeRepository.updateCategory(trx, id, { parent_id: input.parentId, name: input.name, sort_order: input.sortOrder, updated_at: clock.now() });
        await audit.record(trx, { action: 'knowledge.category_changed', outcome: 'success', ...performedBy(actor, origin), target: { type: 'kb_category', id }, details: { name: input.name } });
        return { id, parentId: input.parentId, name: input.name, sortOrder: input.sortOrder };
      });
    },

    async deleteCategory(actor, id, origin) {
      await inTransaction(async (trx) => {
        const category = await knowledgeRepository.findCategory(trx, id);
        if (!category) throw notFound();
        if (await knowledgeRepository.categoryInUse(trx, id)) throw unprocessable('knowledge.category_in_use');
        await knowledgeRepository.deleteCategory(trx, id);
        await audit.record(trx, { action: 'knowledge.category_changed', outcome: 'success', ...performedBy(actor, origin), target: { type: 'kb_category', id }, details: { name: category.name, deleted: true } });
      });
    },

    async synonyms() {
      return { groups: await knowledgeRepository.synonyms(db) };
    },

    async updateSynonyms(actor, input, origin) {
      // Normalised like the search compares, so 'ＵＳＩＭ' and 'usim' are one term; groups of one dropped.
      const groups = input.groups.map((group) => [...new Set(group.map((term) => term.trim()).filter(Boolean))]).filter((group) => group.length >= 2);
      return inTransaction(async (trx) => {
        await knowledgeRepository.saveSynonyms(trx, groups, clock.now());
        await audit.record(trx, { action: 'knowledge.synonyms_updated', outcome: 'success', ...performedBy(actor, origin), details: { groups: groups.length } });
        return { groups };
      });
    },

    async list(actor, query) {
      const now = clock.now();
      const categories = await categoryNames(db);
      const categoryIds = query.categoryId ? await categoryWithDescendants(db, query.categoryId) : undefined;
      const common = { categoryIds, kind: query.kind, audience: query.audience, scope: query.scope, region: query.region, tag: query.tag };
      if (query.status) {
        // Working copies: editors, reviewers and managers only.
        if (!knowledgePolicy.seesWorkingCopies(actor)) throw forbidden();
        const filter: ArticleFilter = { ...common, mode: { live: false, status: query.status, createdBy: query.mine ? actor.userId : undefined, titleContains: query.q } };
        const [rows, total] = await Promise.all([knowledgeRepository.page(db, filter, query.limit, query.offset), knowledgeRepository.count(db, filter)]);
        return { items: rows.map((row) => summaryOf(row, false, categories, null, undefined, now)), total };
      }
      // Readers only ever see current articles; editors may look at expired ones too.
      const validity = knowledgePolicy.seesWorkingCopies(actor) ? query.validity : 'valid';
      if (query.q) {
        const found = await liveSearch(db, query.q, common, query.limit, query.offset, validity);
        if (!found) return { items: [], total: 0 };
        const versions = await knowledgeRepository.liveVersions(db, found.rows.map((row) => row.id));
        return { items: found.rows.map((row) => summaryOf(row, true, categories, found.queries, versions.get(row.id), now)), total: found.total };
      }
      const filter: ArticleFilter = { ...common, mode: { live: true, validity, now } };
      const [rows, total] = await Promise.all([knowledgeRepository.page(db, filter, query.limit, query.offset), knowledgeRepository.count(db, filter)]);
      const versions = await knowledgeRepository.liveVersions(db, rows.map((row) => row.id));
      return { items: rows.map((row) => summaryOf(row, true, categories, null, versions.get(row.id), now)), total };
    },

    async get(actor, id, version) {
      return inTransaction(async (trx) => {
        const row = await loadVisible(trx, actor, id);
        const shown = await present(trx, actor, row, version);
        if (shown.version === row.published_version) await knowledgeRepository.bump(trx, id, 'view_count');
        return shown;
      });
    },

    async create(actor, input) {
      return inTransaction(async (trx) => {
        const { id } = await draftIn(trx, actor, input);
        return present(trx, actor, (await knowledgeRepository.findArticle(trx, id))!);
      });
    },

    draftWithin(trx, actor, input) {
      return draftIn(trx, actor, articleInputSchema.parse(input));
    },

    async update(actor, id, input) {
      return inTransaction(async (trx) => {
        const row = await loadVisible(trx, actor, id, { forUpdate: true });
        if (!EDITABLE_STATUSES.includes(row.status as ArticleStatus)) throw conflict('knowledge.not_editable', { status: row.status });
        if (input.baseVersion !== row.current_version) throw conflict('knowledge.version_conflict', { current: row.current_version });
        await checkReferences(trx, input, id);
        const version = row.current_version + 1;
        await saveVersion(trx, actor, id, version, input);
        await knowledgeRepository.updateArticle(trx, id, { ...workingColumns(input), current_version: version, updated_at: clock.now() });
        return present(trx, actor, (await knowledgeRepository.findArticle(trx, id))!);
      });
    },

    async transition(actor, id, input, origin) {
      return inTransaction(async (trx) => {
        const row = await loadVisible(trx, actor, id, { forUpdate: true });
        const { action } = input;
        const rule = ARTICLE_TRANSITIONS[action];
        if (!actor.permissions.has(rule.permission)) throw forbidden();
        const to = nextArticleStatus(row.status as ArticleStatus, action);
        if (!to) throw conflict('knowledge.illegal_transition', { status: row.status, action });
        if (knowledgePolicy.isOwnSubmission(actor, row, action)) throw unprocessable('knowledge.self_review');
        const comment = input.comment?.trim() || null;
        if (rule.requires.includes('comment') && !comment) throw unprocessable('knowledge.comment_required');
        const now = clock.now();
        const changes: Parameters<typeof knowledgeRepository.updateArticle>[2] = { status: to, updated_at: now };
        switch (action) {
          case 'submit':
            changes.submitted_by = actor.userId;
            changes.submitted_at = now;
            break;
          case 'return':
            changes.review_comment = comment;
            break;
          case 'approve': {
            changes.published_version = row.current_version;
            changes.published_at = now;
            changes.review_comment = null;
            changes.live_title = row.title;
            changes.live_category_id = row.category_id;
            changes.live_audience = row.audience;
            changes.live_scope = row.scope;
            changes.live_region = row.region;
            changes.live_valid_from = row.valid_from;
            changes.live_valid_until = row.valid_until;
            await knowledgeRepository.markVersionPublished(trx, id, row.current_version, now);
            await knowledgeRepository.replaceLiveTags(trx, id, JSON.parse(row.tags) as string[]);
            break;
          }
          case 'archive':
            changes.published_version = null;
            await knowledgeRepository.replaceLiveTags(trx, id, []);
            break;
          default:
            break;
        }
        await knowledgeRepository.updateArticle(trx, id, changes);
        await knowledgeRepository.addEvent(trx, {
          article_id: id,
          version: row.current_version,
          action,
          from_status: row.status,
          to_status: to,
          actor_id: actor.userId,
          actor_name: actor.displayName,
          comment,
          created_at: now,
        });
        if (action === 'approve' || action === 'archive') await reindex(trx, id);
        const audited = { approve: 'knowledge.article_published', return: 'knowledge.article_returned', archive: 'knowledge.article_archived' } as const;
        if (action === 'approve' || action === 'return' || action === 'archive') {
          await audit.record(trx, {
            action: audited[action],
            outcome: 'success',
            ...performedBy(actor, origin),
            target: { type: 'kb_article', id },
            details: { title: row.title, version: row.current_version, ...(comment ? { comment } : {}) },
          });
        }
        return present(trx, actor, (await knowledgeRepository.findArticle(trx, id))!);
      });
    },

    async versions(actor, id) {
      const row = await loadVisible(db, actor, id);
      if (!knowledgePolicy.seesWorkingCopies(actor)) throw notFound();
      return (await knowledgeRepository.versions(db, row.id)).map(versionInfo);
    },

    async events(actor, id) {
      const row = await loadVisible(db, actor, id);
      if (!knowledgePolicy.seesWorkingCopies(actor)) throw notFound();
      return (await knowledgeRepository.events(db, row.id)).map((event) => ({
        action: event.action as ArticleAction,
        version: event.version,
        actorName: event.actor_name,
        comment: event.comment,
        at: event.created_at,
      }));
    },

    async diff(actor, id, from, to) {
      const row = await loadVisible(db, actor, id);
      if (!knowledgePolicy.seesWorkingCopies(actor)) throw notFound();
      const [before, after] = await Promise.all([knowledgeRepository.findVersion(db, row.id, from), knowledgeRepository.findVersion(db, row.id, to)]);
      if (!before || !after) throw unprocessable('knowledge.version_unknown');
      const categories = await categoryNames(db);
      const [departmentBefore, departmentAfter] = await Promise.all([
        knowledgeRepository.departmentName(db, before.department_id),
        knowledgeRepository.departmentName(db, after.department_id),
      ]);
      const values = (version: KbArticleVersionRow, department: string | null): Record<ArticleDiffField, string | null> => ({
        title: version.title,
        summary: version.summary,
        body: version.body_text,
        tags: (JSON.parse(version.tags) as string[]).join('、') || null,
        category: version.category_id === null ? null : (categories.get(version.category_id) ?? null),
        audience: version.audience,
        scope: version.scope,
        region: version.region,
        validFrom: version.valid_from === null ? null : String(version.valid_from),
        validUntil: version.valid_until === null ? null : String(version.valid_until),
        department,
        contactPerson: version.contact_person,
      });
      const a = values(before, departmentBefore);
      const b = values(after, departmentAfter);
      const textFields: readonly ArticleDiffField[] = ['title', 'summary', 'body'];
      const changes = (Object.keys(a) as ArticleDiffField[])
        .filter((field) => a[field] !== b[field])
        .map((field) => ({
          field,
          before: a[field],
          after: b[field],
          parts: textFields.includes(field)
            ? diffChars(a[field] ?? '', b[field] ?? '').map((part) => ({ value: part.value, added: Boolean(part.added), removed: Boolean(part.removed) }))
            : null,
        }));
      return { from: versionInfo(before), to: versionInfo(after), changes };
    },

    async feedback(actor, id, input) {
      return inTransaction(async (trx) => {
        const row = await loadVisible(trx, actor, id);
        if (!knowledgePolicy.isLive(row)) throw notFound();
        await knowledgeRepository.saveFeedback(trx, {
          article_id: id,
          user_id: actor.userId,
          version: row.published_version!,
          helpful: input.helpful ? 1 : 0,
          comment: input.comment,
          created_at: clock.now(),
        });
        await knowledgeRepository.recountFeedback(trx, id);
        return present(trx, actor, (await knowledgeRepository.findArticle(trx, id))!, row.published_version!);
      });
    },

    async feedbackEntries(actor, id) {
      const row = await loadVisible(db, actor, id);
      if (!knowledgePolicy.seesWorkingCopies(actor)) throw notFound();
      return (await knowledgeRepository.feedbackOf(db, row.id)).map((entry) => ({
        helpful: entry.helpful === 1,
        comment: entry.comment,
        userName: entry.display_name,
        version: entry.version,
        createdAt: entry.created_at,
      }));
    },

    async recordUse(actor, id) {
      await inTransaction(async (trx) => {
        const row = await loadVisible(trx, actor, id);
        if (!knowledgePolicy.isLive(row)) throw notFound();
        await knowledgeRepository.bump(trx, id, 'use_count');
      });
    },

    async suggestions(actor, workOrderId) {
      // Suggestions quote the order's words: only for those who may read orders, and 404 unless this one is theirs to see.
      if (!actor.permissions.has('work_orders.read')) throw forbidden();
      const order = await orders.get(actor, workOrderId);
      const text = normalizeForSearch(`${order.title} ${order.category.name} ${order.description}`).replace(/ /g, '');
      const [tags, groups] = await Promise.all([knowledgeRepository.liveTags(db), knowledgeRepository.synonyms(db)]);
      const categories = (await knowledgeRepository.categories(db)).map((category) => category.name);
      // The order's words that the knowledge base speaks of: its tags, synonym terms, category names.
      const vocabulary = [...new Set([...tags, ...groups.flat(), ...categories].map(normalizeForSearch).filter((term) => Array.from(term).length >= 2 && !term.includes(' ')))];
      const found = vocabulary.filter((term) => text.includes(term)).sort((a, b) => b.length - a.length);
      const keywords: string[] = [];
      for (const term of found) {
        if (keywords.length >= MAX_KEYWORDS) break;
        if (!keywords.some((chosen) => chosen.includes(term))) keywords.push(term);
      }
      const scores = new Map<number, number>();
      const rowsById = new Map<number, ScoredArticleRow>();
      for (const keyword of keywords) {
        const result = await liveSearch(db, keyword, {}, 20, 0);
        for (const row of result?.rows ?? []) {
          scores.set(row.id, (scores.get(row.id) ?? 0) + (row.score ?? 0));
          rowsById.set(row.id, row);
        }
      }
      const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0]).map(([id]) => rowsById.get(id)!);
      const answers = ranked.filter((row) => row.kind === 'unified_answer').slice(0, SUGGESTIONS_PER_KIND);
      const articles = ranked.filter((row) => row.kind === 'article').slice(0, SUGGESTIONS_PER_KIND);
      const versions = await knowledgeRepository.liveVersions(db, [...answers, ...articles].map((row) => row.id));
      const queries = keywords.length > 0 ? keywords.flatMap((keyword) => expandQuery(keyword, groups)) : [];
      const suggestion = (row: ScoredArticleRow): Suggestion => {
        const version = versions.get(row.id);
        const body = version?.body_text ?? '';
        const marks = (text: string) => highlight(text, queries, { maxLength: 120 }).filter((segment) => segment.match).length;
        const summary = version?.summary ?? '';
        const excerpt = summary && marks(summary) >= marks(body) ? summary : body;
        return { id: row.id, kind: row.kind as ArticleKind, title: row.live_title ?? row.title, excerptHtml: highlightHtml(excerpt, queries, 120), text: body };
      };
      return { keywords, answers: answers.map(suggestion), articles: articles.map(suggestion) };
    },

    async report(actor) {
      if (!actor.permissions.has('knowledge.manage')) throw forbidden();
      const now = clock.now();
      const staleBefore = now - STALE_DAYS * DAY;
      const [expired, stale, unhelpful, mostUsed, figures, returns] = await Promise.all([
        knowledgeRepository.reportRows(db, 'expired', now, staleBefore),
        knowledgeRepository.reportRows(db, 'stale', now, staleBefore),
        knowledgeRepository.reportRows(db, 'unhelpful', now, staleBefore),
        knowledgeRepository.reportRows(db, 'most_used', now, staleBefore),
        knowledgeRepository.editorFigures(db),
        knowledgeRepository.returnsByCreator(db),
      ]);
      const returnedBy = new Map(returns.map((row) => [Number(row.user_id), Number(row.returned)]));
      const editors = figures
        .map((row) => {
          const helpful = Number(row.helpful ?? 0);
          const unhelpful = Number(row.unhelpful ?? 0);
          const returned = returnedBy.get(Number(row.user_id)) ?? 0;
          const rated = helpful + unhelpful;
          const score = rated === 0 ? null : Math.max(0, Math.min(100, Math.round((100 * helpful) / rated) - 5 * returned));
          return { userId: Number(row.user_id), name: row.name, published: Number(row.published ?? 0), returned, helpful, unhelpful, score };
        })
        .sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || b.published - a.published);
      return {
        expired: await reportArticle(expired),
        stale: await reportArticle(stale),
        unhelpful: await reportArticle(unhelpful),
        mostUsed: await reportArticle(mostUsed),
        editors,
        staleDays: STALE_DAYS,
      };
    },

    async publicList(q, limit) {
      const categories = await categoryNames(db);
      const categoryName = (id: number | null) => (id === null ? null : (categories.get(id) ?? null));
      const used = new Map<number | null, string | null>();
      if (q) {
        const found = await liveSearch(db, q, { audience: 'public' }, limit, 0);
        if (!found) return { items: [], total: 0, categories: used };
        const versions = await knowledgeRepository.liveVersions(db, found.rows.map((row) => row.id));
        const items = found.rows.map((row) => {
          const summary = summaryOf(row, true, categories, found.queries, versions.get(row.id), clock.now());
          return { id: row.id, slug: row.slug, title: summary.title, titleHtml: summary.titleHtml, excerptHtml: summary.excerptHtml, categoryName: summary.categoryName };
        });
        return { items, total: found.total, categories: used };
      }
      const filter: ArticleFilter = { audience: 'public', mode: { live: true, validity: 'valid', now: clock.now() } };
      const [rows, total] = await Promise.all([knowledgeRepository.page(db, filter, limit, 0), knowledgeRepository.count(db, filter)]);
      const versions = await knowledgeRepository.liveVersions(db, rows.map((row) => row.id));
      for (const row of rows) used.set(row.live_category_id, categoryName(row.live_category_id));
      const items = rows.map((row) => {
        const summary = summaryOf(row, true, categories, null, versions.get(row.id), clock.now());
        return { id: row.id, slug: row.slug, title: summary.title, titleHtml: summary.titleHtml, excerptHtml: summary.excerptHtml, categoryName: summary.categoryName };
      });
      return { items, total, categories: used };
    },

    async publicArticle(key) {
      const row = /^\d{1,9}$/.test(key) ? await knowledgeRepository.findArticle(db, Number(key)) : await knowledgeRepository.findBySlug(db, key.toLowerCase());
      const now = clock.now();
      if (!row || !knowledgePolicy.isLive(row) || row.live_audience !== 'public') return null;
      if ((row.live_valid_from !== null && row.live_valid_from > now) || isExpired(row.live_valid_until, now)) return null;
      const version = await knowledgeRepository.findVersion(db, row.id, row.published_version!);
      if (!version) return null;
      const categories = await categoryNames(db);
      return {
        id: row.id,
        slug: row.slug,
        title: version.title,
        summary: version.summary,
        bodyHtml: version.body_html,
        categoryName: version.category_id === null ? null : (categories.get(version.category_id) ?? null),
        publishedAt: row.published_at!,
      };
    },

    async uploadImage(actor, id, fileName, bytes) {
      const name = cleanFileName(fileName);
      const kind = fileKindOf(name);
      // Only raster images whose bytes match their extension: they are shown inline, also to the public.
      if (!kind || !servesInline(name, bytes.subarray(0, 16))) {
        if (bytes.length === 0) throw unprocessable('knowledge.image_empty');
        throw new AppError('knowledge.image_type', 415);
      }
      if (bytes.length > store.config.maxBytes) throw new AppError('knowledge.image_too_large', 413, { max: Math.floor(store.config.maxBytes / 1024 / 1024) });
      const row = await loadVisible(db, actor, id);
      if (!knowledgePolicy.mayEdit(actor, row)) throw conflict('knowledge.not_editable', { status: row.status });
      const stored = await store.put(bytes);
      const token = newDownloadToken();
      try {
        await knowledgeRepository.insertImage(db, {
          article_id: id,
          file_name: name,
          content_type: kind.contentType,
          size: bytes.length,
          token,
          ...stored,
          uploaded_by: actor.userId,
          created_at: clock.now(),
        });
      } catch (error) {
        await store.remove(stored);
        throw error;
      }
      return { url: `${ARTICLE_IMAGE_PATH}${token}`, fileName: name, size: bytes.length };
    },

    async image(actor, token) {
      const image = await knowledgeRepository.imageByToken(db, token);
      if (!image) return null;
      const row = await knowledgeRepository.findArticle(db, image.article_id);
      if (!row) return null;
      const now = clock.now();
      const publicNow =
        knowledgePolicy.isLive(row) && row.live_audience === 'public' && !(row.live_valid_from !== null && row.live_valid_from > now) && !isExpired(row.live_valid_until, now);
      const visible = publicNow || (actor !== null && actor.permissions.has('knowledge.read') && knowledgePolicy.maySee(actor, row));
      if (!visible) return null;
      return { fileName: image.file_name, contentType: image.content_type, bytes: await store.get(image) };
    },

    reindex,
  };
}

/** Where article images are served; the body keeps this URL. */
export const ARTICLE_IMAGE_PATH = '/api/knowledge/images/';

/** What the search index holds for an article: its published version's text. */
export function articleSearchDocument(articleId: number, version: Pick<KbArticleVersionRow, 'title' | 'summary' | 'body_text' | 'tags'>) {
  return {
    entityType: ARTICLE_SEARCH_ENTITY,
    entityId: articleId,
    fields: { title: version.title, tags: (JSON.parse(version.tags) as string[]).join(' '), summary: version.summary, body: version.body_text },
  };
}
