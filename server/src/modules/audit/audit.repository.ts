import { sql } from 'kysely';
import type { AuditQuery } from '@kefu/contracts';
import type { Executor } from '../../db/executor.js';
import type { AuditLogRow } from '../../db/schema.js';

export type NewAuditRow = Omit<AuditLogRow, 'id'>;

export const auditRepository = {
  /**
   * Reads the chain head for update. On PostgreSQL the row lock serialises appenders
   * across nodes; on SQLite the write transaction already does.
   */
  async lockHead(ex: Executor, dialect: 'sqlite' | 'postgres') {
    const query = ex.selectFrom('audit_chain_head').select(['last_id', 'last_hash']).where('id', '=', 1);
    return (dialect === 'postgres' ? query.forUpdate() : query).executeTakeFirstOrThrow();
  },

  async append(ex: Executor, row: NewAuditRow): Promise<number> {
    const { id } = await ex.insertInto('audit_log').values(row).returning('id').executeTakeFirstOrThrow();
    await ex.updateTable('audit_chain_head').set({ last_id: id, last_hash: row.hash }).where('id', '=', 1).execute();
    return id;
  },

  async page(ex: Executor, query: AuditQuery) {
    let base = ex.selectFrom('audit_log');
    if (query.action) base = base.where('action', '=', query.action);
    if (query.outcome) base = base.where('outcome', '=', query.outcome);
    if (query.actorId) base = base.where('actor_id', '=', query.actorId);
    if (query.from !== undefined) base = base.where('at', '>=', query.from);
    if (query.to !== undefined) base = base.where('at', '<', query.to);
    if (query.q) {
      const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      base = base.where((eb) =>
        eb.or([
          eb(sql`actor_name`, 'like', sql`${pattern} escape '\\'`),
          eb(sql`target_id`, 'like', sql`${pattern} escape '\\'`),
          eb(sql`details`, 'like', sql`${pattern} escape '\\'`),
        ]),
      );
    }
    const [items, total] = await Promise.all([
      base.selectAll().orderBy('id', 'desc').limit(query.limit).offset(query.offset).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(total.count) };
  },

  /** Streams the whole chain in order, in batches, for verification. */
  async *inOrder(ex: Executor, batchSize = 1000): AsyncGenerator<AuditLogRow[]> {
    let afterId = 0;
    for (;;) {
      const batch = await ex.selectFrom('audit_log').selectAll().where('id', '>', afterId).orderBy('id').limit(batchSize).execute();
      if (batch.length === 0) return;
      yield batch;
      afterId = batch[batch.length - 1]!.id;
    }
  },

  head(ex: Executor) {
    return ex.selectFrom('audit_chain_head').select(['last_id', 'last_hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  },
};
