import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Category, WorkOrder, WorkOrderView } from '@kefu/contracts';
import type { Client, Harness } from '../../../test/harness.js';
import {
  HOUR,
  act,
  createCategory,
  createWorkOrderHarness,
  expectError,
  intake,
  listIds,
  person,
  team,
  transition,
  updateSettings,
  type Person,
} from './work-orders.fixtures.js';

const VIEWS: WorkOrderView[] = ['accountable', 'handling', 'team', 'unassigned', 'suspended', 'breaching', 'all'];
const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

describe('who sees which work orders (严守机密, WO-8)', () => {
  let h: Harness;
  let category: Category;
  beforeAll(async () => {
    h = await createWorkOrderHarness();
    category = await createCategory(h);
  });
  afterAll(() => h.close());

  async function expectHidden(client: Client, order: WorkOrder): Promise<void> {
    // Not found, never forbidden: the order's existence is not revealed.
    for (const path of ['', '/events', '/steps', '/messages']) {
      expectError(await client.get(`/api/work-orders/${order.id}${path}`), 404, 'not_found');
    }
    expectError(await transition(client, order.id, { action: 'accept' }), 404, 'not_found');
    expectError(await client.post(`/api/work-orders/${order.id}/reminders`, {}), 404, 'not_found');
    for (const view of VIEWS) expect(await listIds(client, { view }), view).not.toContain(order.id);
    expect(await listIds(client, { q: order.number })).not.toContain(order.id);
  }

  describe('data scope', () => {
    let center: number;
    let teamA: number;
    let subteam: number;
    let sibling: number;
    let agentA: Person;
    let colleagueA: Person;
    let agentSub: Person;
    let orderA: WorkOrder;
    let orderSub: WorkOrder;
    beforeAll(async () => {
      center = await team(h, null, '客服一部');
      teamA = await team(h, center, '甲班');
      subteam = await team(h, teamA, '甲班夜班');
      sibling = await team(h, null, '客服二部');
      agentA = await person(h, 'agent', teamA);
      colleagueA = await person(h, 'agent', teamA);
      agentSub = await person(h, 'agent', subteam);
      orderA = await intake(agentA.client, { categoryId: category.id });
      orderSub = await intake(agentSub.client, { categoryId: category.id });
    });

    it('hides an order from an agent of another team: 404 (not 403) and absent from every list', async () => {
      const stranger = await person(h, 'agent', sibling);
      await expectHidden(stranger.client, orderA);
      expect(await stranger.client.get('/api/work-orders/counts').then((response) => response.json())).toEqual(Object.fromEntries(VIEWS.map((view) => [view, 0])));
    });

    it('shows an agent the orders of their own team only, not those of the team below', async () => {
      expect((await colleagueA.client.get(`/api/work-orders/${orderA.id}`)).statusCode).toBe(200);
      expect(await listIds(colleagueA.client, { view: 'all' })).toEqual([orderA.id]);
      await expectHidden(agentA.client, orderSub);
      expect(await listIds(agentSub.client, { view: 'all' })).toEqual([orderSub.id]);
    });

    it('shows a team leader everything in their subtree, and nothing of a sibling team', async () => {
      const leader = await person(h, 'team_leader', center);
      expect(sorted(await listIds(leader.client, { view: 'all' }))).toEqual(sorted([orderA.id, orderSub.id]));
      for (const order of [orderA, orderSub]) expect((await leader.client.get(`/api/work-orders/${order.id}`)).statusCode).toBe(200);

      const siblingLeader = await person(h, 'team_leader', sibling);
      await expectHidden(siblingLeader.client, orderA);
      await expectHidden(siblingLeader.client, orderSub);

      // A leader lower in the tree sees only their part of it.
      const subLeader = await person(h, 'team_leader', subteam);
      expect(await listIds(subLeader.client, { view: 'all' })).toEqual([orderSub.id]);
    });

    it('shows a back-office worker an order once it is dispatched to their department, and not before', async () => {
      const repair = await team(h, null, '维修中心');
      const worker = await person(h, 'back_office', repair);
      const order = await intake(agentA.client, { categoryId: category.id });
      await expectHidden(worker.client, order);

      const response = await agentA.client.post(`/api/work-orders/${order.id}/dispatch`, { steps: [{ departmentId: repair, instructions: '上门维修' }] });
      expect(response.statusCode, response.body).toBe(200);
      expect((await worker.client.get(`/api/work-orders/${order.id}`)).statusCode).toBe(200);
      expect(await listIds(worker.client, { view: 'team' })).toEqual([order.id]);
      expect(await listIds(worker.client, { view: 'all' })).toEqual([order.id]);
      // …but not the rest of the dispatching team's orders.
      await expectHidden(worker.client, orderA);
    });

    it('shows organisation-wide roles everything', async () => {
      const director = await person(h, 'center_director');
      const ids = await listIds(director.client, { view: 'all' });
      expect(ids).toEqual(expect.arrayContaining([orderA.id, orderSub.id]));
    });
  });

  describe('workspace views and counts (WO-8)', () => {
    let viewer: Person;
    let colleague: Person;
    const expected = {} as Record<WorkOrderView, number[]>;
    beforeAll(async () => {
      await updateSettings(h, { breachingWindowHours: 2 });
      const teamId = await team(h, null, '视图班');
      viewer = await person(h, 'agent', teamId);
      colleague = await person(h, 'agent', teamId);
      const outsider = await person(h, 'agent', await team(h));
      const now = h.clock.now();

      const mine = await intake(viewer.client, { categoryId: category.id });
      const handedToMe = await intake(colleague.client, { categoryId: category.id, dueAt: now + 12 * HOUR });
      const assigned = await h.admin.post(`/api/work-orders/${handedToMe.id}/assign`, { mode: 'manual', userId: viewer.id });
      expect(assigned.statusCode, assigned.body).toBe(200);
      const suspended = await intake(colleague.client, { categoryId: category.id });
      for (const action of ['accept', 'start', 'suspend'] as const) await act(colleague.client, suspended.id, action);
      const dueSoon = await intake(colleague.client, { categoryId: category.id, dueAt: now + HOUR });
      const overdue = await intake(colleague.client, { categoryId: category.id, dueAt: now - HOUR });
      const answered = await intake(colleague.client, { categoryId: category.id, resolution: { mode: 'answered', answer: '已解答' } });
      const colleaguesWork = await intake(colleague.client, { categoryId: category.id });
      await act(colleague.client, colleaguesWork.id, 'accept');
      await intake(outsider.client, { categoryId: category.id, dueAt: now + HOUR });

      expected.accountable = [mine.id];
      expected.handling = [handedToMe.id];
      expected.team = [mine.id, handedToMe.id, suspended.id, dueSoon.id, overdue.id, colleaguesWork.id];
      expected.unassigned = [mine.id, dueSoon.id, overdue.id];
      expected.suspended = [suspended.id];
      expected.breaching = [dueSoon.id, overdue.id];
      expected.all = [mine.id, handedToMe.id, suspended.id, dueSoon.id, overdue.id, answered.id, colleaguesWork.id];
    });

    it.each(VIEWS)('the %s view returns exactly the expected orders', async (view) => {
      const page = await listIds(viewer.client, { view });
      expect(sorted(page)).toEqual(sorted(expected[view]));
    });

    it('counts every view exactly as the lists do', async () => {
      const response = await viewer.client.get('/api/work-orders/counts');
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual(Object.fromEntries(VIEWS.map((view) => [view, expected[view].length])));
      const totals = await Promise.all(VIEWS.map(async (view) => (await viewer.client.get(`/api/work-orders?view=${view}`)).json().total));
      expect(totals).toEqual(VIEWS.map((view) => expected[view].length));
    });

    it('keeps the breaching view to orders due within settings.breachingWindowHours', async () => {
      await updateSettings(h, { breachingWindowHours: 24 });
      expect(sorted(await listIds(viewer.client, { view: 'breaching' }))).toEqual(sorted([...expected.breaching, ...expected.handling]));
      await updateSettings(h, { breachingWindowHours: 2 });
      expect(sorted(await listIds(viewer.client, { view: 'breaching' }))).toEqual(sorted(expected.breaching));
    });
  });

  describe('filters and sorting', () => {
    let teamId: number;
    let agent: Person;
    let parent: Category;
    let child: Category;
    let other: Category;
    const orders: WorkOrder[] = [];
    beforeAll(async () => {
      teamId = await team(h, null, '筛选班');
      agent = await person(h, 'agent', teamId);
      parent = await createCategory(h, { name: '宽带业务' });
      child = await createCategory(h, { name: '宽带故障', parentId: parent.id });
      const grandchild = await createCategory(h, { name: '宽带断线', parentId: child.id });
      other = await createCategory(h, { name: '话费业务' });
      const now = h.clock.now();
      const specs = [
        { categoryId: parent.id, type: 'fault', channel: 'phone', priority: 'low', dueAt: now + 3 * HOUR },
        { categoryId: child.id, type: 'query', channel: 'web', priority: 'urgent' },
        { categoryId: other.id, type: 'complaint', channel: 'wechat', priority: 'high', dueAt: now + HOUR },
        { categoryId: grandchild.id, type: 'fault', channel: 'phone', priority: 'normal' },
      ] as const;
      for (const spec of specs) {
        orders.push(await intake(agent.client, { ...spec, dueAt: 'dueAt' in spec ? spec.dueAt : null }));
        h.clock.advance(60_000);
      }
      await act(agent.client, orders[3]!.id, 'accept');
      h.clock.advance(60_000);
      // The first order was changed last.
      const touched = await agent.client.patch(`/api/work-orders/${orders[0]!.id}`, { location: '二楼机房' });
      expect(touched.statusCode, touched.body).toBe(200);
    });

    const ids = (...indexes: number[]) => indexes.map((index) => orders[index]!.id);
    const filter = (params: Record<string, string | number>) => listIds(h.admin, { departmentId: teamId, sort: 'created_asc', ...params });

    it('filters by status (one or several), type, channel and priority', async () => {
      expect(await filter({ status: 'new' })).toEqual(ids(0, 1, 2));
      expect(await filter({ status: 'accepted' })).toEqual(ids(3));
      const several = await h.admin.get(`/api/work-orders?departmentId=${teamId}&status=accepted&status=new&sort=created_asc`);
      expect(several.json().items.map((item: WorkOrder) => item.id)).toEqual(ids(0, 1, 2, 3));
      expect(await filter({ type: 'fault' })).toEqual(ids(0, 3));
      expect(await filter({ channel: 'web' })).toEqual(ids(1));
      expect(await filter({ priority: 'high' })).toEqual(ids(2));
      expect(await filter({ type: 'fault', priority: 'normal' })).toEqual(ids(3));
    });

    it('filters by category including all its descendants', async () => {
      expect(await filter({ categoryId: parent.id })).toEqual(ids(0, 1, 3));
      expect(await filter({ categoryId: child.id })).toEqual(ids(1, 3));
      expect(await filter({ categoryId: other.id })).toEqual(ids(2));
    });

    it('sorts by creation, last change, priority and due time (no due time last)', async () => {
      expect(await filter({ sort: 'created_asc' })).toEqual(ids(0, 1, 2, 3));
      expect(await filter({ sort: 'created_desc' })).toEqual(ids(3, 2, 1, 0));
      expect(await filter({ sort: 'updated_desc' })).toEqual(ids(0, 3, 2, 1));
      expect(await filter({ sort: 'priority_desc' })).toEqual(ids(1, 2, 3, 0));
      expect(await filter({ sort: 'due_asc' })).toEqual(ids(2, 0, 1, 3));
    });

    it('pages with limit and offset and reports the total', async () => {
      const response = await h.admin.get(`/api/work-orders?departmentId=${teamId}&sort=created_asc&limit=2&offset=1`);
      expect(response.json().total).toBe(4);
      expect(response.json().items.map((item: WorkOrder) => item.id)).toEqual(ids(1, 2));
    });

    it('refuses an unknown view, status or sort with 400', async () => {
      for (const query of ['view=mine', 'status=done', 'sort=random']) {
        expect((await h.admin.get(`/api/work-orders?${query}`)).statusCode, query).toBe(400);
      }
    });
  });
});
