import { sql, type ExpressionBuilder, type Insertable, type RawBuilder, type SelectQueryBuilder, type SqlBool, type Updateable } from 'kysely';
import { LIST_COUNT_CAP, type WorkOrderSort, type WorkOrderStatus, type WorkOrderView } from '@kefu/contracts';
import type { DbDialect } from '../../db/database.js';
import type { Executor } from '../../db/executor.js';
import type {
  Database,
  WorkOrderAttachmentTable,
  WorkOrderEventTable,
  WorkOrderMessageTable,
  WorkOrderRow,
  WorkOrderStepTable,
  WorkOrderTable,
} from '../../db/schema.js';
import { PLAN_ESTIMATE_CAP, type SearchMatchRow, type SearchPlan } from '../../platform/search/search.repository.js';

/** Step statuses in which the receiver still owes work. */
export const ACTIVE_STEP_STATUSES = ['pending', 'accepted'] as const;

/** Counts and totals stop just past LIST_COUNT_CAP (see the contracts). */
export const COUNT_CAP = LIST_COUNT_CAP;

/**
 * Which orders a caller reaches. `everything` for organisation-wide roles; otherwise the
 * departments in reach plus the orders the caller personally owns, handles or holds a step of.
 */
export type OrderReach = { everything: true } | { everything: false; userId: number; departmentIds: readonly number[] };

export interface OrderListFilter {
  view: WorkOrderView;
  userId: number;
  reach: OrderReach;
  /** The caller's team for the team queue: their department (and its subtree when their scope is wider). */
  teamDepartmentIds: readonly number[];
  /** Search matches with their scores, joined: the score orders the page. */
  matches?: RawBuilder<SearchMatchRow>;
  /** Only orders passing this per-order search test (see SearchPlan.test); no score. */
  matchTest?: (orderId: RawBuilder<unknown>) => RawBuilder<SqlBool>;
  statuses?: readonly WorkOrderStatus[];
  type?: string;
  channel?: string;
  priority?: string;
  categoryIds?: readonly number[];
  departmentId?: number;
  customerId?: number;
  createdFrom?: number;
  createdTo?: number;
  /** Upper bound of due_at for the breaching-soon view. */
  breachingBefore: number;
  /** Orders in the recycle bin instead of the live ones. */
  binned?: boolean;
}

type OrderQuery = SelectQueryBuilder<Database, 'work_order', object>;
type OrderExpressions = ExpressionBuilder<Database, 'work_order'>;

const openStatuses: WorkOrderStatus[] = ['new', 'accepted', 'in_progress', 'pending_confirmation', 'suspended'];

function stepOrders(eb: OrderExpressions, where: (step: ExpressionBuilder<Database, 'work_order_step'>) => ReturnType<ExpressionBuilder<Database, 'work_order_step'>['and']>) {
  return eb.selectFrom('work_order_step').select('work_order_step.order_id').where(where);
}

/** The data-scope predicate (see OrderReach), for single-order checks and small lists. */
export function reachable(eb: OrderExpressions, reach: OrderReach) {
  if (reach.everything) return eb.lit(true);
  const departments = reach.departmentIds.length > 0 ? [...reach.departmentIds] : [-1];
  return eb.or([
    eb('work_order.owner_id', '=', reach.userId),
    eb('work_order.handler_id', '=', reach.userId),
    eb('work_order.department_id', 'in', departments),
    eb('work_order.owner_department_id', 'in', departments),
    eb(
      'work_order.id',
      'in',
      stepOrders(eb, (step) => step.or([step('work_order_step.assignee_id', '=', reach.userId), step('work_order_step.department_id', 'in', departments)])),
    ),
  ]);
}

/** Views that hold only open work: every branch requires `unclosed = 1`. */
const OPEN_WORK_VIEWS: readonly WorkOrderView[] = ['accountable', 'handling', 'team', 'unassigned', 'breaching'];

/** One index-friendly way into a view; a view is the union of its branches. */
type Branch = (query: OrderQuery) => OrderQuery;

const unclosedOnly: Branch = (query) => query.where('work_order.unclosed', '=', 1);

/**
 * The reach predicate as alternatives, one per index (owner, handler, handling team, owner's
 * team, dispatch steps). An OR of them defeats every index and sorts the whole range; a union
 * of small ordered branches reads only the top of each.
 */
