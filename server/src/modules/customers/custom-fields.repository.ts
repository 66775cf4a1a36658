import type { Executor } from '../../db/executor.js';

export const customFieldsRepository = {
  list(ex: Executor) {
    return ex.selectFrom('customer_field').selectAll().orderBy('sort_order').orderBy('id').execute();
  },

  findByKey(ex: Executor, key: string) {
    return ex.selectFrom('customer_field').select('id').where('key', '=', key).executeTakeFirst();
  },

  findById(ex: Executor, id: number) {
    return ex.selectFrom('customer_field').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async insert(ex: Executor, row: { key: string; label: string; type: string; options: string; sort_order: number; created_at: number }): Promise<number> {
    const { id } = await ex.insertInto('customer_field').values({ ...row, archived_at: null }).returning('id').executeTakeFirstOrThrow();
    return id;
  },

  update(ex: Executor, id: number, changes: { label?: string; options?: string; sort_order?: number; archived_at?: number | null }) {
    return ex.updateTable('customer_field').set(changes).where('id', '=', id).execute();
  },
};
