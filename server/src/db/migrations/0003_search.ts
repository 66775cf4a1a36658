import { sql, type Kysely, type Migration } from 'kysely';
import type { DbDialect } from '../database.js';

/**
 * Full-text search (platform/search): one row per searchable field of an entity, holding the
 * normalised text that every candidate is verified against, and an index of its tokens
 * (platform/search/tokens.ts).
 *
 * SQLite: the rows live in an ordinary table (its unique key finds an entity's rows when it
 * is re-indexed or removed) and the tokens in a contentless FTS5 table sharing the rowid, so
 * the token text is not stored a second time. `detail=none` keeps only which rows hold a
 * token — no positions, since queries are ANDs of single tokens. The `ascii` tokenizer keeps
 * every non-ASCII character as a token character and splits only on ASCII punctuation and
 * space, so each space-separated token (`宽带`, `m卡`, `1380`) is indexed exactly as written.
 * (contentless_delete needs SQLite 3.43; better-sqlite3 bundles its own, newer SQLite.)
 *
 * PostgreSQL: the tokens are a text[] column under a GIN index (default fastupdate: new
 * rows wait in a pending list that (auto)vacuum merges).
 */
export function searchMigration(dialect: DbDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (dialect === 'sqlite') {
        await db.schema
          .createTable('search_entry')
          .addColumn('id', 'integer', (col) => col.primaryKey())
          .addColumn('entity_type', 'text', (col) => col.notNull())
          .addColumn('entity_id', 'integer', (col) => col.notNull())
          .addColumn('field', 'text', (col) => col.notNull())
          .addColumn('content', 'text', (col) => col.notNull())
          .execute();
        await db.schema
          .createIndex('search_entry_key')
          .on('search_entry')
          .columns(['entity_type', 'entity_id', 'field'])
          .unique()
          .execute();
        await sql
          .raw(
            `CREATE VIRTUAL TABLE search_fts USING fts5(
               tokens, content='', contentless_delete=1, detail=none, tokenize='ascii')`,
          )
          .execute(db);
        await sql
          .raw(
            `CREATE TRIGGER search_entry_unindex AFTER DELETE ON search_entry
             BEGIN DELETE FROM search_fts WHERE rowid = old.id; END`,
          )
          .execute(db);
        return;
      }
      await db.schema
        .createTable('search_entry')
        .addColumn('entity_type', 'text', (col) => col.notNull())
        .addColumn('entity_id', 'integer', (col) => col.notNull())
        .addColumn('field', 'text', (col) => col.notNull())
        .addColumn('content', 'text', (col) => col.notNull())
        .addColumn('tokens', sql`text[]`, (col) => col.notNull())
        .addPrimaryKeyConstraint('search_entry_pk', ['entity_type', 'entity_id', 'field'])
        .execute();
      await db.schema.createIndex('search_entry_tokens_idx').on('search_entry').using('gin').column('tokens').execute();
    },
  };
}
