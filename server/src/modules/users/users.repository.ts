import { sql } from 'kysely';
import type { UserListQuery } from '@kefu/contracts';
import type { Executor } from '../../db/executor.js';
import type { NewUserRow, UserRowUpdate } from '../../db/schema.js';
import { UNREACHABLE_PATH } from '../../platform/scope.js';

export interface NewUser {
  username: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  passwordHash: string;
  departmentId: number | null;
  locale: string;
}

export interface UserReach {
  /** Department subtree prefix, or null for the whole organisation. */
  departmentPath: string | null;
  /** When set, only this user is visible (self scope). */
  onlyUserId?: number;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export const usersRepository = {
  async page(ex: Executor, query: UserListQuery, reach: UserReach) {
    let base = ex.selectFrom('app_user').leftJoin('department', 'department.id', 'app_user.department_id');
    if (reach.onlyUserId !== undefined) base = base.where('app_user.id', '=', reach.onlyUserId);
    if (reach.departmentPath !== null) base = base.where('department.path', 'like', `${reach.departmentPath}%`);
    if (query.status) base = base.where('app_user.status', '=', query.status);
    if (query.q) {
      // SQLite has no default LIKE escape and PostgreSQL's LIKE is case-sensitive: say both.
      const pattern = sql<string>`${`%${escapeLike(query.q.toLowerCase())}%`} escape '\\'`;
      base = base.where((eb) =>
        eb.or(
          (['app_user.username', 'app_user.display_name', 'app_user.phone'] as const).map((column) =>
            eb(eb.fn<string>('lower', [column]), 'like', pattern),
          ),
        ),
      );
    }
    if (query.departmentId) {
      const department = await ex.selectFrom('department').select('path').where('id', '=', query.departmentId).executeTakeFirst();
      base = base.where('department.path', 'like', `${department?.path ?? UNREACHABLE_PATH}%`);
    }
    if (query.roleId) {
      const roleId = query.roleId;
      base = base.where((eb) =>
        eb.exists(eb.selectFrom('user_role').select('user_role.user_id').whereRef('user_role.user_id', '=', 'app_user.id').where('user_role.role_id', '=', roleId)),
      );
    }
    const [items, total] = await Promise.all([
      base
        .selectAll('app_user')
        .select(['department.name as department_name', 'department.path as department_path'])
        .orderBy('app_user.id')
        .limit(query.limit)
        .offset(query.offset)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(total.count) };
  },

  findWithDepartment(ex: Executor, id: number) {
    return ex
      .selectFrom('app_user')
      .leftJoin('department', 'department.id', 'app_user.department_id')
      .selectAll('app_user')
      .select(['department.name as department_name', 'department.path as department_path'])
      .where('app_user.id', '=', id)
      .executeTakeFirst();
  },

  findByUsername(ex: Executor, username: string) {
    return ex.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst();
  },

  /** A new, active account with no sign-in history. */
  async insert(ex: Executor, user: NewUser, now: number): Promise<number> {
    const row: NewUserRow = {
      username: user.username,
      display_name: user.displayName,
      email: user.email,
      phone: user.phone,
      password_hash: user.passwordHash,
      department_id: user.departmentId,
      status: 'active',
      locale: user.locale,
      failed_login_count: 0,
      locked_until: null,
      password_changed_at: now,
      last_login_at: null,
      created_at: now,
      updated_at: now,
    };
    const { id } = await ex.insertInto('app_user').values(row).returning('id').executeTakeFirstOrThrow();
    return id;
  },

  update(ex: Executor, id: number, changes: UserRowUpdate) {
    return ex.updateTable('app_user').set(changes).where('id', '=', id).execute();
  },

  async roleIdsOf(ex: Executor, userIds: number[]): Promise<Map<number, number[]>> {
    const byUser = new Map<number, number[]>();
    if (userIds.length === 0) return byUser;
    const rows = await ex.selectFrom('user_role').select(['user_id', 'role_id']).where('user_id', 'in', userIds).orderBy('role_id').execute();
    for (const row of rows) byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row.role_id]);
    return byUser;
  },

  async setRoles(ex: Executor, userId: number, roleIds: readonly number[]) {
    await ex.deleteFrom('user_role').where('user_id', '=', userId).execute();
    if (roleIds.length > 0) await ex.insertInto('user_role').values(roleIds.map((role_id) => ({ user_id: userId, role_id }))).execute();
  },

  /** Active users holding the given role, other than `exceptUserId`. */
  async countActiveHolders(ex: Executor, roleId: number, exceptUserId: number): Promise<number> {
    const row = await ex
      .selectFrom('user_role')
      .innerJoin('app_user', 'app_user.id', 'user_role.user_id')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('user_role.role_id', '=', roleId)
      .where('app_user.status', '=', 'active')
      .where('app_user.id', '!=', exceptUserId)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  },
};
