import type { DbDialect } from '../../db/database.js';
import type { Executor } from '../../db/executor.js';
import type { Database, SlaCalendarRow, SlaPolicyRow, WorkOrderEscalationRow, WorkOrderPostponementRow, WorkOrderSlaRow } from '../../db/schema.js';
import type { Insertable, Updateable } from 'kysely';
import { reachable, type OrderReach } from '../work-orders/work-orders.repository.js';

/** All SQL of the SLA module: calendars, policies, order clocks, postponements and escalations. */
export const slaRepository = {
  // ---- calendars ----
  async calendars(ex: Executor): Promise<SlaCalendarRow[]> {
    return ex.selectFrom('sla_calendar').selectAll().orderBy('id').execute();
  },
  async calendar(ex: Executor, id: number): Promise<SlaCalendarRow | undefined> {
    return ex.selectFrom('sla_calendar').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async defaultCalendar(ex: Executor): Promise<SlaCalendarRow | undefined> {
    return ex.selectFrom('sla_calendar').selectAll().where('is_default', '=', 1).orderBy('id').executeTakeFirst();
  },
  async insertCalendar(ex: Executor, row: Insertable<Database['sla_calendar']>): Promise<number> {
    const inserted = await ex.insertInto('sla_calendar').values(row).returning('id').executeTakeFirstOrThrow();
    return inserted.id;
  },
  async updateCalendar(ex: Executor, id: number, values: Updateable<Database['sla_calendar']>): Promise<void> {
    await ex.updateTable('sla_calendar').set(values).where('id', '=', id).execute();
  },
  async clearDefaultCalendar(ex: Executor, exceptId: number): Promise<void> {
    await ex.updateTable('sla_calendar').set({ is_default: 0 }).where('id', '!=', exceptId).execute();
  },
  async deleteCalendar(ex: Executor, id: number): Promise<void> {
    await ex.deleteFrom('sla_calendar').where('id', '=', id).execute();
  },
  async policyCountsByCalendar(ex: Executor): Promise<Map<number, number>> {
    const rows = await ex
      .selectFrom('sla_policy')
      .select(['calendar_id', (eb) => eb.fn.countAll<string | number>().as('count')])
      .where('calendar_id', 'is not', null)
      .groupBy('calendar_id')
      .execute();
    return new Map(rows.map((row) => [row.calendar_id!, Number(row.count)]));
  },

  // ---- policies ----
  async policies(ex: Executor): Promise<SlaPolicyRow[]> {
    return ex.selectFrom('sla_policy').selectAll().orderBy('position').orderBy('id').execute();
  },
  async policy(ex: Executor, id: number): Promise<SlaPolicyRow | undefined> {
    return ex.selectFrom('sla_policy').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async insertPolicy(ex: Executor, row: Insertable<Database['sla_policy']>): Promise<number> {
    const inserted = await ex.insertInto('sla_policy').values(row).returning('id').executeTakeFirstOrThrow();
    return inserted.id;
  },
  async updatePolicy(ex: Executor, id: number, values: Updateable<Database['sla_policy']>): Promise<void> {
    await ex.updateTable('sla_policy').set(values).where('id', '=', id).execute();
  },
  async deletePolicy(ex: Executor, id: number): Promise<void> {
    await ex.updateTable('work_order_sla').set({ policy_id: null }).where('policy_id', '=', id).execute();
    await ex.deleteFrom('sla_policy').where('id', '=', id).execute();
  },
  async nextPolicyPosition(ex: Executor): Promise<number> {
    const row = await ex
      .selectFrom('sla_policy')
      .select((eb) => eb.fn.max('position').as('position'))
      .executeTakeFirst();
    return Number(row?.position ?? 0) + 1;
  },

  // ---- an order's clocks ----
  async orderSla(ex: Executor, orderId: number): Promise<WorkOrderSlaRow | undefined> {
    return ex.selectFrom('work_order_sla').selectAll().where('order_id', '=', orderId).executeTakeFirst();
  },
  async orderSlaForUpdate(ex: Executor, dialect: DbDialect, orderId: number): Promise<WorkOrderSlaRow | undefined> {
    const query = ex.selectFrom('work_order_sla').selectAll().where('order_id', '=', orderId);
    return (dialect === 'postgres' ? query.forUpdate() : query).executeTakeFirst();
  },
  async slaStates(ex: Executor, orderIds: readonly number[]): Promise<WorkOrderSlaRow[]> {
    if (orderIds.length === 0) return [];
    return ex.selectFrom('work_order_sla').selectAll().where('order_id', 'in', orderIds).execute();
  },
  async insertOrderSla(ex: Executor, row: Insertable<Database['work_order_sla']>): Promise<void> {
    await ex.insertInto('work_order_sla').values(row).execute();
  },
  async updateOrderSla(ex: Executor, orderId: number, values: Updateable<Database['work_order_sla']>): Promise<void> {
    await ex.updateTable('work_order_sla').set(values).where('order_id', '=', orderId).execute();
  },
  async deleteOrderSla(ex: Executor, orderId: number): Promise<void> {
    await ex.deleteFrom('work_order_sla').where('order_id', '=', orderId).execute();
  },

  /**
   * Claims up to `limit` clocks of unbinned orders with something due by `now` for `leaseMs`, under `token`.
   * A row claimed by another sweeper whose lease has not run out is left alone; on
   * PostgreSQL rows another transaction is claiming right now are skipped, not waited for.
   */
  async claimDue(ex: Executor, dialect: DbDialect, now: number, leaseMs: number, token: string, limit: number): Promise<number[]> {
    const candidates = ex
      .selectFrom('work_order_sla')
      .select('order_id')
      .where('next_check_at', '<=', now)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
      // Binned orders wait in the bin with their clocks due; restored, they are picked up again.
      .where('order_id', 'in', (eb) => eb.selectFrom('work_order').select('work_order.id').where('work_order.deleted_at', 'is', null))
      .orderBy('next_check_at')
      .limit(limit);
    const claimed = await ex
      .updateTable('work_order_sla')
      .set({ claimed_until: now + leaseMs, claim_token: token })
      .where('order_id', 'in', dialect === 'postgres' ? candidates.forUpdate().skipLocked() : candidates)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
      .returning('order_id')
      .execute();
    return claimed.map((row) => row.order_id);
  },

  // ---- postponements ----
  async postponements(ex: Executor, orderId: number): Promise<Array<WorkOrderPostponementRow & { by_name: string }>> {
    return ex
      .selectFrom('work_order_postponement')
      .innerJoin('app_user', 'app_user.id', 'work_order_postponement.by_id')
      .selectAll('work_order_postponement')
      .select('app_user.display_name as by_name')
      .where('order_id', '=', orderId)
      .orderBy('work_order_postponement.id')
      .execute();
  },
  async insertPostponement(ex: Executor, row: Insertable<Database['work_order_postponement']>): Promise<void> {
    await ex.insertInto('work_order_postponement').values(row).execute();
  },

  // ---- escalations ----
  async escalations(ex: Executor, orderId: number): Promise<WorkOrderEscalationRow[]> {
    return ex.selectFrom('work_order_escalation').selectAll().where('order_id', '=', orderId).orderBy('id').execute();
  },
  async insertEscalation(ex: Executor, row: Insertable<Database['work_order_escalation']>): Promise<number> {
    const inserted = await ex.insertInto('work_order_escalation').values(row).returning('id').executeTakeFirstOrThrow();
    return inserted.id;
  },
  async updateEscalation(ex: Executor, id: number, values: Updateable<Database['work_order_escalation']>): Promise<void> {
    await ex.updateTable('work_order_escalation').set(values).where('id', '=', id).execute();
  },
  async supersedeAwaiting(ex: Executor, orderId: number): Promise<void> {
    await ex.updateTable('work_order_escalation').set({ status: 'superseded' }).where('order_id', '=', orderId).where('status', '=', 'awaiting').execute();
  },

  // ---- people ----
  async userNames(ex: Executor, ids: readonly number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await ex.selectFrom('app_user').select(['id', 'display_name']).where('id', 'in', [...new Set(ids)]).execute();
    return new Map(rows.map((row) => [row.id, row.display_name]));
  },
  async roleCodesOf(ex: Executor, userId: number): Promise<string[]> {
    const rows = await ex.selectFrom('user_role').innerJoin('role', 'role.id', 'user_role.role_id').select('role.code').where('user_role.user_id', '=', userId).execute();
    return rows.map((row) => row.code);
  },
  /** A department and its ancestors, nearest first. */
  async departmentChain(ex: Executor, departmentId: number): Promise<number[]> {
    const row = await ex.selectFrom('department').select('path').where('id', '=', departmentId).executeTakeFirst();
    if (!row) return [];
    return row.path
      .split('/')
      .filter(Boolean)
      .map(Number)
      .reverse();
  },
  /** Active users holding a built-in role, with their department (null for organisation-wide search). */
  async activeUsersWithRole(ex: Executor, roleCode: string, departmentIds: readonly number[] | null): Promise<Array<{ id: number; department_id: number | null }>> {
    let query = ex
      .selectFrom('app_user')
      .innerJoin('user_role', 'user_role.user_id', 'app_user.id')
      .innerJoin('role', 'role.id', 'user_role.role_id')
      .select(['app_user.id', 'app_user.department_id'])
      .where('role.code', '=', roleCode)
      .where('app_user.status', '=', 'active');
    if (departmentIds !== null) {
      if (departmentIds.length === 0) return [];
      query = query.where('app_user.department_id', 'in', departmentIds);
    }
    return query.distinct().execute();
  },
  /** Whether the order is a recorded complaint (its resolution clock follows the complaint level). */
  async isComplaint(ex: Executor, orderId: number): Promise<boolean> {
    return (await ex.selectFrom('complaint').select('id').where('order_id', '=', orderId).executeTakeFirst()) !== undefined;
  },
  async customerTier(ex: Executor, customerId: number): Promise<string | null> {
    const row = await ex.selectFrom('customer').select('tier').where('id', '=', customerId).executeTakeFirst();
    return row?.tier ?? null;
  },
  async openOrdersOfCustomer(ex: Executor, customerId: number): Promise<number[]> {
    const rows = await ex
      .selectFrom('work_order')
      .select('work_order.id')
      .where('work_order.customer_id', '=', customerId)
      .where('work_order.unclosed', '=', 1)
      .execute();
    return rows.map((row) => row.id);
  },

  // ---- figures (SLA-6) ----
  /** Clocks of the orders received in [from, to) that the caller reaches; cancelled and binned orders do not count. */
  async figureRows(ex: Executor, reach: OrderReach, from: number, to: number, departmentId: number | undefined) {
    let query = ex
      .selectFrom('work_order')
      .innerJoin('work_order_sla', 'work_order_sla.order_id', 'work_order.id')
      .select([
        'work_order.category_id',
        'work_order_sla.policy_id',
        'work_order_sla.pauses',
        'work_order_sla.response_due_at',
        'work_order_sla.response_done_at',
        'work_order_sla.resolution_basis',
        'work_order_sla.resolution_started_at',
        'work_order_sla.resolution_due_at',
        'work_order_sla.resolution_done_at',
        'work_order_sla.resolution_average_minutes',
        'work_order_sla.postpone_count',
        'work_order_sla.violations',
        'work_order_sla.escalation_level',
      ])
      .where('work_order.created_at', '>=', from)
      .where('work_order.created_at', '<', to)
      .where('work_order.deleted_at', 'is', null)
      .where('work_order.status', '!=', 'cancelled')
      .where((eb) => reachable(eb, reach));
    if (departmentId !== undefined) query = query.where('work_order.department_id', '=', departmentId);
    return query.execute();
  },
  async orderCountsByCategory(ex: Executor, reach: OrderReach, from: number, to: number, departmentId: number | undefined): Promise<Map<number, number>> {
    let query = ex
      .selectFrom('work_order')
      .select(['work_order.category_id', (eb) => eb.fn.countAll<string | number>().as('count')])
      .where('work_order.created_at', '>=', from)
      .where('work_order.created_at', '<', to)
      .where('work_order.deleted_at', 'is', null)
      .where('work_order.status', '!=', 'cancelled')
      .where((eb) => reachable(eb, reach));
    if (departmentId !== undefined) query = query.where('work_order.department_id', '=', departmentId);
    const rows = await query.groupBy('work_order.category_id').execute();
    return new Map(rows.map((row) => [row.category_id, Number(row.count)]));
  },
  async categoryNames(ex: Executor, ids: readonly number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await ex.selectFrom('work_order_category').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute();
    return new Map(rows.map((row) => [row.id, row.name]));
  },
};
