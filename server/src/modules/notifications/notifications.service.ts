import type { Kysely } from 'kysely';
import type { Notification } from '@kefu/contracts';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { EventBus } from '../../platform/events.js';
import { notificationsRepository } from './notifications.repository.js';
import type { NotificationKind, Notifier } from './notifications.types.js';

export function createNotifier(deps: { db: Kysely<Database>; clock: Clock; bus: EventBus }): Notifier {
  const { clock, bus } = deps;
  return {
    async notify(ex, notifications) {
      if (notifications.length === 0) return [];
      const now = clock.now();
      const rows = await notificationsRepository.insertMany(
        ex,
        notifications.map((notification) => ({
          user_id: notification.userId,
          kind: notification.kind,
          work_order_id: notification.workOrderId,
          actor_id: notification.actorId,
          data: JSON.stringify(notification.data ?? {}),
          created_at: now,
        })),
      );
      return rows.map((row) => ({ id: row.id, userId: row.user_id }));
    },

    announce(created) {
      for (const { id, userId } of created) {
        bus.publish({ event: { type: 'notification', notificationId: id }, audience: { userIds: [userId], departmentIds: [] } });
      }
    },
  };
}

export interface NotificationsService {
  /** The caller's newest notifications and how many of all theirs are unread. */
  list(actor: Actor, limit: number): Promise<{ items: Notification[]; unread: number }>;
  /** Marks the caller's own notifications read: the given ids (others' are ignored), or all. */
  markRead(actor: Actor, ids?: readonly number[]): Promise<void>;
}

export function createNotificationsService(deps: { db: Kysely<Database>; clock: Clock }): NotificationsService {
  const { db, clock } = deps;
  return {
    async list(actor, limit) {
      return db.transaction().execute(async (trx) => {
        const rows = await notificationsRepository.listForUser(trx, actor.userId, limit);
        const unread = await notificationsRepository.unreadCount(trx, actor.userId);
        const items = rows.map(
          (row): Notification => ({
            id: row.id,
            kind: row.kind as NotificationKind,
            workOrder:
              row.work_order_id === null ? null : { id: row.work_order_id, number: row.work_order_number ?? '', title: row.work_order_title ?? '' },
            actor: row.actor_id === null ? null : { id: row.actor_id, name: row.actor_name ?? '' },
            data: JSON.parse(row.data) as Record<string, unknown>,
            createdAt: row.created_at,
            readAt: row.read_at,
          }),
        );
        return { items, unread };
      });
    },

    async markRead(actor, ids) {
      if (ids?.length === 0) return;
      await notificationsRepository.markRead(db, actor.userId, ids, clock.now());
    },
  };
}
