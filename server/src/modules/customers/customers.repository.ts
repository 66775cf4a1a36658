import type { CustomerListQuery } from '@kefu/contracts';
import { sql, type Insertable, type RawBuilder, type Updateable } from 'kysely';
import type { SearchMatchRow } from '../../platform/search/search.repository.js';
import type { Executor } from '../../db/executor.js';
import type { CustomerTable } from '../../db/schema.js';

export type NewCustomerRow = Insertable<CustomerTable>;
export type CustomerRowUpdate = Updateable<CustomerTable>;

/** Rows per multi-row INSERT: well under SQLite's 32,766 bound parameters. */
const INSERT_BATCH = 500;

export interface PhoneRow {
  number: string;
  label: string | null;
  is_primary: number;
}

export type StoredPhone = PhoneRow & { id: number };

export const customersRepository = {
  async insert(ex: Executor, row: NewCustomerRow): Promise<number> {
    const { id } = await ex.insertInto('customer').values(row).returning('id').executeTakeFirstOrThrow();
    return id;
  },

  update(ex: Executor, id: number, changes: CustomerRowUpdate) {
    return ex.updateTable('customer').set(changes).where('id', '=', id).execute();
  },

  findById(ex: Executor, id: number) {
    return ex.selectFrom('customer').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** Names of the people and customers a profile refers to, in one round trip each. */
  async namesOf(ex: Executor, customerIds: number[], userIds: number[]) {
    const [customers, users] = await Promise.all([
      customerIds.length ? ex.selectFrom('customer').select(['id', 'name']).where('id', 'in', customerIds).execute() : [],
      userIds.length ? ex.selectFrom('app_user').select(['id', 'display_name as name']).where('id', 'in', userIds).execute() : [],
    ]);
    return { customers: new Map(customers.map((c) => [c.id, c.name])), users: new Map(users.map((u) => [u.id, u.name])) };
  },

  async phonesOf(ex: Executor, customerIds: number[]): Promise<Map<number, StoredPhone[]>> {
    const byCustomer = new Map<number, StoredPhone[]>();
    if (customerIds.length === 0) return byCustomer;
    const rows = await ex
      .selectFrom('customer_phone')
      .select(['id', 'customer_id', 'number', 'label', 'is_primary'])
      .where('customer_id', 'in', customerIds)
      .orderBy('is_primary', 'desc')
      .orderBy('id')
      .execute();
    for (const { customer_id, ...phone } of rows) byCustomer.set(customer_id, [...(byCustomer.get(customer_id) ?? []), phone]);
    return byCustomer;
  },

  async addPhone(ex: Executor, customerId: number, phone: PhoneRow) {
    if (phone.is_primary === 1) await ex.updateTable('customer_phone').set({ is_primary: 0 }).where('customer_id', '=', customerId).execute();
    await ex.insertInto('customer_phone').values({ customer_id: customerId, ...phone }).execute();
  },

  async removePhone(ex: Executor, customerId: number, phoneId: number): Promise<boolean> {
    const result = await ex.deleteFrom('customer_phone').where('id', '=', phoneId).where('customer_id', '=', customerId).executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  },

  /** Makes this number the primary one (false if it is not this customer's). */
  async makePrimary(ex: Executor, customerId: number, phoneId: number): Promise<boolean> {
    const owned = await ex.selectFrom('customer_phone').select('id').where('id', '=', phoneId).where('customer_id', '=', customerId).executeTakeFirst();
    if (!owned) return false;
    await ex.updateTable('customer_phone').set({ is_primary: 0 }).where('customer_id', '=', customerId).execute();
    await ex.updateTable('customer_phone').set({ is_primary: 1 }).where('id', '=', phoneId).execute();
    return true;
  },

  async replacePhones(ex: Executor, customerId: number, phones: readonly PhoneRow[]) {
    await ex.deleteFrom('customer_phone').where('customer_id', '=', customerId).execute();
    if (phones.length > 0) await ex.insertInto('customer_phone').values(phones.map((phone) => ({ customer_id: customerId, ...phone }))).execute();
  },

  /** Phones and tags of new customers, in one statement each. */
  async insertPhonesAndTags(
    ex: Executor,
    phones: ReadonlyArray<PhoneRow & { customer_id: number }>,
    tags: ReadonlyArray<{ customer_id: number; tag: string }>,
  ) {
    for (let start = 0; start < phones.length; start += INSERT_BATCH) await ex.insertInto('customer_phone').values(phones.slice(start, start + INSERT_BATCH)).execute();
    for (let start = 0; start < tags.length; start += INSERT_BATCH) await ex.insertInto('customer_tag').values(tags.slice(start, start + INSERT_BATCH)).execute();
  },

  /** Customers (any status) with this exact normalised number: an index seek on customer_phone. */
  async tagsOf(ex: Executor, customerIds: number[]): Promise<Map<number, string[]>> {
    const byCustomer = new Map<number, string[]>();
    if (customerIds.length === 0) return byCustomer;
    const rows = await ex.selectFrom('customer_tag').select(['customer_id', 'tag']).where('customer_id', 'in', customerIds).orderBy('tag').execute();
    for (const row of rows) byCustomer.set(row.customer_id, [...(byCustomer.get(row.customer_id) ?? []), row.tag]);
    return byCustomer;
  },

  async replaceTags(ex: Executor, customerId: number, tags: readonly string[]) {
    await ex.deleteFrom('customer_tag').where('customer_id', '=', customerId).execute();
    if (tags.length > 0) await ex.insertInto('customer_tag').values(tags.map((tag) => ({ customer_id: customerId, tag }))).execute();
  },

  /**
   * One page of active customers. With `matches` (a full-text match subquery) the page is
   * the matching customers that pass every filter, best match first — exact at any size.
   */
  async page(ex: Executor, query: CustomerListQuery, filters: { phone?: string; matches?: RawBuilder<SearchMatchRow> | null }) {
    if (filters.matches === null) return { items: [], total: 0 };
    let base = ex.selectFrom('customer').where('customer.status', '=', 'active');
    if (filters.matches) {
      const matches = filters.matches;
      base = base.where('customer.id', 'in', sql<number>`(select entity_id from ${matches} as m)`);
    }
    const phone = filters.phone;
    if (phone !== undefined) {
      // The phone index drives: the number narrows 1,000,000 customers to one or two.
      base = base.where('customer.id', 'in', (eb) => eb.selectFrom('customer_phone').select('customer_phone.customer_id').where('customer_phone.number', '=', phone));
    }
    if (query.idSuffix) base = base.where('customer.id_suffix', 'like', `%${query.idSuffix.toUpperCase()}`);
    if (query.type) base = base.where('customer.type', '=', query.type);
    if (query.tier) base = base.where('customer.tier', '=', query.tier);
    if (query.accountManagerId) base = base.where('customer.account_manager_id', '=', query.accountManagerId);
    if (query.organizationId) base = base.where('customer.organization_id', '=', query.organizationId);
    if (query.completenessBelow) base = base.where('customer.completeness', '<', query.completenessBelow);
    if (query.tag) {
      const tag = query.tag;
      base = base.where((eb) =>
        eb.exists(eb.selectFrom('customer_tag').select('customer_tag.customer_id').whereRef('customer_tag.customer_id', '=', 'customer.id').where('customer_tag.tag', '=', tag)),
      );
    }
    const withManager = base
      .leftJoin('app_user', 'app_user.id', 'customer.account_manager_id')
      .selectAll('customer')
      .select('app_user.display_name as account_manager_name');
    // Best match first: join the matches once (not a per-row subquery) to order by score.
    const pageQuery = filters.matches
      ? withManager.innerJoin(filters.matches.as('m'), (join) => join.onRef('m.entity_id', '=', 'customer.id')).orderBy('m.score', 'desc')
      : withManager;
    const items = () => pageQuery.orderBy('customer.updated_at', 'desc').orderBy('customer.id', 'desc').limit(query.limit).offset(query.offset).execute();
    const count = async () => Number((await base.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow()).count);
    if (phone !== undefined && query.offset === 0) {
      // A caller's number (the hot path of an incoming call): a first page that is not full
      // holds every match, so there is nothing left to count.
      const found = await items();
      return { items: found, total: found.length < query.limit ? found.length : await count() };
    }
    const [found, total] = await Promise.all([items(), count()]);
    return { items: found, total };
  },

  /** Active customers sharing a phone number or ID number with the given ones, or named alike. */
  async duplicateCandidates(ex: Executor, customerId: number, phones: string[], idNumber: string | null, name: string) {
    const [byPhone, byId, byName] = await Promise.all([
      phones.length
        ? ex
            .selectFrom('customer_phone')
            .innerJoin('customer', 'customer.id', 'customer_phone.customer_id')
            .select('customer.id')
            .distinct()
            .where('customer_phone.number', 'in', phones)
            .where('customer.id', '!=', customerId)
            .where('customer.status', '=', 'active')
            .execute()
        : [],
      idNumber
        ? ex.selectFrom('customer').select('id').where('id_number', '=', idNumber).where('id', '!=', customerId).where('status', '=', 'active').execute()
        : [],
      ex.selectFrom('customer').select('id').where('name', '=', name).where('id', '!=', customerId).where('status', '=', 'active').limit(50).execute(),
    ]);
    return { byPhone: byPhone.map((r) => r.id), byId: byId.map((r) => r.id), byName: byName.map((r) => r.id) };
  },

  /** Moves everything hanging off `sourceId` to `targetId` (merge keeps every history item). */
  async repointChildren(ex: Executor, sourceId: number, targetId: number) {
    await ex.updateTable('customer_event').set({ customer_id: targetId }).where('customer_id', '=', sourceId).execute();
    await ex.updateTable('customer').set({ organization_id: targetId }).where('organization_id', '=', sourceId).execute();
    await ex.updateTable('customer').set({ family_id: targetId }).where('family_id', '=', sourceId).execute();
  },

  deletePhonesAndTags: async (ex: Executor, customerId: number) => {
    await ex.deleteFrom('customer_phone').where('customer_id', '=', customerId).execute();
    await ex.deleteFrom('customer_tag').where('customer_id', '=', customerId).execute();
  },

  /**
   * Active customers grouped by account manager or by the manager's department; customers
   * without a manager form the group with id null.
   */
  completenessByGroup(ex: Executor, groupBy: 'accountManager' | 'team') {
    const base = ex
      .selectFrom('customer')
      .leftJoin('app_user', 'app_user.id', 'customer.account_manager_id')
      .leftJoin('department', 'department.id', 'app_user.department_id')
      .where('customer.status', '=', 'active');
    const [idColumn, nameColumn] = groupBy === 'team' ? (['department.id', 'department.name'] as const) : (['app_user.id', 'app_user.display_name'] as const);
    return base
      .select((eb) => [
        eb.ref(idColumn).as('group_id'),
        eb.ref(nameColumn).as('group_name'),
        eb.fn.countAll<number>().as('customers'),
        eb.fn.avg<number>('customer.completeness').as('average_completeness'),
        eb.fn.sum<number>(eb.case().when('customer.completeness', '<', 100).then(1).else(0).end()).as('incomplete'),
      ])
      .groupBy([idColumn, nameColumn])
      .orderBy('average_completeness')
      .execute();
  },

  async requiredFields(ex: Executor): Promise<string[]> {
    const row = await ex.selectFrom('customer_settings').select('required_fields').where('id', '=', 1).executeTakeFirst();
    return row ? (JSON.parse(row.required_fields) as string[]) : [];
  },

  setRequiredFields(ex: Executor, fields: readonly string[], now: number) {
    return ex.updateTable('customer_settings').set({ required_fields: JSON.stringify(fields), updated_at: now }).where('id', '=', 1).execute();
  },

  /** Active customers after `afterId`, in id order, for batch work. */
  activeBatch(ex: Executor, afterId: number, size: number) {
    return ex.selectFrom('customer').selectAll().where('status', '=', 'active').where('id', '>', afterId).orderBy('id').limit(size).execute();
  },

  activeUser(ex: Executor, userId: number) {
    return ex.selectFrom('app_user').select(['id', 'display_name']).where('id', '=', userId).where('status', '=', 'active').executeTakeFirst();
  },
};

export const customerEventsRepository = {
  async insert(
    ex: Executor,
    rows: ReadonlyArray<{ customer_id: number; at: number; kind: string; source_type: string | null; source_id: string | null; actor_id: number | null; actor_name: string | null; data: string }>,
  ) {
    for (let start = 0; start < rows.length; start += INSERT_BATCH) await ex.insertInto('customer_event').values(rows.slice(start, start + INSERT_BATCH)).execute();
  },

  async page(ex: Executor, customerId: number, before: number | undefined, limit: number) {
    let query = ex.selectFrom('customer_event').selectAll().where('customer_id', '=', customerId);
    if (before !== undefined) query = query.where('at', '<', before);
    const rows = await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    // The next page starts before the last entry's time, so a page that ended inside a group
    // of entries sharing one time (one change writes several) would lose the rest of the
    // group: a full page takes the whole group.
    const last = rows[limit - 1];
    if (!last) return rows;
    const sameTime = await ex
      .selectFrom('customer_event')
      .selectAll()
      .where('customer_id', '=', customerId)
      .where('at', '=', last.at)
      .where('id', '<', last.id)
      .orderBy('id', 'desc')
      .execute();
    return [...rows, ...sameTime];
  },

  /** Erasure keeps that something happened, and when, but not what was said. */
  scrubData(ex: Executor, customerId: number) {
    return ex.updateTable('customer_event').set({ data: '{}', actor_name: null }).where('customer_id', '=', customerId).execute();
  },
};
