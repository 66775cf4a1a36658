import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Availability, Category, WorkOrder } from '@kefu/contracts';
import type { Client, Harness } from '../../../test/harness.js';
import {
  act,
  createCategory,
  createWorkOrderHarness,
  eventsOf,
  expectError,
  getOrder,
  intake,
  notificationsOf,
  person,
  team,
  updateSettings,
  type Person,
} from './work-orders.fixtures.js';

async function assign(client: Client, id: number, body: unknown): Promise<WorkOrder> {
  const response = await client.post(`/api/work-orders/${id}/assign`, body);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<WorkOrder>();
}

async function setAvailability(client: Client, who: number | 'me', body: { status?: string; capacity?: number | null }): Promise<Availability> {
  const response = await client.request('PUT', `/api/agents/${who}/availability`, body);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Availability>();
}

describe('assignment (WO-10)', () => {
  let h: Harness;
  let category: Category;
  let leader: Person;
  let center: number;
  beforeAll(async () => {
    h = await createWorkOrderHarness();
    category = await createCategory(h);
    center = await team(h, null, '客服中心');
    leader = await person(h, 'team_leader', center);
  });
  afterAll(() => h.close());

  /** A team under the leader with `count` agents (ids ascending), all online unless told otherwise. */
  async function staffedTeam(count: number): Promise<{ teamId: number; agents: Person[] }> {
    const teamId = await team(h, center, '坐席班');
    const agents: Person[] = [];
    for (let index = 0; index < count; index += 1) {
      const agent = await person(h, 'agent', teamId);
      await setAvailability(agent.client, 'me', { status: 'online' });
      agents.push(agent);
    }
    return { teamId, agents };
  }

  /** A new order waiting in the team, taken in by someone outside it so no agent's own load changes. */
  async function waiting(teamId: number): Promise<WorkOrder> {
    return intake(leader.client, { categoryId: category.id, departmentId: teamId });
  }

  describe('manual', () => {
    it('lets a supervisor hand an order to anyone: the handler changes, the assignee is told, the event records it', async () => {
      const { teamId, agents } = await staffedTeam(1);
      const order = await waiting(teamId);
      const assigned = await assign(leader.client, order.id, { mode: 'manual', userId: agents[0]!.id });
      expect(assigned).toMatchObject({ handler: { id: agents[0]!.id }, owner: { id: leader.id }, department: { id: teamId } });
      expect((await eventsOf(leader.client, order.id)).at(-1)).toMatchObject({ kind: 'assigned', data: { mode: 'manual', userId: agents[0]!.id, previous: null } });
      expect((await notificationsOf(agents[0]!.client)).find((notice) => notice.workOrder?.id === order.id)).toMatchObject({ kind: 'work_order.assigned', actor: { id: leader.id } });
    });

    it('lets an agent take an order of their team themselves, but not hand it to someone else (403)', async () => {
      const { teamId, agents } = await staffedTeam(2);
      const order = await waiting(teamId);
      const refused = await agents[0]!.client.post(`/api/work-orders/${order.id}/assign`, { mode: 'manual', userId: agents[1]!.id });
      expectError(refused, 403, 'work_order.not_a_party');
      expect((await assign(agents[0]!.client, order.id, { mode: 'manual', userId: agents[0]!.id })).handler!.id).toBe(agents[0]!.id);
    });

    it('refuses to assign a finished or suspended order (409) and an unknown user (422)', async () => {
      const { teamId, agents } = await staffedTeam(1);
      const closed = await intake(leader.client, { categoryId: category.id, departmentId: teamId, resolution: { mode: 'answered', answer: '已解答' } });
      expectError(await leader.client.post(`/api/work-orders/${closed.id}/assign`, { mode: 'manual', userId: agents[0]!.id }), 409, 'work_order.illegal_transition');
      const order = await waiting(teamId);
      expectError(await leader.client.post(`/api/work-orders/${order.id}/assign`, { mode: 'manual', userId: 999_999 }), 422, 'work_order.user_invalid');
    });
    it('hands work only to people and teams within the supervisor’s reach (422 otherwise)', async () => {
      const { teamId } = await staffedTeam(1);
      const elsewhere = await team(h, null, '外区班');
      const stranger = await person(h, 'agent', elsewhere);
      await setAvailability(stranger.client, 'me', { status: 'online' });
      const order = await waiting(teamId);
      expectError(await leader.client.post(`/api/work-orders/${order.id}/assign`, { mode: 'manual', userId: stranger.id }), 422, 'work_order.user_invalid');
      expectError(
        await leader.client.post(`/api/work-orders/${order.id}/assign`, { mode: 'round_robin', departmentId: elsewhere }),
        422,
        'work_order.department_invalid',
      );
      expect((await getOrder(leader.client, order.id)).handler).toBeNull();
    });
  });

  describe('round robin', () => {
    it('cycles through the online agents of the team in id order, skipping those away or offline', async () => {
      const { teamId, agents } = await staffedTeam(4);
      const [first, away, third, offline] = agents;
      await setAvailability(away!.client, 'me', { status: 'away' });
      await setAvailability(offline!.client, 'me', { status: 'offline' });

      const picked: number[] = [];
      for (let index = 0; index < 5; index += 1) {
        const order = await waiting(teamId);
        picked.push((await assign(leader.client, order.id, { mode: 'round_robin' })).handler!.id);
      }
      expect(picked).toEqual([first!.id, third!.id, first!.id, third!.id, first!.id]);

      // Coming back online puts the agent back in the cycle, in id order.
      await setAvailability(away!.client, 'me', { status: 'online' });
      const next = await assign(leader.client, (await waiting(teamId)).id, { mode: 'round_robin' });
      expect(next.handler!.id).toBe(away!.id);
      expect((await eventsOf(leader.client, next.id)).at(-1)).toMatchObject({ kind: 'assigned', data: { mode: 'round_robin', userId: away!.id } });
    });

    it('assigns within the team given, or the order’s own team', async () => {
      const home = await staffedTeam(1);
      const elsewhere = await staffedTeam(1);
      const order = await waiting(home.teamId);
      const moved = await assign(leader.client, order.id, { mode: 'round_robin', departmentId: elsewhere.teamId });
      expect(moved).toMatchObject({ handler: { id: elsewhere.agents[0]!.id }, department: { id: elsewhere.teamId } });
    });
  });

  describe('least loaded', () => {
    it('picks the online agent with the fewest open orders, the lowest id on a tie', async () => {
      const { teamId, agents } = await staffedTeam(3);
      const [a, b, c] = agents;
      for (const [agent, load] of [
        [a!, 2],
        [b!, 1],
        [c!, 1],
      ] as const) {
        for (let index = 0; index < load; index += 1) await assign(leader.client, (await waiting(teamId)).id, { mode: 'manual', userId: agent.id });
      }
      const picks: number[] = [];
      for (let index = 0; index < 3; index += 1) picks.push((await assign(leader.client, (await waiting(teamId)).id, { mode: 'least_loaded' })).handler!.id);
      // loads 2/1/1 → b (tie with c, lower id) → 2/2/1 → c → 2/2/2 → a
      expect(picks).toEqual([b!.id, c!.id, a!.id]);
    });

    it('counts only open orders as load: closed and cancelled ones free the agent', async () => {
      const { teamId, agents } = await staffedTeam(2);
      const [a, b] = agents;
      const busy = await assign(leader.client, (await waiting(teamId)).id, { mode: 'manual', userId: a!.id });
      expect((await assign(leader.client, (await waiting(teamId)).id, { mode: 'least_loaded' })).handler!.id).toBe(b!.id);
      await act(leader.client, busy.id, 'cancel');
      const board = (await leader.client.get(`/api/agents/availability?departmentId=${teamId}`)).json<Availability[]>();
      expect(board.map((entry) => [entry.userId, entry.load])).toEqual([
        [a!.id, 0],
        [b!.id, 1],
      ]);
      expect((await assign(leader.client, (await waiting(teamId)).id, { mode: 'least_loaded' })).handler!.id).toBe(a!.id);
    });
  });

  describe('capacity', () => {
    it('skips an agent at their capacity limit and refuses with 422 work_order.no_available_agent when everyone is full', async () => {
      const { teamId, agents } = await staffedTeam(2);
      const [a, b] = agents;
      await setAvailability(leader.client, a!.id, { capacity: 1 });
      await setAvailability(leader.client, b!.id, { capacity: 2 });

      const picks: number[] = [];
      for (let index = 0; index < 3; index += 1) picks.push((await assign(leader.client, (await waiting(teamId)).id, { mode: 'round_robin' })).handler!.id);
      expect(picks).toEqual([a!.id, b!.id, b!.id]);

      for (const mode of ['round_robin', 'least_loaded']) {
        const order = await waiting(teamId);
        const message = expectError(await leader.client.post(`/api/work-orders/${order.id}/assign`, { mode }), 422, 'work_order.no_available_agent');
        expect(message).toBe('班组内没有在线且未满负荷的坐席。');
        expect((await getOrder(leader.client, order.id)).handler).toBeNull();
      }
    });

    it('falls back to the organisation default capacity when the agent has none', async () => {
      await updateSettings(h, { defaultAgentCapacity: 1 });
      try {
        const { teamId, agents } = await staffedTeam(1);
        expect((await assign(leader.client, (await waiting(teamId)).id, { mode: 'least_loaded' })).handler!.id).toBe(agents[0]!.id);
        expectError(await leader.client.post(`/api/work-orders/${(await waiting(teamId)).id}/assign`, { mode: 'least_loaded' }), 422, 'work_order.no_available_agent');
        expect((await leader.client.get(`/api/agents/availability?departmentId=${teamId}`)).json()[0]).toMatchObject({ capacity: 1, load: 1 });
      } finally {
        await updateSettings(h, { defaultAgentCapacity: 20 });
      }
    });

    it('refuses automatic assignment in a team where nobody has said they are online', async () => {
      const teamId = await team(h, center, '无人班');
      await person(h, 'agent', teamId);
      expectError(await leader.client.post(`/api/work-orders/${(await waiting(teamId)).id}/assign`, { mode: 'round_robin' }), 422, 'work_order.no_available_agent');
    });
  });

  describe('availability', () => {
    it('lets an agent set their own status and capacity, and shows it with their load on the board', async () => {
      const { teamId, agents } = await staffedTeam(1);
      const [agent] = agents;
      const mine = await setAvailability(agent!.client, 'me', { status: 'away', capacity: 5 });
      expect(mine).toMatchObject({ userId: agent!.id, name: agent!.name, department: { id: teamId }, status: 'away', capacity: 5, load: 0, updatedAt: h.clock.now() });
      await assign(leader.client, (await waiting(teamId)).id, { mode: 'manual', userId: agent!.id });

      const board = await leader.client.get(`/api/agents/availability?departmentId=${teamId}`);
      expect(board.statusCode).toBe(200);
      expect(board.json()).toEqual([{ ...mine, load: 1 }]);
      // Only what was sent changes.
      expect(await setAvailability(agent!.client, 'me', { status: 'online' })).toMatchObject({ status: 'online', capacity: 5 });
      expect(await setAvailability(agent!.client, 'me', { capacity: null })).toMatchObject({ status: 'online', capacity: 20 });
    });

    it('lets a supervisor set an agent’s availability; an agent setting someone else’s gets 403', async () => {
      const { agents } = await staffedTeam(2);
      const [a, b] = agents;
      expect(await setAvailability(leader.client, a!.id, { status: 'offline', capacity: 3 })).toMatchObject({ userId: a!.id, status: 'offline', capacity: 3 });
      expectError(await b!.client.request('PUT', `/api/agents/${a!.id}/availability`, { status: 'online' }), 403, 'forbidden');
      // Someone outside the supervisor's subtree is not found.
      const outsider = await person(h, 'agent', await team(h, null, '外部班'));
      expectError(await leader.client.request('PUT', `/api/agents/${outsider.id}/availability`, { status: 'online' }), 404, 'not_found');
      expect((await leader.client.get(`/api/agents/availability`)).json().map((entry: Availability) => entry.userId)).not.toContain(outsider.id);
    });
  });

  describe('bulk actions', () => {
    it('assigns several orders at once and reports each refusal by id without undoing the rest', async () => {
      const { teamId, agents } = await staffedTeam(1);
      const first = await waiting(teamId);
      const second = await waiting(teamId);
      const closed = await intake(leader.client, { categoryId: category.id, departmentId: teamId, resolution: { mode: 'answered', answer: '已解答' } });
      const response = await leader.client.post('/api/work-orders/bulk', { ids: [first.id, closed.id, 999_999, second.id], operation: { kind: 'assign', userId: agents[0]!.id } });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toEqual({
        succeeded: [first.id, second.id],
        failed: [
          { id: closed.id, code: 'work_order.illegal_transition', message: '工单当前状态为“已关闭”，不能执行“分配”。' },
          { id: 999_999, code: 'not_found', message: expect.any(String) },
        ],
      });
      for (const order of [first, second]) expect((await getOrder(leader.client, order.id)).handler!.id).toBe(agents[0]!.id);
    });

    it('applies a transition to several orders, refusing the illegal ones per id', async () => {
      const { teamId } = await staffedTeam(0);
      const fresh = await waiting(teamId);
      const accepted = await waiting(teamId);
      await act(leader.client, accepted.id, 'accept');
      const response = await leader.client.post('/api/work-orders/bulk', { ids: [fresh.id, accepted.id], operation: { kind: 'transition', transition: { action: 'accept' } } });
      expect(response.json()).toEqual({
        succeeded: [fresh.id],
        failed: [{ id: accepted.id, code: 'work_order.illegal_transition', message: '工单当前状态为“已受理”，不能执行“受理”。' }],
      });
      const noReason = await leader.client.post('/api/work-orders/bulk', { ids: [fresh.id], operation: { kind: 'transition', transition: { action: 'cancel' } } });
      expect(noReason.json().failed).toEqual([{ id: fresh.id, code: 'work_order.reason_required', message: '请填写原因。' }]);
      expect((await getOrder(leader.client, fresh.id)).status).toBe('accepted');
    });

    it('lets an agent bulk-transition only the orders they may act on', async () => {
      const { teamId, agents } = await staffedTeam(1);
      const outsider = await person(h, 'agent', await team(h, null, '外部班'));
      const ours = await waiting(teamId);
      const theirs = await intake(outsider.client, { categoryId: category.id });
      const response = await agents[0]!.client.post('/api/work-orders/bulk', { ids: [ours.id, theirs.id], operation: { kind: 'transition', transition: { action: 'accept' } } });
      expect(response.json()).toMatchObject({ succeeded: [ours.id], failed: [{ id: theirs.id, code: 'not_found' }] });
    });
  });
});
