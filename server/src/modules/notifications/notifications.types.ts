import type { NOTIFICATION_KINDS } from '@kefu/contracts';
import type { Executor } from '../../db/executor.js';

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface NewNotification {
  userId: number;
  kind: NotificationKind;
  workOrderId: number | null;
  actorId: number | null;
  data?: Record<string, unknown>;
}

/**
 * In-app notifications. Other modules call `notify` inside their own transaction (the rows
 * commit or roll back with the change); it returns the rows' ids so the caller can announce
 * them live once committed (`announce`).
 */
export interface Notifier {
  notify(ex: Executor, notifications: readonly NewNotification[]): Promise<Array<{ id: number; userId: number }>>;
  /** After commit: tells each recipient's open tabs (SSE) that a notification arrived. */
  announce(created: ReadonlyArray<{ id: number; userId: number }>): void;
}
