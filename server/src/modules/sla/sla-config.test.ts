import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slaPolicySchema, type CalendarInput, type Customer, type HolidayImportResult, type SlaCalendar, type SlaPolicy, type SlaPreviewResult } from '@kefu/contracts';
import type { Harness } from '../../../test/harness.js';
import { createCategory, createWorkOrderHarness, expectError, intake, listOrders, person, team, unique, type Person } from '../work-orders/work-orders.fixtures.js';
import { alwaysOpenCalendarId, beijing, calendars, clockOf, createPolicy, HOUR, MINUTE, slaOf, target } from './sla.fixtures.js';

/** Mon–Sat 08:00–20:00, Sun 09:00–17:30: the seeded default's hours, in a calendar of the test's own. */
function standardHours(overrides: Partial<CalendarInput> = {}): CalendarInput {
  const day = [{ start: '08:00', end: '20:00' }];
  return {
    name: unique('营业时间'),
    timeZone: 'Asia/Shanghai',
    weeklyHours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: [{ start: '09:00', end: '17:30' }] },
    ...overrides,
  };
}

const ics = (...lines: string[]) => lines.join('\r\n') + '\r\n';
const allDay = (start: string, end: string, summary: string) => ['BEGIN:VEVENT', `DTSTART;VALUE=DATE:${start}`, `DTEND;VALUE=DATE:${end}`, `SUMMARY:${summary}`, 'END:VEVENT'];

