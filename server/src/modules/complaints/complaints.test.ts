import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Category, Complaint, ComplaintCreateInput, ComplaintSettings, Customer, IntakeInput, WorkOrder } from '@kefu/contracts';
import { complaintSchema } from '@kefu/contracts';
import type { Client, Harness } from '../../../test/harness.js';
import { act, auditOf, createCategory, createWorkOrderHarness, DAY, eventsOf, expectError, getOrder, intakeBody, person, team, unique, type Person } from '../work-orders/work-orders.fixtures.js';
import { clockOf, HOUR, ids, ladder, MINUTE, recipients, slaOf, sweepUntilIdle, type Ladder } from '../sla/sla.fixtures.js';

type Page = { items: Complaint[]; total: number };

describe('complaints (CMP-1 … CMP-4)', () => {
  let h: Harness;
  let org: Ladder;
  let category: Category;
  beforeAll(async () => {
    h = await createWorkOrderHarness();
    org = await ladder(h);
    category = await createCategory(h);
  });
  afterAll(() => h.close());

  async function newCustomer(): Promise<number> {
    const response = await h.admin.post('/api/customers', { name: unique('投诉客户'), type: 'personal', phones: [{ number: `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}` }] });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<Customer>().id;
  }

  function complaintBody(input: Partial<Omit<ComplaintCreateInput, 'order'>> & { order?: Partial<IntakeInput> } = {}): ComplaintCreateInput {
    const { type: _type, resolution: _resolution, ...order } = intakeBody({ categoryId: category.id, title: unique('投诉：宽带多次断线'), ...input.order });
    return { source: 'hotline', customerSeeks: 'solution', ...input, order };
  }

  async function file(client: Client, input: Parameters<typeof complaintBody>[0] = {}): Promise<Complaint> {
    const response = await client.post('/api/complaints', complaintBody(input));
    expect(response.statusCode, response.body).toBe(200);
    return complaintSchema.parse(response.json());
  }

  async function complaint(client: Client, id: number): Promise<Complaint> {
    const response = await client.get(`/api/complaints/${id}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<Complaint>();
  }

  function levelUp(client: Client, id: number, body: { reason: string; source?: string }) {
    return client.post(`/api/complaints/${id}/level`, body);
  }

  async function list(client: Client, query: Record<string, string> = {}): Promise<Page> {
    const response = await client.get(`/api/complaints?${new URLSearchParams({ limit: '200', ...query })}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<Page>();
  }

  /** Takes the complaint's order to resolved, as its owner. */
  async function resolve(orderId: number): Promise<WorkOrder> {
    let order: WorkOrder | undefined;
    for (const action of ['accept', 'start', 'submit_result', 'confirm'] as const) order = await act(org.owner.client, orderId, action);
    expect(order!.status).toBe('resolved');
    return order!;
  }

  it('records a complaint as a work order of type complaint with its 48-hour limit', async () => {
    const now = h.clock.now();
    const created = await file(org.owner.client, { customerSeeks: 'compensation' });
    expect(created).toMatchObject({
      level: 'complaint',
      source: 'hotline',
      severity: 'general',
      severityReasons: [],
      customerSeeks: 'compensation',
      compensationFen: 0,
      satisfaction: null,
      repeatOf: null,
      repeatCount: 0,
      levelDueAt: now + 48 * HOUR,
      caseArticle: null,
      levelHistory: [{ level: 'complaint', at: now, by: { id: org.owner.id, name: org.owner.name }, reason: null }],
    });
    const order = await getOrder(org.owner.client, created.order.id);
    expect(order).toMatchObject({ type: 'complaint', status: 'new', dueAt: now + 48 * HOUR });
    expect(clockOf(await slaOf(org.owner.client, order.id), 'resolution')).toMatchObject({ basis: 'calendar', targetMinutes: 48 * 60, dueAt: now + 48 * HOUR });
    expect((await h.admin.get(`/api/work-orders/${order.id}/complaint`)).json<Complaint>().id).toBe(created.id);
    expect((await eventsOf(org.owner.client, order.id)).map((event) => event.kind)).toContain('complaint_recorded');
  });

  it('ACCEPTANCE: a regulator complaint is 重大, the director hears of it, and as time passes it breaches its 48 hours and climbs team leader → department head → director', async () => {
    const start = h.clock.now();
    const created = await file(org.owner.client, { source: 'regulator', order: { title: unique('工信部转办：宽带故障未处理') } });
    expect(created).toMatchObject({ severity: 'major', severityReasons: ['regulator'], levelDueAt: start + 48 * HOUR });
    const orderId = created.order.id;
    expect(await recipients(h, orderId, 'complaint.major')).toEqual(expect.arrayContaining([org.director.id]));
    expect(await recipients(h, orderId, 'complaint.major')).not.toContain(org.teamLeader.id);

    // Just before the limit nothing has breached.
    h.clock.advance(48 * HOUR - MINUTE);
    await sweepUntilIdle(h);
    expect(await recipients(h, orderId, 'sla.breached')).toEqual([]);
    expect((await slaOf(org.owner.client, orderId)).escalationLevel).toBe('agent');
    // 75 % of 48 h fell on Saturday 21:00, after closing (no policy: the default calendar's hours);
    // the warning waits for Sunday 09:00 — when the breach makes it moot.
    expect(await recipients(h, orderId, 'sla.warning')).toEqual([]);

    h.clock.advance(MINUTE);
    await sweepUntilIdle(h);
    expect(await recipients(h, orderId, 'sla.breached')).toEqual(ids(org.owner, org.teamLeader));
    let sla = await slaOf(org.owner.client, orderId);
    expect(sla.escalationLevel).toBe('team_leader');
    expect(await recipients(h, orderId, 'sla.escalated')).toEqual(ids(org.teamLeader));

    // Nobody answers: the injected clock moves on in half hours until the director has it.
    for (let step = 0; step < 4 * 48 && sla.escalationLevel !== 'center_director'; step += 1) {
      h.clock.advance(30 * MINUTE);
      await sweepUntilIdle(h);
      sla = await slaOf(org.owner.client, orderId);
    }
    expect(sla.escalationLevel).toBe('center_director');
    expect(sla.escalations.map((escalation) => [escalation.kind, escalation.fromLevel, escalation.toLevel])).toEqual([
      ['breach', 'agent', 'team_leader'],
      ['timeout', 'team_leader', 'department_head'],
      ['timeout', 'department_head', 'center_director'],
    ]);
    // Each level had its own time to answer before the next was asked.
    const [first, second, third] = sla.escalations;
    expect(second!.raisedAt).toBeGreaterThanOrEqual(first!.respondBy);
    expect(third!.raisedAt).toBeGreaterThanOrEqual(second!.respondBy);
    expect(first!.raisedAt).toBeGreaterThanOrEqual(start + 48 * HOUR);
    expect(await recipients(h, orderId, 'sla.escalated')).toEqual(expect.arrayContaining(ids(org.teamLeader, org.departmentHead, org.director)));
    expect((await recipients(h, orderId, 'sla.escalated')).filter((id) => [org.teamLeader.id, org.departmentHead.id, org.director.id].includes(id))).toHaveLength(3);
    // Once at the top, nothing more.
    h.clock.advance(7 * DAY);
    await sweepUntilIdle(h);
    expect((await slaOf(org.owner.client, orderId)).escalations).toHaveLength(3);
    expect(await recipients(h, orderId, 'sla.breached')).toEqual(ids(org.owner, org.teamLeader));
  });

  it.each([
    ['consumer_association', 'general', 'serious', ['external_body']],
    ['mayor_mailbox', 'general', 'serious', ['external_body']],
    ['consumer_association', 'major', 'major', ['external_body']],
    ['web', 'serious', 'serious', ['manual']],
    ['counter', 'general', 'general', []],
  ] as const)('a %s complaint chosen %s is %s', async (source, chosen, severity, reasons) => {
    const created = await file(org.owner.client, { source, severity: chosen });
    expect(created).toMatchObject({ source, severity, severityReasons: reasons });
  });

  it('detects a repeat (same customer, same category, within the window) and raises its severity one step', async () => {
    const customerId = await newCustomer();
    const other = await createCategory(h);
    const first = await file(org.owner.client, { order: { customer: { mode: 'existing', customerId } } });
    expect(first.repeatOf).toBeNull();
    h.clock.advance(2 * DAY);
    const second = await file(org.owner.client, { order: { customer: { mode: 'existing', customerId } } });
    expect(second).toMatchObject({ repeatOf: { id: first.id, orderNumber: first.order.number }, repeatCount: 1, severity: 'serious', severityReasons: ['repeat'] });
    const third = await file(org.owner.client, { source: 'consumer_association', order: { customer: { mode: 'existing', customerId } } });
    expect(third).toMatchObject({ repeatOf: { id: second.id }, repeatCount: 2, severity: 'major', severityReasons: ['external_body', 'repeat'] });
    // Another category is not a repeat; nor is another customer.
    expect((await file(org.owner.client, { order: { customer: { mode: 'existing', customerId }, categoryId: other.id } })).repeatOf).toBeNull();
    expect((await file(org.owner.client, { order: { customer: { mode: 'existing', customerId: await newCustomer() } } })).repeatOf).toBeNull();

    // Outside the window it is a new matter.
    const settings = (await h.admin.get('/api/complaints/settings')).json<ComplaintSettings>();
    const narrowed = await h.admin.put('/api/complaints/settings', { ...settings, repeatWindowDays: 3 });
    expect(narrowed.statusCode, narrowed.body).toBe(200);
    h.clock.advance(4 * DAY);
    const later = await file(org.owner.client, { order: { customer: { mode: 'existing', customerId } } });
    expect(later).toMatchObject({ repeatOf: null, repeatCount: 0, severity: 'general' });
    expect((await h.admin.put('/api/complaints/settings', settings)).statusCode).toBe(200);
    expectError(await org.owner.client.put('/api/complaints/settings', settings), 403, 'forbidden');
  });

  it('levels up complaint → escalated → appeal, each with its own limit restarting the clock; then 422 complaint.top_level', async () => {
    const created = await file(org.owner.client);
    h.clock.advance(5 * HOUR);
    let at = h.clock.now();
    const escalated = await levelUp(org.owner.client, created.id, { reason: '客户对首次处理结果不满意' });
    expect(escalated.statusCode, escalated.body).toBe(200);
    expect(escalated.json<Complaint>()).toMatchObject({ level: 'escalated', levelDueAt: at + 24 * HOUR });
    expect((await getOrder(org.owner.client, created.order.id)).dueAt).toBe(at + 24 * HOUR);
    expect(clockOf(await slaOf(org.owner.client, created.order.id), 'resolution')).toMatchObject({ startedAt: at, dueAt: at + 24 * HOUR, targetMinutes: 24 * 60 });

    h.clock.advance(HOUR);
    at = h.clock.now();
    const appeal = await levelUp(org.owner.client, created.id, { reason: '客户向工信部申诉', source: 'regulator' });
    expect(appeal.statusCode, appeal.body).toBe(200);
    const appealed = appeal.json<Complaint>();
    expect(appealed).toMatchObject({ level: 'appeal', source: 'regulator', severity: 'major', levelDueAt: at + 120 * HOUR });
    expect(appealed.severityReasons).toContain('regulator');
    expect(appealed.levelHistory.map((entry) => [entry.level, entry.reason])).toEqual([
      ['complaint', null],
      ['escalated', '客户对首次处理结果不满意'],
      ['appeal', '客户向工信部申诉'],
    ]);
    // Becoming major through the appeal's source tells the director.
    expect(await recipients(h, created.order.id, 'complaint.major')).toEqual(expect.arrayContaining([org.director.id]));
    expectError(await levelUp(org.owner.client, created.id, { reason: '再次申诉' }), 422, 'complaint.top_level');
    const recomputed = (await eventsOf(org.owner.client, created.order.id)).filter((event) => event.kind === 'sla_recomputed');
    expect(recomputed.map((event) => event.data.reasons)).toEqual([['complaint_level'], ['complaint_level'], ['complaint_level']]);
  });

  it('refuses to level up a withdrawn (cancelled) complaint', async () => {
    const created = await file(org.owner.client);
    const cancelled = await org.owner.client.post(`/api/work-orders/${created.order.id}/transitions`, { action: 'cancel', reason: '客户撤回投诉' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expectError(await levelUp(org.owner.client, created.id, { reason: '客户又来电' }), 409, 'work_order.illegal_transition');
    expect((await complaint(org.owner.client, created.id)).level).toBe('complaint');
  });

  it('reopens a resolved complaint when it is levelled up', async () => {
    const created = await file(org.owner.client);
    await resolve(created.order.id);
    expect(clockOf(await slaOf(org.owner.client, created.order.id), 'resolution').state).toBe('met');
    h.clock.advance(HOUR);
    const response = await levelUp(org.owner.client, created.id, { reason: '客户不认可处理结果' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<Complaint>().order.status).toBe('in_progress');
    const order = await getOrder(org.owner.client, created.order.id);
    expect(order).toMatchObject({ status: 'in_progress', resolvedAt: null, dueAt: h.clock.now() + 24 * HOUR });
    expect(clockOf(await slaOf(org.owner.client, order.id), 'resolution')).toMatchObject({ state: 'running', completedAt: null, dueAt: h.clock.now() + 24 * HOUR });
  });

  it('keeps the complaint level’s time limit when the order’s category changes', async () => {
    const created = await file(org.owner.client);
    const ruled = await createCategory(h);
    await h.admin.post('/api/sla/policies', { name: unique('规则'), conditions: { categoryIds: [ruled.id] }, targets: { resolution: { maxMinutes: 240, basis: 'calendar' } } });
    const moved = await org.owner.client.patch(`/api/work-orders/${created.order.id}`, { categoryId: ruled.id });
    expect(moved.statusCode, moved.body).toBe(200);
    // The complaint's 48 hours are the regulator's limit; a service policy does not shorten them.
    expect(moved.json<WorkOrder>().dueAt).toBe(created.levelDueAt);
    expect(clockOf(await slaOf(org.owner.client, created.order.id), 'resolution')).toMatchObject({ dueAt: created.levelDueAt, targetMinutes: 48 * 60 });
  });

  it('records satisfaction only once the order is resolved', async () => {
    const created = await file(org.owner.client);
    expectError(await org.owner.client.post(`/api/complaints/${created.id}/satisfaction`, { satisfaction: 'satisfied' }), 422, 'complaint.not_resolved');
    await resolve(created.order.id);
    const response = await org.owner.client.post(`/api/complaints/${created.id}/satisfaction`, { satisfaction: 'basically_satisfied', note: ' 希望以后少断网 ' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<Complaint>()).toMatchObject({ satisfaction: 'basically_satisfied', satisfactionNote: '希望以后少断网' });
    expect((await complaint(h.admin, created.id)).satisfaction).toBe('basically_satisfied');
  });

  it('turns a resolved case into a draft unified answer for the knowledge editors (CMP-5)', async () => {
    const created = await file(org.owner.client);
    const draft = { title: '宽带反复断线投诉的答复口径', body: '<p>先致歉，说明已<strong>更换光猫</strong>并减免月租。</p><script>alert(1)</script>' };
    expectError(await org.owner.client.post(`/api/complaints/${created.id}/case-article`, draft), 422, 'complaint.not_resolved');
    await resolve(created.order.id);
    const response = await org.owner.client.post(`/api/complaints/${created.id}/case-article`, draft);
    expect(response.statusCode, response.body).toBe(200);
    const caseArticle = response.json<Complaint>().caseArticle!;
    expect(caseArticle.title).toBe(draft.title);

    // A draft: the editors see it (sanitised, marked as a unified answer); the agent who made it does not.
    const article = await h.admin.get(`/api/knowledge/articles/${caseArticle.id}`);
    expect(article.statusCode, article.body).toBe(200);
    expect(article.json<{ kind: string; status: string; bodyHtml: string }>()).toMatchObject({ kind: 'unified_answer', status: 'draft' });
    expect(article.json<{ bodyHtml: string }>().bodyHtml).not.toContain('<script');
    expect((await org.owner.client.get(`/api/knowledge/articles/${caseArticle.id}`)).statusCode).toBe(404);
    expectError(await org.owner.client.post(`/api/complaints/${created.id}/case-article`, draft), 422, 'complaint.case_exists');
  });

  it('records the handling: responsible department, root cause, remedy and compensation (audited)', async () => {
    const created = await file(org.owner.client);
    const response = await org.owner.client.patch(`/api/complaints/${created.id}`, {
      responsibleDepartmentId: org.departmentId,
      rootCause: 'network',
      remedy: '更换光猫，减免一个月月租',
      compensationFen: 5_000,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<Complaint>()).toMatchObject({ responsibleDepartment: { id: org.departmentId }, rootCause: 'network', remedy: '更换光猫，减免一个月月租', compensationFen: 5_000 });
    const audit = await auditOf(h, 'complaint.compensation_recorded', created.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: org.owner.id, details: expect.objectContaining({ from: 0, to: 5_000 }) });
    // Changing something else is not a compensation entry.
    expect((await org.owner.client.patch(`/api/complaints/${created.id}`, { remedy: '上门致歉' })).statusCode).toBe(200);
    expect(await auditOf(h, 'complaint.compensation_recorded', created.id)).toHaveLength(1);
    expectError(await org.owner.client.patch(`/api/complaints/${created.id}`, { compensationFen: 12.5 }), 400, 'validation_failed');
    expectError(await org.owner.client.patch(`/api/complaints/${created.id}`, { responsibleDepartmentId: 99_999 }), 422, 'complaint.department_invalid');

    // Raising it to 重大 by hand tells the director and notes the manual reason.
    const major = await org.owner.client.patch(`/api/complaints/${created.id}`, { severity: 'major' });
    expect(major.json<Complaint>()).toMatchObject({ severity: 'major', severityReasons: ['manual'] });
    expect(await recipients(h, created.order.id, 'complaint.major')).toEqual(expect.arrayContaining([org.director.id]));
  });

  describe('lists and who sees what', () => {
    let outsider: Person;
    let inspector: Person;
    beforeAll(async () => {
      outsider = await person(h, 'agent', await team(h));
      inspector = await person(h, 'qa_inspector', await team(h));
    });

    it('filters by level, severity, source and open', async () => {
      // A team of its own: an agent also reaches the team's orders nobody handles yet.
      const mine = await person(h, 'agent', await team(h));
      const general = await file(mine.client, { source: 'web' });
      const serious = await file(mine.client, { source: 'mayor_mailbox' });
      const appealed = await file(mine.client, { source: 'counter' });
      await levelUp(mine.client, appealed.id, { reason: '不满意' });
      const done = await file(mine.client, { source: 'web' });
      for (const action of ['accept', 'start', 'submit_result', 'confirm'] as const) await act(mine.client, done.order.id, action);

      // An agent sees the complaints of orders they are party to.
      expect((await list(mine.client)).items.map((item) => item.id).sort((a, b) => a - b)).toEqual([general.id, serious.id, appealed.id, done.id].sort((a, b) => a - b));
      expect((await list(mine.client, { source: 'web' })).items.map((item) => item.id).sort((a, b) => a - b)).toEqual([general.id, done.id].sort((a, b) => a - b));
      expect((await list(mine.client, { severity: 'serious' })).items.map((item) => item.id)).toEqual([serious.id]);
      expect((await list(mine.client, { level: 'escalated' })).items.map((item) => item.id)).toEqual([appealed.id]);
      expect((await list(mine.client, { open: 'false' })).items.map((item) => item.id)).toEqual([done.id]);
      const open = await list(mine.client, { open: 'true' });
      expect(open.items.map((item) => item.id)).not.toContain(done.id);
      expect(open.total).toBe(3);
      // Newest first.
      expect((await list(mine.client)).items[0]!.id).toBe(done.id);
    });

    it('hides another team’s complaint: 404 on read and writes, absent from the list', async () => {
      const created = await file(org.owner.client);
      expectError(await outsider.client.get(`/api/complaints/${created.id}`), 404, 'not_found');
      expectError(await outsider.client.get(`/api/work-orders/${created.order.id}/complaint`), 404, 'not_found');
      expectError(await outsider.client.patch(`/api/complaints/${created.id}`, { remedy: '致歉' }), 404, 'not_found');
      expectError(await levelUp(outsider.client, created.id, { reason: '不满意' }), 404, 'not_found');
      expectError(await outsider.client.post(`/api/complaints/${created.id}/satisfaction`, { satisfaction: 'satisfied' }), 404, 'not_found');
      expect((await list(outsider.client)).items.map((item) => item.id)).not.toContain(created.id);
      expectError(await outsider.client.get('/api/complaints/99999'), 404, 'not_found');

      // The team leader sees the team's complaints; the inspector reads everything but may not change it.
      expect((await list(org.teamLeader.client)).items.map((item) => item.id)).toContain(created.id);
      expect((await complaint(inspector.client, created.id)).id).toBe(created.id);
      expectError(await inspector.client.patch(`/api/complaints/${created.id}`, { remedy: '致歉' }), 403, 'forbidden');
      expectError(await inspector.client.post('/api/complaints', complaintBody()), 403, 'forbidden');
    });
  });
});
