import { z } from 'zod';
import { pageOf, pageQuerySchema, timestampSchema, nullableText } from './common.js';

// ---- vocabularies (labels in the locale files under knowledge.*) ----

/** 知识文章 or 统一答复口径 (short, approved wording agents insert into replies). */
export const ARTICLE_KINDS = ['article', 'unified_answer'] as const;
export type ArticleKind = (typeof ARTICLE_KINDS)[number];

/** Editorial workflow (KB-2): 草稿 → 待审核 → 已发布 → 已归档. */
export const ARTICLE_STATUSES = ['draft', 'in_review', 'published', 'archived'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

/** What a user can do to an article's status; the server's table maps (status, action) → status. */
export const ARTICLE_ACTIONS = ['submit', 'withdraw', 'approve', 'return', 'revise', 'archive', 'restore'] as const;
export type ArticleAction = (typeof ARTICLE_ACTIONS)[number];

/** Internal (agents only) or also the public FAQ at /help. */
export const ARTICLE_AUDIENCES = ['internal', 'public'] as const;
export type ArticleAudience = (typeof ARTICLE_AUDIENCES)[number];

/** Where an article applies: 全国 / 省 / 市 (the region names the province or city). */
export const ARTICLE_SCOPES = ['national', 'province', 'city'] as const;
export type ArticleScope = (typeof ARTICLE_SCOPES)[number];

/** Search filter on the validity period; readers see only `valid`. */
export const ARTICLE_VALIDITIES = ['valid', 'expired', 'all'] as const;
export type ArticleValidity = (typeof ARTICLE_VALIDITIES)[number];

const tagSchema = z.string().trim().min(1).max(30);
const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{1,79}$/, { message: 'i18n:validation.slug' })
  .refine((value) => !/^\d+$/.test(value), { message: 'i18n:validation.slug' });

// ---- articles ----

export const articleInputSchema = z.object({
  kind: z.enum(ARTICLE_KINDS).default('article'),
  title: z.string().trim().min(1).max(200),
  summary: nullableText(500).default(null),
  /** Rich text; sanitised by the server. */
  bodyHtml: z.string().max(200_000),
  categoryId: z.number().int().positive().nullable().default(null),
  tags: z.array(tagSchema).max(20).default([]),
  audience: z.enum(ARTICLE_AUDIENCES).default('internal'),
  scope: z.enum(ARTICLE_SCOPES).default('national'),
  /** Province or city name for the `province` / `city` scopes. */
  region: nullableText(50).default(null),
  validFrom: timestampSchema.nullable().default(null),
  validUntil: timestampSchema.nullable().default(null),
  departmentId: z.number().int().positive().nullable().default(null),
  contactPerson: nullableText(50).default(null),
  /** Public address `/help/<slug>`; the id works too. */
  slug: slugSchema.nullable().default(null),
  /** What this version changed (shown in the history). */
  changeNote: nullableText(200).default(null),
});
export type ArticleInput = z.input<typeof articleInputSchema>;

export const articleUpdateSchema = articleInputSchema.omit({ kind: true }).extend({
  /** The version the editor started from: a save on top of someone else's newer version is refused. */
  baseVersion: z.number().int().positive(),
});
export type ArticleUpdate = z.input<typeof articleUpdateSchema>;

export const articleTransitionSchema = z.object({
  action: z.enum(ARTICLE_ACTIONS),
  /** Required when returning an article to its editor. */
  comment: nullableText(1000).optional(),
});
export type ArticleTransition = z.input<typeof articleTransitionSchema>;

export const articleSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(ARTICLE_KINDS),
    status: z.enum(ARTICLE_STATUSES),
    slug: z.string().nullable(),
    /** The version shown here. */
    version: z.number().int(),
    currentVersion: z.number().int(),
    /** The version readers see (null: none published). */
    publishedVersion: z.number().int().nullable(),
    title: z.string(),
    summary: z.string().nullable(),
    bodyHtml: z.string(),
    bodyText: z.string(),
    categoryId: z.number().int().nullable(),
    categoryName: z.string().nullable(),
    tags: z.array(z.string()),
    audience: z.enum(ARTICLE_AUDIENCES),
    scope: z.enum(ARTICLE_SCOPES),
    region: z.string().nullable(),
    validFrom: timestampSchema.nullable(),
    validUntil: timestampSchema.nullable(),
    expired: z.boolean(),
    departmentId: z.number().int().nullable(),
    departmentName: z.string().nullable(),
    contactPerson: z.string().nullable(),
    versionAuthor: z.string(),
    versionAt: timestampSchema,
    createdBy: z.string(),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
    publishedAt: timestampSchema.nullable(),
    /** The reviewer's comment when the article was last returned. */
    reviewComment: z.string().nullable(),
    helpfulCount: z.number().int(),
    unhelpfulCount: z.number().int(),
    viewCount: z.number().int(),
    useCount: z.number().int(),
    myFeedback: z.object({ helpful: z.boolean(), comment: z.string().nullable() }).nullable(),
    allowedActions: z.array(z.enum(ARTICLE_ACTIONS)),
    canEdit: z.boolean(),
  })
  .meta({ id: 'Article' });
