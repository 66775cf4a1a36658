import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../database.js';
import { migrateToLatest, migrateUpTo } from '../migrate.js';
import { normalizeForSearch } from '../../platform/search/normalize.js';
import { searchRepository } from '../../platform/search/search.repository.js';
import { documentTokensOfNormalized } from '../../platform/search/tokens.js';
import { SEARCH_FIELD_SLOTS, SEARCH_TYPE_UNIT } from './0009_search_speed.js';

// The migration changes only SQLite's layout (PostgreSQL's search table is left as it is), so
// this test opens its own in-memory SQLite database whichever database the suite runs on.
describe('migration 0009_search_speed (SQLite layout, on its own in-memory database)', () => {
  it('re-keys the entries written by 0003_search by entity and keeps every one of them searchable', async () => {
    const db = openDatabase('sqlite::memory:');
    await migrateUpTo(db, '0006_work_orders');
    // As 0003's layout wrote them: ids in insertion order, an entity's rows apart, tokens only in the index.
    const old: Array<[string, number, string, string]> = [
      ['work_order', 7, 'title', '宽带断线'],
      ['customer', 3, 'name', '王师傅'],
      ['work_order', 8, 'title', '光猫红灯'],
      ['work_order', 7, 'replies', '已更换光猫，宽带恢复'],
      ['work_order', 8, 'description', '宽带 HG8245H 光猫'],
    ];
    for (const [entityType, entityId, field, text] of old) {
      const content = normalizeForSearch(text);
      const inserted = await sql<{ id: number }>`
        insert into search_entry (entity_type, entity_id, field, content) values (${entityType}, ${entityId}, ${field}, ${content}) returning id`.execute(db.kysely);
      await sql`insert into search_fts (rowid, tokens) values (${inserted.rows[0]!.id}, ${[...documentTokensOfNormalized(content)].join(' ')})`.execute(db.kysely);
    }
    await migrateToLatest(db);

    const types = await sql<{ code: number; entity_type: string }>`select code, entity_type from search_entity_type order by code`.execute(db.kysely);
    expect(types.rows).toEqual([{ code: 1, entity_type: 'customer' }, { code: 2, entity_type: 'work_order' }]);
    const entries = await sql<{ id: number; entity_type: string; entity_id: number }>`select id, entity_type, entity_id from search_entry order by id`.execute(db.kysely);
    for (const entry of entries.rows) {
      const code = types.rows.find((type) => type.entity_type === entry.entity_type)!.code;
      expect(Math.floor(entry.id / SEARCH_TYPE_UNIT)).toBe(code);
      expect(Math.floor((entry.id % SEARCH_TYPE_UNIT) / SEARCH_FIELD_SLOTS)).toBe(entry.entity_id);
    }
    expect(entries.rows).toHaveLength(old.length);

    const ids = async (query: string, entityType = 'work_order') =>
      (await searchRepository.search(db.kysely, db.dialect, { entityType, query, limit: 10 })).items.map((hit) => hit.entityId);
    expect(await ids('宽带')).toEqual([7, 8]);
    expect(await ids('光猫 断线')).toEqual([7]);
    expect(await ids('hg8245h')).toEqual([8]);
    expect(await ids('王师傅', 'customer')).toEqual([3]);
    expect(await ids('王师傅')).toEqual([]);
    // Writing goes on in the new layout: re-indexing replaces, removing removes, a new type gets a code.
    await searchRepository.upsert(db.kysely, db.dialect, { entityType: 'work_order', entityId: 7, fields: { title: '话费查询' } });
    await searchRepository.upsert(db.kysely, db.dialect, { entityType: 'article', entityId: 7, fields: { title: '宽带断线怎么办' } });
    await searchRepository.remove(db.kysely, db.dialect, 'work_order', 8);
    expect(await ids('宽带')).toEqual([]);
    expect(await ids('话费')).toEqual([7]);
    expect(await ids('宽带', 'article')).toEqual([7]);
    const indexed = await sql<{ count: number }>`select count(*) as count from search_fts where search_fts match '"宽带"'`.execute(db.kysely);
    expect(Number(indexed.rows[0]!.count)).toBe(1);
    await db.close();
  });
});
