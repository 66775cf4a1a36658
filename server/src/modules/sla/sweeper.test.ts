import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Category, PolicyInput, WorkOrder } from '@kefu/contracts';
import type { Harness } from '../../../test/harness.js';
import { act, createCategory, createWorkOrderHarness, expectError, intake, listOrders } from '../work-orders/work-orders.fixtures.js';
import { createOrderClocks, type OrderClocks } from './order-clocks.js';
import { slaRepository } from './sla.repository.js';
import {
  advanceTo,
  alwaysOpenCalendarId,
  clockOf,
  createPolicy,
  HOUR,
  ids,
  inBeijing,
  ladder,
  MINUTE,
  nextBeijing,
  notificationsAbout,
  recipients,
  slaOf,
  sweepUntilIdle,
  target,
  type Ladder,
} from './sla.fixtures.js';

/** Short ladder times so a test climbs it in minutes of (7×24) calendar time. */
const FAST_LADDER = { team_leader: 30, department_head: 60, center_director: 90 };

describe('the SLA sweeper: warnings, breaches and the escalation ladder (SLA-4, SLA-5)', () => {
  let h: Harness;
  let org: Ladder;
  let alwaysOpen: number;
  beforeAll(async () => {
    h = await createWorkOrderHarness();
    org = await ladder(h);
    alwaysOpen = await alwaysOpenCalendarId(h);
  });
  afterAll(() => h.close());

  async function categoryWith(policy: Partial<PolicyInput> & Pick<PolicyInput, 'targets'>): Promise<Category> {
    const category = await createCategory(h);
    await createPolicy(h, { calendarId: alwaysOpen, escalationMinutes: FAST_LADDER, ...policy, conditions: { categoryIds: [category.id] } });
    return category;
  }

  /** Taken in by the owner, accepted by the other agent: handler, owner and team leader are three people. */
  async function handledOrder(category: Category): Promise<WorkOrder> {
    const order = await intake(org.owner.client, { categoryId: category.id });
    const accepted = await act(org.handler.client, order.id, 'accept');
    expect(accepted.handler?.id).toBe(org.handler.id);
    return accepted;
  }

  it('warns at 75 %, breaches at 100 %, each exactly once to handler, owner and team leader; the breach escalates and an unanswered escalation climbs', async () => {
    const category = await categoryWith({ targets: { resolution: target(60) } });
    const start = h.clock.now();
    const order = await handledOrder(category);
    const audience = ids(org.owner, org.handler, org.teamLeader);

    advanceTo(h, start + 44 * MINUTE);
    await sweepUntilIdle(h);
    expect(await recipients(h, order.id, 'sla.warning')).toEqual([]);

    advanceTo(h, start + 45 * MINUTE);
    await sweepUntilIdle(h);
    expect(await recipients(h, order.id, 'sla.warning')).toEqual(audience);
    expect(clockOf(await slaOf(org.owner.client, order.id), 'resolution').state).toBe('warning');
    expect((await listOrders(org.owner.client, { view: 'all' })).items.find((item) => item.id === order.id)!.slaState).toBe('warning');
    h.clock.advance(5 * MINUTE);
    await sweepUntilIdle(h);
    expect(await recipients(h, order.id, 'sla.warning')).toEqual(audience);

    advanceTo(h, start + 60 * MINUTE);
    await sweepUntilIdle(h);
    expect(await recipients(h, order.id, 'sla.breached')).toEqual(audience);
    expect(await recipients(h, order.id, 'sla.escalated')).toEqual(ids(org.teamLeader));
    let sla = await slaOf(org.owner.client, order.id);
    expect(clockOf(sla, 'resolution')).toMatchObject({ state: 'breached', remainingMs: 0 });
    expect(sla.escalationLevel).toBe('team_leader');
    expect(sla.escalations).toEqual([expect.objectContaining({ kind: 'breach', fromLevel: 'agent', toLevel: 'team_leader', raisedBy: null, respondBy: start + 90 * MINUTE, status: 'awaiting' })]);
    expect((await listOrders(org.owner.client, { view: 'all' })).items.find((item) => item.id === order.id)!.slaState).toBe('breached');

    // The team leader does not answer within 30 minutes: the department head is asked.
    advanceTo(h, start + 89 * MINUTE);
    await sweepUntilIdle(h);
    expect((await slaOf(org.owner.client, order.id)).escalationLevel).toBe('team_leader');
    advanceTo(h, start + 90 * MINUTE);
    await sweepUntilIdle(h);
    sla = await slaOf(org.owner.client, order.id);
    expect(sla.escalationLevel).toBe('department_head');
    expect(await recipients(h, order.id, 'sla.escalated')).toEqual(ids(org.teamLeader, org.departmentHead));

    // Nor the department head within 60: the center director.
    advanceTo(h, start + 150 * MINUTE);
    await sweepUntilIdle(h);
    sla = await slaOf(org.owner.client, order.id);
    expect(sla.escalationLevel).toBe('center_director');
    expect(sla.escalations.map((escalation) => [escalation.kind, escalation.fromLevel, escalation.toLevel, escalation.status, escalation.respondBy])).toEqual([
      ['breach', 'agent', 'team_leader', 'superseded', start + 90 * MINUTE],
      ['timeout', 'team_leader', 'department_head', 'superseded', start + 150 * MINUTE],
      ['timeout', 'department_head', 'center_director', 'awaiting', start + 240 * MINUTE],
    ]);

    // The top does not climb further, and nothing is sent twice however long it runs.
    h.clock.advance(3 * 24 * HOUR);
    await sweepUntilIdle(h);
    const sent = await notificationsAbout(h, [order.id], ['sla.warning', 'sla.breached', 'sla.escalated']);
    expect(sent.map((row) => `${row.kind}→${row.user_id}`).sort()).toEqual(
      [
        ...audience.map((id) => `sla.warning→${id}`),
        ...audience.map((id) => `sla.breached→${id}`),
        ...ids(org.teamLeader, org.departmentHead, org.director).map((id) => `sla.escalated→${id}`),
      ].sort(),
    );
    expect((await slaOf(org.owner.client, order.id)).escalations).toHaveLength(3);
  });

  it('stops climbing once the superior gives an instruction; an agent cannot give one', async () => {
    const category = await categoryWith({ targets: { resolution: target(60) } });
    const start = h.clock.now();
    const order = await handledOrder(category);
    advanceTo(h, start + 60 * MINUTE);
    await sweepUntilIdle(h);
    const escalation = (await slaOf(org.owner.client, order.id)).escalations[0]!;
    expect(escalation).toMatchObject({ kind: 'breach', toLevel: 'team_leader', status: 'awaiting' });

    const url = `/api/work-orders/${order.id}/escalations/${escalation.id}/instruction`;
    expectError(await org.handler.client.post(url, { instruction: '我来处理' }), 403, 'escalation.not_your_level');
    h.clock.advance(10 * MINUTE);
    const answered = await org.teamLeader.client.post(url, { instruction: '今日内上门更换光猫' });
    expect(answered.statusCode, answered.body).toBe(200);

    advanceTo(h, start + 8 * HOUR);
    await sweepUntilIdle(h);
    const sla = await slaOf(org.owner.client, order.id);
    expect(sla.escalationLevel).toBe('team_leader');
    expect(sla.escalations).toEqual([expect.objectContaining({ status: 'instructed', instruction: '今日内上门更换光猫' })]);
    expect(await recipients(h, order.id, 'sla.escalated')).toEqual(ids(org.teamLeader));
    expect(await recipients(h, order.id, 'sla.breached')).toEqual(ids(org.owner, org.handler, org.teamLeader));
  });

  it('does not page at night for a business-hours policy: a warning due at 22:00 is sent at 08:00 when the calendar opens', async () => {
    // Calendar-time targets of 24 h warned at half time: created Friday 10:00 Beijing, warned Friday 22:00, due Saturday 10:00.
    const targets = { resolution: target(24 * 60) };
    const businessHours = await categoryWith({ calendarId: null, targets, warnAtPercent: 50 });
    const pagesAtNight = await categoryWith({ calendarId: null, targets, warnAtPercent: 50, notifyOutsideHours: true });
    const roundTheClock = await categoryWith({ calendarId: alwaysOpen, targets, warnAtPercent: 50 });
    const friday = nextBeijing(h.clock.now(), 5, 10);
    advanceTo(h, friday);
    const quiet = await handledOrder(businessHours);
    const paged = await handledOrder(pagesAtNight);
    const always = await handledOrder(roundTheClock);
    expect(clockOf(await slaOf(org.owner.client, quiet.id), 'resolution').warnAt).toBe(friday + 12 * HOUR);

    advanceTo(h, friday + 12 * HOUR); // Friday 22:00
    await sweepUntilIdle(h);
    expect(await recipients(h, quiet.id, 'sla.warning')).toEqual([]);
    expect(await recipients(h, paged.id, 'sla.warning')).toEqual(ids(org.owner, org.handler, org.teamLeader));
    expect(await recipients(h, always.id, 'sla.warning')).toEqual(ids(org.owner, org.handler, org.teamLeader));
    // The clock itself is in warning; only the page waits.
    expect(clockOf(await slaOf(org.owner.client, quiet.id), 'resolution').state).toBe('warning');

    advanceTo(h, friday + 21 * HOUR + 59 * MINUTE); // Saturday 07:59
    await sweepUntilIdle(h);
    expect(await recipients(h, quiet.id, 'sla.warning')).toEqual([]);

    advanceTo(h, friday + 22 * HOUR); // Saturday 08:00
    await sweepUntilIdle(h);
    const warnings = await notificationsAbout(h, [quiet.id], ['sla.warning']);
    expect(warnings.map((row) => row.user_id).sort((a, b) => a - b)).toEqual(ids(org.owner, org.handler, org.teamLeader));
    expect(warnings.map((row) => inBeijing(row.created_at))).toEqual(warnings.map(() => inBeijing(friday + 22 * HOUR)));

    // The breach at Saturday 10:00 falls in opening hours and is sent at once.
    advanceTo(h, friday + 24 * HOUR);
    await sweepUntilIdle(h);
    expect(await recipients(h, quiet.id, 'sla.breached')).toEqual(ids(org.owner, org.handler, org.teamLeader));
  });

  it('sends a breach that fell due at night at opening, without a separate warning, and escalates then', async () => {
    // 2 h calendar-time target from Friday 19:00: warning 20:30 and due 21:00, both after closing.
    const category = await categoryWith({ calendarId: null, targets: { resolution: target(120) } });
    const friday = nextBeijing(h.clock.now(), 5, 19);
    advanceTo(h, friday);
    const order = await handledOrder(category);
    advanceTo(h, friday + 3 * HOUR);
    await sweepUntilIdle(h);
    expect(await notificationsAbout(h, [order.id], ['sla.warning', 'sla.breached', 'sla.escalated'])).toEqual([]);
    advanceTo(h, friday + 13 * HOUR); // Saturday 08:00
    await sweepUntilIdle(h);
    expect(await recipients(h, order.id, 'sla.warning')).toEqual([]);
    expect(await recipients(h, order.id, 'sla.breached')).toEqual(ids(org.owner, org.handler, org.teamLeader));
    const escalation = (await slaOf(org.owner.client, order.id)).escalations[0]!;
    // The team leader's 30 minutes count in the policy calendar from when the breach was raised.
    expect(escalation).toMatchObject({ kind: 'breach', raisedAt: friday + 13 * HOUR, respondBy: friday + 13 * HOUR + 30 * MINUTE });
  });

  it('leaves a suspended order’s clock alone and picks it up again after it resumes', async () => {
    const category = await categoryWith({ targets: { resolution: target(60) } });
    const start = h.clock.now();
    const order = await handledOrder(category);
    await act(org.handler.client, order.id, 'start');
    advanceTo(h, start + 30 * MINUTE);
    await act(org.handler.client, order.id, 'suspend');
    advanceTo(h, start + 5 * HOUR);
    await sweepUntilIdle(h);
    expect(await notificationsAbout(h, [order.id], ['sla.warning', 'sla.breached'])).toEqual([]);
    const resumed = await act(org.handler.client, order.id, 'resume');
    expect(resumed.dueAt).toBe(start + 5 * HOUR + 30 * MINUTE);
    advanceTo(h, start + 5 * HOUR + 15 * MINUTE);
    await sweepUntilIdle(h);
    expect(await recipients(h, order.id, 'sla.warning')).toEqual(ids(org.owner, org.handler, org.teamLeader));
    expect(await recipients(h, order.id, 'sla.breached')).toEqual([]);
  });

  it('stops the clock once the order is resolved or cancelled', async () => {
    const category = await categoryWith({ targets: { resolution: target(60) } });
    const start = h.clock.now();
    const resolved = await handledOrder(category);
    for (const action of ['start', 'submit_result'] as const) await act(org.handler.client, resolved.id, action);
    await act(org.owner.client, resolved.id, 'confirm');
    const cancelled = await intake(org.owner.client, { categoryId: category.id });
    await act(org.owner.client, cancelled.id, 'cancel');
    advanceTo(h, start + 3 * HOUR);
    await sweepUntilIdle(h);
    expect(await notificationsAbout(h, [resolved.id, cancelled.id], ['sla.warning', 'sla.breached', 'sla.escalated'])).toEqual([]);
    expect(clockOf(await slaOf(org.owner.client, resolved.id), 'resolution')).toMatchObject({ state: 'met', completedAt: start });
  });

  it('keeps a binned order’s clock quiet while it is in the bin and running again once it is restored', async () => {
    const category = await categoryWith({ targets: { resolution: target(60) } });
    const start = h.clock.now();
    const order = await handledOrder(category);
    const removed = await org.teamLeader.client.request('DELETE', `/api/work-orders/${order.id}`, { reason: '误建' });
    expect(removed.statusCode, removed.body).toBe(200);
    advanceTo(h, start + 50 * MINUTE);
    await sweepUntilIdle(h);
    expect(await notificationsAbout(h, [order.id], ['sla.warning', 'sla.breached'])).toEqual([]);
    const restored = await org.teamLeader.client.post(`/api/work-orders/${order.id}/restore`);
    expect(restored.statusCode, restored.body).toBe(200);
    await sweepUntilIdle(h);
    expect(await recipients(h, order.id, 'sla.warning')).toEqual(ids(org.owner, org.handler, org.teamLeader));
    advanceTo(h, start + 60 * MINUTE);
    await sweepUntilIdle(h);
    expect(await recipients(h, order.id, 'sla.breached')).toEqual(ids(org.owner, org.handler, org.teamLeader));
  });

  describe('ACCEPTANCE: two sweepers on one database send every notification exactly once', () => {
    it('40 orders, both sweepers concurrently over several rounds through warning, breach and two timeouts', async () => {
      const { db } = h.testDb;
      const second: OrderClocks = createOrderClocks({ db: db.kysely, dialect: db.dialect, clock: h.clock, config: h.kefu.services.slaConfig, notifier: h.kefu.services.notifier, bus: h.kefu.services.bus });
      const first = h.kefu.services.orderClocks;
      const category = await categoryWith({ targets: { resolution: target(20) }, escalationMinutes: { team_leader: 10, department_head: 10, center_director: 10 } });
      const start = h.clock.now();
      const orders: WorkOrder[] = [];
      for (let index = 0; index < 40; index += 1) orders.push(await handledOrder(category));
      const orderIds = orders.map((order) => order.id);

      const claimedBy = { first: 0, second: 0 };
      async function race(): Promise<void> {
        for (let round = 0; round < 30; round += 1) {
          // Small batches so the two interleave over many claims.
          const [a, b] = await Promise.all([first.sweep(7), second.sweep(7)]);
          claimedBy.first += a.claimed;
          claimedBy.second += b.claimed;
          if (a.claimed === 0 && b.claimed === 0) return;
        }
        throw new Error('the sweepers did not settle');
      }

      for (const minutes of [15, 20, 30, 40, 50, 24 * 60]) {
        advanceTo(h, start + minutes * MINUTE);
        await race();
      }

      // Both took part.
      expect(claimedBy.first).toBeGreaterThan(0);
      expect(claimedBy.second).toBeGreaterThan(0);
      const sent = await notificationsAbout(h, orderIds, ['sla.warning', 'sla.breached', 'sla.escalated']);
      const counts = new Map<string, number>();
      for (const row of sent) counts.set(`${row.user_id}/${row.work_order_id}/${row.kind}`, (counts.get(`${row.user_id}/${row.work_order_id}/${row.kind}`) ?? 0) + 1);
      expect([...counts.entries()].filter(([, count]) => count !== 1)).toEqual([]);
      const expected = orderIds.flatMap((orderId) => [
        ...[org.owner, org.handler, org.teamLeader].flatMap((one) => [`${one.id}/${orderId}/sla.warning`, `${one.id}/${orderId}/sla.breached`]),
        ...[org.teamLeader, org.departmentHead, org.director].map((one) => `${one.id}/${orderId}/sla.escalated`),
      ]);
      expect([...counts.keys()].sort()).toEqual(expected.sort());

      // Each order climbed the ladder once: breach, then two timeouts.
      const escalations = await db.kysely.selectFrom('work_order_escalation').select(['order_id', 'kind', 'to_level']).where('order_id', 'in', orderIds).orderBy('id').execute();
      expect(escalations).toHaveLength(40 * 3);
      for (const orderId of orderIds) {
        expect(escalations.filter((row) => row.order_id === orderId).map((row) => `${row.kind}:${row.to_level}`)).toEqual(['breach:1', 'timeout:2', 'timeout:3']);
      }
      // Nothing is left due or claimed.
      const rows = await db.kysely.selectFrom('work_order_sla').select(['order_id', 'next_check_at', 'claimed_until', 'claim_token']).where('order_id', 'in', orderIds).execute();
      expect(rows.filter((row) => row.next_check_at !== null && Number(row.next_check_at) <= h.clock.now())).toEqual([]);
      expect(rows.filter((row) => row.claimed_until !== null || row.claim_token !== null)).toEqual([]);
      expect(await first.sweep()).toEqual({ claimed: 0, notifications: 0 });
      expect(await second.sweep()).toEqual({ claimed: 0, notifications: 0 });
    });

    it('leaves a row another sweeper holds alone until its lease runs out, then takes it over once', async () => {
      const { db } = h.testDb;
      const category = await categoryWith({ targets: { resolution: target(60) } });
      const start = h.clock.now();
      const order = await handledOrder(category);
      advanceTo(h, start + 46 * MINUTE);
      // A node claims the row and dies before doing the work.
      const claimed = await db.kysely.transaction().execute((trx) => slaRepository.claimDue(trx, db.dialect, h.clock.now(), 60_000, 'crashed-node', 1000));
      expect(claimed).toContain(order.id);
      await sweepUntilIdle(h);
      expect(await recipients(h, order.id, 'sla.warning')).toEqual([]);
      h.clock.advance(61_000);
      await sweepUntilIdle(h);
      expect(await recipients(h, order.id, 'sla.warning')).toEqual(ids(org.owner, org.handler, org.teamLeader));
      await sweepUntilIdle(h);
      expect(await recipients(h, order.id, 'sla.warning')).toHaveLength(3);
    });
  });
});