export type Article = z.infer<typeof articleSchema>;

export const articleSummarySchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(ARTICLE_KINDS),
    status: z.enum(ARTICLE_STATUSES),
    title: z.string(),
    /** With the query's words in <mark> (only that is HTML; the rest is escaped). */
    titleHtml: z.string(),
    excerptHtml: z.string(),
    categoryId: z.number().int().nullable(),
    categoryName: z.string().nullable(),
    tags: z.array(z.string()),
    audience: z.enum(ARTICLE_AUDIENCES),
    scope: z.enum(ARTICLE_SCOPES),
    region: z.string().nullable(),
    validUntil: timestampSchema.nullable(),
    expired: z.boolean(),
    updatedAt: timestampSchema,
    publishedVersion: z.number().int().nullable(),
    helpfulCount: z.number().int(),
    unhelpfulCount: z.number().int(),
  })
  .meta({ id: 'ArticleSummary' });
export type ArticleSummary = z.infer<typeof articleSummarySchema>;

export const articleListQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(100).optional(),
  categoryId: z.coerce.number().int().positive().optional(),
  kind: z.enum(ARTICLE_KINDS).optional(),
  audience: z.enum(ARTICLE_AUDIENCES).optional(),
  scope: z.enum(ARTICLE_SCOPES).optional(),
  region: z.string().trim().max(50).optional(),
  tag: z.string().trim().max(30).optional(),
  validity: z.enum(ARTICLE_VALIDITIES).default('valid'),
  /**
   * Editors only: list working copies in this status (`in_review` is the review queue).
   * Without it the list is what readers see: published, current articles.
   */
  status: z.enum(ARTICLE_STATUSES).optional(),
  /** Editors only, with `status`: only articles I created. */
  mine: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
});
export type ArticleListQuery = z.output<typeof articleListQuerySchema>;
export const articlePageSchema = pageOf(articleSummarySchema);
export type ArticlePage = z.infer<typeof articlePageSchema>;

export const articleVersionQuerySchema = z.object({
  /** A specific version (editors), else readers get the published one and editors the working one. */
  version: z.coerce.number().int().positive().optional(),
});

export const articleVersionSchema = z
  .object({
    version: z.number().int(),
    title: z.string(),
    author: z.string(),
    createdAt: timestampSchema,
    changeNote: z.string().nullable(),
    /** When this version was approved and went live (null: never). */
    publishedAt: timestampSchema.nullable(),
  })
  .meta({ id: 'ArticleVersion' });
export type ArticleVersion = z.infer<typeof articleVersionSchema>;

export const ARTICLE_DIFF_FIELDS = ['title', 'summary', 'body', 'tags', 'category', 'audience', 'scope', 'region', 'validFrom', 'validUntil', 'department', 'contactPerson'] as const;
export type ArticleDiffField = (typeof ARTICLE_DIFF_FIELDS)[number];

export const articleDiffQuerySchema = z.object({
  from: z.coerce.number().int().positive(),
  to: z.coerce.number().int().positive(),
});

export const articleDiffSchema = z
  .object({
    from: articleVersionSchema,
    to: articleVersionSchema,
    /** Only the fields that differ; text fields come as parts, the others as before → after. */
    changes: z.array(
      z.object({
        field: z.enum(ARTICLE_DIFF_FIELDS),
        before: z.string().nullable(),
        after: z.string().nullable(),
        parts: z.array(z.object({ value: z.string(), added: z.boolean(), removed: z.boolean() })).nullable(),
      }),
    ),
  })
  .meta({ id: 'ArticleDiff' });
export type ArticleDiff = z.infer<typeof articleDiffSchema>;

export const articleFeedbackSchema = z.object({
  helpful: z.boolean(),
  comment: nullableText(500).default(null),
});
export type ArticleFeedbackInput = z.input<typeof articleFeedbackSchema>;

export const articleFeedbackEntrySchema = z.object({
  helpful: z.boolean(),
  comment: z.string().nullable(),
  userName: z.string(),
  version: z.number().int(),
  createdAt: timestampSchema,
});
export type ArticleFeedbackEntry = z.infer<typeof articleFeedbackEntrySchema>;

/** An uploaded body image: insert `<img src="{url}">` into the article. */
export const articleImageSchema = z.object({ url: z.string(), fileName: z.string(), size: z.number().int() }).meta({ id: 'ArticleImage' });
export type ArticleImage = z.infer<typeof articleImageSchema>;
export const articleImageUploadQuerySchema = z.object({ fileName: z.string().trim().min(1).max(200) });
export const articleImageTokenSchema = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{22,64}$/) });

// ---- categories, synonyms ----

export const knowledgeCategorySchema = z
  .object({ id: z.number().int(), parentId: z.number().int().nullable(), name: z.string(), sortOrder: z.number().int() })
  .meta({ id: 'KnowledgeCategory' });
export type KnowledgeCategory = z.infer<typeof knowledgeCategorySchema>;