describe('SLA calendars (SLA-1)', () => {
  let h: Harness;
  let agent: Person;
  beforeAll(async () => {
    h = await createWorkOrderHarness();
    agent = await person(h, 'agent', await team(h));
  });
  afterAll(() => h.close());

  async function createCalendar(input: CalendarInput): Promise<SlaCalendar> {
    const response = await h.admin.post('/api/sla/calendars', input);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<SlaCalendar>();
  }

  async function preview(body: Record<string, unknown>): Promise<SlaPreviewResult> {
    const response = await h.admin.post('/api/sla/preview', body);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<SlaPreviewResult>();
  }

  it('seeds the standard calendar (the default) and 7×24', async () => {
    const seeded = await calendars(h);
    const standard = seeded.find((calendar) => calendar.name === '标准营业时间')!;
    expect(standard).toMatchObject({ isDefault: true, alwaysOpen: false, timeZone: 'Asia/Shanghai', policyCount: 0 });
    expect(standard.weeklyHours.sun).toEqual([{ start: '09:00', end: '17:30' }]);
    expect(seeded.find((calendar) => calendar.name === '7×24 小时')).toMatchObject({ isDefault: false, alwaysOpen: true });
    expect(seeded.filter((calendar) => calendar.isDefault)).toHaveLength(1);
  });

  it('creates, replaces and deletes a calendar', async () => {
    const created = await createCalendar(standardHours({ holidays: ['2026-10-01'] }));
    expect(created).toMatchObject({ isDefault: false, policyCount: 0, holidays: ['2026-10-01'], adjustedWorkdays: [] });

    const name = unique('营业时间');
    const replaced = await h.admin.put(`/api/sla/calendars/${created.id}`, standardHours({ name, weeklyHours: { mon: [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '18:00' }] } }));
    expect(replaced.statusCode, replaced.body).toBe(200);
    // A PUT replaces the whole body: what it leaves out is gone.
    expect(replaced.json<SlaCalendar>()).toMatchObject({ name, holidays: [], weeklyHours: { mon: [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '18:00' }], tue: [], sun: [] } });

    const removed = await h.admin.delete(`/api/sla/calendars/${created.id}`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect((await calendars(h)).map((calendar) => calendar.id)).not.toContain(created.id);
    expectError(await h.admin.delete(`/api/sla/calendars/${created.id}`), 404, 'not_found');
  });

  it('keeps exactly one default: a new default takes over, and the default cannot be deleted or unset', async () => {
    const previous = (await calendars(h)).find((calendar) => calendar.isDefault)!;
    expectError(await h.admin.delete(`/api/sla/calendars/${previous.id}`), 422, 'sla_calendar.default_required');
    expectError(await h.admin.put(`/api/sla/calendars/${previous.id}`, { ...standardHours({ name: previous.name }), isDefault: false }), 422, 'sla_calendar.default_required');

    const next = await createCalendar({ ...standardHours(), isDefault: true });
    expect(next.isDefault).toBe(true);
    const all = await calendars(h);
    expect(all.filter((calendar) => calendar.isDefault).map((calendar) => calendar.id)).toEqual([next.id]);
    // Hand the role back so the rest of the file counts on the seeded default.
    const back = await h.admin.put(`/api/sla/calendars/${previous.id}`, { ...standardHours({ name: previous.name }), isDefault: true });
    expect(back.statusCode, back.body).toBe(200);
    expect((await calendars(h)).filter((calendar) => calendar.isDefault).map((calendar) => calendar.id)).toEqual([previous.id]);
    expect((await h.admin.delete(`/api/sla/calendars/${next.id}`)).statusCode).toBe(200);
  });

  it('refuses to delete a calendar a policy uses (409 sla_calendar.in_use) and counts its policies', async () => {
    const calendar = await createCalendar(standardHours());
    const category = await createCategory(h);
    const policy = await createPolicy(h, { calendarId: calendar.id, conditions: { categoryIds: [category.id] }, targets: { resolution: target(60) } });
    expect((await calendars(h)).find((candidate) => candidate.id === calendar.id)!.policyCount).toBe(1);
    expectError(await h.admin.delete(`/api/sla/calendars/${calendar.id}`), 409, 'sla_calendar.in_use');
    expect((await h.admin.delete(`/api/sla/policies/${policy.id}`)).statusCode).toBe(200);
    expect((await h.admin.delete(`/api/sla/calendars/${calendar.id}`)).statusCode).toBe(200);
  });

  it.each([
    ['an interval that ends before it starts', { mon: [{ start: '18:00', end: '09:00' }] }],
    ['overlapping intervals', { mon: [{ start: '08:00', end: '12:00' }, { start: '11:00', end: '14:00' }] }],
    ['no opening hours at all', {}],
  ])('refuses %s (422 sla_calendar.invalid), on create and on update', async (_label, weeklyHours) => {
    expectError(await h.admin.post('/api/sla/calendars', standardHours({ weeklyHours })), 422, 'sla_calendar.invalid');
    const calendar = await createCalendar(standardHours());
    expectError(await h.admin.put(`/api/sla/calendars/${calendar.id}`, standardHours({ weeklyHours })), 422, 'sla_calendar.invalid');
  });

  it('refuses an unknown time zone and a date that is both holiday and workday', async () => {
    expectError(await h.admin.post('/api/sla/calendars', standardHours({ timeZone: 'Mars/Olympus' })), 422, 'sla_calendar.invalid');
    expectError(await h.admin.post('/api/sla/calendars', standardHours({ holidays: ['2026-10-10'], adjustedWorkdays: [{ date: '2026-10-10', hoursOf: 'mon' }] })), 422, 'sla_calendar.invalid');
  });

  it('reads holidays and make-up workdays from an iCalendar file (国庆节 休 / 补班)', async () => {
    const file = ics(
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Kefu//test//CN',
      ...allDay('20261001', '20261008', '国庆节 休'),
      ...allDay('20260920', '20260921', '国庆节 补班'),
      ...allDay('20261010', '20261011', '国庆节 补班'),
      ...allDay('20261225', '20261226', '圣诞派对'),
      'END:VCALENDAR',
    );
    const response = await h.admin.post('/api/sla/calendars/import-ics', { ics: file });
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json<HolidayImportResult>();
    expect(result.holidays).toEqual(['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07']);
    expect(result.workdays).toEqual(['2026-09-20', '2026-10-10']);
    expect(result.skipped).toEqual([expect.objectContaining({ summary: '圣诞派对', reason: 'unclassified' })]);

    // The result drops into a calendar, and the preview counts with it: from Wed 30 Sep 19:00,
    // 3 business hours are 1 h that evening, nothing through the holiday, 2 h on Sat 10 Oct (补班, Friday's hours).
    const calendar = await createCalendar(standardHours({ holidays: result.holidays, adjustedWorkdays: result.workdays.map((date) => ({ date, hoursOf: 'fri' as const })) }));
    const due = await preview({ calendarId: calendar.id, at: beijing(2026, 9, 30, 19), targets: { resolution: target(180, 'business') } });
    expect(due.resolutionDueAt).toBe(beijing(2026, 10, 8, 10));

    expectError(await h.admin.post('/api/sla/calendars/import-ics', { ics: 'not a calendar' }), 422, 'sla_calendar.ics_invalid');
  });

  it('previews a 24-business-hour target from Friday 19:00 as Monday 10:30, and follows the calendar when it changes', async () => {
    // Fri 19:00–20:00 1 h · Sat 08:00–20:00 12 h (13) · Sun 09:00–17:30 8.5 h (21.5) · Mon 08:00 + 2.5 h = 10:30.
    const calendar = await createCalendar(standardHours());
    const friday = beijing(2026, 12, 4, 19);
    const targets = { firstResponse: target(30, 'business'), resolution: target(24 * 60, 'business', 12 * 60), callback: target(24 * 60, 'calendar') };
    const before = await preview({ calendarId: calendar.id, at: friday, targets });
    expect(before).toEqual({
      at: friday,
      openNow: true,
      nextOpening: null,
      firstResponseDueAt: beijing(2026, 12, 4, 19, 30),
      resolutionDueAt: beijing(2026, 12, 7, 10, 30),
      // 12 h: Fri 1 h + Sat 08:00 + 11 h = Sat 19:00.
      resolutionAverageDueAt: beijing(2026, 12, 5, 19),
      // Calendar time: every minute counts.
      callbackDueAt: beijing(2026, 12, 5, 19),
    });

    // Saturday closed: Fri 1 h · Sun 8.5 h (9.5) · Mon 12 h (21.5) · Tue 08:00 + 2.5 h = Tue 10:30.
    const changed = await h.admin.put(`/api/sla/calendars/${calendar.id}`, standardHours({ name: calendar.name, weeklyHours: { ...calendar.weeklyHours, sat: [] } }));
    expect(changed.statusCode, changed.body).toBe(200);
    const after = await preview({ calendarId: calendar.id, at: friday, targets });
    expect(after.resolutionDueAt).toBe(beijing(2026, 12, 8, 10, 30));

    // An unsaved body previews the same way as a saved one (the editor's "would be due at …").
    const unsaved = await preview({ calendar: standardHours({ weeklyHours: { ...calendar.weeklyHours, sat: [] } }), at: friday, targets });
    expect(unsaved.resolutionDueAt).toBe(beijing(2026, 12, 8, 10, 30));

    // Closed at 21:00: the preview says when it opens next.
    const evening = await preview({ calendarId: calendar.id, at: beijing(2026, 12, 4, 21), targets: { resolution: target(60, 'business') } });
    expect(evening).toMatchObject({ openNow: false, nextOpening: beijing(2026, 12, 6, 9), resolutionDueAt: beijing(2026, 12, 6, 10) });

    // 7×24: 24 business hours are 24 hours.
    const always = await preview({ calendarId: await alwaysOpenCalendarId(h), at: friday, targets: { resolution: target(24 * 60, 'business') } });
    expect(always).toMatchObject({ openNow: true, resolutionDueAt: friday + 24 * HOUR });
  });

  it('lets only those with sla.configure write calendars or preview (agent: 403); everyone with orders may read them', async () => {
    const calendar = await createCalendar(standardHours());
    expect((await agent.client.get('/api/sla/calendars')).statusCode).toBe(200);
    expectError(await agent.client.post('/api/sla/calendars', standardHours()), 403, 'forbidden');
    expectError(await agent.client.put(`/api/sla/calendars/${calendar.id}`, standardHours()), 403, 'forbidden');
    expectError(await agent.client.delete(`/api/sla/calendars/${calendar.id}`), 403, 'forbidden');
    expectError(await agent.client.post('/api/sla/calendars/import-ics', { ics: 'BEGIN:VCALENDAR' }), 403, 'forbidden');
    expectError(await agent.client.post('/api/sla/preview', { targets: { resolution: target(60) } }), 403, 'forbidden');
    // A department head configures them.
    const head = await person(h, 'department_head', await team(h));
    expect((await head.client.post('/api/sla/calendars', standardHours())).statusCode).toBe(200);
  });
});