function reachBranches(reach: OrderReach, condition: Branch): Branch[] {
  if (reach.everything) return [condition];
  const departments = reach.departmentIds.length > 0 ? [...reach.departmentIds] : [-1];
  return [
    (query) => condition(query).where('work_order.owner_id', '=', reach.userId),
    (query) => condition(query).where('work_order.handler_id', '=', reach.userId),
    (query) => condition(query).where('work_order.department_id', 'in', departments),
    (query) => condition(query).where('work_order.owner_department_id', 'in', departments),
    (query) =>
      condition(query).where((eb) =>
        eb(
          'work_order.id',
          'in',
          stepOrders(eb, (step) => step.or([step('work_order_step.assignee_id', '=', reach.userId), step('work_order_step.department_id', 'in', departments)])),
        ),
      ),
  ];
}

function viewBranches(filter: OrderListFilter): Branch[] {
  const { userId } = filter;
  const activeSteps = [...ACTIVE_STEP_STATUSES];
  switch (filter.view) {
    // The caller's own orders are always within reach: no scope predicate to evaluate.
    case 'accountable':
      return [(query) => unclosedOnly(query).where('work_order.owner_id', '=', userId)];
    case 'handling':
      return [
        (query) => unclosedOnly(query).where('work_order.handler_id', '=', userId),
        (query) =>
          unclosedOnly(query).where((eb) =>
            eb(
              'work_order.id',
              'in',
              stepOrders(eb, (step) => step.and([step('work_order_step.assignee_id', '=', userId), step('work_order_step.status', 'in', activeSteps)])),
            ),
          ),
      ];
    case 'team': {
      const team = filter.teamDepartmentIds.length > 0 ? [...filter.teamDepartmentIds] : [-1];
      return [
        (query) => unclosedOnly(query).where('work_order.department_id', 'in', team),
        (query) =>
          unclosedOnly(query).where((eb) =>
            eb(
              'work_order.id',
              'in',
              stepOrders(eb, (step) => step.and([step('work_order_step.department_id', 'in', team), step('work_order_step.status', 'in', activeSteps)])),
            ),
          ),
      ];
    }
    // Open work nobody personally handles: new orders, and orders dispatched to a team
    // without a named receiver.
    case 'unassigned':
      return reachBranches(filter.reach, (query) => unclosedOnly(query).where('work_order.handler_id', 'is', null));
    case 'suspended':
      return reachBranches(filter.reach, (query) => query.where('work_order.status', '=', 'suspended'));
    case 'breaching':
      return reachBranches(filter.reach, (query) =>
        // Spelled as "not resolved" rather than "in (the open statuses)": an IN list tempts the
        // planner into the status index, while this is read from the due-time index itself.
        unclosedOnly(query).where('work_order.due_at', '<=', filter.breachingBefore).where('work_order.status', 'not in', ['resolved', 'visited']),
      );
    case 'all':
      return reachBranches(filter.reach, (query) => query);
  }
}

/** The filters every branch shares: bin or not, the list's own filters, the search matches. */
function withFilters(query: OrderQuery, filter: OrderListFilter, openWorkOnly: boolean): OrderQuery {
  // `unclosed = 1` already excludes binned orders; checking deleted_at too would read every row.
  if (filter.binned) query = query.where('work_order.deleted_at', 'is not', null);
  else if (!openWorkOnly) {
    // Walking with a search test, SQLite would take the deleted_at index for "is null" (every
    // live order) and sort them all: `+` keeps the sort's own index in charge.
    query = query.where(filter.matchTest ? sql`+work_order.deleted_at` : sql.ref('work_order.deleted_at'), 'is', null);
  }
  if (filter.statuses?.length) query = query.where('work_order.status', 'in', [...filter.statuses]);
  if (filter.type) query = query.where('work_order.type', '=', filter.type);
  if (filter.channel) query = query.where('work_order.channel', '=', filter.channel);
  if (filter.priority) query = query.where('work_order.priority', '=', filter.priority);
  if (filter.categoryIds?.length) query = query.where('work_order.category_id', 'in', [...filter.categoryIds]);
  if (filter.departmentId) query = query.where('work_order.department_id', '=', filter.departmentId);
  if (filter.customerId) query = query.where('work_order.customer_id', '=', filter.customerId);
  if (filter.createdFrom !== undefined) query = query.where('work_order.created_at', '>=', filter.createdFrom);
  if (filter.createdTo !== undefined) query = query.where('work_order.created_at', '<', filter.createdTo);
  if (filter.matchTest) query = query.where(filter.matchTest(sql.ref('work_order.id')));
  return query;
}

