import type { AvailabilityStatus } from '@kefu/contracts';
import type { Executor } from '../../db/executor.js';

/** Statuses in which an order counts towards its handler's load. */
const LOAD_STATUSES = ['new', 'accepted', 'in_progress', 'pending_confirmation'];

export interface AgentState {
  userId: number;
  name: string;
  departmentId: number | null;
  status: AvailabilityStatus;
  /** Null: the organisation's default capacity. */
  capacity: number | null;
  load: number;
  updatedAt: number | null;
}

export const assignmentRepository = {
  /** Active users of these departments who may handle orders, with their state. */
  async agents(ex: Executor, departmentIds: readonly number[] | null): Promise<AgentState[]> {
    let query = ex
      .selectFrom('app_user')
      .leftJoin('agent_availability', 'agent_availability.user_id', 'app_user.id')
      .select([
        'app_user.id',
        'app_user.display_name',
        'app_user.department_id',
        'agent_availability.status',
        'agent_availability.capacity',
        'agent_availability.updated_at',
      ])
      .where('app_user.status', '=', 'active')
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('user_role')
            .innerJoin('role_permission', 'role_permission.role_id', 'user_role.role_id')
            .select('user_role.user_id')
            .whereRef('user_role.user_id', '=', 'app_user.id')
            .where('role_permission.permission', '=', 'work_orders.handle'),
        ),
      )
      .orderBy('app_user.id');
    if (departmentIds !== null) query = query.where('app_user.department_id', 'in', departmentIds.length > 0 ? [...departmentIds] : [-1]);
    const rows = await query.execute();
    const loads = await assignmentRepository.loads(ex, rows.map((row) => row.id));
    return rows.map((row) => ({
      userId: row.id,
      name: row.display_name,
      departmentId: row.department_id,
      // Nobody has said they are here: treat as offline, never assign to them automatically.
      status: (row.status ?? 'offline') as AvailabilityStatus,
      capacity: row.capacity,
      load: loads.get(row.id) ?? 0,
      updatedAt: row.updated_at === null ? null : Number(row.updated_at),
    }));
  },

  async loads(ex: Executor, userIds: readonly number[]): Promise<Map<number, number>> {
    if (userIds.length === 0) return new Map();
    const rows = await ex
      .selectFrom('work_order')
      .select((eb) => ['handler_id', eb.fn.countAll<number>().as('n')])
      .where('handler_id', 'in', [...userIds])
      .where('unclosed', '=', 1)
      .where('deleted_at', 'is', null)
      .where('status', 'in', LOAD_STATUSES)
      .groupBy('handler_id')
      .execute();
    return new Map(rows.map((row) => [Number(row.handler_id), Number(row.n)]));
  },

  async setAvailability(ex: Executor, userId: number, values: { status?: AvailabilityStatus; capacity?: number | null }, now: number): Promise<void> {
    const existing = await ex.selectFrom('agent_availability').select(['status', 'capacity']).where('user_id', '=', userId).executeTakeFirst();
    const status = values.status ?? existing?.status ?? 'offline';
    const capacity = values.capacity !== undefined ? values.capacity : (existing?.capacity ?? null);
    await ex
      .insertInto('agent_availability')
      .values({ user_id: userId, status, capacity, updated_at: now })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ status, capacity, updated_at: now }))
      .execute();
  },

  /** The team's round-robin position, locked until the transaction ends (two assignments never pick the same next agent). */
  async lockCursor(ex: Executor, postgres: boolean, departmentId: number): Promise<number> {
    await ex.insertInto('assignment_cursor').values({ department_id: departmentId, last_user_id: 0 }).onConflict((oc) => oc.column('department_id').doNothing()).execute();
    const query = ex.selectFrom('assignment_cursor').select('last_user_id').where('department_id', '=', departmentId);
    const row = await (postgres ? query.forUpdate() : query).executeTakeFirstOrThrow();
    return Number(row.last_user_id);
  },

  async moveCursor(ex: Executor, departmentId: number, userId: number): Promise<void> {
    await ex
      .insertInto('assignment_cursor')
      .values({ department_id: departmentId, last_user_id: userId })
      .onConflict((oc) => oc.column('department_id').doUpdateSet({ last_user_id: userId }))
      .execute();
  },
};
