import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltinRoleCode, Customer, CustomerInput, CustomerSummary, TimelineEntry } from '@kefu/contracts';
import { createHarness, type Client, type Harness } from '../../../test/harness.js';
import { auditOf, createCustomer, mobile, query, residentId, signInWith } from './customers.fixtures.js';

/** An 11-digit mainland mobile number standing alone (timestamps are longer digit runs). */
const CLEAR_MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/;
/** An 18-character resident ID number in clear. */
const CLEAR_ID_NUMBER = /(?<!\d)\d{17}[\dXx](?!\d)/;

const userIdOf = (client: Client) => client.info!.user.id;

describe('privacy of customer data (CUS-8)', () => {
  let h: Harness;
  let agent: Client;
  beforeAll(async () => {
    h = await createHarness();
    agent = await h.signInAs('agent');
  });
  afterAll(() => h.close());

  const profile = (overrides: Partial<CustomerInput> = {}): CustomerInput => ({
    name: '林晓梅',
    type: 'personal',
    tier: 'gold',
    idNumber: '11010519491231002X',
    phones: [{ number: '+86 138-0013-8000', label: '手机' }, { number: '010-6552 9988', label: '座机' }],
    ...overrides,
  });

  describe('masking per role', () => {
    it('shows an agent (no pii.view) masked phone and ID numbers, in the profile and in lists', async () => {
      const customer = await createCustomer(h.admin, profile({ name: '掩码客户' }));
      const seen = (await agent.get(`/api/customers/${customer.id}`)).json<Customer>();
      expect(seen.piiMasked).toBe(true);
      expect(withoutIds(seen.phones)).toEqual([
        { number: '138****8000', label: '手机', primary: true },
        { number: '010****9988', label: '座机', primary: false },
      ]);
      expect(seen.idNumber).toBe('110***********002X');
      const page = (await agent.get(query({ q: '掩码客户' }))).json<{ items: CustomerSummary[] }>();
      expect(page.items).toEqual([expect.objectContaining({ id: customer.id, primaryPhone: '138****8000' })]);
      // Masked values still find the customer when the agent types the full number.
      expect((await agent.get(query({ phone: '138 0013 8000' }))).json().items.map((item: CustomerSummary) => item.id)).toContain(customer.id);
    });

    it.each(['department_head', 'center_director', 'account_manager', 'administrator'] as BuiltinRoleCode[])('shows a %s (pii.view) clear values', async (role) => {
      const customer = await createCustomer(h.admin, profile({ name: `明文客户${role}`, idNumber: residentId(), phones: [{ number: mobile() }] }));
      const client = await h.signInAs(role);
      const seen = (await client.get(`/api/customers/${customer.id}`)).json<Customer>();
      expect(seen.piiMasked).toBe(false);
      expect(seen.phones).toEqual(customer.phones);
      expect(seen.idNumber).toBe(customer.idNumber);
      expect(seen.idNumber).toMatch(CLEAR_ID_NUMBER);
      expect(seen.phones[0]!.number).toMatch(CLEAR_MOBILE);
    });

    it('never puts a clear mobile or ID number in any customer response to a caller without pii.view', async () => {
      // Team leaders may merge and custom roles may erase, both without pii.view.
      const leader = await h.signInAs('team_leader');
      const eraser = await signInWith(h, ['customers.read', 'customers.erase', 'customers.export']);
      const numbers = [mobile(), mobile(), mobile(), mobile()] as const;
      const ids = [residentId(), residentId()] as const;
      const manager = await h.createUser({ roles: ['account_manager'] });

      const bodies: Record<string, LightMyRequestResponse> = {};
      const created = await agent.post('/api/customers', {
        name: '扫描客户',
        type: 'personal',
        idNumber: ids[0],
        phones: [{ number: numbers[0] }, { number: `+86 ${numbers[1]}` }],
        accountManagerId: manager.id,
        tags: ['扫描'],
      });
      bodies.create = created;
      const id = created.json<Customer>().id;
      bodies.update = await agent.patch(`/api/customers/${id}`, { tier: 'silver', tierReason: '降级', phones: [{ number: numbers[0] }, { number: numbers[2], primary: true }] });
      // A duplicate sharing a phone and the ID number, created by someone who sees clear values.
      const duplicate = await createCustomer(h.admin, { name: '扫描客户', idNumber: ids[0], phones: [{ number: numbers[2] }, { number: numbers[3] }] });
      const toErase = await createCustomer(h.admin, { name: '扫描待注销', idNumber: ids[1], phones: [{ number: mobile() }] });

      bodies.get = await agent.get(`/api/customers/${id}`);
      bodies.list = await agent.get(query({ tag: '扫描' }));
      bodies.listByPhone = await agent.get(query({ phone: numbers[2] }));
      bodies.listByQuery = await agent.get(query({ q: '扫描' }));
      bodies.listByIdSuffix = await agent.get(query({ idSuffix: ids[0].slice(-6) }));
      bodies.listByManager = await agent.get(query({ accountManagerId: manager.id }));
      bodies.timeline = await agent.get(`/api/customers/${id}/timeline`);
      bodies.duplicates = await agent.get(`/api/customers/${id}/duplicates`);
      bodies.duplicateGet = await agent.get(`/api/customers/${duplicate.id}`);
      bodies.reveal = await agent.post(`/api/customers/${id}/reveal`, { field: 'phones' });
      bodies.revealId = await agent.post(`/api/customers/${id}/reveal`, { field: 'idNumber' });
      bodies.agentExport = await agent.get(`/api/customers/${id}/export`);
      bodies.exportWithoutPii = await eraser.get(`/api/customers/${id}/export`);
      bodies.merge = await leader.post(`/api/customers/${id}/merge`, { sourceId: duplicate.id });
      bodies.mergedTimeline = await agent.get(`/api/customers/${id}/timeline`);
      bodies.mergedAway = await agent.get(`/api/customers/${duplicate.id}`);
      bodies.erase = await eraser.post(`/api/customers/${toErase.id}/erase`, { reason: '客户申请注销' });

      const statuses = Object.fromEntries(Object.entries(bodies).map(([endpoint, response]) => [endpoint, response.statusCode]));
      expect(statuses).toEqual({
        create: 200,
        update: 200,
        get: 200,
        list: 200,
        listByPhone: 200,
        listByQuery: 200,
        listByIdSuffix: 200,
        listByManager: 200,
        timeline: 200,
        duplicates: 200,
        duplicateGet: 200,
        reveal: 403,
        revealId: 403,
        agentExport: 403,
        exportWithoutPii: 403,
        merge: 200,
        mergedTimeline: 200,
        mergedAway: 200,
        erase: 200,
      });
      // The lookups did find the customer: the scan looks at real payloads, not empty lists.
      for (const endpoint of ['list', 'listByPhone', 'listByQuery', 'listByIdSuffix', 'listByManager']) {
        expect(bodies[endpoint]!.json().items.map((item: CustomerSummary) => item.id), endpoint).toContain(id);
      }
      expect(bodies.duplicates!.json()).toHaveLength(1);
      expect(bodies.merge!.json<Customer>().phones).toHaveLength(3);

      for (const [endpoint, response] of Object.entries(bodies)) {
        expect(response.body, endpoint).not.toMatch(CLEAR_MOBILE);
        expect(response.body, endpoint).not.toMatch(CLEAR_ID_NUMBER);
        for (const secret of [...numbers, ...ids]) expect(response.body, `${endpoint} shows ${secret}`).not.toContain(secret);
      }

      // The same scan would have caught them: a pii.view holder gets them in clear.
      const clear = await h.admin.get(`/api/customers/${id}`);
      expect(clear.body).toMatch(CLEAR_MOBILE);
      expect(clear.body).toMatch(CLEAR_ID_NUMBER);
    });
  });

  describe('audited unmasking', () => {
    it('reveals clear phones and ID number to a pii.view holder once per request, and audits each', async () => {
      const customer = await createCustomer(agent, profile({ name: '查看明文' }));
      const head = await h.signInAs('department_head');
      const phones = await head.post(`/api/customers/${customer.id}/reveal`, { field: 'phones' });
      expect(phones.statusCode).toBe(200);
      expect(phones.json()).toEqual({
        phones: [
          { number: '13800138000', label: '手机', primary: true },
          { number: '01065529988', label: '座机', primary: false },
        ],
      });
      const idNumber = await head.post(`/api/customers/${customer.id}/reveal`, { field: 'idNumber' });
      expect(idNumber.json()).toEqual({ idNumber: '11010519491231002X' });

      const entries = await auditOf(h, 'customer.pii_revealed', { targetId: customer.id });
      expect(entries.map((entry) => [entry.actorId, entry.details.field])).toEqual([
        [userIdOf(head), 'idNumber'],
        [userIdOf(head), 'phones'],
      ]);
      // The audit says what was looked at, not the value.
      expect(JSON.stringify(entries)).not.toContain('13800138000');
    });

    it('refuses the agent with 403 and writes no reveal entry', async () => {
      const customer = await createCustomer(agent, profile({ name: '不许查看' }));
      for (const field of ['phones', 'idNumber']) {
        const response = await agent.post(`/api/customers/${customer.id}/reveal`, { field });
        expect(response.statusCode).toBe(403);
        expect(response.json().error.code).toBe('forbidden');
      }
      expect(await auditOf(h, 'customer.pii_revealed', { targetId: customer.id })).toEqual([]);
    });

    it('answers 404 for an unknown customer and 400 for an unknown field', async () => {
      expect((await h.admin.post('/api/customers/999999/reveal', { field: 'phones' })).statusCode).toBe(404);
      expect((await h.admin.post('/api/customers/1/reveal', { field: 'email' })).statusCode).toBe(400);
    });
  });

  describe('bulk views and exports', () => {
    it('audits a list with clear numbers shown to a pii.view holder, not a masked one or a single hit', async () => {
      const number = mobile();
      await createCustomer(h.admin, { name: '批量甲', tags: ['批量'], phones: [{ number }] });
      await createCustomer(h.admin, { name: '批量乙', tags: ['批量'], phones: [{ number: mobile() }] });
      const director = await h.signInAs('center_director');
      expect((await director.get(query({ tag: '批量' }))).json().total).toBe(2);
      const entries = await auditOf(h, 'customer.bulk_viewed', { actorId: userIdOf(director) });
      expect(entries).toHaveLength(1);
      expect(entries[0]!.details).toMatchObject({ count: 2, query: expect.objectContaining({ tag: '批量' }) });

      // One hit by phone is a lookup, not a bulk view; the audited query never holds the clear number.
      expect((await director.get(query({ phone: number }))).json().total).toBe(1);
      expect(await auditOf(h, 'customer.bulk_viewed', { actorId: userIdOf(director) })).toHaveLength(1);

      const maskedViewer = await h.signInAs('agent');
      expect((await maskedViewer.get(query({ tag: '批量' }))).json().total).toBe(2);
      expect(await auditOf(h, 'customer.bulk_viewed', { actorId: userIdOf(maskedViewer) })).toEqual([]);
    });

    it('exports one customer with clear data and the whole timeline to a holder of customers.export and pii.view, audited', async () => {
      const manager = await h.signInAs('account_manager');
      const customer = await createCustomer(manager, profile({ name: '导出客户', email: 'daochu@example.com', address: '南京市鼓楼区', notes: '要求导出个人信息' }));
      await manager.patch(`/api/customers/${customer.id}`, { tier: 'diamond', tierReason: '年度评级' });
      const timeline = (await manager.get(`/api/customers/${customer.id}/timeline`)).json<TimelineEntry[]>();

      const response = await manager.get(`/api/customers/${customer.id}/export`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-disposition']).toBe(`attachment; filename="customer-${customer.id}.json"`);
      const exported = response.json<{ customer: Customer; timeline: TimelineEntry[] }>();
      expect(exported.customer).toMatchObject({
        id: customer.id,
        name: '导出客户',
        email: 'daochu@example.com',
        address: '南京市鼓楼区',
        notes: '要求导出个人信息',
        idNumber: '11010519491231002X',
        piiMasked: false,
        phones: [
          { number: '13800138000', label: '手机', primary: true },
          { number: '01065529988', label: '座机', primary: false },
        ],
      });
      expect(exported.timeline).toEqual(timeline);
      expect(exported.timeline.map((entry) => entry.kind)).toEqual(['customer.tier_changed', 'customer.updated', 'customer.created']);

      const entries = await auditOf(h, 'customer.exported', { targetId: customer.id });
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ actorId: userIdOf(manager), details: { timelineEntries: 3 } });
    });

    it('refuses the export without customers.export or without pii.view', async () => {
      const customer = await createCustomer(h.admin, profile({ name: '不许导出' }));
      const exportOnly = await signInWith(h, ['customers.read', 'customers.export']);
      const piiOnly = await signInWith(h, ['customers.read', 'pii.view']);
      for (const client of [agent, exportOnly, piiOnly]) {
        expect((await client.get(`/api/customers/${customer.id}/export`)).statusCode).toBe(403);
      }
      expect(await auditOf(h, 'customer.exported', { targetId: customer.id })).toEqual([]);
    });
  });

  describe('erasure on request', () => {
    it('anonymises the profile, keeps type, tier and the scrubbed timeline, and audits the reason', async () => {
      const director = await h.signInAs('center_director');
      const manager = await h.createUser({ roles: ['account_manager'] });
      const number = mobile();
      const idNumber = residentId();
      const customer = await createCustomer(h.admin, {
        name: '注销客户孙悦',
        type: 'family',
        tier: 'diamond',
        segment: '后付费',
        idNumber,
        email: 'sunyue@example.com',
        address: '武汉市江汉区',
        birthday: '1988-08-08',
        personality: 'lively',
        notes: '家庭宽带套餐',
        tags: ['注销测试'],
        accountManagerId: manager.id,
        phones: [{ number }],
      });
      await h.admin.patch(`/api/customers/${customer.id}`, { notes: '家庭宽带套餐，常投诉网速' });
      await h.kefu.services.customerTimeline.record(h.testDb.db.kysely, { customerId: customer.id, kind: 'workorder.created', actor: { id: 1, name: '坐席小王' }, data: { title: '孙悦投诉网速' } });
      const before = (await h.admin.get(`/api/customers/${customer.id}/timeline`)).json<TimelineEntry[]>();

      expect((await agent.post(`/api/customers/${customer.id}/erase`, { reason: '客户申请' })).statusCode).toBe(403);
      expect((await director.post(`/api/customers/${customer.id}/erase`, { reason: '' })).statusCode).toBe(400);
      const response = await director.post(`/api/customers/${customer.id}/erase`, { reason: '客户依个人信息保护法申请删除' });
      expect(response.statusCode, response.body).toBe(200);
      const erased = response.json<Customer>();
      expect(erased).toMatchObject({
        id: customer.id,
        name: '',
        type: 'family',
        tier: 'diamond',
        segment: '后付费',
        phones: [],
        idNumber: null,
        email: null,
        address: null,
        birthday: null,
        personality: null,
        notes: null,
        tags: [],
        accountManager: null,
        status: 'erased',
      });
      expect((await h.admin.get(`/api/customers/${customer.id}`)).json()).toEqual(erased);

      const after = (await h.admin.get(`/api/customers/${customer.id}/timeline`)).json<TimelineEntry[]>();
      expect(after.map((entry) => entry.kind)).toEqual(['customer.erased', ...before.map((entry) => entry.kind)]);
      expect(after.slice(1).map((entry) => [entry.id, entry.at])).toEqual(before.map((entry) => [entry.id, entry.at]));
      expect(after.every((entry) => Object.keys(entry.data).length === 0 && entry.actorName === null)).toBe(true);
      expect(JSON.stringify(after)).not.toMatch(/孙悦|网速/);

      for (const lookup of [{ phone: number }, { q: '孙悦' }, { q: '宽带套餐' }, { idSuffix: idNumber.slice(-6) }, { tag: '注销测试' }]) {
        expect((await h.admin.get(query(lookup))).json().total, JSON.stringify(lookup)).toBe(0);
      }
      const duplicate = await createCustomer(h.admin, { name: '注销客户孙悦', phones: [{ number }], idNumber });
      expect((await h.admin.get(`/api/customers/${duplicate.id}/duplicates`)).json()).toEqual([]);

      const entries = await auditOf(h, 'customer.erased', { targetId: customer.id });
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ actorId: userIdOf(director), details: { reason: '客户依个人信息保护法申请删除' } });

      const again = await director.post(`/api/customers/${customer.id}/erase`, { reason: '再次申请' });
      expect(again.statusCode).toBe(422);
      expect(again.json().error.code).toBe('customer.not_active');
    });
  });
});

/** Phone ids are database details; these tests compare what a person sees. */
function withoutIds(phones: ReadonlyArray<{ id: number; number: string; label: string | null; primary: boolean }>) {
  return phones.map(({ id: _id, ...phone }) => phone);
}