function branchQueries(ex: Executor, filter: OrderListFilter, from: () => OrderQuery = () => ordersOf(ex, filter.matches)): OrderQuery[] {
  // The bin is small and rarely read: one query over everything within reach.
  const branches = filter.binned ? [(query: OrderQuery) => query.where((eb) => reachable(eb, filter.reach))] : viewBranches(filter);
  const openWorkOnly = !filter.binned && OPEN_WORK_VIEWS.includes(filter.view);
  return branches.map((branch) => withFilters(branch(from()), filter, openWorkOnly));
}

/**
 * The orders, or only those among these rows `(entity_id, …)` joined as `m` (search matches:
 * their score orders a page). CROSS JOIN keeps SQLite from reordering: the rows are the outer
 * loop, each order fetched by its id. Without statistics the planner may otherwise scan the
 * orders and the rows once per order.
 */
function ordersOf(ex: Executor, rows: RawBuilder<{ entity_id: number }> | undefined): OrderQuery {
  if (!rows) return ex.selectFrom('work_order');
  return ex.selectFrom(rows.as('m')).crossJoin('work_order').whereRef('work_order.id', '=', sql.ref('m.entity_id')) as unknown as OrderQuery;
}

/**
 * A search matching fewer entities than this (counted from the index, ~1 µs each) is
 * answered in one pass: every match in the view is fetched with its sort keys (~4 µs each),
 * which costs less than walking the view until a page of matches turns up (~4 µs per order
 * walked, and the rarer the matches the longer the walk: 50 / density).
 */
export const SEARCH_FETCH_ALL_LIMIT = 6_000;

/** PostgreSQL: the most index rows a word may have for its matches to drive a capped count. */
const POSTGRES_STREAM_LIMIT = 100_000;

/** Whether the view narrows the orders to an index range small enough to walk and test whole. */
function isNarrow(filter: OrderListFilter): boolean {
  return filter.view !== 'all' || filter.binned === true || filter.customerId !== undefined;
}


/**
 * Orders of the view that match the search, in no particular order, with the page's sort
 * keys: up to `cap` of them, or all. Either the search's matches drive (each checked against
 * the view's conditions by primary key; `distinct … limit` stops as soon as `cap` are found),
 * or the view's own index ranges do (each order tested against its texts). The matches drive
 * when they are few, or when every match is in the view anyway (the whole organisation, no
 * filters; on PostgreSQL only for moderately common words, see POSTGRES_STREAM_LIMIT); narrow
 * views are walked.
 */
async function matchingOrders(
  ex: Executor,
  dialect: DbDialect,
  filter: OrderListFilter,
  search: SearchPlan,
  options: { cap?: number; keys?: Array<[string, 'asc' | 'desc']>; fetchAll: boolean },
): Promise<Array<Record<string, number | null>>> {
  const unfiltered =
    !filter.statuses?.length && !filter.type && !filter.channel && !filter.priority && !filter.categoryIds?.length && !filter.departmentId &&
    filter.createdFrom === undefined && filter.createdTo === undefined;
  // PostgreSQL's GIN index reads a word's every posting before the first row (a bitmap):
  // only a moderately common word's matches drive there.
  const streams = dialect === 'sqlite' || search.estimate <= POSTGRES_STREAM_LIMIT;
  const matchesDrive = options.fetchAll || (!isNarrow(filter) && filter.reach.everything && unfiltered && streams);
  const columns = (options.keys ?? []).filter(([column]) => column !== 'id');
  const selected = (query: OrderQuery) => query.select('work_order.id').select(columns.map(([column]) => sortColumn(column, 'work_order').as(column)));
  const limited = <Q extends { limit(limit: number): Q }>(query: Q) => (options.cap === undefined ? query : query.limit(options.cap));
  const queries = matchesDrive
    ? branchQueries(ex, filter, () => ordersOf(ex, options.fetchAll ? search.all : search.stream)).map((query) => limited(selected(query).distinct()))
    : branchQueries(ex, { ...filter, matchTest: search.test }).map((query) => limited(selected(query)));
  const [first, ...rest] = queries.map((query, index) => ex.selectFrom(query.as(`b${index}`)).selectAll());
  const union = rest.reduce((all, branch) => all.union(branch), first!);
  return (await limited(ex.selectFrom(union.as('u')).selectAll()).execute()) as Array<Record<string, number | null>>;
}

