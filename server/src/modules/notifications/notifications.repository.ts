import type { Executor } from '../../db/executor.js';

export interface NewNotificationRow {
  user_id: number;
  kind: string;
  work_order_id: number | null;
  actor_id: number | null;
  data: string;
  created_at: number;
}

export const notificationsRepository = {
  insertMany(ex: Executor, rows: readonly NewNotificationRow[]) {
    return ex
      .insertInto('notification')
      .values(rows.map((row) => ({ ...row, read_at: null })))
      .returning(['id', 'user_id'])
      .execute();
  },

  /** A user's newest notifications with the order and the acting user they name. */
  listForUser(ex: Executor, userId: number, limit: number) {
    return ex
      .selectFrom('notification')
      .leftJoin('work_order', 'work_order.id', 'notification.work_order_id')
      .leftJoin('app_user', 'app_user.id', 'notification.actor_id')
      .select([
        'notification.id',
        'notification.kind',
        'notification.data',
        'notification.created_at',
        'notification.read_at',
        'work_order.id as work_order_id',
        'work_order.number as work_order_number',
        'work_order.title as work_order_title',
        'app_user.id as actor_id',
        'app_user.display_name as actor_name',
      ])
      .where('notification.user_id', '=', userId)
      .orderBy('notification.id', 'desc')
      .limit(limit)
      .execute();
  },

  async unreadCount(ex: Executor, userId: number): Promise<number> {
    const row = await ex
      .selectFrom('notification')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  },

  /** Marks the user's own unread rows read: the listed ones, or all of them. */
  markRead(ex: Executor, userId: number, ids: readonly number[] | undefined, now: number) {
    let query = ex.updateTable('notification').set({ read_at: now }).where('user_id', '=', userId).where('read_at', 'is', null);
    if (ids) query = query.where('id', 'in', ids);
    return query.execute();
  },
};
