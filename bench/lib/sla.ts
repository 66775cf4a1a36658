import type { SlaFigures } from '@kefu/contracts';
import type { Db } from '../../server/src/db/database.js';
import { createAuditService } from '../../server/src/modules/audit/audit.service.js';
import { createNotifier } from '../../server/src/modules/notifications/notifications.service.js';
import { createOrderClocks } from '../../server/src/modules/sla/order-clocks.js';
import { createSlaConfigService } from '../../server/src/modules/sla/sla-config.service.js';
import { createLocalEventBus } from '../../server/src/platform/events.js';
import { round } from './stats.js';

export interface SweepFigures {
  /** Clocks due at the sweep's moment (their `next_check_at` has passed). */
  due: number;
  claimed: number;
  notifications: number;
  seconds: number;
}

/**
 * The SLA sweep as a node runs it, against the benchmark database at a fixed moment (`at`),
 * in this process — it is background work, not an HTTP request. The rows it changes are put
 * back afterwards (and what it added removed), so a re-run with `--reuse` measures the same work.
 */
export async function measureSweep(db: Db, at: number): Promise<SweepFigures> {
  const kysely = db.kysely;
  const clock = { now: () => at };
  const audit = createAuditService({ db: kysely, dialect: db.dialect, clock });
  const config = createSlaConfigService({ db: kysely, clock, audit });
  const bus = createLocalEventBus();
  const clocks = createOrderClocks({ db: kysely, dialect: db.dialect, clock, config, notifier: createNotifier({ db: kysely, clock, bus }), bus });

  const before = await kysely.selectFrom('work_order_sla').selectAll().where('next_check_at', '<=', at).execute();
  const marks = await Promise.all(
    (['notification', 'work_order_event', 'work_order_escalation'] as const).map(async (table) => {
      const row = await kysely.selectFrom(table).select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
      return [table, Number(row?.id ?? 0)] as const;
    }),
  );
  const started = performance.now();
  let claimed = 0;
  let notifications = 0;
  for (;;) {
    const pass = await clocks.sweep(500);
    claimed += pass.claimed;
    notifications += pass.notifications;
    if (pass.claimed === 0) break;
  }
  const seconds = round((performance.now() - started) / 1000, 3);

  await kysely.transaction().execute(async (trx) => {
    for (const [table, id] of marks) await trx.deleteFrom(table).where('id', '>', id).execute();
    for (const row of before) {
      const { order_id: orderId, ...columns } = row;
      await trx.updateTable('work_order_sla').set(columns).where('order_id', '=', orderId).execute();
    }
  });
  return { due: before.length, claimed, notifications, seconds };
}

export interface FiguresCheck {
  equal: boolean;
  differences: string[];
}

/**
 * The 30-day figures recounted by brute force from the raw clock rows, written independently
 * of the product's figures service (the bench's policies count resolution in calendar time and
 * generate no pauses, so a resolution time is done − start).
 */
export async function recountFigures(db: Db, from: number, to: number, decidedAt: number, served: SlaFigures): Promise<FiguresCheck> {
  const rows = await db.kysely
    .selectFrom('work_order')
    .innerJoin('work_order_sla', 'work_order_sla.order_id', 'work_order.id')
    .select([
      'work_order.category_id',
      'work_order_sla.response_due_at',
      'work_order_sla.response_done_at',
      'work_order_sla.resolution_started_at',
      'work_order_sla.resolution_due_at',
      'work_order_sla.resolution_done_at',
      'work_order_sla.postpone_count',
    ])
    .where('work_order.created_at', '>=', from)
    .where('work_order.created_at', '<', to)
    .where('work_order.deleted_at', 'is', null)
    .where('work_order.status', '!=', 'cancelled')
    .execute();
  const tally = new Map<number, { responseMeasured: number; responseMet: number; resolutionMeasured: number; resolutionMet: number; resolved: number; minutes: number; max: number; postponed: number }>();
  for (const row of rows) {
    const entry = tally.get(row.category_id) ?? { responseMeasured: 0, responseMet: 0, resolutionMeasured: 0, resolutionMet: 0, resolved: 0, minutes: 0, max: 0, postponed: 0 };
    tally.set(row.category_id, entry);
    if (row.response_done_at !== null || decidedAt >= row.response_due_at!) entry.responseMeasured += 1;
    if (row.response_done_at !== null && row.response_done_at <= row.response_due_at!) entry.responseMet += 1;
    if (row.resolution_done_at !== null || decidedAt >= row.resolution_due_at!) entry.resolutionMeasured += 1;
    if (row.resolution_done_at !== null && row.resolution_done_at <= row.resolution_due_at!) entry.resolutionMet += 1;
    if (row.resolution_done_at !== null) {
      const minutes = Math.max(0, row.resolution_done_at - row.resolution_started_at!) / 60_000;
      entry.resolved += 1;
      entry.minutes += minutes;
      entry.max = Math.max(entry.max, Math.round(minutes));
    }
    if (row.postpone_count > 0) entry.postponed += 1;
  }
  const differences: string[] = [];
  for (const row of served.byCategory) {
    const expected = tally.get(row.category!.id);
    if (!expected) {
      if (row.resolutionMeasured + row.responseMeasured > 0) differences.push(`${row.category!.name}: served but not recounted`);
      continue;
    }
    const compare = (name: string, servedValue: number | null, recounted: number | null) => {
      if (servedValue === recounted) return;
      if (servedValue !== null && recounted !== null && Math.abs(servedValue - recounted) < 1e-6) return;
      differences.push(`${row.category!.name} ${name}: served ${servedValue}, recounted ${recounted}`);
    };
    compare('responseMeasured', row.responseMeasured, expected.responseMeasured);
    compare('responseMet', row.responseMet, expected.responseMet);
    compare('resolutionMeasured', row.resolutionMeasured, expected.resolutionMeasured);
    compare('resolutionMet', row.resolutionMet, expected.resolutionMet);
    compare('averageResolutionMinutes', row.averageResolutionMinutes, expected.resolved === 0 ? null : expected.minutes / expected.resolved);
    compare('maxResolutionMinutes', row.maxResolutionMinutes, expected.resolved === 0 ? null : expected.max);
    compare('postponed', row.postponed, expected.postponed);
    tally.delete(row.category!.id);
  }
  for (const [categoryId] of tally) differences.push(`category ${categoryId}: recounted but not served`);
  return { equal: differences.length === 0, differences };
}
