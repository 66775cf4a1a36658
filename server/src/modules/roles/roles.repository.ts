import type { Executor } from '../../db/executor.js';

export const rolesRepository = {
  listWithUserCounts(ex: Executor) {
    return ex
      .selectFrom('role')
      .leftJoin('user_role', 'user_role.role_id', 'role.id')
      .select((eb) => [
        'role.id',
        'role.code',
        'role.name',
        'role.description',
        'role.builtin',
        'role.data_scope',
        eb.fn.count<number>('user_role.user_id').as('user_count'),
      ])
      .groupBy(['role.id', 'role.code', 'role.name', 'role.description', 'role.builtin', 'role.data_scope'])
      .orderBy('role.builtin', 'desc')
      .orderBy('role.id')
      .execute();
  },

  async permissionsByRole(ex: Executor, roleIds?: number[]): Promise<Map<number, string[]>> {
    let query = ex.selectFrom('role_permission').select(['role_id', 'permission']).orderBy('permission');
    if (roleIds) {
      if (roleIds.length === 0) return new Map();
      query = query.where('role_id', 'in', roleIds);
    }
    const byRole = new Map<number, string[]>();
    for (const row of await query.execute()) {
      const list = byRole.get(row.role_id) ?? [];
      list.push(row.permission);
      byRole.set(row.role_id, list);
    }
    return byRole;
  },

  findById(ex: Executor, id: number) {
    return ex.selectFrom('role').selectAll().where('id', '=', id).executeTakeFirst();
  },

  findByIds(ex: Executor, ids: number[]) {
    return ids.length === 0 ? Promise.resolve([]) : ex.selectFrom('role').selectAll().where('id', 'in', ids).execute();
  },

  findByCode(ex: Executor, code: string) {
    return ex.selectFrom('role').selectAll().where('code', '=', code).executeTakeFirst();
  },

  async insert(ex: Executor, row: { code: string; name: string; description: string; data_scope: string }, now: number) {
    const { id } = await ex
      .insertInto('role')
      .values({ ...row, builtin: 0, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  },

  update(ex: Executor, id: number, changes: { name?: string; description?: string; data_scope?: string }, now: number) {
    return ex.updateTable('role').set({ ...changes, updated_at: now }).where('id', '=', id).execute();
  },

  async replacePermissions(ex: Executor, roleId: number, permissions: readonly string[]) {
    await ex.deleteFrom('role_permission').where('role_id', '=', roleId).execute();
    if (permissions.length > 0) {
      await ex.insertInto('role_permission').values(permissions.map((permission) => ({ role_id: roleId, permission }))).execute();
    }
  },

  async userCount(ex: Executor, roleId: number): Promise<number> {
    const row = await ex
      .selectFrom('user_role')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('role_id', '=', roleId)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  },

  delete(ex: Executor, id: number) {
    return ex.deleteFrom('role').where('id', '=', id).execute();
  },
};