export const knowledgeCategoryInputSchema = z.object({
  name: z.string().trim().min(1).max(50),
  parentId: z.number().int().positive().nullable().default(null),
  sortOrder: z.number().int().min(0).max(100_000).default(0),
});
export type KnowledgeCategoryInput = z.input<typeof knowledgeCategoryInputSchema>;

/** Groups of interchangeable search terms (宽带 = 网络 = 上网). */
export const synonymsSchema = z.object({
  groups: z.array(z.array(z.string().trim().min(1).max(30)).min(2).max(20)).max(500),
});
export type Synonyms = z.infer<typeof synonymsSchema>;

// ---- suggestions (KB-4) and the report (KB-5) ----

export const suggestionSchema = z.object({
  id: z.number().int(),
  kind: z.enum(ARTICLE_KINDS),
  title: z.string(),
  excerptHtml: z.string(),
  /** Plain text of the published body: what "insert into reply" puts in. */
  text: z.string(),
});
export type Suggestion = z.infer<typeof suggestionSchema>;

export const suggestionsSchema = z
  .object({
    /** The words of the order the suggestions were found by. */
    keywords: z.array(z.string()),
    answers: z.array(suggestionSchema),
    articles: z.array(suggestionSchema),
  })
  .meta({ id: 'KnowledgeSuggestions' });
export type Suggestions = z.infer<typeof suggestionsSchema>;

export const suggestionsQuerySchema = z.object({ workOrderId: z.coerce.number().int().positive() });

const reportArticleSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  kind: z.enum(ARTICLE_KINDS),
  status: z.enum(ARTICLE_STATUSES),
  validUntil: timestampSchema.nullable(),
  updatedAt: timestampSchema,
  helpfulCount: z.number().int(),
  unhelpfulCount: z.number().int(),
  viewCount: z.number().int(),
  useCount: z.number().int(),
});
export type ReportArticle = z.infer<typeof reportArticleSchema>;

export const knowledgeReportSchema = z
  .object({
    /** Published articles past their validity, or not updated for `staleDays`. */
    expired: z.array(reportArticleSchema),
    stale: z.array(reportArticleSchema),
    unhelpful: z.array(reportArticleSchema),
    mostUsed: z.array(reportArticleSchema),
    /** Per author: what they got published, how often it was returned, how readers rated it. */
    editors: z.array(
      z.object({
        userId: z.number().int(),
        name: z.string(),
        published: z.number().int(),
        returned: z.number().int(),
        helpful: z.number().int(),
        unhelpful: z.number().int(),
        /** 0–100: helpful share of ratings, less 5 points per return; null without ratings. */
        score: z.number().int().nullable(),
      }),
    ),
    staleDays: z.number().int(),
  })
  .meta({ id: 'KnowledgeReport' });
export type KnowledgeReport = z.infer<typeof knowledgeReportSchema>;

// ---- announcements (KB-6) ----

export const ANNOUNCEMENT_KINDS = ['business_change', 'promotion', 'notice'] as const;
export type AnnouncementKind = (typeof ANNOUNCEMENT_KINDS)[number];

export const announcementInputSchema = z.object({
  title: z.string().trim().min(1).max(200),
  bodyHtml: z.string().max(100_000),
  kind: z.enum(ANNOUNCEMENT_KINDS).default('notice'),
  mustRead: z.boolean().default(false),
  validFrom: timestampSchema.nullable().default(null),
  validUntil: timestampSchema.nullable().default(null),
  /** Teams or departments (with everything below them); with no roles either: everyone. */
  departmentIds: z.array(z.number().int().positive()).max(200).default([]),
  roleIds: z.array(z.number().int().positive()).max(50).default([]),
});
export type AnnouncementInput = z.input<typeof announcementInputSchema>;

export const announcementSchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    bodyHtml: z.string(),
    kind: z.enum(ANNOUNCEMENT_KINDS),
    mustRead: z.boolean(),
    validFrom: timestampSchema,
    validUntil: timestampSchema.nullable(),
    departmentIds: z.array(z.number().int()),
    roleIds: z.array(z.number().int()),
    publishedBy: z.string(),
    publishedAt: timestampSchema,
    withdrawnAt: timestampSchema.nullable(),
    readAt: timestampSchema.nullable(),
    acknowledgedAt: timestampSchema.nullable(),
  })
  .meta({ id: 'Announcement' });
export type Announcement = z.infer<typeof announcementSchema>;

export const announcementPageSchema = pageOf(announcementSchema);
export const announcementListSchema = z.object({ items: z.array(announcementSchema) });

export const announcementReceiptsSchema = z
  .object({
    targeted: z.number().int(),
    read: z.number().int(),
    acknowledged: z.number().int(),
    items: z.array(
      z.object({
        userId: z.number().int(),
        name: z.string(),
        username: z.string(),
        departmentName: z.string().nullable(),
        readAt: timestampSchema.nullable(),
        acknowledgedAt: timestampSchema.nullable(),
      }),
    ),
  })
  .meta({ id: 'AnnouncementReceipts' });
export type AnnouncementReceipts = z.infer<typeof announcementReceiptsSchema>;