describe('SLA policies (SLA-2)', () => {
  let h: Harness;
  let teamId: number;
  let agent: Person;
  beforeAll(async () => {
    h = await createWorkOrderHarness();
    teamId = await team(h);
    agent = await person(h, 'agent', teamId);
  });
  afterAll(() => h.close());

  async function policyNameOf(orderId: number): Promise<string | null> {
    return (await slaOf(agent.client, orderId)).policy?.name ?? null;
  }

  async function customerOfTier(tier: Customer['tier']): Promise<number> {
    const response = await h.admin.post('/api/customers', { name: unique('客户'), type: 'personal', tier, phones: [{ number: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}` }] });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<Customer>().id;
  }

  it('validates: a policy needs a target, a known calendar and known categories', async () => {
    expectError(await h.admin.post('/api/sla/policies', { name: unique('规则'), targets: {} }), 422, 'sla_policy.no_targets');
    expectError(await h.admin.post('/api/sla/policies', { name: unique('规则'), calendarId: 99_999, targets: { resolution: target(60) } }), 422, 'sla_policy.calendar_invalid');
    expectError(await h.admin.post('/api/sla/policies', { name: unique('规则'), conditions: { categoryIds: [99_999] }, targets: { resolution: target(60) } }), 422, 'sla_policy.category_invalid');
    expectError(await h.admin.post('/api/sla/policies', { name: unique('规则'), targets: { resolution: { maxMinutes: 60, averageMinutes: 90 } } }), 400, 'validation_failed');
    expectError(await agent.client.post('/api/sla/policies', { name: unique('规则'), targets: { resolution: target(60) } }), 403, 'forbidden');
  });

  it('gives an order the first matching policy; reordering changes which one', async () => {
    const category = await createCategory(h);
    const first = await createPolicy(h, { conditions: { categoryIds: [category.id] }, targets: { resolution: target(8 * 60, 'business') } });
    const second = await createPolicy(h, { conditions: { categoryIds: [category.id] }, targets: { resolution: target(4 * 60, 'business') } });
    expect(second.position).toBeGreaterThan(first.position);

    const before = await intake(agent.client, { categoryId: category.id });
    expect(await policyNameOf(before.id)).toBe(first.name);

    const all = (await h.admin.get('/api/sla/policies')).json<SlaPolicy[]>().map((policy) => policy.id);
    const reordered = [second.id, ...all.filter((id) => id !== second.id)];
    const response = await h.admin.put('/api/sla/policies/order', { ids: reordered });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<SlaPolicy[]>().map((policy) => policy.id)).toEqual(reordered);
    expect(await policyNameOf((await intake(agent.client, { categoryId: category.id })).id)).toBe(second.name);
    // The order taken in before keeps its policy.
    expect(await policyNameOf(before.id)).toBe(first.name);

    // A reorder must name every policy exactly once.
    expectError(await h.admin.put('/api/sla/policies/order', { ids: [second.id] }), 422, 'sla_policy.order_mismatch');

    // An inactive policy is passed over.
    const deactivated = await h.admin.put(`/api/sla/policies/${second.id}`, { ...slaPolicySchema.parse(second), active: false });
    expect(deactivated.statusCode, deactivated.body).toBe(200);
    expect(await policyNameOf((await intake(agent.client, { categoryId: category.id })).id)).toBe(first.name);
  });

  it('matches on type, channel, priority and customer tier; empty lists match anything', async () => {
    const category = await createCategory(h);
    const byType = await createPolicy(h, { conditions: { categoryIds: [category.id], types: ['query'] }, targets: { resolution: target(60) } });
    const byChannel = await createPolicy(h, { conditions: { categoryIds: [category.id], channels: ['wechat'] }, targets: { resolution: target(60) } });
    const byPriority = await createPolicy(h, { conditions: { categoryIds: [category.id], priorities: ['urgent'] }, targets: { resolution: target(60) } });
    const byTier = await createPolicy(h, { conditions: { categoryIds: [category.id], tiers: ['gold', 'diamond'] }, targets: { resolution: target(60) } });
    const fallback = await createPolicy(h, { conditions: { categoryIds: [category.id] }, targets: { resolution: target(60) } });

    expect(await policyNameOf((await intake(agent.client, { categoryId: category.id, type: 'query' })).id)).toBe(byType.name);
    expect(await policyNameOf((await intake(agent.client, { categoryId: category.id, channel: 'wechat' })).id)).toBe(byChannel.name);
    expect(await policyNameOf((await intake(agent.client, { categoryId: category.id, priority: 'urgent' })).id)).toBe(byPriority.name);
    const gold = await customerOfTier('gold');
    expect(await policyNameOf((await intake(agent.client, { categoryId: category.id, customer: { mode: 'existing', customerId: gold } })).id)).toBe(byTier.name);
    // An anonymous caller has no tier: a tier condition does not hold.
    expect(await policyNameOf((await intake(agent.client, { categoryId: category.id })).id)).toBe(fallback.name);
    const silver = await customerOfTier('silver');
    expect(await policyNameOf((await intake(agent.client, { categoryId: category.id, customer: { mode: 'existing', customerId: silver } })).id)).toBe(fallback.name);
  });

  it('matches a category condition on the order’s category or any ancestor', async () => {
    const parent = await createCategory(h);
    const child = await createCategory(h, { parentId: parent.id });
    const grandchild = await createCategory(h, { parentId: child.id });
    const sibling = await createCategory(h);
    const policy = await createPolicy(h, { conditions: { categoryIds: [parent.id] }, targets: { resolution: target(60) } });
    expect(await policyNameOf((await intake(agent.client, { categoryId: grandchild.id })).id)).toBe(policy.name);
    expect(await policyNameOf((await intake(agent.client, { categoryId: child.id })).id)).toBe(policy.name);
    expect(await policyNameOf((await intake(agent.client, { categoryId: sibling.id })).id)).toBeNull();
  });

  it('starts the clocks at intake: dueAt is the resolution due time, and the order shows its clock', async () => {
    const category = await createCategory(h);
    const calendarId = await alwaysOpenCalendarId(h);
    const policy = await createPolicy(h, {
      calendarId,
      conditions: { categoryIds: [category.id] },
      targets: { firstResponse: target(30), resolution: target(4 * 60, 'business', 2 * 60), callback: target(24 * 60) },
      warnAtPercent: 80,
    });
    const now = h.clock.now();
    const order = await intake(agent.client, { categoryId: category.id });
    expect(order.dueAt).toBe(now + 4 * HOUR);

    const sla = await slaOf(agent.client, order.id);
    expect(sla).toMatchObject({
      policy: { id: policy.id, name: policy.name },
      timeZone: 'Asia/Shanghai',
      paused: false,
      pauses: [],
      postponements: [],
      violations: 0,
      escalationLevel: 'agent',
      escalations: [],
      latestPromiseAt: now + 4 * HOUR,
      canPostpone: true,
      canOverride: false,
      canEscalate: true,
    });
    expect(clockOf(sla, 'firstResponse')).toEqual({
      kind: 'firstResponse',
      basis: 'calendar',
      targetMinutes: 30,
      averageMinutes: null,
      startedAt: now,
      dueAt: now + 30 * MINUTE,
      warnAt: now + 24 * MINUTE,
      completedAt: null,
      state: 'running',
      remainingMs: 30 * MINUTE,
    });
    expect(clockOf(sla, 'resolution')).toMatchObject({ basis: 'business', targetMinutes: 240, averageMinutes: 120, dueAt: now + 4 * HOUR, warnAt: now + 192 * MINUTE, state: 'running' });
    // The callback clock starts when the order is resolved.
    expect(sla.clocks.map((clock) => clock.kind)).toEqual(['firstResponse', 'resolution']);

    const summary = (await listOrders(agent.client, { view: 'all' })).items.find((item) => item.id === order.id)!;
    expect(summary.slaState).toBe('running');
    expect(summary.dueAt).toBe(now + 4 * HOUR);

    // An order no policy matches has no clock.
    const plain = await intake(agent.client, { categoryId: (await createCategory(h)).id });
    expect(plain.dueAt).toBeNull();
    expect((await slaOf(agent.client, plain.id)).clocks).toEqual([]);
    expect((await listOrders(agent.client, { view: 'all' })).items.find((item) => item.id === plain.id)!.slaState).toBeNull();
  });

  it('counts a business-time target in the policy calendar', async () => {
    const category = await createCategory(h);
    await createPolicy(h, { conditions: { categoryIds: [category.id] }, targets: { resolution: target(24 * 60, 'business') } });
    // The harness clock starts on a Friday, 09:00 in Beijing: 11 h Fri · 12 h Sat · 1 h Sun from 09:00 = Sun 10:00.
    const friday = h.clock.now();
    expect(new Date(friday + 8 * HOUR).getUTCDay()).toBe(5);
    const order = await intake(agent.client, { categoryId: category.id });
    expect(order.dueAt).toBe(friday + 2 * 24 * HOUR + HOUR);
  });

  it('lets the agent read policies, and deleting a policy leaves orders their due times', async () => {
    const category = await createCategory(h);
    const policy = await createPolicy(h, { conditions: { categoryIds: [category.id] }, targets: { resolution: target(90) } });
    const order = await intake(agent.client, { categoryId: category.id });
    expect((await agent.client.get('/api/sla/policies')).json<SlaPolicy[]>().map((one) => one.id)).toContain(policy.id);
    expect((await h.admin.delete(`/api/sla/policies/${policy.id}`)).statusCode).toBe(200);
    const sla = await slaOf(agent.client, order.id);
    expect(sla.policy).toBeNull();
    expect(clockOf(sla, 'resolution').dueAt).toBe(order.dueAt);
  });
});
