import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/executor.js';
import type { WorkOrderRow } from '../../db/schema.js';
import { COUNT_CAP, reachable, type OrderReach } from './work-orders.repository.js';

export interface BacklogThresholds {
  defaultHours: number;
  /** Per team (department id) thresholds in hours. */
  overrides: ReadonlyArray<readonly [number, number]>;
}

const HOUR = 3_600_000;
/** Orders that wait on someone in the service center; suspended ones wait on the customer. */
const WAITING = ['new', 'accepted', 'in_progress', 'pending_confirmation'];

/** The idle cutoff of each order's team, as SQL: `now - threshold(team)`. */
function cutoff(thresholds: BacklogThresholds, now: number): RawBuilder<number> {
  if (thresholds.overrides.length === 0) return sql<number>`${now - thresholds.defaultHours * HOUR}`;
  // Typed: PostgreSQL reads untyped parameters in a CASE's results as text (bigint < text fails).
  const cases = thresholds.overrides.map(([departmentId, hours]) => sql`when ${departmentId} then cast(${now - hours * HOUR} as bigint)`);
  return sql<number>`(case work_order.department_id ${sql.join(cases, sql` `)} else cast(${now - thresholds.defaultHours * HOUR} as bigint) end)`;
}

function idleOrders(ex: Executor, reach: OrderReach, thresholds: BacklogThresholds, now: number, departmentId: number | undefined) {
  // The shortest threshold bounds the index range scan; each team's own cutoff then applies.
  const shortest = Math.min(thresholds.defaultHours, ...thresholds.overrides.map(([, hours]) => hours));
  let query = ex
    .selectFrom('work_order')
    .where('work_order.unclosed', '=', 1)
    .where('work_order.last_activity_at', '<', now - shortest * HOUR)
    .where('work_order.deleted_at', 'is', null)
    .where('work_order.status', 'in', WAITING)
    .where(sql<boolean>`work_order.last_activity_at < ${cutoff(thresholds, now)}`);
  if (departmentId !== undefined) query = query.where('work_order.department_id', '=', departmentId);
  // The same reach as everywhere else (a step's receiving team sees the order too).
  query = query.where((eb) => reachable(eb, reach));
  return query;
}

/** Backlog (工单滞留, WO-9): open orders idle for longer than their team's threshold. */
export const backlogRepository = {
  async teams(ex: Executor, reach: OrderReach, thresholds: BacklogThresholds, now: number, departmentId: number | undefined) {
    const rows = await idleOrders(ex, reach, thresholds, now, departmentId)
      .select((eb) => ['work_order.department_id', eb.fn.countAll<number>().as('count'), eb.fn.min('work_order.last_activity_at').as('oldest')])
      .groupBy('work_order.department_id')
      .orderBy('count', 'desc')
      .execute();
    return rows.map((row) => ({ department_id: row.department_id, count: Number(row.count), oldest: row.oldest === null ? null : Number(row.oldest) }));
  },

  async orders(
    ex: Executor,
    reach: OrderReach,
    thresholds: BacklogThresholds,
    now: number,
    departmentId: number | undefined,
    limit: number,
    offset: number,
  ): Promise<{ rows: WorkOrderRow[]; total: number }> {
    const base = idleOrders(ex, reach, thresholds, now, departmentId);
    const [rows, counted] = await Promise.all([
      base.selectAll('work_order').orderBy('work_order.last_activity_at', 'asc').orderBy('work_order.id', 'asc').limit(limit).offset(offset).execute(),
      ex
        .selectFrom(base.select('work_order.id').limit(COUNT_CAP + 1).as('capped'))
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(counted.n) };
  },
};
