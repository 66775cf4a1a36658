import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORK_ORDER_ACTIONS, WORK_ORDER_STATUSES, type Category, type Customer, type WorkOrder, type WorkOrderAction, type WorkOrderStatus } from '@kefu/contracts';
import type { Harness } from '../../../test/harness.js';
import {
  DAY,
  HOUR,
  PATH_TO,
  act,
  createCategory,
  createWorkOrderHarness,
  eventsOf,
  expectError,
  fullTransition,
  getOrder,
  intake,
  intakeBody,
  listIds,
  orderIn,
  person,
  team,
  timelineOf,
  transition,
  updateSettings,
  type Person,
} from './work-orders.fixtures.js';
import { isAllowed, nextStatus } from './state-machine.js';

const STATUS_LABELS: Record<WorkOrderStatus, string> = {
  new: '新建',
  accepted: '已受理',
  in_progress: '处理中',
  pending_confirmation: '待确认',
  resolved: '已解决',
  visited: '已回访',
  closed: '已关闭',
  suspended: '挂起',
  cancelled: '已撤销',
};
const ACTION_LABELS: Record<WorkOrderAction, string> = {
  accept: '受理',
  start: '开始处理',
  submit_result: '提交处理结果',
  reject_result: '退回重办',
  confirm: '客户已确认',
  record_callback: '回访完成',
  close: '关闭',
  suspend: '挂起',
  resume: '恢复处理',
  cancel: '撤销',
  reopen: '重开',
};

const LEGAL: Array<[WorkOrderStatus, WorkOrderAction]> = WORK_ORDER_STATUSES.flatMap((status) =>
  WORK_ORDER_ACTIONS.filter((action) => isAllowed(status, action)).map((action): [WorkOrderStatus, WorkOrderAction] => [status, action]),
);
const ILLEGAL: Array<[WorkOrderStatus, WorkOrderAction]> = WORK_ORDER_STATUSES.flatMap((status) =>
  WORK_ORDER_ACTIONS.filter((action) => !isAllowed(status, action)).map((action): [WorkOrderStatus, WorkOrderAction] => [status, action]),
);