/** The same order as `order by` these keys (integers; a null only where every row has one). */
function compareByKeys(keys: Array<[string, 'asc' | 'desc']>) {
  return (a: Record<string, number | null>, b: Record<string, number | null>) => {
    for (const [column, direction] of keys) {
      const difference = Number(a[column] ?? 0) - Number(b[column] ?? 0);
      if (difference !== 0) return direction === 'asc' ? difference : -difference;
    }
    return 0;
  };
}

/** Sort keys: column, direction. `due_missing` sorts orders without a due time last on both databases. */
const SORT_KEYS: Record<WorkOrderSort, Array<[string, 'asc' | 'desc']>> = {
  updated_desc: [['updated_at', 'desc'], ['id', 'desc']],
  created_desc: [['created_at', 'desc'], ['id', 'desc']],
  created_asc: [['created_at', 'asc'], ['id', 'asc']],
  priority_desc: [['priority_rank', 'desc'], ['updated_at', 'desc'], ['id', 'desc']],
  due_asc: [['due_missing', 'asc'], ['due_at', 'asc'], ['id', 'asc']],
};

function sortKeys(filter: OrderListFilter, sort: WorkOrderSort): Array<[string, 'asc' | 'desc']> {
  // Every breaching order has a due time: no need to sort missing ones last (and the plain
  // column can come straight from an index).
  return filter.view === 'breaching' && sort === 'due_asc' ? SORT_KEYS.due_asc.slice(1) : SORT_KEYS[sort];
}

function sortColumn(column: string, table: string) {
  return column === 'due_missing' ? sql`case when ${sql.ref(`${table}.due_at`)} is null then 1 else 0 end` : sql.ref(`${table}.${column}`);
}

