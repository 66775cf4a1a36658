import type { Executor } from '../../db/executor.js';

/** What the auth layer needs to know about a user: roles, permissions, reach. */
export const identityRepository = {
  findUserByUsername(ex: Executor, username: string) {
    return ex.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
  },

  findUserById(ex: Executor, id: number) {
    return ex.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
  },

  rolesOfUser(ex: Executor, userId: number) {
    return ex
      .selectFrom('user_role')
      .innerJoin('role', 'role.id', 'user_role.role_id')
      .select(['role.id', 'role.code', 'role.name', 'role.builtin', 'role.data_scope'])
      .where('user_role.user_id', '=', userId)
      .orderBy('role.id')
      .execute();
  },

  async permissionsOfUser(ex: Executor, userId: number): Promise<string[]> {
    const rows = await ex
      .selectFrom('user_role')
      .innerJoin('role_permission', 'role_permission.role_id', 'user_role.role_id')
      .select('role_permission.permission')
      .distinct()
      .where('user_role.user_id', '=', userId)
      .execute();
    return rows.map((row) => row.permission);
  },

  departmentOf(ex: Executor, departmentId: number) {
    return ex.selectFrom('department').select(['id', 'name', 'path']).where('id', '=', departmentId).executeTakeFirst();
  },

  /** Atomic, so concurrent wrong guesses cannot overwrite each other's count. */
  async incrementFailedLogins(ex: Executor, userId: number): Promise<number> {
    const row = await ex
      .updateTable('app_user')
      .set((eb) => ({ failed_login_count: eb('failed_login_count', '+', 1) }))
      .where('id', '=', userId)
      .returning('failed_login_count')
      .executeTakeFirstOrThrow();
    return row.failed_login_count;
  },

  lock(ex: Executor, userId: number, lockedUntil: number, now: number) {
    return ex
      .updateTable('app_user')
      .set({ failed_login_count: 0, locked_until: lockedUntil, updated_at: now })
      .where('id', '=', userId)
      .execute();
  },

  recordSuccessfulLogin(ex: Executor, userId: number, now: number) {
    return ex
      .updateTable('app_user')
      .set({ failed_login_count: 0, locked_until: null, last_login_at: now })
      .where('id', '=', userId)
      .execute();
  },

  updatePassword(ex: Executor, userId: number, passwordHash: string, now: number) {
    return ex
      .updateTable('app_user')
      .set({ password_hash: passwordHash, password_changed_at: now, updated_at: now, failed_login_count: 0, locked_until: null })
      .where('id', '=', userId)
      .execute();
  },

  updateProfile(ex: Executor, userId: number, changes: { locale?: string; display_name?: string }, now: number) {
    return ex.updateTable('app_user').set({ ...changes, updated_at: now }).where('id', '=', userId).execute();
  },
};

export const sessionRepository = {
  insert(
    ex: Executor,
    row: {
      public_id: string;
      token_hash: string;
      user_id: number;
      csrf_token: string;
      created_at: number;
      last_seen_at: number;
      expires_at: number;
      ip: string | null;
      user_agent: string | null;
    },
  ) {
    return ex.insertInto('session').values(row).returning('id').executeTakeFirstOrThrow();
  },

  findLiveByTokenHash(ex: Executor, tokenHash: string) {
    return ex.selectFrom('session').selectAll().where('token_hash', '=', tokenHash).where('revoked_at', 'is', null).executeTakeFirst();
  },

  touch(ex: Executor, id: number, now: number) {
    return ex.updateTable('session').set({ last_seen_at: now }).where('id', '=', id).execute();
  },

  listLiveForUser(ex: Executor, userId: number, now: number) {
    return ex
      .selectFrom('session')
      .selectAll()
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .orderBy('last_seen_at', 'desc')
      .execute();
  },

  revoke(ex: Executor, id: number, now: number) {
    return ex.updateTable('session').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).execute();
  },

  revokeByPublicId(ex: Executor, userId: number, publicId: string, now: number) {
    return ex
      .updateTable('session')
      .set({ revoked_at: now })
      .where('user_id', '=', userId)
      .where('public_id', '=', publicId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
  },

  revokeAllForUser(ex: Executor, userId: number, now: number, exceptId?: number) {
    let query = ex.updateTable('session').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null);
    if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
    return query.execute();
  },
};

export const apiTokenLookupRepository = {
  findLiveByHash(ex: Executor, tokenHash: string) {
    return ex.selectFrom('api_token').selectAll().where('token_hash', '=', tokenHash).where('revoked_at', 'is', null).executeTakeFirst();
  },
  touch(ex: Executor, id: number, now: number) {
    return ex.updateTable('api_token').set({ last_used_at: now }).where('id', '=', id).execute();
  },
};
