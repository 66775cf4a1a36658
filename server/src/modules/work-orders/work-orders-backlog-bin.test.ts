import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Category, WorkOrder, WorkOrderSummary } from '@kefu/contracts';
import type { Client, Harness } from '../../../test/harness.js';
import {
  HOUR,
  act,
  auditOf,
  createCategory,
  createWorkOrderHarness,
  eventsOf,
  expectError,
  getOrder,
  intake,
  listIds,
  notificationsOf,
  orderIn,
  person,
  team,
  transition,
  updateSettings,
  type Person,
} from './work-orders.fixtures.js';

type Backlog = {
  teams: Array<{ department: { id: number; name: string } | null; thresholdHours: number; count: number; oldestActivityAt: number | null }>;
  orders: { items: WorkOrderSummary[]; total: number };
};

async function backlog(client: Client, departmentId?: number): Promise<Backlog> {
  const response = await client.get(`/api/work-orders/backlog${departmentId ? `?departmentId=${departmentId}` : ''}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Backlog>();
}

describe('backlog (工单滞留) and reminders (催单) (WO-9)', () => {
  let h: Harness;
  let category: Category;
  beforeAll(async () => {
    h = await createWorkOrderHarness();
    category = await createCategory(h);
  });
  afterAll(() => h.close());

  it('lists open orders idle beyond their team’s threshold (with a per-team override), counted per team', async () => {
    const slow = await team(h, null, '慢班');
    const fast = await team(h, null, '快班');
    await updateSettings(h, { backlogThresholdHours: 24, backlogThresholdByDepartment: { [String(fast)]: 4 } });
    const agent = await person(h, 'agent', slow);
    const start = h.clock.now();
    const slowOrder = await intake(agent.client, { categoryId: category.id, departmentId: slow });
    const fastOrder = await intake(agent.client, { categoryId: category.id, departmentId: fast });
    // Waiting on the customer and finished orders are nobody's backlog.
    const suspended = await orderIn(agent.client, 'suspended', { categoryId: category.id, departmentId: fast });
    await intake(agent.client, { categoryId: category.id, departmentId: fast, resolution: { mode: 'answered', answer: '已解答' } });
    const teamsOf = (result: Backlog) => result.teams.filter((entry) => entry.department && [slow, fast].includes(entry.department.id));

    h.clock.advance(3 * HOUR);
    expect(teamsOf(await backlog(h.admin))).toEqual([]);

    h.clock.advance(2 * HOUR);
    const afterFive = await backlog(h.admin);
    expect(teamsOf(afterFive)).toEqual([{ department: { id: fast, name: expect.any(String) }, thresholdHours: 4, count: 1, oldestActivityAt: start }]);
    expect(afterFive.orders.items.map((item) => item.id)).toContain(fastOrder.id);
    expect(afterFive.orders.items.map((item) => item.id)).not.toContain(suspended.id);
    expect((await backlog(h.admin, fast)).orders).toEqual({ items: [expect.objectContaining({ id: fastOrder.id, lastActivityAt: start })], total: 1 });
    expect((await backlog(h.admin, slow)).orders.total).toBe(0);

    h.clock.advance(20 * HOUR);
    expect(teamsOf(await backlog(h.admin)).sort((a, b) => a.department!.id - b.department!.id)).toEqual(
      [
        { department: { id: slow, name: expect.any(String) }, thresholdHours: 24, count: 1, oldestActivityAt: start },
        { department: { id: fast, name: expect.any(String) }, thresholdHours: 4, count: 1, oldestActivityAt: start },
      ].sort((a, b) => a.department.id - b.department.id),
    );
    expect((await backlog(h.admin, slow)).orders.items.map((item) => item.id)).toEqual([slowOrder.id]);

    // Work on the order is activity: it leaves the backlog until it idles again.
    await act(agent.client, fastOrder.id, 'accept');
    expect((await backlog(h.admin, fast)).orders.total).toBe(0);
    h.clock.advance(4 * HOUR + 1);
    expect((await backlog(h.admin, fast)).orders.items.map((item) => item.id)).toEqual([fastOrder.id]);

    // Each sees the backlog within their own reach.
    const stranger = await person(h, 'agent', await team(h));
    expect((await backlog(stranger.client)).orders.total).toBe(0);
    expect((await backlog(agent.client, slow)).orders.items.map((item) => item.id)).toEqual([slowOrder.id]);
  });

  it('records a reminder (催单): counts it, notes it as an event, tells handler and owner, and leaves the order idle', async () => {
    const teamId = await team(h, null, '催单班');
    await updateSettings(h, { backlogThresholdHours: 2, backlogThresholdByDepartment: {} });
    const owner = await person(h, 'agent', teamId);
    const handler = await person(h, 'agent', teamId);
    const leader = await person(h, 'team_leader', teamId);
    const order = await intake(owner.client, { categoryId: category.id });
    const assigned = await leader.client.post(`/api/work-orders/${order.id}/assign`, { mode: 'manual', userId: handler.id });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const lastActivityAt = assigned.json<WorkOrder>().lastActivityAt;
    h.clock.advance(3 * HOUR);
    expect((await backlog(leader.client, teamId)).orders.items.map((item) => item.id)).toEqual([order.id]);

    const first = await leader.client.post(`/api/work-orders/${order.id}/reminders`, { note: '客户第三次来电催促' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ reminderCount: 1, lastActivityAt });
    expect((await eventsOf(leader.client, order.id)).at(-1)).toMatchObject({ kind: 'reminded', actor: { id: leader.id }, data: { note: '客户第三次来电催促', count: 1 } });
    for (const told of [owner, handler]) {
      expect((await notificationsOf(told.client)).filter((notice) => notice.kind === 'work_order.reminded' && notice.workOrder?.id === order.id)).toEqual([
        expect.objectContaining({ actor: { id: leader.id, name: leader.name }, data: expect.objectContaining({ note: '客户第三次来电催促' }) }),
      ]);
    }
    expect((await notificationsOf(leader.client)).some((notice) => notice.kind === 'work_order.reminded')).toBe(false);

    // A reminder is not progress: still in the backlog, as idle as before.
    const still = await backlog(leader.client, teamId);
    expect(still.orders.items).toEqual([expect.objectContaining({ id: order.id, reminderCount: 1, lastActivityAt })]);
    expect((await leader.client.post(`/api/work-orders/${order.id}/reminders`, {})).json().reminderCount).toBe(2);
    expect((await eventsOf(leader.client, order.id)).at(-1)!.data).toEqual({ note: null, count: 2 });
  });

  it('refuses a reminder on a finished order (409) and on an order out of reach (404)', async () => {
    const agent = await person(h, 'agent', await team(h));
    const closed = await intake(agent.client, { categoryId: category.id, resolution: { mode: 'answered', answer: '已解答' } });
    expectError(await agent.client.post(`/api/work-orders/${closed.id}/reminders`, {}), 409, 'work_order.illegal_transition');
    const open = await intake(agent.client, { categoryId: category.id });
    const stranger = await person(h, 'agent', await team(h));
    expectError(await stranger.client.post(`/api/work-orders/${open.id}/reminders`, {}), 404, 'not_found');
  });
});

describe('recycle bin (回收站), links and merges (WO-6, WO-12)', () => {
  let h: Harness;
  let category: Category;
  let teamId: number;
  let agent: Person;
  let leader: Person;
  let director: Person;
  beforeAll(async () => {
    h = await createWorkOrderHarness();
    category = await createCategory(h);
    teamId = await team(h, null, '回收站班');
    agent = await person(h, 'agent', teamId);
    leader = await person(h, 'team_leader', teamId);
    director = await person(h, 'center_director');
  });
  afterAll(() => h.close());

  const remove = (client: Client, id: number, reason?: string) => client.request('DELETE', `/api/work-orders/${id}`, reason === undefined ? {} : { reason });
  const binIds = async (client: Client) => {
    const response = await client.get('/api/work-orders/bin?limit=200');
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ items: WorkOrderSummary[] }>().items.map((item) => item.id);
  };

  it('moves a deleted order to the bin: audited, gone from every list, 404 for an agent, visible to the supervisor', async () => {
    const order = await intake(agent.client, { categoryId: category.id });
    expectError(await remove(agent.client, order.id, '重复'), 403, 'forbidden');
    expect((await remove(leader.client, order.id)).statusCode).toBe(400);

    const response = await remove(leader.client, order.id, '重复录入');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ ok: true });

    const [entry] = await auditOf(h, 'work_order.deleted', order.id);
    expect(entry).toMatchObject({ outcome: 'success', actorId: leader.id, targetType: 'work_order', details: { number: order.number, title: order.title, reason: '重复录入' } });
    expectError(await agent.client.get(`/api/work-orders/${order.id}`), 404, 'not_found');
    expectError(await transition(agent.client, order.id, { action: 'accept' }), 404, 'not_found');
    for (const client of [agent.client, leader.client]) {
      for (const view of ['all', 'accountable', 'team', 'unassigned'] as const) expect(await listIds(client, { view })).not.toContain(order.id);
    }
    expect((await leader.client.get('/api/work-orders/counts')).json().all).toBe(0);

    const binned = await getOrder(leader.client, order.id);
    expect(binned).toMatchObject({ deletedAt: h.clock.now(), allowedActions: [], can: expect.objectContaining({ delete: false, dispatch: false }) });
    expect(await binIds(leader.client)).toContain(order.id);
    expectError(await agent.client.get('/api/work-orders/bin'), 403, 'forbidden');
    // Deleting twice finds nothing to delete.
    expectError(await remove(leader.client, order.id, '再删'), 404, 'not_found');
  });

  it('restores an order from the bin (audited) back into the lists', async () => {
    const order = await intake(agent.client, { categoryId: category.id });
    expectError(await leader.client.post(`/api/work-orders/${order.id}/restore`), 409, 'work_order.not_deleted');
    expect((await remove(leader.client, order.id, '误删')).statusCode).toBe(200);
    expectError(await agent.client.post(`/api/work-orders/${order.id}/restore`), 403, 'forbidden');

    const restored = await leader.client.post(`/api/work-orders/${order.id}/restore`);
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json()).toMatchObject({ id: order.id, deletedAt: null, status: 'new' });
    expect(await listIds(agent.client, { view: 'all' })).toContain(order.id);
    expect(await binIds(leader.client)).not.toContain(order.id);
    expect(await auditOf(h, 'work_order.restored', order.id)).toEqual([expect.objectContaining({ actorId: leader.id, details: { number: order.number } })]);
    expect((await eventsOf(agent.client, order.id)).map((event) => event.kind).slice(-2)).toEqual(['deleted', 'restored']);
  });

  it('purges only with work_orders.purge: a team leader gets 403, a center director removes the order for good (audited)', async () => {
    const customer = (await h.admin.post('/api/customers', { name: '赵清', type: 'personal' })).json<{ id: number }>();
    const order = await intake(agent.client, { categoryId: category.id, customer: { mode: 'existing', customerId: customer.id } });
    expectError(await director.client.delete(`/api/work-orders/${order.id}/purge`), 409, 'work_order.not_deleted');
    expect((await remove(leader.client, order.id, '测试数据')).statusCode).toBe(200);

    expectError(await leader.client.delete(`/api/work-orders/${order.id}/purge`), 403, 'forbidden');
    expect((await getOrder(leader.client, order.id)).deletedAt).not.toBeNull();

    const purged = await director.client.delete(`/api/work-orders/${order.id}/purge`);
    expect(purged.statusCode, purged.body).toBe(200);
    expect(purged.json()).toEqual({ ok: true });
    expect(await auditOf(h, 'work_order.purged', order.id)).toEqual([
      expect.objectContaining({ actorId: director.id, details: expect.objectContaining({ number: order.number, deleteReason: '测试数据' }) }),
    ]);
    for (const client of [director.client, h.admin]) expectError(await client.get(`/api/work-orders/${order.id}`), 404, 'not_found');
    expect(await binIds(director.client)).not.toContain(order.id);
    const row = await h.testDb.db.kysely.selectFrom('work_order').select('id').where('id', '=', order.id).executeTakeFirst();
    expect(row).toBeUndefined();
    // The deletion itself stays on record.
    expect(await auditOf(h, 'work_order.deleted', order.id)).toHaveLength(1);
  });

  it('links two orders both ways and unlinks them', async () => {
    const first = await intake(agent.client, { categoryId: category.id });
    const second = await intake(agent.client, { categoryId: category.id });
    const linked = await agent.client.post(`/api/work-orders/${first.id}/links`, { otherId: second.id });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json().links).toEqual([{ id: second.id, number: second.number, title: second.title, status: 'new' }]);
    expect((await getOrder(agent.client, second.id)).links).toEqual([{ id: first.id, number: first.number, title: first.title, status: 'new' }]);
    expect((await eventsOf(agent.client, second.id)).at(-1)).toMatchObject({ kind: 'linked', data: { otherId: first.id, number: first.number } });
    // Linking again changes nothing.
    expect((await agent.client.post(`/api/work-orders/${first.id}/links`, { otherId: second.id })).json().links).toHaveLength(1);
    expectError(await agent.client.post(`/api/work-orders/${first.id}/links`, { otherId: first.id }), 422, 'work_order.link_self');

    const unlinked = await agent.client.request('DELETE', `/api/work-orders/${second.id}/links/${first.id}`);
    expect(unlinked.statusCode, unlinked.body).toBe(200);
    expect(unlinked.json().links).toEqual([]);
    expect((await getOrder(agent.client, first.id)).links).toEqual([]);
  });

  it('refuses to link an order the caller cannot see (404)', async () => {
    const mine = await intake(agent.client, { categoryId: category.id });
    const stranger = await person(h, 'agent', await team(h));
    const theirs = await intake(stranger.client, { categoryId: category.id });
    expectError(await agent.client.post(`/api/work-orders/${mine.id}/links`, { otherId: theirs.id }), 404, 'not_found');
    expect((await getOrder(agent.client, mine.id)).links).toEqual([]);
  });

  it('merges a duplicate into another order: the source is cancelled with mergedInto, linked, audited, and takes no more actions', async () => {
    const target = await intake(agent.client, { categoryId: category.id });
    const source = await orderIn(agent.client, 'in_progress', { categoryId: category.id });
    expectError(await agent.client.post(`/api/work-orders/${target.id}/merge`, { sourceId: target.id }), 422, 'work_order.merge_self');

    const merged = await agent.client.post(`/api/work-orders/${target.id}/merge`, { sourceId: source.id });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json()).toMatchObject({ id: target.id, status: 'new', mergedInto: null, links: [expect.objectContaining({ id: source.id, status: 'cancelled' })] });

    const after = await getOrder(agent.client, source.id);
    expect(after).toMatchObject({ status: 'cancelled', mergedInto: { id: target.id, number: target.number }, allowedActions: [] });
    expect((await eventsOf(agent.client, source.id)).at(-1)).toMatchObject({ kind: 'merged_away', fromStatus: 'in_progress', toStatus: 'cancelled', data: { targetId: target.id } });
    expect((await eventsOf(agent.client, target.id)).at(-1)).toMatchObject({ kind: 'merged_in', data: { sourceId: source.id, number: source.number } });
    expect(await auditOf(h, 'work_order.merged', target.id)).toEqual([expect.objectContaining({ details: { target: target.number, source: source.number } })]);
    expect(await listIds(agent.client, { view: 'accountable' })).not.toContain(source.id);

    expectError(await transition(agent.client, source.id, { action: 'reopen', reason: '再开' }), 409, 'work_order.illegal_transition');
    // A merged (cancelled) order cannot be merged again, nor receive another.
    const third = await intake(agent.client, { categoryId: category.id });
    expectError(await agent.client.post(`/api/work-orders/${third.id}/merge`, { sourceId: source.id }), 409, 'work_order.illegal_transition');
    expectError(await agent.client.post(`/api/work-orders/${source.id}/merge`, { sourceId: third.id }), 409, 'work_order.illegal_transition');
  });
});