describe('work-order lifecycle through the API (WO-1, WO-3, WO-4, WO-7)', () => {
  let h: Harness;
  let teamId: number;
  let owner: Person;
  let category: Category;
  let customer: Customer;
  beforeAll(async () => {
    h = await createWorkOrderHarness();
    teamId = await team(h);
    owner = await person(h, 'agent', teamId);
    category = await createCategory(h);
    const created = await h.admin.post('/api/customers', { name: '周明', type: 'personal', phones: [{ number: '13900000001' }] });
    expect(created.statusCode, created.body).toBe(200);
    customer = created.json<Customer>();
  });
  afterAll(() => h.close());

  describe('every legal transition', () => {
    it.each(LEGAL)('from %s, %s succeeds, is recorded as an event and on the customer 360° timeline', async (status, action) => {
      const order = await orderIn(owner.client, status, { categoryId: category.id, customer: { mode: 'existing', customerId: customer.id } });
      const expected = nextStatus(status, action, order.suspendedFrom)!;
      const before = await eventsOf(owner.client, order.id);

      const after = await act(owner.client, order.id, action);
      expect(after.status).toBe(expected);
      expect(after.owner.id).toBe(owner.id);

      const events = await eventsOf(owner.client, order.id);
      expect(events).toHaveLength(before.length + 1);
      expect(events.at(-1)).toMatchObject({
        kind: 'transition',
        actor: { id: owner.id, name: owner.name },
        fromStatus: status,
        toStatus: expected,
        data: expect.objectContaining({ action }),
      });

      const entries = (await timelineOf(h.admin, customer.id)).filter((entry) => entry.sourceType === 'work_order' && entry.sourceId === String(order.id));
      // created + one per step of the way here + this one
      expect(entries).toHaveLength(1 + PATH_TO[status].length + 1);
      expect(entries.find((entry) => entry.kind === 'work_order.transition' && entry.data.from === status && entry.data.to === expected)).toMatchObject({
        actorName: owner.name,
        data: { number: order.number, title: order.title },
      });
    });

    it('resumes a suspended order to the status it was suspended in (accepted or in progress)', async () => {
      const accepted = await orderIn(owner.client, 'accepted', { categoryId: category.id });
      const suspended = await act(owner.client, accepted.id, 'suspend');
      expect(suspended).toMatchObject({ status: 'suspended', suspendedFrom: 'accepted' });
      expect(await act(owner.client, accepted.id, 'resume')).toMatchObject({ status: 'accepted', suspendedFrom: null });

      const working = await orderIn(owner.client, 'suspended', { categoryId: category.id });
      expect(working.suspendedFrom).toBe('in_progress');
      expect((await act(owner.client, working.id, 'resume')).status).toBe('in_progress');
    });

    it('offers exactly the actions the state machine allows from the current status', async () => {
      for (const status of WORK_ORDER_STATUSES) {
        const order = await orderIn(owner.client, status, { categoryId: category.id });
        expect(order.allowedActions.sort(), status).toEqual(WORK_ORDER_ACTIONS.filter((action) => isAllowed(status, action)).sort());
      }
    });
  });

  describe('every illegal transition', () => {
    const orders = new Map<WorkOrderStatus, WorkOrder>();
    beforeAll(async () => {
      for (const status of WORK_ORDER_STATUSES) orders.set(status, await orderIn(owner.client, status, { categoryId: category.id }));
    });

    it.each(ILLEGAL)('from %s, %s is refused with 409 and a Chinese message naming the status, changing nothing', async (status, action) => {
      const order = orders.get(status)!;
      const eventsBefore = await eventsOf(owner.client, order.id);
      const response = await transition(owner.client, order.id, fullTransition(action));
      const message = expectError(response, 409, 'work_order.illegal_transition');
      expect(message).toContain(`“${STATUS_LABELS[status]}”`);
      expect(message).toContain(`“${ACTION_LABELS[action]}”`);
      expect((await getOrder(owner.client, order.id)).status).toBe(status);
      expect(await eventsOf(owner.client, order.id)).toEqual(eventsBefore);
    });
  });

  describe('what an action needs', () => {
    const reasonActions: Array<[WorkOrderAction, WorkOrderStatus]> = [
      ['cancel', 'new'],
      ['suspend', 'in_progress'],
      ['reject_result', 'pending_confirmation'],
      ['reopen', 'closed'],
    ];

    it.each(reasonActions)('%s without a reason (or with only blanks) is refused with 422 work_order.reason_required', async (action, status) => {
      const order = await orderIn(owner.client, status, { categoryId: category.id });
      for (const reason of [undefined, '   ']) {
        const message = expectError(await transition(owner.client, order.id, { action, reason }), 422, 'work_order.reason_required');
        expect(message).toBe('请填写原因。');
      }
      expect((await getOrder(owner.client, order.id)).status).toBe(status);
      const done = await transition(owner.client, order.id, { action, reason: '客户来电要求' });
      expect(done.statusCode, done.body).toBe(200);
      expect((await eventsOf(owner.client, order.id)).at(-1)!.data).toMatchObject({ action, reason: '客户来电要求' });
    });

    it('submit_result without a result is refused with 422 work_order.result_required; with one the result is kept', async () => {
      const order = await orderIn(owner.client, 'in_progress', { categoryId: category.id });
      expect(expectError(await transition(owner.client, order.id, { action: 'submit_result' }), 422, 'work_order.result_required')).toBe('请填写处理结果。');
      expectError(await transition(owner.client, order.id, { action: 'submit_result', result: '  ' }), 422, 'work_order.result_required');
      const submitted = await transition(owner.client, order.id, { action: 'submit_result', result: '已恢复上网' });
      expect(submitted.json()).toMatchObject({ status: 'pending_confirmation', result: '已恢复上网' });
    });

    it('confirm needs the customer confirmation when the category requires it (422), and records how it was given', async () => {
      const strict = await createCategory(h, { requiresConfirmation: true });
      const order = await orderIn(owner.client, 'pending_confirmation', { categoryId: strict.id });
      expect(order.requiresConfirmation).toBe(true);
      const refused = await transition(owner.client, order.id, { action: 'confirm' });
      expect(expectError(refused, 422, 'work_order.confirmation_required')).toBe('该业务分类要求客户确认，请记录确认方式。');
      const confirmed = await transition(owner.client, order.id, { action: 'confirm', confirmation: { method: 'signature', note: '上门签字' } });
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      expect(confirmed.json()).toMatchObject({
        status: 'resolved',
        resolvedAt: h.clock.now(),
        confirmation: { method: 'signature', note: '上门签字', at: h.clock.now(), by: { id: owner.id, name: owner.name } },
      });

      const relaxed = await orderIn(owner.client, 'pending_confirmation', { categoryId: category.id });
      const plain = await transition(owner.client, relaxed.id, { action: 'confirm' });
      expect(plain.json()).toMatchObject({ status: 'resolved', confirmation: null });
    });
  });

  describe('reopening (重开)', () => {
    it('reopens a closed or resolved order within the configured window and counts every reopening', async () => {
      await updateSettings(h, { reopenWindowDays: 3 });
      const order = await orderIn(owner.client, 'closed', { categoryId: category.id });
      h.clock.advance(3 * DAY - HOUR);
      const reopened = await act(owner.client, order.id, 'reopen');
      expect(reopened).toMatchObject({ status: 'in_progress', reopenCount: 1, closedAt: null, resolvedAt: null });

      for (const action of ['submit_result', 'confirm'] as const) await act(owner.client, order.id, action);
      h.clock.advance(2 * DAY);
      expect(await act(owner.client, order.id, 'reopen')).toMatchObject({ status: 'in_progress', reopenCount: 2 });
    });

    it('refuses to reopen once the window has passed (422 work_order.reopen_window_passed)', async () => {
      await updateSettings(h, { reopenWindowDays: 3 });
      const closed = await orderIn(owner.client, 'closed', { categoryId: category.id });
      const visited = await orderIn(owner.client, 'visited', { categoryId: category.id });
      h.clock.advance(3 * DAY + HOUR);
      for (const order of [closed, visited]) {
        const message = expectError(await transition(owner.client, order.id, { action: 'reopen', reason: '客户又来电' }), 422, 'work_order.reopen_window_passed');
        expect(message).toBe('已超过 3 天的重开期限，不能重开。');
        expect(await getOrder(owner.client, order.id)).toMatchObject({ status: order.status, reopenCount: 0 });
      }
    });
  });

  describe('first-contact responsibility (首问负责)', () => {
    it('lets the handler work the order but only the owner (or a supervisor) confirm and close: the handler gets 403 work_order.owner_only', async () => {
      const handler = await person(h, 'agent', teamId);
      const leader = await person(h, 'team_leader', teamId);
      const order = await intake(owner.client, { categoryId: category.id });
      const assigned = await h.admin.post(`/api/work-orders/${order.id}/assign`, { mode: 'manual', userId: handler.id });
      expect(assigned.statusCode, assigned.body).toBe(200);

      for (const action of ['accept', 'start', 'submit_result'] as const) await act(handler.client, order.id, action);
      const asHandler = await getOrder(handler.client, order.id);
      expect(asHandler.allowedActions).toEqual([]);

      const message = expectError(await transition(handler.client, order.id, fullTransition('confirm')), 403, 'work_order.owner_only');
      expect(message).toBe('只有首问责任人（或主管）可以执行此操作。');
      expectError(await transition(handler.client, order.id, fullTransition('reject_result')), 403, 'work_order.owner_only');
      expectError(await transition(handler.client, order.id, fullTransition('cancel')), 403, 'work_order.owner_only');

      expect((await getOrder(owner.client, order.id)).allowedActions.sort()).toEqual(['cancel', 'confirm', 'reject_result']);
      await act(owner.client, order.id, 'confirm');
      expectError(await transition(handler.client, order.id, fullTransition('close')), 403, 'work_order.owner_only');
      // A supervisor of the team may close in the owner's place.
      expect((await act(leader.client, order.id, 'close')).status).toBe('closed');
      expect((await getOrder(owner.client, order.id)).owner.id).toBe(owner.id);
    });

    it('refuses any action to an agent who is neither owner nor handler (404 outside their team, 403 inside it)', async () => {
      const order = await intake(owner.client, { categoryId: category.id });
      await act(owner.client, order.id, 'accept');
      const colleague = await person(h, 'agent', teamId);
      expectError(await transition(colleague.client, order.id, fullTransition('start')), 403, 'work_order.not_a_party');
      const stranger = await person(h, 'agent', await team(h));
      expectError(await transition(stranger.client, order.id, fullTransition('start')), 404, 'not_found');
    });
  });

  describe('intake (受理, WO-1)', () => {
    it('refuses an intake missing the 5W1H fields with 400 and the path of every missing field', async () => {
      const before = await listIds(owner.client, { view: 'accountable' });
      const response = await owner.client.post('/api/work-orders', { customer: { mode: 'anonymous' }, resolution: { mode: 'order' }, title: '   ' });
      expect(response.statusCode).toBe(400);
      const error = response.json().error;
      expect(error.code).toBe('validation_failed');
      const paths = (error.details.fields as Array<{ path: string; message: string }>).map((field) => field.path);
      expect(paths).toEqual(expect.arrayContaining(['channel', 'type', 'categoryId', 'title', 'description', 'reason', 'requestedHandling']));
      for (const field of error.details.fields as Array<{ message: string }>) expect(field.message).toMatch(/[\u4e00-\u9fff]/);
      expect(await listIds(owner.client, { view: 'accountable' })).toEqual(before);
    });

    it('refuses an unknown channel, type and customer mode field by field', async () => {
      const response = await owner.client.post('/api/work-orders', { ...intakeBody({ categoryId: category.id }), channel: 'fax', type: 'gossip', customer: { mode: 'guess' } });
      expect(response.statusCode).toBe(400);
      const paths = (response.json().error.details.fields as Array<{ path: string }>).map((field) => field.path);
      expect(paths).toEqual(expect.arrayContaining(['channel', 'type']));
      expect(paths.some((path) => path.startsWith('customer'))).toBe(true);
    });

    it('records a new order with all 5W1H fields, owned and unhandled, numbered and recorded as created', async () => {
      const occurredAt = h.clock.now() - HOUR;
      const order = await intake(owner.client, {
        categoryId: category.id,
        occurredAt,
        channel: 'visit',
        location: '人民路营业厅',
        type: 'service_request',
        title: '办理宽带提速',
        reason: '家里网速慢',
        requestedHandling: '升级到千兆',
        priority: 'high',
      });
      expect(order).toMatchObject({
        status: 'new',
        occurredAt,
        channel: 'visit',
        location: '人民路营业厅',
        type: 'service_request',
        title: '办理宽带提速',
        reason: '家里网速慢',
        requestedHandling: '升级到千兆',
        priority: 'high',
        owner: { id: owner.id, name: owner.name },
        handler: null,
        department: { id: teamId },
        customer: null,
        firstContactResolution: false,
        reopenCount: 0,
        // agents do not hold pii.view
        contactPhone: '138****8000',
      });
      expect(order.number).toMatch(/^GD\d{8}-\d{4}$/);
      expect(await eventsOf(owner.client, order.id)).toEqual([
        expect.objectContaining({ kind: 'created', fromStatus: null, toStatus: 'new', actor: { id: owner.id, name: owner.name } }),
      ]);
    });

    it('creates the caller as a new customer inline (mode create) and links the order and the timeline to them', async () => {
      const order = await intake(owner.client, {
        categoryId: category.id,
        customer: { mode: 'create', customer: { name: '陈静', type: 'personal', tier: 'gold', phones: [{ number: '13912340001' }] } },
      });
      expect(order.customer).toEqual({ id: expect.any(Number), name: '陈静', tier: 'gold', personality: null });
      const profile = await h.admin.get(`/api/customers/${order.customer!.id}`);
      expect(profile.statusCode).toBe(200);
      expect(profile.json()).toMatchObject({ name: '陈静', tier: 'gold' });
      const entries = await timelineOf(h.admin, order.customer!.id);
      expect(entries.find((entry) => entry.sourceId === String(order.id))).toMatchObject({ kind: 'work_order.created', sourceType: 'work_order' });
    });

    it('takes in a contact of an existing customer, and refuses an unknown customer with 422', async () => {
      const order = await intake(owner.client, { categoryId: category.id, customer: { mode: 'existing', customerId: customer.id } });
      expect(order.customer).toEqual({ id: customer.id, name: '周明', tier: customer.tier, personality: customer.personality });
      const unknown = await owner.client.post('/api/work-orders', intakeBody({ categoryId: category.id, customer: { mode: 'existing', customerId: 999_999 } }));
      expectError(unknown, 422, 'work_order.customer_invalid');
    });

    it('takes a retried intake with the same Idempotency-Key once: same order, no second number', async () => {
      const body = intakeBody({ categoryId: category.id });
      const key = { 'idempotency-key': 'intake-retry-000001' };
      const first = await owner.client.post('/api/work-orders', body, key);
      const retry = await owner.client.post('/api/work-orders', body, key);
      expect(first.statusCode, first.body).toBe(200);
      expect(retry.statusCode).toBe(200);
      expect(retry.json().id).toBe(first.json().id);
      expect((await listIds(owner.client, { view: 'all' })).filter((id) => id === first.json().id)).toHaveLength(1);
      const next = await intake(owner.client, { categoryId: category.id });
      const sequenceOf = (number: string) => Number(number.split('-')[1]);
      expect(sequenceOf(next.number)).toBe(sequenceOf(first.json().number) + 1);
    });

    it('refuses an unknown or inactive category with 422 work_order.category_invalid', async () => {
      const inactive = await createCategory(h, { active: false });
      for (const categoryId of [inactive.id, 999_999]) {
        expectError(await owner.client.post('/api/work-orders', intakeBody({ categoryId })), 422, 'work_order.category_invalid');
      }
    });

    it('records a contact answered on the spot as an order already closed at first contact', async () => {
      const order = await intake(owner.client, {
        categoryId: category.id,
        type: 'consultation',
        customer: { mode: 'existing', customerId: customer.id },
        resolution: { mode: 'answered', answer: '已告知资费标准' },
      });
      expect(order).toMatchObject({
        status: 'closed',
        firstContactResolution: true,
        result: '已告知资费标准',
        handler: { id: owner.id },
        resolvedAt: h.clock.now(),
        closedAt: h.clock.now(),
        allowedActions: ['reopen'],
      });
      expect((await eventsOf(owner.client, order.id)).map((event) => [event.kind, event.fromStatus, event.toStatus])).toEqual([
        ['created', null, 'new'],
        ['answered', 'new', 'closed'],
      ]);
      const entries = (await timelineOf(h.admin, customer.id)).filter((entry) => entry.sourceId === String(order.id));
      expect(entries.map((entry) => entry.kind)).toEqual(['work_order.answered']);
      // Closed orders are nobody's open work.
      expect(await listIds(owner.client, { view: 'accountable' })).not.toContain(order.id);
      expect(await listIds(owner.client, { view: 'all' })).toContain(order.id);
    });
  });

  describe('numbering (工单编号)', () => {
    it('numbers orders GD<yyyymmdd>-0001, -0002 … per day in the organisation time zone, with a configurable prefix', async () => {
      const zone = await h.admin.patch('/api/settings', { timeZone: 'Asia/Shanghai' });
      expect(zone.statusCode, zone.body).toBe(200);
      // Move to 23:50 in Shanghai (15:50 UTC) at least a day ahead: a day no order has been taken on yet.
      const target = 15 * HOUR + 50 * 60_000;
      h.clock.advance(DAY + ((target - (h.clock.now() % DAY) + DAY) % DAY));
      const shanghaiDay = (at: number) => new Date(at + 8 * HOUR).toISOString().slice(0, 10).replaceAll('-', '');
      const today = shanghaiDay(h.clock.now());

      const first = await intake(owner.client, { categoryId: category.id });
      const second = await intake(owner.client, { categoryId: category.id, resolution: { mode: 'answered', answer: '已解答' } });
      expect([first.number, second.number]).toEqual([`GD${today}-0001`, `GD${today}-0002`]);

      // 00:10 in Shanghai is still the previous day in UTC: the number follows the organisation's day.
      h.clock.advance(20 * 60_000);
      const tomorrow = shanghaiDay(h.clock.now());
      expect(tomorrow).not.toBe(today);
      expect(new Date(h.clock.now()).toISOString().slice(0, 10).replaceAll('-', '')).toBe(today);
      expect((await intake(owner.client, { categoryId: category.id })).number).toBe(`GD${tomorrow}-0001`);

      await updateSettings(h, { numberPrefix: 'KF' });
      expect((await intake(owner.client, { categoryId: category.id })).number).toBe(`KF${tomorrow}-0002`);
      const bad = await h.admin.patch('/api/work-orders/settings', { numberPrefix: 'kf-1' });
      expect(bad.statusCode).toBe(400);
      await updateSettings(h, { numberPrefix: 'GD' });
      expect((await intake(owner.client, { categoryId: category.id })).number).toBe(`GD${tomorrow}-0003`);
    });
  });
});

// Keep the fixtures' path table honest: each path is made of legal steps.
describe('the fixtures’ paths to each status', () => {
  it.each(WORK_ORDER_STATUSES)('reach %s through legal transitions only', (status) => {
    let current: WorkOrderStatus = 'new';
    for (const action of PATH_TO[status]) current = nextStatus(current, action, null)!;
    expect(current).toBe(status);
  });
});
