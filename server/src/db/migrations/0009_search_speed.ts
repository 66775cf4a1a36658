import { sql, type Kysely, type Migration } from 'kysely';
import type { DbDialect } from '../database.js';
import { documentTokensOfNormalized } from '../../platform/search/tokens.js';

/**
 * Search at a million documents (issue 5), SQLite: the full-text index's rowid says which
 * entity a row belongs to, so the index alone answers "which entities hold this word" —
 * intersecting two words, or streaming the matches of a common one, no longer fetches an
 * entry row per index row.
 *
 * search_entry.id (= the FTS rowid) becomes `type code · 2^46 + entity id · 16 + field slot`:
 * the entity type's code from the new `search_entity_type` (at most 63 types), the entity id
 * below 2^42 and up to 16 fields per entity. Everything stays below 2^53, exact in JavaScript.
 * The existing rows are re-keyed in place and their tokens, which the contentless index does
 * not keep, recomputed from the stored normalised text (about 3 minutes at a million orders).
 *
 * PostgreSQL keeps its table: its GIN index has no rowid to encode.
 */
export const SEARCH_FIELD_SLOTS = 16;
export const SEARCH_ENTITY_ID_LIMIT = 2 ** 42;
export const SEARCH_TYPE_UNIT = SEARCH_FIELD_SLOTS * SEARCH_ENTITY_ID_LIMIT;
export const SEARCH_TYPE_CODE_LIMIT = 64;

const REINDEX_BATCH = 5000;

export function searchSpeedMigration(dialect: DbDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (dialect !== 'sqlite') return;
      // Kysely runs SQLite migrations outside a transaction: this one is all or nothing.
      await db.transaction().execute(async (trx) => {
        await sql`create table search_entity_type (code integer primary key, entity_type text not null unique)`.execute(trx);
        await sql`insert into search_entity_type (entity_type) select distinct entity_type from search_entry order by entity_type`.execute(trx);
        const codes = await sql<{ max: number | null }>`select max(code) as max from search_entity_type`.execute(trx);
        if ((codes.rows[0]?.max ?? 0) >= SEARCH_TYPE_CODE_LIMIT) throw new Error('search: too many entity types to re-key the index');

        await sql`
          create table search_entry_keyed (
            id integer primary key, entity_type text not null, entity_id integer not null, field text not null, content text not null)`.execute(trx);
        await sql`
          insert into search_entry_keyed (id, entity_type, entity_id, field, content)
          select t.code * ${SEARCH_TYPE_UNIT} + e.entity_id * ${SEARCH_FIELD_SLOTS}
                 + (row_number() over (partition by e.entity_type, e.entity_id order by e.field) - 1),
                 e.entity_type, e.entity_id, e.field, e.content
          from search_entry e join search_entity_type t on t.entity_type = e.entity_type
          order by 1`.execute(trx);
        await sql`drop trigger search_entry_unindex`.execute(trx);
        await sql`drop table search_fts`.execute(trx);
        await sql`drop table search_entry`.execute(trx);
        await sql`alter table search_entry_keyed rename to search_entry`.execute(trx);
        await sql`create unique index search_entry_key on search_entry (entity_type, entity_id, field)`.execute(trx);
        // As in 0003_search.
        await sql
          .raw(`CREATE VIRTUAL TABLE search_fts USING fts5(tokens, content='', contentless_delete=1, detail=none, tokenize='ascii')`)
          .execute(trx);
        for (let after = -1; ; ) {
          const batch = await sql<{ id: number; content: string }>`
            select id, content from search_entry where id > ${after} order by id limit ${REINDEX_BATCH}`.execute(trx);
          if (batch.rows.length === 0) break;
          const rows = JSON.stringify(batch.rows.map((row) => [row.id, [...documentTokensOfNormalized(row.content)].join(' ')]));
          await sql`insert into search_fts (rowid, tokens) select value ->> 0, value ->> 1 from json_each(${rows})`.execute(trx);
          after = batch.rows.at(-1)!.id;
        }
        await sql`insert into search_fts (search_fts) values ('optimize')`.execute(trx);
        await sql
          .raw(`CREATE TRIGGER search_entry_unindex AFTER DELETE ON search_entry BEGIN DELETE FROM search_fts WHERE rowid = old.id; END`)
          .execute(trx);
      });
    },
  };
}
