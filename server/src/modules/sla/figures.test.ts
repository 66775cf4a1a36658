import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Category, OrderSla, SlaFigures, SlaFiguresRow, WorkOrder } from '@kefu/contracts';
import type { Harness } from '../../../test/harness.js';
import { act, createCategory, createWorkOrderHarness, expectError, intake, person, team, type Person } from '../work-orders/work-orders.fixtures.js';
import { advanceTo, alwaysOpenCalendarId, createPolicy, HOUR, ladder, MINUTE, slaOf, target, type Ladder } from './sla.fixtures.js';

/** What the test knows of one order, read back through the API. */
interface Known {
  categoryId: number;
  sla: OrderSla;
}

/**
 * The figures recounted by brute force from each order's clocks. Every resolution here runs
 * in 7×24 calendar time or within one day's opening hours, so its length is wall time less
 * the pauses — an independent count, not the server's calendar arithmetic.
 */
function recount(orders: readonly Known[], now: number): Omit<SlaFiguresRow, 'category'> {
  const row = {
    orders: orders.length,
    responseMeasured: 0,
    responseMet: 0,
    resolutionMeasured: 0,
    resolutionMet: 0,
    postponed: 0,
    overrides: 0,
    escalated: 0,
  };
  const minutes: number[] = [];
  const averageTargets: number[] = [];
  let withResolution = 0;
  for (const { sla } of orders) {
    const response = sla.clocks.find((clock) => clock.kind === 'firstResponse');
    if (response && (response.completedAt !== null || now >= response.dueAt)) {
      row.responseMeasured += 1;
      if (response.completedAt !== null && response.completedAt <= response.dueAt) row.responseMet += 1;
    }
    const resolution = sla.clocks.find((clock) => clock.kind === 'resolution');
    if (resolution) {
      withResolution += 1;
      if (resolution.completedAt !== null || now >= resolution.dueAt) {
        row.resolutionMeasured += 1;
        if (resolution.completedAt !== null && resolution.completedAt <= resolution.dueAt) row.resolutionMet += 1;
      }
      if (resolution.completedAt !== null) {
        const { startedAt, completedAt } = resolution;
        const paused = sla.pauses.reduce((sum, pause) => sum + Math.max(0, Math.min(pause.to ?? now, completedAt) - Math.max(pause.from, startedAt)), 0);
        minutes.push((completedAt - startedAt - paused) / MINUTE);
      }
      if (resolution.averageMinutes !== null) averageTargets.push(resolution.averageMinutes);
      if (sla.postponements.length > 0) row.postponed += 1;
    }
    row.overrides += sla.violations;
    if (sla.escalationLevel !== 'agent') row.escalated += 1;
  }
  const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);
  const mean = (values: number[]) => (values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length);
  const averageResolutionMinutes = mean(minutes);
  const averageTargetMinutes = mean(averageTargets);
  return {
    ...row,
    responseAttainment: share(row.responseMet, row.responseMeasured),
    resolutionAttainment: share(row.resolutionMet, row.resolutionMeasured),
    averageResolutionMinutes,
    maxResolutionMinutes: minutes.length === 0 ? null : Math.round(Math.max(...minutes)),
    averageTargetMinutes,
    averageTargetMet: averageResolutionMinutes === null || averageTargetMinutes === null ? null : averageResolutionMinutes <= averageTargetMinutes,
    postponementRate: share(row.postponed, withResolution),
  };
}

