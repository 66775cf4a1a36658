import { sql, type Kysely, type Migration } from 'kysely';
import { KNOWLEDGE_GRANTS, KNOWLEDGE_PERMISSIONS } from '@kefu/contracts';
import type { DbDialect } from '../database.js';
import { withIdColumn, grantToBuiltinRoles } from '../ddl.js';

/** Synonym groups a new organisation starts with; editors change them under 知识库 → 同义词. */
export const DEFAULT_SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['宽带', '网络', '上网'],
  ['补卡', '补换卡', '换卡'],
  ['话费', '资费'],
  ['光猫', '光调制解调器'],
];

/**
 * Knowledge base and announcements (KB-1 … KB-6).
 *
 * An article's every save is a row of `kb_article_version` (author, time, note). The
 * `kb_article` row holds the workflow status, the working copy's metadata, and — in the
 * `live_*` columns — the metadata of the published version, which is what readers see,
 * search filters on and the search index holds. So revising a published article (a new
 * draft version) leaves readers, search and its URL on the published version until the
 * revision is approved.
 */
export function knowledgeMigration(dialect: DbDialect): Migration {
  const blob = dialect === 'sqlite' ? 'blob' : sql`bytea`;
  return {
    async up(db: Kysely<unknown>) {
      await withIdColumn(db.schema.createTable('kb_category'), dialect)
        .addColumn('parent_id', 'integer', (col) => col.references('kb_category.id'))
        .addColumn('name', 'text', (col) => col.notNull())
        .addColumn('sort_order', 'integer', (col) => col.notNull())
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .addColumn('updated_at', 'bigint', (col) => col.notNull())
        .execute();

      await withIdColumn(db.schema.createTable('kb_article'), dialect)
        .addColumn('kind', 'text', (col) => col.notNull())
        .addColumn('status', 'text', (col) => col.notNull())
        .addColumn('slug', 'text', (col) => col.unique())
        // The working copy (latest version).
        .addColumn('title', 'text', (col) => col.notNull())
        .addColumn('category_id', 'integer', (col) => col.references('kb_category.id'))
        .addColumn('audience', 'text', (col) => col.notNull())
        .addColumn('scope', 'text', (col) => col.notNull())
        .addColumn('region', 'text')
        .addColumn('valid_from', 'bigint')
        .addColumn('valid_until', 'bigint')
        .addColumn('department_id', 'integer', (col) => col.references('department.id'))
        .addColumn('contact_person', 'text')
        /** JSON array. */
        .addColumn('tags', 'text', (col) => col.notNull())
        .addColumn('current_version', 'integer', (col) => col.notNull())
        // The published version (null: nothing published, or archived).
        .addColumn('published_version', 'integer')
        .addColumn('published_at', 'bigint')
        .addColumn('live_title', 'text')
        .addColumn('live_category_id', 'integer', (col) => col.references('kb_category.id'))
        .addColumn('live_audience', 'text')
        .addColumn('live_scope', 'text')
        .addColumn('live_region', 'text')
        .addColumn('live_valid_from', 'bigint')
        .addColumn('live_valid_until', 'bigint')
        .addColumn('review_comment', 'text')
        .addColumn('submitted_by', 'integer', (col) => col.references('app_user.id'))
        .addColumn('submitted_at', 'bigint')
        .addColumn('helpful_count', 'integer', (col) => col.notNull())
        .addColumn('unhelpful_count', 'integer', (col) => col.notNull())
        .addColumn('view_count', 'integer', (col) => col.notNull())
        .addColumn('use_count', 'integer', (col) => col.notNull())
        .addColumn('created_by', 'integer', (col) => col.notNull().references('app_user.id'))
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .addColumn('updated_at', 'bigint', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('kb_article_live_idx').on('kb_article').columns(['published_version', 'published_at']).execute();
      await db.schema.createIndex('kb_article_status_idx').on('kb_article').columns(['status', 'updated_at']).execute();
      await db.schema.createIndex('kb_article_live_until_idx').on('kb_article').columns(['live_valid_until']).execute();

      await withIdColumn(db.schema.createTable('kb_article_version'), dialect)
        .addColumn('article_id', 'integer', (col) => col.notNull().references('kb_article.id'))
        .addColumn('version', 'integer', (col) => col.notNull())
        .addColumn('title', 'text', (col) => col.notNull())
        .addColumn('summary', 'text')
        /** Sanitised on the way in; safe to render. */
        .addColumn('body_html', 'text', (col) => col.notNull())
        .addColumn('body_text', 'text', (col) => col.notNull())
        .addColumn('category_id', 'integer')
        .addColumn('tags', 'text', (col) => col.notNull())
        .addColumn('audience', 'text', (col) => col.notNull())
        .addColumn('scope', 'text', (col) => col.notNull())
        .addColumn('region', 'text')
        .addColumn('valid_from', 'bigint')
        .addColumn('valid_until', 'bigint')
        .addColumn('department_id', 'integer')
        .addColumn('contact_person', 'text')
        .addColumn('author_id', 'integer', (col) => col.notNull().references('app_user.id'))
        .addColumn('author_name', 'text', (col) => col.notNull())
        .addColumn('change_note', 'text')
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .addColumn('published_at', 'bigint')
        .execute();
      await db.schema.createIndex('kb_article_version_key').on('kb_article_version').columns(['article_id', 'version']).unique().execute();

      /** Images of article bodies, served from an unguessable token URL (like work-order attachments). */
      await withIdColumn(db.schema.createTable('kb_image'), dialect)
        .addColumn('article_id', 'integer', (col) => col.notNull().references('kb_article.id'))
        .addColumn('file_name', 'text', (col) => col.notNull())
        .addColumn('content_type', 'text', (col) => col.notNull())
        .addColumn('size', 'integer', (col) => col.notNull())
        .addColumn('token', 'text', (col) => col.notNull().unique())
        .addColumn('storage', 'text', (col) => col.notNull())
        .addColumn('storage_key', 'text')
        .addColumn('content', blob)
        .addColumn('uploaded_by', 'integer', (col) => col.notNull().references('app_user.id'))
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .execute();

      /** Workflow history: who submitted, returned (with the comment), approved, archived. */
      await withIdColumn(db.schema.createTable('kb_article_event'), dialect)
        .addColumn('article_id', 'integer', (col) => col.notNull().references('kb_article.id'))
        .addColumn('version', 'integer', (col) => col.notNull())
        .addColumn('action', 'text', (col) => col.notNull())
        .addColumn('from_status', 'text', (col) => col.notNull())
        .addColumn('to_status', 'text', (col) => col.notNull())
        .addColumn('actor_id', 'integer', (col) => col.notNull().references('app_user.id'))
        .addColumn('actor_name', 'text', (col) => col.notNull())
        .addColumn('comment', 'text')
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('kb_article_event_article_idx').on('kb_article_event').columns(['article_id', 'id']).execute();

      /** Tags of the published version: the tag filter and the suggestion vocabulary. */
      await db.schema
        .createTable('kb_article_tag')
        .addColumn('article_id', 'integer', (col) => col.notNull().references('kb_article.id'))
        .addColumn('tag', 'text', (col) => col.notNull())
        .addPrimaryKeyConstraint('kb_article_tag_pk', ['article_id', 'tag'])
        .execute();
      await db.schema.createIndex('kb_article_tag_tag_idx').on('kb_article_tag').columns(['tag', 'article_id']).execute();

      await db.schema
        .createTable('kb_feedback')
        .addColumn('article_id', 'integer', (col) => col.notNull().references('kb_article.id'))
        .addColumn('user_id', 'integer', (col) => col.notNull().references('app_user.id'))
        .addColumn('version', 'integer', (col) => col.notNull())
        .addColumn('helpful', 'integer', (col) => col.notNull())
        .addColumn('comment', 'text')
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .addPrimaryKeyConstraint('kb_feedback_pk', ['article_id', 'user_id'])
        .execute();

      await db.schema
        .createTable('kb_settings')
        .addColumn('id', 'integer', (col) => col.primaryKey())
        /** JSON array of synonym groups. */
        .addColumn('synonyms', 'text', (col) => col.notNull())
        .addColumn('updated_at', 'bigint', (col) => col.notNull())
        .execute();
      await sql`insert into kb_settings (id, synonyms, updated_at) values (1, ${JSON.stringify(DEFAULT_SYNONYM_GROUPS)}, ${Date.now()})`.execute(db);

      await withIdColumn(db.schema.createTable('announcement'), dialect)
        .addColumn('title', 'text', (col) => col.notNull())
        .addColumn('body_html', 'text', (col) => col.notNull())
        .addColumn('kind', 'text', (col) => col.notNull())
        .addColumn('must_read', 'integer', (col) => col.notNull())
        .addColumn('valid_from', 'bigint', (col) => col.notNull())
        .addColumn('valid_until', 'bigint')
        .addColumn('published_by', 'integer', (col) => col.notNull().references('app_user.id'))
        .addColumn('published_by_name', 'text', (col) => col.notNull())
        .addColumn('published_at', 'bigint', (col) => col.notNull())
        .addColumn('withdrawn_at', 'bigint')
        .execute();
      await db.schema.createIndex('announcement_published_idx').on('announcement').columns(['published_at']).execute();
      await db.schema
        .createTable('announcement_target')
        .addColumn('announcement_id', 'integer', (col) => col.notNull().references('announcement.id'))
        /** `department` (that unit and below) or `role`. */
        .addColumn('target_type', 'text', (col) => col.notNull())
        .addColumn('target_id', 'integer', (col) => col.notNull())
        .addPrimaryKeyConstraint('announcement_target_pk', ['announcement_id', 'target_type', 'target_id'])
        .execute();
      await db.schema
        .createTable('announcement_receipt')
        .addColumn('announcement_id', 'integer', (col) => col.notNull().references('announcement.id'))
        .addColumn('user_id', 'integer', (col) => col.notNull().references('app_user.id'))
        .addColumn('read_at', 'bigint', (col) => col.notNull())
        .addColumn('acknowledged_at', 'bigint')
        .addPrimaryKeyConstraint('announcement_receipt_pk', ['announcement_id', 'user_id'])
        .execute();
      await db.schema.createIndex('announcement_receipt_user_idx').on('announcement_receipt').columns(['user_id', 'announcement_id']).execute();

      await grantToBuiltinRoles(db, { ...KNOWLEDGE_GRANTS, administrator: KNOWLEDGE_PERMISSIONS });
    },
  };
}
