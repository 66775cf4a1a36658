import { sql } from 'kysely';
import type { Executor } from '../../db/executor.js';

export const departmentsRepository = {
  /** Departments (optionally only a subtree) with their direct member counts. */
  listWithMemberCounts(ex: Executor, subtreePath: string | null) {
    let query = ex
      .selectFrom('department')
      .leftJoin('app_user', 'app_user.department_id', 'department.id')
      .select((eb) => [
        'department.id',
        'department.parent_id',
        'department.name',
        'department.kind',
        'department.sort_order',
        'department.path',
        eb.fn.count<number>('app_user.id').as('member_count'),
      ])
      .groupBy(['department.id', 'department.parent_id', 'department.name', 'department.kind', 'department.sort_order', 'department.path']);
    if (subtreePath) query = query.where('department.path', 'like', `${subtreePath}%`);
    return query.orderBy('department.sort_order').orderBy('department.id').execute();
  },

  findById(ex: Executor, id: number) {
    return ex.selectFrom('department').selectAll().where('id', '=', id).executeTakeFirst();
  },

  siblingNamed(ex: Executor, parentId: number | null, name: string, exceptId?: number) {
    let query = ex.selectFrom('department').select('id').where('name', '=', name);
    query = parentId === null ? query.where('parent_id', 'is', null) : query.where('parent_id', '=', parentId);
    if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
    return query.executeTakeFirst();
  },

  async insert(ex: Executor, row: { parent_id: number | null; name: string; kind: string; sort_order: number; parentPath: string }, now: number) {
    const { parentPath, ...values } = row;
    const { id } = await ex
      .insertInto('department')
      .values({ ...values, path: '', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const path = `${parentPath}${id}/`;
    await ex.updateTable('department').set({ path }).where('id', '=', id).execute();
    return { id, path };
  },

  update(ex: Executor, id: number, changes: { name?: string; kind?: string; sort_order?: number; parent_id?: number | null }, now: number) {
    return ex.updateTable('department').set({ ...changes, updated_at: now }).where('id', '=', id).execute();
  },

  /** Re-roots a whole subtree in one statement: every path starting with oldPrefix now starts with newPrefix. */
  movePaths(ex: Executor, oldPrefix: string, newPrefix: string) {
    return ex
      .updateTable('department')
      .set({ path: sql<string>`${newPrefix} || substr(path, ${oldPrefix.length + 1})` })
      .where('path', 'like', `${oldPrefix}%`)
      .execute();
  },

  async hasChildren(ex: Executor, id: number) {
    return Boolean(await ex.selectFrom('department').select('id').where('parent_id', '=', id).executeTakeFirst());
  },

  async hasMembers(ex: Executor, id: number) {
    return Boolean(await ex.selectFrom('app_user').select('id').where('department_id', '=', id).executeTakeFirst());
  },

  delete(ex: Executor, id: number) {
    return ex.deleteFrom('department').where('id', '=', id).execute();
  },
};