describe('SLA figures (SLA-6)', () => {
  let h: Harness;
  let org: Ladder;
  let roundTheClock: Category;
  let businessHours: Category;
  let noPolicy: Category;
  const created: WorkOrder[] = [];
  let start: number;

  /** The orders of one scenario, each brought where the figures will find it (the clock starts Friday 09:00 Beijing). */
  beforeAll(async () => {
    h = await createWorkOrderHarness();
    org = await ladder(h);
    roundTheClock = await createCategory(h);
    businessHours = await createCategory(h);
    noPolicy = await createCategory(h);
    await createPolicy(h, {
      calendarId: await alwaysOpenCalendarId(h),
      conditions: { categoryIds: [roundTheClock.id] },
      targets: { firstResponse: target(30), resolution: target(4 * 60, 'calendar', 2 * 60) },
    });
    await createPolicy(h, { calendarId: null, conditions: { categoryIds: [businessHours.id] }, targets: { resolution: target(8 * 60, 'business') } });

    start = h.clock.now();
    const take = async (category: Category) => {
      const order = await intake(org.owner.client, { categoryId: category.id });
      created.push(order);
      return order;
    };
    const [a1, a2, a3, a4, a5] = [await take(roundTheClock), await take(roundTheClock), await take(roundTheClock), await take(roundTheClock), await take(roundTheClock)];
    const [b1, b2] = [await take(businessHours), await take(businessHours)];
    const [, c2] = [await take(noPolicy), await take(noPolicy)];
    const at = (minutes: number) => advanceTo(h, start + minutes * MINUTE);
    const resolve = async (order: WorkOrder, from: 'accepted' | 'in_progress' = 'accepted') => {
      for (const action of from === 'accepted' ? (['start', 'submit_result', 'confirm'] as const) : (['submit_result', 'confirm'] as const)) await act(org.owner.client, order.id, action);
    };

    at(10);
    for (const order of [a1, a3, a5, b1, b2, c2]) await act(org.owner.client, order.id, 'accept');
    at(20);
    await act(org.owner.client, a4.id, 'cancel');
    at(30);
    const postpone = (until: number, override = false) => ({ until, reason: '等待备件', notice: { method: 'sms' as const }, override });
    expect((await org.owner.client.post(`/api/work-orders/${a3.id}/sla/postpone`, postpone(a3.dueAt! + 2 * HOUR))).statusCode).toBe(200);
    expect((await org.teamLeader.client.post(`/api/work-orders/${a3.id}/sla/postpone`, postpone(a3.dueAt! + 3 * HOUR, true))).statusCode).toBe(200);
    await act(org.owner.client, a5.id, 'start');
    await act(org.owner.client, a5.id, 'suspend');
    expect((await org.owner.client.post(`/api/work-orders/${b2.id}/escalations`, { proposedHandling: '需要网络部配合' })).statusCode).toBe(200);
    at(45);
    await act(org.owner.client, a2.id, 'accept');
    at(60);
    await resolve(a1);
    at(90);
    await act(org.owner.client, a5.id, 'resume');
    at(150);
    await resolve(a5, 'in_progress');
    at(180);
    await resolve(b1);
    await resolve(c2);
    at(300);
    await resolve(a2);
    // Friday 19:00: b2 (due 17:00) and a3 (due 7 h after intake) are overdue and still open.
    at(600);
    // Taken in after the range the figures are asked for.
    await intake(org.owner.client, { categoryId: roundTheClock.id });
  });
  afterAll(() => h.close());

  async function figures(client = h.admin, query: Record<string, number> = {}): Promise<SlaFigures> {
    const response = await client.get(`/api/sla/figures?${new URLSearchParams(Object.entries({ from: start - MINUTE, to: start + MINUTE, ...query }).map(([key, value]): [string, string] => [key, String(value)]))}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<SlaFigures>();
  }

  async function known(): Promise<Known[]> {
    const kept: Known[] = [];
    for (const order of created) {
      const sla = await slaOf(h.admin, order.id);
      const current = (await h.admin.get(`/api/work-orders/${order.id}`)).json<WorkOrder>();
      if (current.status !== 'cancelled') kept.push({ categoryId: order.category.id, sla });
    }
    return kept;
  }

  it('equals a brute-force recount per category and in total', async () => {
    const result = await figures();
    const orders = await known();
    const now = h.clock.now();
    expect(result.totals).toEqual({ category: null, ...recount(orders, now) });
    for (const category of [roundTheClock, businessHours, noPolicy]) {
      const row = result.byCategory.find((candidate) => candidate.category?.id === category.id);
      expect(row, category.name).toEqual({ category: { id: category.id, name: category.name }, ...recount(orders.filter((order) => order.categoryId === category.id), now) });
    }
    expect(result.byCategory).toHaveLength(3);
  });

  it('has the numbers worked out by hand', async () => {
    const result = await figures();
    const row = (category: Category) => result.byCategory.find((candidate) => candidate.category?.id === category.id)!;
    // 7×24: a1 met in 60 min, a2 missed in 300, a5 met in 90 (an hour suspended), a3 overdue; a4 cancelled does not count.
    expect(row(roundTheClock)).toMatchObject({
      orders: 4,
      responseMeasured: 4,
      responseMet: 3,
      responseAttainment: 0.75,
      resolutionMeasured: 4,
      resolutionMet: 2,
      resolutionAttainment: 0.5,
      averageResolutionMinutes: 150,
      maxResolutionMinutes: 300,
      averageTargetMinutes: 120,
      averageTargetMet: false,
      postponed: 1,
      postponementRate: 0.25,
      overrides: 1,
      escalated: 0,
    });
    // Business hours: b1 met in 180 min (Friday 09:00–12:00), b2 overdue since 17:00.
    expect(row(businessHours)).toMatchObject({ orders: 2, responseMeasured: 0, responseAttainment: null, resolutionMeasured: 2, resolutionMet: 1, maxResolutionMinutes: 180, averageTargetMinutes: null, averageTargetMet: null, escalated: 1, postponementRate: 0 });
    // No policy: counted as orders, nothing measured.
    expect(row(noPolicy)).toMatchObject({ orders: 2, resolutionMeasured: 0, resolutionAttainment: null, maxResolutionMinutes: null, postponementRate: null });
    expect(result.totals).toMatchObject({ orders: 8, resolutionMeasured: 6, resolutionMet: 3 });
    // Sorted by number of orders, largest first.
    expect(result.byCategory[0]!.category!.id).toBe(roundTheClock.id);
  });

  it('counts only the orders received in the range and reachable by the caller', async () => {
    const later = await figures(h.admin, { from: start + MINUTE, to: h.clock.now() + MINUTE });
    expect(later.totals.orders).toBe(1);
    expect((await figures(h.admin, { departmentId: org.teamId })).totals.orders).toBe(8);
    expect((await figures(h.admin, { departmentId: org.departmentId })).totals.orders).toBe(0);
    // The team leader reaches the team's orders; another team's leader none of them.
    expect((await figures(org.teamLeader.client)).totals.orders).toBe(8);
    const stranger: Person = await person(h, 'team_leader', await team(h));
    expect((await figures(stranger.client)).totals).toMatchObject({ orders: 0, resolutionAttainment: null });
  });

  it('needs sla.figures (an agent gets 403) and a sensible range', async () => {
    expectError(await org.owner.client.get(`/api/sla/figures?from=${start - MINUTE}&to=${start + MINUTE}`), 403, 'forbidden');
    const inspector = await person(h, 'qa_inspector', await team(h));
    expect((await inspector.client.get(`/api/sla/figures?from=${start - MINUTE}&to=${start + MINUTE}`)).statusCode).toBe(200);
    expect((await h.admin.get(`/api/sla/figures?from=${start}&to=${start}`)).statusCode).toBe(400);
    expect((await h.admin.get(`/api/sla/figures?from=${start}&to=${start + 500 * 24 * HOUR}`)).statusCode).toBe(400);
  });
});
