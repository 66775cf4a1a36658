import { sql, type ExpressionBuilder, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/executor.js';
import type { Database, WorkOrderRow } from '../../db/schema.js';
import { COUNT_CAP, type OrderReach } from './work-orders.repository.js';

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
  const cases = thresholds.overrides.map(([departmentId, hours]) => sql`when ${departmentId} then ${now - hours * HOUR}`);
  return sql<number>`(case work_order.department_id ${sql.join(cases, sql` `)} else ${now - thresholds.defaultHours * HOUR} end)`;
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
  if (!reach.everything) {
    const departments = reach.departmentIds.length > 0 ? [...reach.departmentIds] : [-1];
    query = query.where((eb: ExpressionBuilder<Database, 'work_order'>) =>
      eb.or([
        eb('work_order.owner_id', '=', reach.userId),
        eb('work_order.handler_id', '=', reach.userId),
        eb('work_order.department_id', 'in', departments),
        eb('work_order.owner_department_id', 'in', departments),
      ]),
    );
  }
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
