import type { Executor } from '../../db/executor.js';

export const savedViewsRepository = {
  listOwn(ex: Executor, userId: number, scope: string) {
    return ex.selectFrom('saved_view').selectAll().where('user_id', '=', userId).where('scope', '=', scope).orderBy('name').execute();
  },

  findNamed(ex: Executor, userId: number, scope: string, name: string) {
    return ex.selectFrom('saved_view').select('id').where('user_id', '=', userId).where('scope', '=', scope).where('name', '=', name).executeTakeFirst();
  },

  async insert(ex: Executor, row: { user_id: number; scope: string; name: string; query: string; created_at: number }): Promise<number> {
    const { id } = await ex.insertInto('saved_view').values(row).returning('id').executeTakeFirstOrThrow();
    return id;
  },

  findOwn(ex: Executor, userId: number, id: number) {
    return ex.selectFrom('saved_view').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  },

  async deleteOwn(ex: Executor, userId: number, id: number): Promise<boolean> {
    const result = await ex.deleteFrom('saved_view').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  },
};
