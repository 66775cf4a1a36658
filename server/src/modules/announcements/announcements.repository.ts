import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../db/executor.js';
import type { Database } from '../../db/schema.js';
import type { AnnouncementRow } from '../../db/schema-knowledge.js';

/** Who an announcement is for: this user's department path and role ids. */
export interface Addressee {
  userId: number;
  departmentPath: string | null;
  roleIds: readonly number[];
}

/**
 * Whether the announcement (alias `a`) addresses the user: no targets means everyone; a
 * department target reaches that unit and everything below it; a role target its holders.
 */
function addresses(eb: ExpressionBuilder<Database & { a: Database['announcement'] }, 'a'>, who: Addressee): Expression<SqlBool> {
  const targets = () => eb.selectFrom('announcement_target as t').select('t.announcement_id').whereRef('t.announcement_id', '=', 'a.id');
  const branches: Expression<SqlBool>[] = [eb.not(eb.exists(targets()))];
  if (who.roleIds.length > 0) branches.push(eb.exists(targets().where('t.target_type', '=', 'role').where('t.target_id', 'in', [...who.roleIds])));
  if (who.departmentPath !== null) {
    branches.push(
      eb.exists(
        targets()
          .innerJoin('department as d', 'd.id', 't.target_id')
          .where('t.target_type', '=', 'department')
          .where(sql<SqlBool>`cast(${who.departmentPath} as text) like d.path || '%'`),
      ),
    );
  }
  return eb.or(branches);
}

export interface AnnouncementWithReceipt extends AnnouncementRow {
  read_at: number | null;
  acknowledged_at: number | null;
}