export const workOrdersRepository = {
  /**
   * The next number of the day, atomically: concurrent intakes on any number of nodes
   * get distinct numbers because the increment happens in the database row.
   */
  async nextNumber(ex: Executor, day: string): Promise<number> {
    const row = await ex
      .insertInto('work_order_sequence')
      .values({ day, last_value: 1 })
      .onConflict((oc) => oc.column('day').doUpdateSet({ last_value: sql`work_order_sequence.last_value + 1` }))
      .returning('last_value')
      .executeTakeFirstOrThrow();
    return Number(row.last_value);
  },

  /** The stored row comes back from the insert itself (RETURNING): intake reads nothing twice. */
  async insert(ex: Executor, values: Insertable<WorkOrderTable>): Promise<WorkOrderRow> {
    const row = await ex.insertInto('work_order').values(values).returningAll().executeTakeFirstOrThrow();
    return { ...row, id: Number(row.id) };
  },

  async find(ex: Executor, id: number): Promise<WorkOrderRow | undefined> {
    return ex.selectFrom('work_order').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** The row, locked for this transaction on PostgreSQL (SQLite serialises writers anyway). */
  async findForUpdate(ex: Executor, dialect: DbDialect, id: number): Promise<WorkOrderRow | undefined> {
    const query = ex.selectFrom('work_order').selectAll().where('id', '=', id);
    return (dialect === 'postgres' ? query.forUpdate() : query).executeTakeFirst();
  },

  async findByNumber(ex: Executor, number: string): Promise<WorkOrderRow | undefined> {
    return ex.selectFrom('work_order').selectAll().where('number', '=', number).executeTakeFirst();
  },

  async findMany(ex: Executor, ids: readonly number[]): Promise<WorkOrderRow[]> {
    if (ids.length === 0) return [];
    return ex.selectFrom('work_order').selectAll().where('id', 'in', [...ids]).execute();
  },

  async update(ex: Executor, id: number, values: Updateable<WorkOrderTable>): Promise<void> {
    await ex.updateTable('work_order').set(values).where('id', '=', id).execute();
  },

  /**
   * One page of a view. Each branch yields its own first `offset + limit` rows in the page's
   * order (an index range read for the common sorts); the union of those is sorted once more
   * and cut to the page.
   */
  async page(ex: Executor, filter: OrderListFilter, sort: WorkOrderSort, limit: number, offset: number): Promise<WorkOrderRow[]> {
    const keys = sortKeys(filter, sort);
    const branches = branchQueries(ex, filter).map((query) => {
      let selected = query.select('work_order.id').select(keys.filter(([column]) => column !== 'id').map(([column]) => sortColumn(column, 'work_order').as(column)));
      // Best matches first; the chosen order breaks ties.
      if (filter.matches) selected = selected.select(sql<number>`m.score`.as('score')).orderBy(sql`m.score`, 'desc');
      for (const [column, direction] of keys) selected = selected.orderBy(sortColumn(column, 'work_order'), direction);
      return selected.limit(offset + limit);
    });
    let query;
    if (branches.length === 1) {
      query = ex.selectFrom(branches[0]!.as('u')).select('u.id');
    } else {
      const [first, ...rest] = branches.map((branch, index) => ex.selectFrom(branch.as(`b${index}`)).selectAll());
      query = ex.selectFrom(rest.reduce((union, branch) => union.union(branch), first!).as('u')).select('u.id');
    }
    if (filter.matches) query = query.orderBy(sql.ref('u.score'), 'desc');
    for (const [column, direction] of keys) query = query.orderBy(sql.ref(`u.${column}`), direction);
    const ids = (await query.limit(limit).offset(offset).execute()).map((row) => Number(row.id));
    const rows = await workOrdersRepository.findMany(ex, ids);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id)!).filter(Boolean);
  },

  /**
   * A search within a view: one page and the total (up to COUNT_CAP + 1). Up to COUNT_CAP
   * matches are ranked by relevance (score, then the chosen sort), as the total is exact
   * then. Beyond that ("1000+") the page follows the chosen sort alone: ranking hundreds of
   * thousands of matches costs seconds, while a page in the view's own order is found by
   * walking the view's index and testing each order (common words), or by sorting the
   * matches fetched in one pass (rarer words) — a few ms either way.
   */
  async searchPage(
    ex: Executor,
    dialect: DbDialect,
    filter: OrderListFilter,
    search: SearchPlan,
    sort: WorkOrderSort,
    limit: number,
    offset: number,
  ): Promise<{ rows: WorkOrderRow[]; total: number }> {
    const { matches: _matches, matchTest: _test, ...view } = filter;
    const keys = sortKeys(view, sort);
    // Few matches (counted from the index, whatever the view): fetch them all in one pass.
    // Counted only when the rarest word is itself rare: a common one's matches are many.
    const fetched = search.estimate < PLAN_ESTIMATE_CAP && (await search.countUpTo(ex, SEARCH_FETCH_ALL_LIMIT)) < SEARCH_FETCH_ALL_LIMIT;
    const found = await matchingOrders(ex, dialect, view, search, fetched ? { keys, fetchAll: true } : { cap: COUNT_CAP + 1, fetchAll: false });
    if (found.length <= COUNT_CAP) {
      if (found.length === 0 || offset >= found.length) return { rows: [], total: found.length };
      const scored = await search.scored(ex, found.map((row) => Number(row.id)));
      return { rows: await workOrdersRepository.page(ex, { ...view, matches: scored }, sort, limit, offset), total: found.length };
    }
    const total = COUNT_CAP + 1;
    if (fetched) {
      const ids = found.sort(compareByKeys(keys)).slice(offset, offset + limit).map((row) => Number(row.id));
      const byId = new Map((await workOrdersRepository.findMany(ex, ids)).map((row) => [row.id, row]));
      return { rows: ids.map((id) => byId.get(id)!).filter(Boolean), total };
    }
    return { rows: await workOrdersRepository.page(ex, { ...view, matchTest: search.test }, sort, limit, offset), total };
  },

  /** How many orders match, up to COUNT_CAP + 1 (more than the cap reads as "1000+"). */
  async count(ex: Executor, filter: OrderListFilter): Promise<number> {
    // A branch beyond the cap already puts the union beyond it, so each branch stops there too.
    const [first, ...rest] = branchQueries(ex, filter).map((query, index) =>
      ex.selectFrom(query.select('work_order.id').limit(COUNT_CAP + 1).as(`b${index}`)).selectAll(),
    );
    const union = rest.reduce((all, branch) => all.union(branch), first!);
    const row = await ex
      .selectFrom(ex.selectFrom(union.as('u')).select('u.id').limit(COUNT_CAP + 1).as('capped'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  /** Whether the caller reaches this order (see OrderReach). */
  async isReachable(ex: Executor, id: number, reach: OrderReach): Promise<boolean> {
    if (reach.everything) return true;
    const row = await ex
      .selectFrom('work_order')
      .select('work_order.id')
      .where('work_order.id', '=', id)
      .where((eb) => reachable(eb, reach))
      .executeTakeFirst();
    return row !== undefined;
  },

  // ---- events ----
  async addEvents(ex: Executor, events: ReadonlyArray<Insertable<WorkOrderEventTable>>): Promise<void> {
    if (events.length === 0) return;
    await ex.insertInto('work_order_event').values([...events]).execute();
  },

  async events(ex: Executor, orderId: number) {
    return ex.selectFrom('work_order_event').selectAll().where('order_id', '=', orderId).orderBy('id', 'asc').execute();
  },

  // ---- steps ----
  async insertSteps(ex: Executor, steps: ReadonlyArray<Insertable<WorkOrderStepTable>>): Promise<void> {
    await ex.insertInto('work_order_step').values([...steps]).execute();
  },

  async steps(ex: Executor, orderId: number) {
    return ex.selectFrom('work_order_step').selectAll().where('order_id', '=', orderId).orderBy('id', 'asc').execute();
  },

  async stepsOfMany(ex: Executor, orderIds: readonly number[]) {
    if (orderIds.length === 0) return [];
    return ex.selectFrom('work_order_step').select(['order_id', 'assignee_id', 'department_id']).where('order_id', 'in', [...orderIds]).execute();
  },

  async updateStep(ex: Executor, id: number, values: Updateable<WorkOrderStepTable>): Promise<void> {
    await ex.updateTable('work_order_step').set(values).where('id', '=', id).execute();
  },

  async nextBatch(ex: Executor, orderId: number): Promise<number> {
    const row = await ex
      .selectFrom('work_order_step')
      .select((eb) => eb.fn.max('batch').as('batch'))
      .where('order_id', '=', orderId)
      .executeTakeFirst();
    return Number(row?.batch ?? 0) + 1;
  },

  // ---- conversation ----
  async insertMessage(ex: Executor, values: Insertable<WorkOrderMessageTable>): Promise<number> {
    const row = await ex.insertInto('work_order_message').values(values).returning('id').executeTakeFirstOrThrow();
    return Number(row.id);
  },

  async messages(ex: Executor, orderId: number) {
    return ex.selectFrom('work_order_message').selectAll().where('order_id', '=', orderId).orderBy('id', 'asc').execute();
  },

  async messageTexts(ex: Executor, orderId: number): Promise<string[]> {
    const rows = await ex.selectFrom('work_order_message').select('body_text').where('order_id', '=', orderId).orderBy('id', 'asc').execute();
    return rows.map((row) => row.body_text);
  },

  /** The conversation texts of several orders in one query, oldest first. */
  async messageTextsOfMany(ex: Executor, orderIds: readonly number[]): Promise<Map<number, string[]>> {
    const texts = new Map<number, string[]>();
    if (orderIds.length === 0) return texts;
    const rows = await ex
      .selectFrom('work_order_message')
      .select(['order_id', 'body_text'])
      .where('order_id', 'in', [...orderIds])
      .orderBy('id', 'asc')
      .execute();
    for (const row of rows) texts.set(row.order_id, [...(texts.get(row.order_id) ?? []), row.body_text]);
    return texts;
  },

  async insertAttachment(ex: Executor, values: Insertable<WorkOrderAttachmentTable>): Promise<number> {
    const row = await ex.insertInto('work_order_attachment').values(values).returning('id').executeTakeFirstOrThrow();
    return Number(row.id);
  },

  /** Attachment metadata (never the bytes) of an order. */
  async attachments(ex: Executor, orderId: number) {
    return ex
      .selectFrom('work_order_attachment')
      .select(['id', 'order_id', 'message_id', 'file_name', 'content_type', 'size', 'inline', 'token', 'uploaded_by', 'created_at'])
      .where('order_id', '=', orderId)
      .orderBy('id', 'asc')
      .execute();
  },

  async attachmentStorage(ex: Executor, orderId: number) {
    return ex.selectFrom('work_order_attachment').select(['storage', 'storage_key']).where('order_id', '=', orderId).execute();
  },

  async attachmentByToken(ex: Executor, token: string) {
    return ex.selectFrom('work_order_attachment').selectAll().where('token', '=', token).executeTakeFirst();
  },

  async claimAttachments(ex: Executor, orderId: number, messageId: number, ids: readonly number[]): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await ex
      .updateTable('work_order_attachment')
      .set({ message_id: messageId })
      .where('order_id', '=', orderId)
      .where('message_id', 'is', null)
      .where('id', 'in', [...ids])
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  },

  // ---- links ----
  async link(ex: Executor, orderId: number, otherId: number, userId: number, now: number): Promise<void> {
    await ex
      .insertInto('work_order_link')
      .values([
        { order_id: orderId, other_id: otherId, created_by: userId, created_at: now },
        { order_id: otherId, other_id: orderId, created_by: userId, created_at: now },
      ])
      .onConflict((oc) => oc.columns(['order_id', 'other_id']).doNothing())
      .execute();
  },

  async unlink(ex: Executor, orderId: number, otherId: number): Promise<void> {
    await ex
      .deleteFrom('work_order_link')
      .where((eb) =>
        eb.or([
          eb.and([eb('order_id', '=', orderId), eb('other_id', '=', otherId)]),
          eb.and([eb('order_id', '=', otherId), eb('other_id', '=', orderId)]),
        ]),
      )
      .execute();
  },

  async links(ex: Executor, orderId: number) {
    return ex
      .selectFrom('work_order_link')
      .innerJoin('work_order', 'work_order.id', 'work_order_link.other_id')
      .select(['work_order.id', 'work_order.number', 'work_order.title', 'work_order.status'])
      .where('work_order_link.order_id', '=', orderId)
      .where('work_order.deleted_at', 'is', null)
      .orderBy('work_order.id')
      .execute();
  },

  /** Everything of an order, for purge (WO-12). */
  async purge(ex: Executor, orderId: number): Promise<void> {
    await ex.deleteFrom('notification').where('work_order_id', '=', orderId).execute();
    await ex.deleteFrom('work_order_link').where((eb) => eb.or([eb('order_id', '=', orderId), eb('other_id', '=', orderId)])).execute();
    await ex.deleteFrom('work_order_attachment').where('order_id', '=', orderId).execute();
    await ex.deleteFrom('work_order_message').where('order_id', '=', orderId).execute();
    await ex.deleteFrom('work_order_step').where('order_id', '=', orderId).execute();
    await ex.deleteFrom('work_order_event').where('order_id', '=', orderId).execute();
    await ex.updateTable('work_order').set({ merged_into_id: null }).where('merged_into_id', '=', orderId).execute();
    await ex.deleteFrom('customer_event').where('source_type', '=', 'work_order').where('source_id', '=', String(orderId)).execute();
    await ex.deleteFrom('work_order').where('id', '=', orderId).execute();
  },

  async moveCustomer(ex: Executor, sourceId: number, targetId: number): Promise<void> {
    await ex.updateTable('work_order').set({ customer_id: targetId }).where('customer_id', '=', sourceId).execute();
  },

  // ---- names and the directory ----
  async userNames(ex: Executor, ids: readonly number[]): Promise<Map<number, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await ex.selectFrom('app_user').select(['id', 'display_name']).where('id', 'in', unique).execute();
    return new Map(rows.map((row) => [row.id, row.display_name]));
  },

  async departmentNames(ex: Executor, ids: readonly number[]): Promise<Map<number, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await ex.selectFrom('department').select(['id', 'name']).where('id', 'in', unique).execute();
    return new Map(rows.map((row) => [row.id, row.name]));
  },

  async categoryNames(ex: Executor, ids: readonly number[]): Promise<Map<number, { name: string; requiresConfirmation: boolean }>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await ex.selectFrom('work_order_category').select(['id', 'name', 'requires_confirmation']).where('id', 'in', unique).execute();
    return new Map(rows.map((row) => [row.id, { name: row.name, requiresConfirmation: row.requires_confirmation === 1 }]));
  },

  async customerRefs(ex: Executor, ids: readonly number[]): Promise<Map<number, { name: string; tier: string; personality: string | null }>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await ex.selectFrom('customer').select(['id', 'name', 'tier', 'personality']).where('id', 'in', unique).execute();
    return new Map(rows.map((row) => [row.id, { name: row.name, tier: row.tier, personality: row.personality }]));
  },

  async customerStatus(ex: Executor, id: number) {
    return ex.selectFrom('customer').select(['id', 'status', 'tier']).where('id', '=', id).executeTakeFirst();
  },

  async activeUser(ex: Executor, id: number) {
    return ex
      .selectFrom('app_user')
      .leftJoin('department', 'department.id', 'app_user.department_id')
      .select(['app_user.id', 'app_user.display_name', 'app_user.username', 'app_user.department_id', 'department.path as department_path'])
      .where('app_user.id', '=', id)
      .where('app_user.status', '=', 'active')
      .executeTakeFirst();
  },

  async department(ex: Executor, id: number) {
    return ex.selectFrom('department').select(['id', 'name', 'path']).where('id', '=', id).executeTakeFirst();
  },

  /** Department ids whose path starts with (subtree) or equals (exact) the given path. */
  async departmentIdsUnder(ex: Executor, path: string, subtree: boolean): Promise<number[]> {
    const query = ex.selectFrom('department').select('id');
    const rows = await (subtree ? query.where('path', 'like', `${path}%`) : query.where('path', '=', path)).execute();
    return rows.map((row) => row.id);
  },

  async directory(ex: Executor) {
    const [departments, users] = await Promise.all([
      ex.selectFrom('department').select(['id', 'name', 'parent_id']).orderBy('path').execute(),
      ex.selectFrom('app_user').select(['id', 'display_name', 'username', 'department_id']).where('status', '=', 'active').orderBy('display_name').execute(),
    ]);
    return { departments, users };
  },

  /** What decides which orders a user reaches: their roles' scopes, their unit, and whether they may read orders at all. */
  async accessOfUser(ex: Executor, userId: number) {
    const [roles, user] = await Promise.all([
      ex
        .selectFrom('user_role')
        .innerJoin('role', 'role.id', 'user_role.role_id')
        .leftJoin('role_permission', (join) =>
          join.onRef('role_permission.role_id', '=', 'role.id').on('role_permission.permission', '=', 'work_orders.read'),
        )
        .select(['role.data_scope', 'role_permission.permission'])
        .where('user_role.user_id', '=', userId)
        .execute(),
      ex
        .selectFrom('app_user')
        .leftJoin('department', 'department.id', 'app_user.department_id')
        .select(['department.path'])
        .where('app_user.id', '=', userId)
        .executeTakeFirst(),
    ]);
    return {
      scopes: roles.map((role) => role.data_scope),
      readsOrders: roles.some((role) => role.permission !== null),
      departmentPath: user?.path ?? null,
    };
  },

  async usersByUsernames(ex: Executor, usernames: readonly string[]) {
    if (usernames.length === 0) return [];
    return ex
      .selectFrom('app_user')
      .select(['id', 'display_name', 'username'])
      .where('username', 'in', [...usernames])
      .where('status', '=', 'active')
      .execute();
  },

  async recentByCustomer(ex: Executor, customerId: number, limit: number) {
    return ex
      .selectFrom('work_order')
      .select(['id', 'number', 'title', 'status', 'created_at'])
      .where('customer_id', '=', customerId)
      .where('deleted_at', 'is', null)
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute();
  },

  async openCountByCustomer(ex: Executor, customerId: number): Promise<number> {
    const row = await ex
      .selectFrom('work_order')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('customer_id', '=', customerId)
      .where('deleted_at', 'is', null)
      .where('status', 'in', openStatuses)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
};
