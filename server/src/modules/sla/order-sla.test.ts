import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Category, PostponeInput, WorkOrder } from '@kefu/contracts';
import type { Client, Harness } from '../../../test/harness.js';
import {
  act,
  auditOf,
  createCategory,
  createWorkOrderHarness,
  eventsOf,
  expectError,
  getOrder,
  intake,
  listOrders,
  orderIn,
  person,
  team,
  transition,
} from '../work-orders/work-orders.fixtures.js';
import {
  advanceTo,
  alwaysOpenCalendarId,
  beijing,
  clockOf,
  createPolicy,
  HOUR,
  ids,
  ladder,
  MINUTE,
  nextBeijing,
  recipients,
  slaOf,
  target,
  type Ladder,
} from './sla.fixtures.js';

function postponement(until: number, override = false): PostponeInput {
  return { until, reason: '备件缺货，厂家补货中', notice: { method: 'phone', note: '已电话告知客户' }, override };
}

describe('an order’s SLA: promise, postponement, pauses, escalation, recompute (SLA-3 … SLA-5)', () => {
  let h: Harness;
  let org: Ladder;
  let alwaysOpen: number;
  beforeAll(async () => {
    h = await createWorkOrderHarness();
    org = await ladder(h);
    alwaysOpen = await alwaysOpenCalendarId(h);
  });
  afterAll(() => h.close());

  /** A category with its own 7×24 policy: resolution within `hours` (calendar time). */
  async function categoryWithPolicy(hours: number, extra: Record<string, unknown> = {}): Promise<Category> {
    const category = await createCategory(h);
    await createPolicy(h, { calendarId: alwaysOpen, conditions: { categoryIds: [category.id] }, targets: { resolution: target(hours * 60) }, ...extra });
    return category;
  }

  function postpone(client: Client, orderId: number, input: PostponeInput) {
    return client.post(`/api/work-orders/${orderId}/sla/postpone`, input);
  }

  describe('the promise at acceptance (承诺时限)', () => {
    it('defaults to the policy’s due time', async () => {
      const category = await categoryWithPolicy(4);
      const order = await intake(org.owner.client, { categoryId: category.id });
      const accepted = await act(org.owner.client, order.id, 'accept');
      expect(accepted.dueAt).toBe(order.dueAt);
      const sla = await slaOf(org.owner.client, order.id);
      expect(sla.promisedAt).toBe(order.dueAt);
      // Accepting answered the first response … had there been a first-response target.
      expect(clockOf(sla, 'resolution').state).toBe('running');
    });

    it('may be sooner than the policy allows; later only for a supervisor; never in the past', async () => {
      const category = await categoryWithPolicy(4);
      const now = h.clock.now();
      const order = await intake(org.owner.client, { categoryId: category.id });
      const latest = (await slaOf(org.owner.client, order.id)).latestPromiseAt!;
      expect(latest).toBe(now + 4 * HOUR);

      const beyond = await transition(org.owner.client, order.id, { action: 'accept', promisedAt: latest + HOUR });
      const message = expectError(beyond, 422, 'sla.promise_beyond_policy');
      expect(message).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
      expectError(await transition(org.owner.client, order.id, { action: 'accept', promisedAt: now - MINUTE }), 422, 'sla.promise_in_past');
      expectError(await transition(org.owner.client, order.id, { action: 'accept', promisedAt: now }), 422, 'sla.promise_in_past');
      expect((await getOrder(org.owner.client, order.id)).status).toBe('new');

      const sooner = await transition(org.owner.client, order.id, { action: 'accept', promisedAt: now + 3 * HOUR });
      expect(sooner.statusCode, sooner.body).toBe(200);
      expect(sooner.json<WorkOrder>().dueAt).toBe(now + 3 * HOUR);
      const sla = await slaOf(org.owner.client, order.id);
      expect(sla.promisedAt).toBe(now + 3 * HOUR);
      expect(clockOf(sla, 'resolution')).toMatchObject({ dueAt: now + 3 * HOUR, warnAt: now + 135 * MINUTE });

      // The team leader (a supervisor) may promise beyond the policy.
      const other = await intake(org.owner.client, { categoryId: category.id });
      const supervised = await transition(org.teamLeader.client, other.id, { action: 'accept', promisedAt: latest + 2 * HOUR });
      expect(supervised.statusCode, supervised.body).toBe(200);
      expect(supervised.json<WorkOrder>().dueAt).toBe(latest + 2 * HOUR);
      expect((await slaOf(org.teamLeader.client, other.id)).promisedAt).toBe(latest + 2 * HOUR);
      // … but not in the past either.
      const third = await intake(org.owner.client, { categoryId: category.id });
      expectError(await transition(org.teamLeader.client, third.id, { action: 'accept', promisedAt: now - HOUR }), 422, 'sla.promise_in_past');
    });

    it('is checked at intake too when the agent names a due time', async () => {
      const category = await categoryWithPolicy(4);
      const now = h.clock.now();
      const response = await org.owner.client.post('/api/work-orders', {
        customer: { mode: 'anonymous' },
        channel: 'phone',
        type: 'fault',
        categoryId: category.id,
        title: '宽带断线',
        description: '无法上网',
        reason: '线路故障',
        requestedHandling: '上门检修',
        dueAt: now + 5 * HOUR,
        resolution: { mode: 'order' },
      });
      expectError(response, 422, 'sla.promise_beyond_policy');
    });

    it('keeps a promise that falls outside opening hours exactly (Friday 22:00 on a business-hours policy)', async () => {
      const category = await createCategory(h);
      // The default calendar: Mon–Sat 08:00–20:00, Sun 09:00–17:30; resolution within 24 business hours.
      await createPolicy(h, { conditions: { categoryIds: [category.id] }, targets: { resolution: target(24 * 60, 'business') } });
      advanceTo(h, nextBeijing(h.clock.now(), 5, 18));
      const friday = h.clock.now();
      const order = await intake(org.owner.client, { categoryId: category.id });
      const promise = friday + 4 * HOUR;
      const accepted = await transition(org.owner.client, order.id, { action: 'accept', promisedAt: promise });
      expect(accepted.statusCode, accepted.body).toBe(200);
      // Not collapsed to Friday 20:00 closing time: work done at 21:00 keeps the promise.
      expect(accepted.json<WorkOrder>().dueAt).toBe(promise);
      expect(clockOf(await slaOf(org.owner.client, order.id), 'resolution').dueAt).toBe(promise);
    });
  });

  describe('postponement (one, with a reason and a notice to the customer)', () => {
    it('allows one postponement; a second is refused unless a supervisor overrides, which counts as a violation', async () => {
      const category = await categoryWithPolicy(4);
      const order = await orderIn(org.owner.client, 'in_progress', { categoryId: category.id });
      const due = order.dueAt!;

      const first = await postpone(org.owner.client, order.id, postponement(due + 2 * HOUR));
      expect(first.statusCode, first.body).toBe(200);
      let sla = await slaOf(org.owner.client, order.id);
      expect(sla.postponements).toEqual([
        {
          at: h.clock.now(),
          by: { id: org.owner.id, name: org.owner.name },
          from: due,
          to: due + 2 * HOUR,
          reason: '备件缺货，厂家补货中',
          noticeMethod: 'phone',
          noticeNote: '已电话告知客户',
          override: false,
        },
      ]);
      expect(sla).toMatchObject({ promisedAt: due + 2 * HOUR, violations: 0, canPostpone: false, canOverride: false });
      expect(clockOf(sla, 'resolution').dueAt).toBe(due + 2 * HOUR);
      expect((await getOrder(org.owner.client, order.id)).dueAt).toBe(due + 2 * HOUR);
      expect((await eventsOf(org.owner.client, order.id)).filter((event) => event.kind === 'postponed')).toHaveLength(1);

      const second = postponement(due + 4 * HOUR);
      expectError(await postpone(org.owner.client, order.id, second), 422, 'sla.second_postponement');
      expectError(await postpone(org.owner.client, order.id, { ...second, override: true }), 403, 'sla.override_forbidden');
      // A supervisor without asking to override is refused like anyone.
      expectError(await postpone(org.teamLeader.client, order.id, second), 422, 'sla.second_postponement');
      expect((await slaOf(org.teamLeader.client, order.id)).canOverride).toBe(true);

      const overridden = await postpone(org.teamLeader.client, order.id, { ...second, override: true });
      expect(overridden.statusCode, overridden.body).toBe(200);
      sla = await slaOf(org.owner.client, order.id);
      expect(sla.violations).toBe(1);
      expect(sla.postponements.map((one) => [one.from, one.to, one.override, one.by.id])).toEqual([
        [due, due + 2 * HOUR, false, org.owner.id],
        [due + 2 * HOUR, due + 4 * HOUR, true, org.teamLeader.id],
      ]);
      expect(clockOf(sla, 'resolution').dueAt).toBe(due + 4 * HOUR);
      const audit = await auditOf(h, 'sla.postponement_overridden', order.id);
      expect(audit).toHaveLength(1);
      expect(audit[0]!.actorId).toBe(org.teamLeader.id);

      // A third, overridden again, is a second violation.
      expect((await postpone(org.teamLeader.client, order.id, postponement(due + 6 * HOUR, true))).statusCode).toBe(200);
      expect((await slaOf(org.owner.client, order.id)).violations).toBe(2);
    });

    it('refuses a postponement to no later a time (422 sla.postpone_not_later)', async () => {
      const category = await categoryWithPolicy(4);
      const order = await orderIn(org.owner.client, 'accepted', { categoryId: category.id });
      expectError(await postpone(org.owner.client, order.id, postponement(order.dueAt! - HOUR)), 422, 'sla.postpone_not_later');
      expectError(await postpone(org.owner.client, order.id, postponement(order.dueAt!)), 422, 'sla.postpone_not_later');
      expect((await slaOf(org.owner.client, order.id)).postponements).toEqual([]);
      // The refusal did not use up the one postponement.
      expect((await postpone(org.owner.client, order.id, postponement(order.dueAt! + HOUR))).statusCode).toBe(200);
    });

    it('needs a clock, an unfinished order and a party to it', async () => {
      const plain = await orderIn(org.owner.client, 'accepted', { categoryId: (await createCategory(h)).id });
      expectError(await postpone(org.owner.client, plain.id, postponement(h.clock.now() + HOUR)), 422, 'sla.no_clock');

      const category = await categoryWithPolicy(4);
      const resolved = await orderIn(org.owner.client, 'resolved', { categoryId: category.id });
      expectError(await postpone(org.owner.client, resolved.id, postponement(h.clock.now() + 10 * HOUR)), 422, 'sla.order_finished');

      const order = await orderIn(org.owner.client, 'accepted', { categoryId: category.id });
      const stranger = await person(h, 'agent', await team(h));
      expectError(await postpone(stranger.client, order.id, postponement(order.dueAt! + HOUR)), 404, 'not_found');
      expectError(await stranger.client.get(`/api/work-orders/${order.id}/sla`), 404, 'not_found');
      // The bare reason and notice are required.
      expectError(await org.owner.client.post(`/api/work-orders/${order.id}/sla/postpone`, { until: order.dueAt! + HOUR, reason: '', notice: { method: 'phone' } }), 400, 'validation_failed');
      expectError(await org.owner.client.post(`/api/work-orders/${order.id}/sla/postpone`, { until: order.dueAt! + HOUR, reason: '缺货' }), 400, 'validation_failed');
    });
  });

  describe('pauses (挂起 stops the clock)', () => {
    it('moves the due time by the time suspended, and shows the clock paused meanwhile (calendar time)', async () => {
      const category = await categoryWithPolicy(10);
      const order = await orderIn(org.owner.client, 'in_progress', { categoryId: category.id });
      const due = order.dueAt!;
      h.clock.advance(HOUR);
      const suspendedAt = h.clock.now();
      await act(org.owner.client, order.id, 'suspend');
      h.clock.advance(3 * HOUR);

      let sla = await slaOf(org.owner.client, order.id);
      expect(sla.paused).toBe(true);
      expect(sla.pauses).toEqual([{ from: suspendedAt, to: null }]);
      expect(clockOf(sla, 'resolution')).toMatchObject({ state: 'paused', dueAt: due, remainingMs: due - suspendedAt });
      expect((await listOrders(org.owner.client, { view: 'all' })).items.find((item) => item.id === order.id)!.slaState).toBe('paused');

      const resumed = await act(org.owner.client, order.id, 'resume');
      expect(resumed.dueAt).toBe(due + 3 * HOUR);
      sla = await slaOf(org.owner.client, order.id);
      expect(sla.paused).toBe(false);
      expect(sla.pauses).toEqual([{ from: suspendedAt, to: suspendedAt + 3 * HOUR }]);
      expect(clockOf(sla, 'resolution')).toMatchObject({ state: 'running', dueAt: due + 3 * HOUR, remainingMs: due - suspendedAt });

      // A second pause adds up.
      await act(org.owner.client, order.id, 'suspend');
      h.clock.advance(2 * HOUR);
      expect((await act(org.owner.client, order.id, 'resume')).dueAt).toBe(due + 5 * HOUR);
    });

    it('moves a business-time due time by the business time suspended (Fri 19:00 → Sat 10:00 is 3 business hours)', async () => {
      const category = await createCategory(h);
      // No calendar named: the default, Mon–Sat 08:00–20:00 / Sun 09:00–17:30.
      await createPolicy(h, { conditions: { categoryIds: [category.id] }, targets: { resolution: target(24 * 60, 'business') } });
      const friday = nextBeijing(h.clock.now(), 5, 18);
      advanceTo(h, friday);
      const order = await orderIn(org.owner.client, 'in_progress', { categoryId: category.id });
      // Fri 2 h · Sat 12 h (14) · Sun 8.5 h (22.5) · Mon 08:00 + 1.5 h.
      expect(order.dueAt).toBe(friday + 3 * 24 * HOUR - 10 * HOUR + 90 * MINUTE);
      advanceTo(h, friday + HOUR);
      await act(org.owner.client, order.id, 'suspend');
      advanceTo(h, friday + 16 * HOUR); // Saturday 10:00
      const resumed = await act(org.owner.client, order.id, 'resume');
      // Monday 12:30: three business hours later than Monday 09:30.
      expect(resumed.dueAt).toBe(friday + 3 * 24 * HOUR - 10 * HOUR + 270 * MINUTE);
      expect(new Date(resumed.dueAt! + 8 * HOUR).toISOString().slice(11, 16)).toBe('12:30');
    });
  });

  describe('escalation (请示报告) and instructions', () => {
    it('raises a manual escalation one level with the proposed handling; the team leader instructs', async () => {
      const category = await categoryWithPolicy(8);
      const order = await orderIn(org.owner.client, 'in_progress', { categoryId: category.id });
      const response = await org.owner.client.post(`/api/work-orders/${order.id}/escalations`, { proposedHandling: '建议为客户更换光猫并减免当月月租' });
      expect(response.statusCode, response.body).toBe(200);
      let sla = await slaOf(org.owner.client, order.id);
      expect(sla.escalationLevel).toBe('team_leader');
      expect(sla.escalations).toEqual([
        {
          id: expect.any(Number),
          kind: 'manual',
          fromLevel: 'agent',
          toLevel: 'team_leader',
          skippedLevels: [],
          raisedBy: { id: org.owner.id, name: org.owner.name },
          raisedAt: h.clock.now(),
          proposedHandling: '建议为客户更换光猫并减免当月月租',
          // The policy's default: 120 minutes for the team leader, in its (7×24) calendar.
          respondBy: h.clock.now() + 2 * HOUR,
          instruction: null,
          instructedBy: null,
          instructedAt: null,
          status: 'awaiting',
          canInstruct: false,
        },
      ]);
      expect(await recipients(h, order.id, 'sla.escalated')).toEqual(ids(org.teamLeader));
      const escalationId = sla.escalations[0]!.id;
      expect((await slaOf(org.teamLeader.client, order.id)).escalations[0]!.canInstruct).toBe(true);

      // An agent is not the level the question went to.
      const instruct = (client: Client) => client.post(`/api/work-orders/${order.id}/escalations/${escalationId}/instruction`, { instruction: '同意，按建议办理' });
      expectError(await instruct(org.owner.client), 403, 'escalation.not_your_level');
      const answered = await instruct(org.teamLeader.client);
      expect(answered.statusCode, answered.body).toBe(200);
      sla = await slaOf(org.owner.client, order.id);
      expect(sla.escalations[0]).toMatchObject({ status: 'instructed', instruction: '同意，按建议办理', instructedBy: { id: org.teamLeader.id }, instructedAt: h.clock.now(), canInstruct: false });
      expect(await recipients(h, order.id, 'sla.instructed')).toEqual(ids(org.owner));
      expectError(await instruct(org.teamLeader.client), 422, 'escalation.not_awaiting');
      expect((await eventsOf(org.owner.client, order.id)).map((event) => event.kind)).toEqual(expect.arrayContaining(['escalated', 'instructed']));

      // A superior above the level may answer as well; the next manual escalation goes to the department head.
      expect((await org.owner.client.post(`/api/work-orders/${order.id}/escalations`, { proposedHandling: '客户仍不满意，申请上门致歉' })).statusCode).toBe(200);
      sla = await slaOf(org.owner.client, order.id);
      expect(sla.escalations[1]).toMatchObject({ kind: 'manual', fromLevel: 'team_leader', toLevel: 'department_head', respondBy: h.clock.now() + 4 * HOUR });
      expect(await recipients(h, order.id, 'sla.escalated')).toEqual(ids(org.teamLeader, org.departmentHead));
      expectError(await org.teamLeader.client.post(`/api/work-orders/${order.id}/escalations/${sla.escalations[1]!.id}/instruction`, { instruction: '好' }), 403, 'escalation.not_your_level');
      expect((await org.director.client.post(`/api/work-orders/${order.id}/escalations/${sla.escalations[1]!.id}/instruction`, { instruction: '同意上门' })).statusCode).toBe(200);
      // An escalation of another order is not this order's: 404, like any record not found here.
      const other = await intake(org.owner.client, { categoryId: (await categoryWithPolicy(4)).id });
      expectError(await org.director.client.post(`/api/work-orders/${other.id}/escalations/${sla.escalations[1]!.id}/instruction`, { instruction: '好' }), 404, 'not_found');
    });

    it('sends an emergency escalation straight to the director and informs the levels it skipped; then the top is reached', async () => {
      const category = await categoryWithPolicy(8);
      const order = await orderIn(org.owner.client, 'in_progress', { categoryId: category.id });
      const response = await org.owner.client.post(`/api/work-orders/${order.id}/escalations`, { emergency: true, proposedHandling: '客户扬言向工信部申诉，请求中心主任协调' });
      expect(response.statusCode, response.body).toBe(200);
      const sla = await slaOf(org.owner.client, order.id);
      expect(sla.escalationLevel).toBe('center_director');
      expect(sla.escalations).toEqual([expect.objectContaining({ kind: 'emergency', fromLevel: 'agent', toLevel: 'center_director', skippedLevels: ['team_leader', 'department_head'], respondBy: h.clock.now() + 8 * HOUR })]);
      expect(sla.canEscalate).toBe(false);
      expect(await recipients(h, order.id, 'sla.escalated')).toEqual(expect.arrayContaining([org.director.id]));
      expect(await recipients(h, order.id, 'sla.escalated')).not.toContain(org.teamLeader.id);
      expect(await recipients(h, order.id, 'sla.escalation_informed')).toEqual(ids(org.teamLeader, org.departmentHead));
      expectError(await org.owner.client.post(`/api/work-orders/${order.id}/escalations`, { proposedHandling: '再次上报' }), 422, 'escalation.top_reached');
      expectError(await org.owner.client.post(`/api/work-orders/${order.id}/escalations`, { emergency: true, proposedHandling: '再次上报' }), 422, 'escalation.top_reached');
    });

    it('skips only the levels above the current one, and works on an order without a policy', async () => {
      const order = await orderIn(org.owner.client, 'accepted', { categoryId: (await createCategory(h)).id });
      expect((await org.owner.client.post(`/api/work-orders/${order.id}/escalations`, { proposedHandling: '请示处理方案' })).statusCode).toBe(200);
      expect((await org.owner.client.post(`/api/work-orders/${order.id}/escalations`, { emergency: true, proposedHandling: '情况紧急' })).statusCode).toBe(200);
      const sla = await slaOf(org.owner.client, order.id);
      expect(sla.policy).toBeNull();
      expect(sla.escalations.map((escalation) => [escalation.kind, escalation.fromLevel, escalation.toLevel, escalation.skippedLevels, escalation.status])).toEqual([
        ['manual', 'agent', 'team_leader', [], 'superseded'],
        ['emergency', 'team_leader', 'center_director', ['department_head'], 'awaiting'],
      ]);
      expect(await recipients(h, order.id, 'sla.escalation_informed')).toEqual(ids(org.departmentHead));
      // The superseded question can no longer be answered.
      expectError(await org.teamLeader.client.post(`/api/work-orders/${order.id}/escalations/${sla.escalations[0]!.id}/instruction`, { instruction: '好' }), 422, 'escalation.not_awaiting');
    });

    it('refuses escalation by someone who is not a party, and on a finished order', async () => {
      const category = await categoryWithPolicy(8);
      const order = await orderIn(org.owner.client, 'accepted', { categoryId: category.id });
      const colleague = await person(h, 'agent', await team(h));
      expectError(await colleague.client.post(`/api/work-orders/${order.id}/escalations`, { proposedHandling: '请示' }), 404, 'not_found');
      const closed = await orderIn(org.owner.client, 'closed', { categoryId: category.id });
      expectError(await org.owner.client.post(`/api/work-orders/${closed.id}/escalations`, { proposedHandling: '请示' }), 422, 'sla.order_finished');
      expectError(await org.owner.client.post(`/api/work-orders/${order.id}/escalations`, { proposedHandling: '' }), 400, 'validation_failed');
    });
  });

  describe('recompute', () => {
    it('recomputes the due time when the category moves the order under another policy, and records why', async () => {
      const four = await categoryWithPolicy(4);
      const twelve = await categoryWithPolicy(12);
      const created = h.clock.now();
      const order = await intake(org.owner.client, { categoryId: four.id });
      expect(order.dueAt).toBe(created + 4 * HOUR);
      h.clock.advance(HOUR);

      const response = await org.owner.client.patch(`/api/work-orders/${order.id}`, { categoryId: twelve.id });
      expect(response.statusCode, response.body).toBe(200);
      // The clock still runs from intake: 12 hours after it.
      expect(response.json<WorkOrder>().dueAt).toBe(created + 12 * HOUR);
      const sla = await slaOf(org.owner.client, order.id);
      expect(clockOf(sla, 'resolution')).toMatchObject({ startedAt: created, dueAt: created + 12 * HOUR, targetMinutes: 12 * 60 });
      const recomputed = (await eventsOf(org.owner.client, order.id)).filter((event) => event.kind === 'sla_recomputed');
      expect(recomputed).toHaveLength(1);
      expect(recomputed[0]!.data).toMatchObject({ reasons: ['category'], from: created + 4 * HOUR, to: created + 12 * HOUR });
      expect(recomputed[0]!.actor?.id).toBe(org.owner.id);

      // A change that keeps the policy moves nothing and records nothing.
      expect((await org.owner.client.patch(`/api/work-orders/${order.id}`, { priority: 'high' })).statusCode).toBe(200);
      expect((await eventsOf(org.owner.client, order.id)).filter((event) => event.kind === 'sla_recomputed')).toHaveLength(1);

      // A priority rule now catches it: the reason is the priority.
      const urgentPolicy = await createPolicy(h, { calendarId: alwaysOpen, conditions: { categoryIds: [four.id, twelve.id], priorities: ['urgent'] }, targets: { resolution: target(2 * 60) } });
      const all = (await h.admin.get('/api/sla/policies')).json<Array<{ id: number }>>().map((policy) => policy.id);
      expect((await h.admin.put('/api/sla/policies/order', { ids: [urgentPolicy.id, ...all.filter((id) => id !== urgentPolicy.id)] })).statusCode).toBe(200);
      const urgent = await org.owner.client.patch(`/api/work-orders/${order.id}`, { priority: 'urgent' });
      expect(urgent.json<WorkOrder>().dueAt).toBe(created + 2 * HOUR);
      const last = (await eventsOf(org.owner.client, order.id)).filter((event) => event.kind === 'sla_recomputed');
      expect(last.at(-1)!.data).toMatchObject({ reasons: ['priority'], policy: urgentPolicy.name, to: created + 2 * HOUR });
    });

    it('keeps the time an accepted order spent suspended when a recompute re-plans it', async () => {
      const first = await categoryWithPolicy(4);
      const sameTarget = await categoryWithPolicy(4);
      const created = h.clock.now();
      // Accepting without naming a time promises the policy's: 4 hours after intake.
      const order = await orderIn(org.owner.client, 'in_progress', { categoryId: first.id });
      expect(order.dueAt).toBe(created + 4 * HOUR);
      h.clock.advance(HOUR);
      await act(org.owner.client, order.id, 'suspend');
      h.clock.advance(3 * HOUR);
      const resumed = await act(org.owner.client, order.id, 'resume');
      expect(resumed.dueAt).toBe(created + 7 * HOUR);
      // The promise the clock runs to moved with it.
      expect((await slaOf(org.owner.client, order.id)).promisedAt).toBe(created + 7 * HOUR);

      // Another policy with the same target: the due time stays where the pause put it.
      const moved = await org.owner.client.patch(`/api/work-orders/${order.id}`, { categoryId: sameTarget.id });
      expect(moved.statusCode, moved.body).toBe(200);
      expect(moved.json<WorkOrder>().dueAt).toBe(created + 7 * HOUR);
      expect(clockOf(await slaOf(org.owner.client, order.id), 'resolution').dueAt).toBe(created + 7 * HOUR);
    });

    it('re-matches open orders when the customer’s tier changes', async () => {
      const category = await createCategory(h);
      const vip = await createPolicy(h, { calendarId: alwaysOpen, conditions: { categoryIds: [category.id], tiers: ['gold'] }, targets: { resolution: target(2 * 60) } });
      const standard = await createPolicy(h, { calendarId: alwaysOpen, conditions: { categoryIds: [category.id] }, targets: { resolution: target(8 * 60) } });
      const customer = await h.admin.post('/api/customers', { name: '钱女士', type: 'personal', tier: 'regular', phones: [{ number: '13611112222' }] });
      expect(customer.statusCode, customer.body).toBe(200);
      const customerId = customer.json<{ id: number }>().id;
      const created = h.clock.now();
      const order = await intake(org.owner.client, { categoryId: category.id, customer: { mode: 'existing', customerId } });
      expect((await slaOf(org.owner.client, order.id)).policy?.id).toBe(standard.id);
      expect(order.dueAt).toBe(created + 8 * HOUR);

      h.clock.advance(30 * MINUTE);
      const upgraded = await h.admin.patch(`/api/customers/${customerId}`, { tier: 'gold', tierReason: '年消费达标' });
      expect(upgraded.statusCode, upgraded.body).toBe(200);
      expect((await slaOf(org.owner.client, order.id)).policy?.id).toBe(vip.id);
      expect((await getOrder(org.owner.client, order.id)).dueAt).toBe(created + 2 * HOUR);
      const events = (await eventsOf(org.owner.client, order.id)).filter((event) => event.kind === 'sla_recomputed');
      expect(events.map((event) => event.data)).toEqual([expect.objectContaining({ reasons: ['tier'], policy: vip.name, from: created + 8 * HOUR, to: created + 2 * HOUR })]);
    });

    it('keeps a promise the agent named through a policy change; the policy’s own default follows the new policy', async () => {
      const four = await categoryWithPolicy(4);
      const twelve = await categoryWithPolicy(12);
      const created = h.clock.now();
      const named = await intake(org.owner.client, { categoryId: four.id });
      expect((await transition(org.owner.client, named.id, { action: 'accept', promisedAt: created + 3 * HOUR })).statusCode).toBe(200);
      const defaulted = await intake(org.owner.client, { categoryId: four.id });
      await act(org.owner.client, defaulted.id, 'accept');

      const keep = await org.owner.client.patch(`/api/work-orders/${named.id}`, { categoryId: twelve.id });
      expect(keep.json<WorkOrder>().dueAt).toBe(created + 3 * HOUR);
      const follow = await org.owner.client.patch(`/api/work-orders/${defaulted.id}`, { categoryId: twelve.id });
      expect(follow.json<WorkOrder>().dueAt).toBe(created + 12 * HOUR);
      expect((await slaOf(org.owner.client, defaulted.id)).promisedAt).toBe(created + 12 * HOUR);
    });

    it('refuses a hand-edited due time on an order with a resolution clock (postpone instead)', async () => {
      const category = await categoryWithPolicy(4);
      const order = await intake(org.owner.client, { categoryId: category.id });
      expectError(await org.owner.client.patch(`/api/work-orders/${order.id}`, { dueAt: order.dueAt! + HOUR }), 422, 'sla.use_postpone');
    });
  });

  it('keeps the beijing() helper honest', () => {
    // 2026-11-27 09:00 in Beijing is where the harness clock starts.
    expect(beijing(2026, 11, 27, 9)).toBe(Date.UTC(2026, 10, 27, 1));
  });
});
