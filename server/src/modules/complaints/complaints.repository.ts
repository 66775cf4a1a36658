import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../db/executor.js';
import type { ComplaintRow, Database } from '../../db/schema.js';
import { reachable, type OrderReach } from '../work-orders/work-orders.repository.js';

export interface ComplaintFilter {
  reach: OrderReach;
  level?: string;
  severity?: string;
  source?: string;
  open?: boolean;
}

/** All SQL of complaints (CMP-1 … CMP-5). */
export const complaintsRepository = {
  async find(ex: Executor, id: number): Promise<ComplaintRow | undefined> {
    return ex.selectFrom('complaint').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async findForUpdate(ex: Executor, postgres: boolean, id: number): Promise<ComplaintRow | undefined> {
    const query = ex.selectFrom('complaint').selectAll().where('id', '=', id);
    return (postgres ? query.forUpdate() : query).executeTakeFirst();
  },
  async findByOrder(ex: Executor, orderId: number): Promise<ComplaintRow | undefined> {
    return ex.selectFrom('complaint').selectAll().where('order_id', '=', orderId).executeTakeFirst();
  },
  async insert(ex: Executor, row: Insertable<Database['complaint']>): Promise<number> {
    const inserted = await ex.insertInto('complaint').values(row).returning('id').executeTakeFirstOrThrow();
    return inserted.id;
  },
  async update(ex: Executor, id: number, values: Updateable<Database['complaint']>): Promise<void> {
    await ex.updateTable('complaint').set(values).where('id', '=', id).execute();
  },

  /** The latest earlier complaint of this customer about this category since `since`, and how many there were. */
  async earlierOf(ex: Executor, customerId: number, categoryId: number, since: number): Promise<{ latest: ComplaintRow | undefined; count: number }> {
    const rows = await ex
      .selectFrom('complaint')
      .selectAll()
      .where('customer_id', '=', customerId)
      .where('category_id', '=', categoryId)
      .where('created_at', '>=', since)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return { latest: rows[0], count: rows.length };
  },

  async page(ex: Executor, filter: ComplaintFilter, limit: number, offset: number): Promise<{ rows: ComplaintRow[]; total: number }> {
    let query = ex
      .selectFrom('complaint')
      .where('complaint.order_id', 'in', ex.selectFrom('work_order').select('work_order.id').where('work_order.deleted_at', 'is', null).where((eb) => reachable(eb, filter.reach)));
    if (filter.level) query = query.where('complaint.level', '=', filter.level);
    if (filter.severity) query = query.where('complaint.severity', '=', filter.severity);
    if (filter.source) query = query.where('complaint.source', '=', filter.source);
    if (filter.open !== undefined) {
      query = query.where('complaint.order_id', filter.open ? 'in' : 'not in', ex.selectFrom('work_order').select('id').where('resolved_at', 'is', null).where('unclosed', '=', 1));
    }
    const [rows, total] = await Promise.all([
      query.selectAll('complaint').orderBy('complaint.created_at', 'desc').orderBy('complaint.id', 'desc').limit(limit).offset(offset).execute(),
      query.select((eb) => eb.fn.countAll<string | number>().as('count')).executeTakeFirst(),
    ]);
    return { rows, total: Number(total?.count ?? 0) };
  },

  async orderRefs(ex: Executor, orderIds: readonly number[]) {
    if (orderIds.length === 0) return new Map<number, { id: number; number: string; title: string; status: string; customer_id: number | null; resolved_at: number | null }>();
    const rows = await ex.selectFrom('work_order').select(['id', 'number', 'title', 'status', 'customer_id', 'resolved_at']).where('id', 'in', [...new Set(orderIds)]).execute();
    return new Map(rows.map((row) => [row.id, row]));
  },
  async customerNames(ex: Executor, ids: readonly number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await ex.selectFrom('customer').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute();
    return new Map(rows.map((row) => [row.id, row.name]));
  },
  async departmentNames(ex: Executor, ids: readonly number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await ex.selectFrom('department').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute();
    return new Map(rows.map((row) => [row.id, row.name]));
  },
  async userNames(ex: Executor, ids: readonly number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await ex.selectFrom('app_user').select(['id', 'display_name']).where('id', 'in', [...new Set(ids)]).execute();
    return new Map(rows.map((row) => [row.id, row.display_name]));
  },
  async complaintNumbers(ex: Executor, ids: readonly number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await ex
      .selectFrom('complaint')
      .innerJoin('work_order', 'work_order.id', 'complaint.order_id')
      .select(['complaint.id', 'work_order.number'])
      .where('complaint.id', 'in', [...new Set(ids)])
      .execute();
    return new Map(rows.map((row) => [row.id, row.number]));
  },
  async departmentExists(ex: Executor, id: number): Promise<boolean> {
    return (await ex.selectFrom('department').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
  },
  async settings(ex: Executor): Promise<string> {
    const row = await ex.selectFrom('complaint_settings').select('data').where('id', '=', 1).executeTakeFirstOrThrow();
    return row.data;
  },
  async saveSettings(ex: Executor, data: string, now: number): Promise<void> {
    await ex.updateTable('complaint_settings').set({ data, updated_at: now }).where('id', '=', 1).execute();
  },
};