export const announcementsRepository = {
  async roleIdsOf(ex: Executor, userId: number): Promise<number[]> {
    const rows = await ex.selectFrom('user_role').select('role_id').where('user_id', '=', userId).execute();
    return rows.map((row) => Number(row.role_id));
  },

  async insert(ex: Executor, values: Omit<AnnouncementRow, 'id'>): Promise<number> {
    const row = await ex.insertInto('announcement').values(values).returning('id').executeTakeFirstOrThrow();
    return Number(row.id);
  },
  async addTargets(ex: Executor, announcementId: number, targets: ReadonlyArray<{ type: 'department' | 'role'; id: number }>): Promise<void> {
    if (targets.length === 0) return;
    await ex
      .insertInto('announcement_target')
      .values(targets.map((target) => ({ announcement_id: announcementId, target_type: target.type, target_id: target.id })))
      .execute();
  },
  async targetsOf(ex: Executor, ids: readonly number[]): Promise<Map<number, { departmentIds: number[]; roleIds: number[] }>> {
    const result = new Map<number, { departmentIds: number[]; roleIds: number[] }>(ids.map((id) => [id, { departmentIds: [], roleIds: [] }]));
    if (ids.length === 0) return result;
    const rows = await ex.selectFrom('announcement_target').selectAll().where('announcement_id', 'in', [...ids]).execute();
    for (const row of rows) {
      const entry = result.get(Number(row.announcement_id))!;
      (row.target_type === 'role' ? entry.roleIds : entry.departmentIds).push(Number(row.target_id));
    }
    return result;
  },
  find(ex: Executor, id: number): Promise<AnnouncementRow | undefined> {
    return ex.selectFrom('announcement').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async withdraw(ex: Executor, id: number, at: number): Promise<void> {
    await ex.updateTable('announcement').set({ withdrawn_at: at }).where('id', '=', id).execute();
  },

  /** Current announcements addressed to the user, newest first, with their receipt. */
  async addressedTo(ex: Executor, who: Addressee, now: number, options: { mustReadUnacknowledged?: boolean; id?: number; limit: number; offset: number }) {
    let query = ex
      .selectFrom('announcement as a')
      .leftJoin('announcement_receipt as r', (join) => join.onRef('r.announcement_id', '=', 'a.id').on('r.user_id', '=', who.userId))
      .selectAll('a')
      .select(['r.read_at', 'r.acknowledged_at'])
      .where('a.withdrawn_at', 'is', null)
      .where('a.valid_from', '<=', now)
      .where((eb) => eb.or([eb('a.valid_until', 'is', null), eb('a.valid_until', '>', now)]))
      .where((eb) => addresses(eb, who));
    if (options.id !== undefined) query = query.where('a.id', '=', options.id);
    if (options.mustReadUnacknowledged) query = query.where('a.must_read', '=', 1).where('r.acknowledged_at', 'is', null);
    const rows = await query.orderBy('a.published_at', 'desc').orderBy('a.id', 'desc').limit(options.limit).offset(options.offset).execute();
    return rows as AnnouncementWithReceipt[];
  },
  async countAddressedTo(ex: Executor, who: Addressee, now: number): Promise<number> {
    const row = await ex
      .selectFrom('announcement as a')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('a.withdrawn_at', 'is', null)
      .where('a.valid_from', '<=', now)
      .where((eb) => eb.or([eb('a.valid_until', 'is', null), eb('a.valid_until', '>', now)]))
      .where((eb) => addresses(eb, who))
      .executeTakeFirst();
    return Number(row?.count ?? 0);
  },

  async all(ex: Executor, limit: number, offset: number) {
    const [rows, counted] = await Promise.all([
      ex.selectFrom('announcement').selectAll().orderBy('published_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(),
      ex.selectFrom('announcement').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirst(),
    ]);
    return { rows, total: Number(counted?.count ?? 0) };
  },

  async receiptOf(ex: Executor, announcementId: number, userId: number) {
    return ex.selectFrom('announcement_receipt').selectAll().where('announcement_id', '=', announcementId).where('user_id', '=', userId).executeTakeFirst();
  },
  async markRead(ex: Executor, announcementId: number, userId: number, at: number): Promise<void> {
    await ex
      .insertInto('announcement_receipt')
      .values({ announcement_id: announcementId, user_id: userId, read_at: at, acknowledged_at: null })
      .onConflict((oc) => oc.columns(['announcement_id', 'user_id']).doNothing())
      .execute();
  },
  async acknowledge(ex: Executor, announcementId: number, userId: number, at: number): Promise<void> {
    await announcementsRepository.markRead(ex, announcementId, userId, at);
    await ex
      .updateTable('announcement_receipt')
      .set({ acknowledged_at: at })
      .where('announcement_id', '=', announcementId)
      .where('user_id', '=', userId)
      .where('acknowledged_at', 'is', null)
      .execute();
  },

  /**
   * Active users the announcement addresses, within a department subtree (null: everyone),
   * with their receipt: the leader's "who has not read" list, unread first.
   */
  async recipients(ex: Executor, announcementId: number, reachPath: string | null) {
    const targets = await announcementsRepository.targetsOf(ex, [announcementId]);
    const { departmentIds, roleIds } = targets.get(announcementId)!;
    let query = ex
      .selectFrom('app_user as u')
      .leftJoin('department as ud', 'ud.id', 'u.department_id')
      .leftJoin('announcement_receipt as r', (join) => join.onRef('r.user_id', '=', 'u.id').on('r.announcement_id', '=', announcementId))
      .select(['u.id', 'u.display_name', 'u.username', 'ud.name as department_name', 'r.read_at', 'r.acknowledged_at'])
      .where('u.status', '=', 'active');
    if (departmentIds.length > 0 || roleIds.length > 0) {
      query = query.where((eb) => {
        const branches: Expression<SqlBool>[] = [];
        if (roleIds.length > 0) {
          branches.push(eb.exists(eb.selectFrom('user_role as ur').select('ur.user_id').whereRef('ur.user_id', '=', 'u.id').where('ur.role_id', 'in', roleIds)));
        }
        if (departmentIds.length > 0) {
          branches.push(
            eb.exists(eb.selectFrom('department as td').select('td.id').where('td.id', 'in', departmentIds).where(sql<SqlBool>`ud.path like td.path || '%'`)),
          );
        }
        return eb.or(branches);
      });
    }
    if (reachPath !== null) query = query.where('ud.path', 'like', `${reachPath}%`);
    return query
      .orderBy(sql`case when r.acknowledged_at is null then 0 else 1 end`)
      .orderBy('ud.name')
      .orderBy('u.display_name')
      .limit(2000)
      .execute();
  },
};
