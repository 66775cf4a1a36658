import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Category, Step, WorkOrder } from '@kefu/contracts';
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
  listIds,
  notificationsOf,
  person,
  stepsOf,
  team,
  transition,
  type Person,
} from './work-orders.fixtures.js';

function dispatch(client: Client, id: number, body: unknown): Promise<LightMyRequestResponse> {
  return client.post(`/api/work-orders/${id}/dispatch`, body);
}

async function dispatched(client: Client, id: number, body: unknown): Promise<Step[]> {
  const response = await dispatch(client, id, body);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Step[]>();
}

function stepAction(client: Client, id: number, stepId: number, body: { action: 'accept' | 'return' | 'complete'; reason?: string; result?: string }) {
  return client.post(`/api/work-orders/${id}/steps/${stepId}`, body);
}

async function stepDone(client: Client, id: number, stepId: number, body: { action: 'accept' | 'return' | 'complete'; reason?: string; result?: string }): Promise<Step[]> {
  const response = await stepAction(client, id, stepId, body);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Step[]>();
}

describe('dispatch (派单, WO-4, WO-5)', () => {
  let h: Harness;
  let ownerTeam: number;
  let category: Category;
  beforeAll(async () => {
    h = await createWorkOrderHarness();
    ownerTeam = await team(h, null, '受理班');
    category = await createCategory(h);
  });
  afterAll(() => h.close());

  /** Three receiving departments, each with a back-office worker. */
  async function receivers(): Promise<Array<{ departmentId: number; worker: Person }>> {
    const result = [];
    for (const name of ['维修班', '厂家核查', '数据维护']) {
      const departmentId = await team(h, null, name);
      result.push({ departmentId, worker: await person(h, 'back_office', departmentId) });
    }
    return result;
  }

  it('keeps the owner through a three-step sequence while the handler moves; the order comes back to the owner, who is told of every step', async () => {
    const owner = await person(h, 'agent', ownerTeam);
    const [repair, vendor, data] = await receivers();
    const order = await intake(owner.client, { categoryId: category.id });
    await act(owner.client, order.id, 'accept');

    // Step 1 to a department, step 2 to a person, step 3 to a department.
    const steps = await dispatched(owner.client, order.id, {
      mode: 'sequence',
      steps: [
        { departmentId: repair!.departmentId, instructions: '上门检测线路', dueAt: h.clock.now() + 4 * 3_600_000 },
        { userId: vendor!.worker.id, instructions: '核查光猫批次' },
        { departmentId: data!.departmentId, instructions: '刷新端口数据' },
      ],
    });
    expect(steps.map((step) => [step.sequence, step.status, step.department?.id, step.assignee?.id ?? null])).toEqual([
      [1, 'pending', repair!.departmentId, null],
      [2, 'queued', vendor!.departmentId, vendor!.worker.id],
      [3, 'queued', data!.departmentId, null],
    ]);
    expect(steps[0]).toMatchObject({ mode: 'sequence', instructions: '上门检测线路', dueAt: h.clock.now() + 4 * 3_600_000, createdBy: { id: owner.id } });
    expect(await getOrder(owner.client, order.id)).toMatchObject({ status: 'in_progress', owner: { id: owner.id }, handler: null, department: { id: repair!.departmentId } });

    const handlers: Array<number | null> = [];
    for (const [index, { worker, departmentId }] of [repair!, vendor!, data!].entries()) {
      const current = (await stepsOf(worker.client, order.id))[index]!;
      expect(current).toMatchObject({ status: 'pending', actionable: true });
      // Every receiver in the chain sees the order, but nobody else may act on this step.
      for (const other of [repair!, vendor!, data!].filter((candidate) => candidate.worker !== worker)) {
        expect((await stepsOf(other.worker.client, order.id))[index]!.actionable).toBe(false);
      }
      await stepDone(worker.client, order.id, current.id, { action: 'accept' });
      const accepted = await getOrder(worker.client, order.id);
      expect(accepted).toMatchObject({ owner: { id: owner.id }, handler: { id: worker.id }, department: { id: departmentId }, status: 'in_progress' });
      handlers.push(accepted.handler!.id);
      expect(await listIds(worker.client, { view: 'handling' })).toContain(order.id);

      const after = await stepDone(worker.client, order.id, current.id, { action: 'complete', result: `第${index + 1}步完成` });
      expect(after[index]).toMatchObject({ status: 'completed', result: `第${index + 1}步完成`, assignee: { id: worker.id }, finishedAt: h.clock.now() });
      if (index < 2) expect(after[index + 1]!.status).toBe('pending');
    }
    expect(handlers).toEqual([repair!.worker.id, vendor!.worker.id, data!.worker.id]);

    const final = await getOrder(owner.client, order.id);
    expect(final).toMatchObject({ status: 'pending_confirmation', owner: { id: owner.id }, handler: { id: owner.id }, department: { id: ownerTeam }, result: '第3步完成' });
    expect(final.allowedActions).toContain('confirm');
    expect(await listIds(owner.client, { view: 'accountable' })).toContain(order.id);
    expect(await listIds(owner.client, { view: 'handling' })).toContain(order.id);
    expect(await listIds(data!.worker.client, { view: 'handling' })).not.toContain(order.id);

    const stepNotices = (await notificationsOf(owner.client))
      .filter((notice) => notice.workOrder?.id === order.id && notice.kind === 'work_order.step')
      .reverse()
      .map((notice) => [notice.data.event, notice.data.stepId ?? null]);
    // The owner dispatched it themselves: nobody is told about their own doing.
    expect(stepNotices).toEqual([
      ['accepted', steps[0]!.id],
      ['completed', steps[0]!.id],
      ['accepted', steps[1]!.id],
      ['completed', steps[1]!.id],
      ['accepted', steps[2]!.id],
      ['completed', steps[2]!.id],
    ]);
    // Each receiver is told when their step starts.
    for (const { worker } of [vendor!]) {
      expect((await notificationsOf(worker.client)).some((notice) => notice.kind === 'work_order.assigned' && notice.workOrder?.id === order.id)).toBe(true);
    }

    const kinds = (await eventsOf(owner.client, order.id)).map((event) => event.kind);
    expect(kinds).toEqual([
      'created',
      'transition',
      'dispatched',
      'step_accepted',
      'step_completed',
      'step_started',
      'step_accepted',
      'step_completed',
      'step_started',
      'step_accepted',
      'step_completed',
      'transition',
    ]);

    await act(owner.client, order.id, 'confirm');
    expect((await act(owner.client, order.id, 'close')).owner.id).toBe(owner.id);
  });

  it('runs parallel steps side by side: the order waits for all of them, and no result can be submitted meanwhile', async () => {
    const owner = await person(h, 'agent', ownerTeam);
    const [repair, vendor] = await receivers();
    const order = await intake(owner.client, { categoryId: category.id });
    const steps = await dispatched(owner.client, order.id, {
      mode: 'parallel',
      steps: [
        { userId: repair!.worker.id, instructions: '检测线路' },
        { userId: vendor!.worker.id, instructions: '核查设备' },
      ],
    });
    expect(steps.map((step) => step.status)).toEqual(['pending', 'pending']);
    // Two people handle it at once: no single handler.
    expect(await getOrder(owner.client, order.id)).toMatchObject({ status: 'in_progress', handler: null });
    expect(await listIds(repair!.worker.client, { view: 'handling' })).toContain(order.id);
    expect(await listIds(vendor!.worker.client, { view: 'handling' })).toContain(order.id);

    expectError(await transition(owner.client, order.id, { action: 'submit_result', result: '先办结' }), 422, 'work_order.steps_open');

    await stepDone(repair!.worker.client, order.id, steps[0]!.id, { action: 'complete', result: '线路正常' });
    expect((await getOrder(owner.client, order.id)).status).toBe('in_progress');
    await stepDone(vendor!.worker.client, order.id, steps[1]!.id, { action: 'accept' });
    const done = await stepDone(vendor!.worker.client, order.id, steps[1]!.id, { action: 'complete', result: '光猫故障，已更换' });
    expect(done.map((step) => step.status)).toEqual(['completed', 'completed']);
    expect(await getOrder(owner.client, order.id)).toMatchObject({ status: 'pending_confirmation', handler: { id: owner.id }, result: '光猫故障，已更换' });
  });

  it('refuses a return (退单) without a reason; with one the order goes back to the owner and the queued steps are cancelled', async () => {
    const owner = await person(h, 'agent', ownerTeam);
    const [repair, vendor] = await receivers();
    const order = await intake(owner.client, { categoryId: category.id });
    const steps = await dispatched(owner.client, order.id, {
      mode: 'sequence',
      steps: [
        { departmentId: repair!.departmentId, instructions: '上门检测' },
        { userId: vendor!.worker.id, instructions: '核查设备' },
      ],
    });
    await stepDone(repair!.worker.client, order.id, steps[0]!.id, { action: 'accept' });
    for (const reason of [undefined, '  ']) {
      expectError(await stepAction(repair!.worker.client, order.id, steps[0]!.id, { action: 'return', reason }), 422, 'work_order.reason_required');
    }
    expect((await stepsOf(owner.client, order.id))[0]!.status).toBe('accepted');

    const after = await stepDone(repair!.worker.client, order.id, steps[0]!.id, { action: 'return', reason: '地址不在本班组服务范围' });
    expect(after.map((step) => step.status)).toEqual(['returned', 'cancelled']);
    expect(after[0]).toMatchObject({ returnReason: '地址不在本班组服务范围', assignee: { id: repair!.worker.id } });
    expect(await getOrder(owner.client, order.id)).toMatchObject({ status: 'in_progress', owner: { id: owner.id }, handler: { id: owner.id }, department: { id: ownerTeam } });
    expect((await eventsOf(owner.client, order.id)).at(-1)).toMatchObject({ kind: 'step_returned', data: expect.objectContaining({ reason: '地址不在本班组服务范围' }) });
    const notice = (await notificationsOf(owner.client)).find((candidate) => candidate.workOrder?.id === order.id && candidate.data.event === 'returned');
    expect(notice).toMatchObject({ kind: 'work_order.step', actor: { id: repair!.worker.id }, data: { reason: '地址不在本班组服务范围' } });
    // The cancelled step never starts: its receiver cannot act on it.
    expectError(await stepAction(vendor!.worker.client, order.id, steps[1]!.id, { action: 'accept' }), 409, 'work_order.step_illegal_transition');
    // The owner may dispatch again.
    const again = await dispatched(owner.client, order.id, { mode: 'sequence', steps: [{ userId: vendor!.worker.id, instructions: '请直接核查' }] });
    expect(again.at(-1)).toMatchObject({ batch: 2, status: 'pending', assignee: { id: vendor!.worker.id } });
  });

  it('lets only the receiver act on a step: others get 403 work_order.step_not_yours', async () => {
    const owner = await person(h, 'agent', ownerTeam);
    const [repair] = await receivers();
    const colleague = await person(h, 'back_office', repair!.departmentId);
    const order = await intake(owner.client, { categoryId: category.id });
    const [personal] = await dispatched(owner.client, order.id, { mode: 'sequence', steps: [{ userId: repair!.worker.id, instructions: '请处理' }] });

    // A colleague of the same department sees the order but the step is not theirs; nor is it the owner's.
    for (const client of [colleague.client, owner.client]) {
      for (const action of ['accept', 'complete', 'return'] as const) {
        const message = expectError(await stepAction(client, order.id, personal!.id, { action, reason: '不是我的', result: '不是我的' }), 403, 'work_order.step_not_yours');
        expect(message).toBe('该派单环节不是派给您或您的班组的。');
      }
    }
    expect((await stepsOf(colleague.client, order.id))[0]).toMatchObject({ status: 'pending', actionable: false });
    expect((await stepsOf(repair!.worker.client, order.id))[0]!.actionable).toBe(true);

    // A department step belongs to everyone in that department, and to no one outside it.
    const second = await intake(owner.client, { categoryId: category.id });
    const [teamStep] = await dispatched(owner.client, second.id, { mode: 'sequence', steps: [{ departmentId: repair!.departmentId, instructions: '班组处理' }] });
    expectError(await stepAction(owner.client, second.id, teamStep!.id, { action: 'accept' }), 403, 'work_order.step_not_yours');
    await stepDone(colleague.client, second.id, teamStep!.id, { action: 'accept' });
    // Once accepted it is the accepter's.
    expectError(await stepAction(repair!.worker.client, second.id, teamStep!.id, { action: 'complete', result: '完成' }), 403, 'work_order.step_not_yours');
  });

  it('refuses to dispatch a finished order (409) and a dispatch by someone who does not work the order (403)', async () => {
    const owner = await person(h, 'agent', ownerTeam);
    const [repair] = await receivers();
    const closed = await intake(owner.client, { categoryId: category.id, resolution: { mode: 'answered', answer: '已解答' } });
    expectError(await dispatch(owner.client, closed.id, { steps: [{ departmentId: repair!.departmentId, instructions: '处理' }] }), 409, 'work_order.illegal_transition');

    const order = await intake(owner.client, { categoryId: category.id });
    await act(owner.client, order.id, 'accept');
    const colleague = await person(h, 'agent', ownerTeam);
    expectError(await dispatch(colleague.client, order.id, { steps: [{ departmentId: repair!.departmentId, instructions: '处理' }] }), 403, 'work_order.not_a_party');
    const noTarget = await dispatch(owner.client, order.id, { steps: [{ instructions: '没有目标' }] });
    expect(noTarget.statusCode).toBe(400);
  });

  it('cancelling an order withdraws its open and queued steps: their receivers can no longer act on them', async () => {
    const owner = await person(h, 'agent', ownerTeam);
    const [repair, vendor] = await receivers();
    const order = await intake(owner.client, { categoryId: category.id });
    const steps = await dispatched(owner.client, order.id, {
      mode: 'sequence',
      steps: [
        { userId: repair!.worker.id, instructions: '上门检测' },
        { userId: vendor!.worker.id, instructions: '核查设备' },
      ],
    });
    await stepDone(repair!.worker.client, order.id, steps[0]!.id, { action: 'accept' });
    expect((await transition(owner.client, order.id, { action: 'cancel', reason: '客户撤回申告' })).statusCode).toBe(200);

    expect((await stepsOf(owner.client, order.id)).map((step) => step.status)).toEqual(['cancelled', 'cancelled']);
    expectError(await stepAction(repair!.worker.client, order.id, steps[0]!.id, { action: 'complete', result: '已修好' }), 409, 'work_order.step_illegal_transition');
    expect(await listIds(repair!.worker.client, { view: 'handling' })).not.toContain(order.id);
    expect((await getOrder(owner.client, order.id)).status).toBe('cancelled');
  });

  describe('change of owner (WO-4)', () => {
    let order: WorkOrder;
    let owner: Person;
    let successor: Person;
    let leader: Person;
    beforeAll(async () => {
      owner = await person(h, 'agent', ownerTeam);
      successor = await person(h, 'agent', ownerTeam);
      leader = await person(h, 'team_leader', ownerTeam);
      order = await intake(owner.client, { categoryId: category.id });
    });

    it('is refused to an agent, even the owner (403), and without a reason (400)', async () => {
      for (const client of [owner.client, successor.client]) {
        expectError(await client.post(`/api/work-orders/${order.id}/owner`, { ownerId: successor.id, reason: '交接' }), 403, 'forbidden');
      }
      const noReason = await leader.client.post(`/api/work-orders/${order.id}/owner`, { ownerId: successor.id, reason: '  ' });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().error.details.fields).toEqual([expect.objectContaining({ path: 'reason' })]);
      expect((await getOrder(owner.client, order.id)).owner.id).toBe(owner.id);
    });

    it('is done by a supervisor with a reason: recorded on the order, audited and both owners told', async () => {
      const response = await leader.client.post(`/api/work-orders/${order.id}/owner`, { ownerId: successor.id, reason: '原责任人休假' });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ owner: { id: successor.id, name: successor.name } });
      expect((await eventsOf(leader.client, order.id)).at(-1)).toMatchObject({
        kind: 'owner_changed',
        actor: { id: leader.id },
        data: { from: owner.id, to: successor.id, reason: '原责任人休假' },
      });
      const [entry] = await auditOf(h, 'work_order.owner_changed', order.id);
      expect(entry).toMatchObject({ outcome: 'success', actorId: leader.id, targetType: 'work_order', details: { number: order.number, from: owner.id, to: successor.id, reason: '原责任人休假' } });
      for (const told of [owner, successor]) {
        expect((await notificationsOf(told.client)).find((notice) => notice.workOrder?.id === order.id && notice.kind === 'work_order.owner_changed')).toMatchObject({
          actor: { id: leader.id },
          data: { reason: '原责任人休假' },
        });
      }
      expect(await listIds(successor.client, { view: 'accountable' })).toContain(order.id);
      expect(await listIds(owner.client, { view: 'accountable' })).not.toContain(order.id);
      // The new owner now holds the owner's rights.
      expect((await transition(owner.client, order.id, { action: 'cancel', reason: '不要了' })).statusCode).toBe(403);
      expect((await transition(successor.client, order.id, { action: 'cancel', reason: '客户撤回' })).statusCode).toBe(200);
    });
  });
});
