import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer, CustomerSummary, TimelineEntry } from '@kefu/contracts';
import { createHarness, type Client, type Harness } from '../../../test/harness.js';
import { createCustomer, mobile, query, residentId, uniqueTag, withCheckChar } from './customers.fixtures.js';

type Page = { items: CustomerSummary[]; total: number };

describe('customer profiles (CUS-1, CUS-3, CUS-5)', () => {
  let h: Harness;
  let director: Client;
  beforeAll(async () => {
    h = await createHarness();
    director = await h.signInAs('center_director');
  });
  afterAll(() => h.close());

  const list = async (client: Client, params: Record<string, string | number | undefined>): Promise<Page> => {
    const response = await client.get(query(params));
    expect(response.statusCode, response.body).toBe(200);
    return response.json<Page>();
  };

  describe('bad input', () => {
    it('refuses a bad phone, ID checksum, birthday, a missing name and an unknown tier with 400 and a Chinese message per field', async () => {
      const goodId = residentId();
      const badChecksum = goodId.slice(0, 17) + (goodId[17] === '0' ? '1' : '0');
      const response = await h.admin.post('/api/customers', {
        type: 'personal',
        tier: 'platinum',
        idNumber: badChecksum,
        birthday: '1990/01/01',
        phones: [{ number: '138-abcd-8000' }],
      });
      expect(response.statusCode).toBe(400);
      const error = response.json().error;
      expect(error).toMatchObject({ code: 'validation_failed', message: '提交的内容有误，请检查标出的字段。' });
      expect(error.details.fields).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ path: 'name', message: '必填。' }),
          expect.objectContaining({ path: 'tier', message: '不是允许的取值。' }),
          expect.objectContaining({ path: 'idNumber', message: '身份证号码不正确（18 位，最后一位为校验码）。' }),
          expect.objectContaining({ path: 'birthday', message: '日期格式应为 YYYY-MM-DD。' }),
          expect.objectContaining({ path: 'phones.0.number', message: '电话号码格式不正确（5–20 位数字）。' }),
        ]),
      );
      expect((await h.admin.get(query({ idSuffix: badChecksum.slice(-6) }))).json().total).toBe(0);
    });

    it('refuses the same bad values on update, leaving the profile as it was', async () => {
      const customer = await createCustomer(h.admin, { name: '钱坤', tier: 'gold' });
      const response = await h.admin.patch(`/api/customers/${customer.id}`, { name: '  ', tier: 'bronze', idNumber: '11010519491231002', birthday: '19900101' });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.details.fields).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ path: 'name', message: '必填。' }),
          expect.objectContaining({ path: 'tier', message: '不是允许的取值。' }),
          expect.objectContaining({ path: 'idNumber', message: '身份证号码不正确（18 位，最后一位为校验码）。' }),
          expect.objectContaining({ path: 'birthday', message: '日期格式应为 YYYY-MM-DD。' }),
        ]),
      );
      expect((await h.admin.get(`/api/customers/${customer.id}`)).json()).toMatchObject({ name: '钱坤', tier: 'gold' });
    });

    it('accepts an ID number whose check character is a lower-case x and stores it upper-case', async () => {
      const customer = await createCustomer(h.admin, { name: '严小x', idNumber: '11010519491231002x' });
      expect(customer.idNumber).toBe('11010519491231002X');
    });

    it('refuses with 422 an organisation that is not a group customer', async () => {
      const person = await createCustomer(h.admin, { name: '个人客户甲', type: 'personal' });
      const family = await createCustomer(h.admin, { name: '张家', type: 'family' });
      for (const organizationId of [person.id, family.id, 999_999]) {
        const response = await h.admin.post('/api/customers', { name: '集团员工', type: 'personal', organizationId });
        expect(response.statusCode).toBe(422);
        expect(response.json().error).toMatchObject({ code: 'customer.organization_invalid', message: '所属集团必须是一个“集团”类型的客户。' });
      }
      const group = await createCustomer(h.admin, { name: '华信集团', type: 'group' });
      const member = await createCustomer(h.admin, { name: '集团员工', type: 'personal', organizationId: group.id });
      expect(member.organization).toEqual({ id: group.id, name: '华信集团' });
      const moved = await h.admin.patch(`/api/customers/${member.id}`, { organizationId: person.id });
      expect(moved.statusCode).toBe(422);
      expect(moved.json().error.code).toBe('customer.organization_invalid');
    });

    it('refuses with 422 an unknown or disabled account manager', async () => {
      const manager = await h.createUser({ roles: ['account_manager'] });
      expect((await h.admin.patch(`/api/users/${manager.id}`, { status: 'disabled' })).statusCode).toBe(200);
      for (const accountManagerId of [manager.id, 999_999]) {
        const created = await h.admin.post('/api/customers', { name: '有经理的客户', type: 'personal', accountManagerId });
        expect(created.statusCode).toBe(422);
        expect(created.json().error).toMatchObject({ code: 'customer.account_manager_invalid', message: '客户经理不存在或已停用。' });
      }
      const customer = await createCustomer(h.admin, { name: '换经理的客户' });
      const updated = await h.admin.patch(`/api/customers/${customer.id}`, { accountManagerId: manager.id });
      expect(updated.statusCode).toBe(422);
      expect(updated.json().error.code).toBe('customer.account_manager_invalid');
    });

    it('refuses with 422 customer.not_active to update an erased or merged customer', async () => {
      const erased = await createCustomer(h.admin, { name: '已注销客户' });
      expect((await h.admin.post(`/api/customers/${erased.id}/erase`, { reason: '客户申请注销' })).statusCode).toBe(200);
      const survivor = await createCustomer(h.admin, { name: '保留客户' });
      const merged = await createCustomer(h.admin, { name: '被合并客户' });
      expect((await h.admin.post(`/api/customers/${survivor.id}/merge`, { sourceId: merged.id })).statusCode).toBe(200);
      for (const id of [erased.id, merged.id]) {
        const response = await h.admin.patch(`/api/customers/${id}`, { notes: '再修改一次' });
        expect(response.statusCode).toBe(422);
        expect(response.json().error).toMatchObject({ code: 'customer.not_active', message: '该客户档案已被合并或注销，不能修改。' });
      }
    });

    it('answers 404 for a customer that does not exist', async () => {
      expect((await h.admin.get('/api/customers/999999')).statusCode).toBe(404);
      expect((await h.admin.patch('/api/customers/999999', { notes: 'x' })).statusCode).toBe(404);
      expect((await h.admin.get('/api/customers/999999/timeline')).statusCode).toBe(404);
    });
  });

  describe('update', () => {
    it('changes only the fields sent: tier, tags and phones stay when left out', async () => {
      const phone = mobile();
      const customer = await createCustomer(h.admin, { name: '部分修改', tier: 'gold', tags: ['宽带'], phones: [{ number: phone }] });
      const response = await h.admin.patch(`/api/customers/${customer.id}`, { notes: '只改备注' });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ notes: '只改备注', tier: 'gold', tags: ['宽带'], phones: [{ number: phone, primary: true }] });
      const kinds = (await h.admin.get(`/api/customers/${customer.id}/timeline`)).json<TimelineEntry[]>().map((entry) => entry.kind);
      expect(kinds).not.toContain('customer.tier_changed');
    });

    it('clears an optional field sent empty', async () => {
      const customer = await createCustomer(h.admin, { name: '清空地址', address: '北京市朝阳区', email: 'a@example.com' });
      const updated = (await h.admin.patch(`/api/customers/${customer.id}`, { address: '', email: null })).json<Customer>();
      expect(updated).toMatchObject({ address: null, email: null, name: '清空地址' });
    });
  });

  describe('phones', () => {
    it('normalises numbers, drops repeats in another spelling and keeps exactly one primary', async () => {
      const customer = await createCustomer(h.admin, {
        name: '多号码客户',
        phones: [
          { number: '+86 138-0013-8000', label: '手机' },
          { number: '13800138000' },
          { number: '0086 13800138000' },
          { number: '010-6552 9988', label: '座机', primary: true },
          { number: '(0755) 8888-1234', primary: true },
        ],
      });
      expect(withoutIds(customer.phones)).toEqual([
        { number: '01065529988', label: '座机', primary: true },
        { number: '13800138000', label: '手机', primary: false },
        { number: '075588881234', label: null, primary: false },
      ]);
    });

    it('makes the first number primary when none is marked, and moves the primary on update', async () => {
      const [first, second] = [mobile(), mobile()];
      const customer = await createCustomer(h.admin, { name: '主号码客户', phones: [{ number: first }, { number: second }] });
      expect(customer.phones.filter((phone) => phone.primary).map((phone) => phone.number)).toEqual([first]);
      const updated = (await h.admin.patch(`/api/customers/${customer.id}`, { phones: [{ number: first }, { number: second, primary: true }] })).json<Customer>();
      expect(withoutIds(updated.phones)).toEqual([
        { number: second, label: null, primary: true },
        { number: first, label: null, primary: false },
      ]);
      const summary = (await list(h.admin, { phone: second })).items[0]!;
      expect(summary.primaryPhone).toBe(second);
    });

    it('finds a customer by phone in any spelling, and not by a number it no longer has', async () => {
      const number = mobile();
      const spaced = `${number.slice(0, 3)} ${number.slice(3, 7)} ${number.slice(7)}`;
      const customer = await createCustomer(h.admin, { name: '查号客户', phones: [{ number: `+86 ${number.slice(0, 3)}-${number.slice(3, 7)}-${number.slice(7)}` }] });
      for (const spelling of [number, spaced, `+86${number}`, `0086 ${number}`, `86${number}`, `(${number.slice(0, 3)}) ${number.slice(3)}`]) {
        const page = await list(h.admin, { phone: spelling });
        expect(page.items.map((item) => item.id), spelling).toEqual([customer.id]);
        expect(page.total).toBe(1);
      }
      await h.admin.patch(`/api/customers/${customer.id}`, { phones: [{ number: mobile() }] });
      expect((await list(h.admin, { phone: number })).total).toBe(0);
    });

    it('finds customers by the last characters of their ID number', async () => {
      const id = withCheckChar('44052418800101' + '913');
      const customer = await createCustomer(h.admin, { name: '证件客户', idNumber: id });
      const other = await createCustomer(h.admin, { name: '另一证件客户', idNumber: residentId() });
      for (const suffix of [id.slice(-4), id.slice(-5), id.slice(-6), id.slice(-4).toLowerCase()]) {
        const found = (await list(h.admin, { idSuffix: suffix })).items.map((item) => item.id);
        expect(found, suffix).toContain(customer.id);
        expect(found).not.toContain(other.id);
      }
      const x = await createCustomer(h.admin, { name: '尾号X客户', idNumber: '11010519491231002X' });
      expect((await list(h.admin, { idSuffix: '002x' })).items.map((item) => item.id)).toContain(x.id);
      expect((await h.admin.get(query({ idSuffix: '12' }))).statusCode).toBe(400);
    });
  });

  describe('full-text search (q)', () => {
    it('finds Chinese names and words inside the notes', async () => {
      const broadband = await createCustomer(h.admin, { name: '欧阳娜娜', notes: '宽带经常断网，已报修三次' });
      const other = await createCustomer(h.admin, { name: '司马光', notes: '话费查询' });
      expect((await list(h.admin, { q: '断网' })).items.map((item) => item.id)).toEqual([broadband.id]);
      expect((await list(h.admin, { q: '欧阳娜娜' })).items.map((item) => item.id)).toEqual([broadband.id]);
      expect((await list(h.admin, { q: '娜娜' })).items.map((item) => item.id)).toEqual([broadband.id]);
      expect((await list(h.admin, { q: '司马光' })).items.map((item) => item.id)).toEqual([other.id]);
      // Every word must be found; words may come from different fields.
      expect((await list(h.admin, { q: '欧阳 报修' })).items.map((item) => item.id)).toEqual([broadband.id]);
      expect((await list(h.admin, { q: '司马光 断网' })).total).toBe(0);
    });

    it('ranks a match in the name above a match in the notes', async () => {
      // The name match is older (lower id), so only the weighting can put it first.
      const byName = await createCustomer(h.admin, { name: '翡翠湾物业', notes: '物业费咨询' });
      const byNotes = await createCustomer(h.admin, { name: '李雷', notes: '住在翡翠湾小区三期' });
      const page = await list(h.admin, { q: '翡翠湾' });
      expect(page.items.map((item) => item.id)).toEqual([byName.id, byNotes.id]);
      expect(page.total).toBe(2);
    });

    it('follows a rename and a note change', async () => {
      const customer = await createCustomer(h.admin, { name: '诸葛亮', notes: '投诉信号差' });
      await h.admin.patch(`/api/customers/${customer.id}`, { name: '诸葛孔明', notes: '已转携号转网' });
      expect((await list(h.admin, { q: '孔明' })).items.map((item) => item.id)).toEqual([customer.id]);
      expect((await list(h.admin, { q: '携号转网' })).items.map((item) => item.id)).toEqual([customer.id]);
      expect((await list(h.admin, { q: '信号差' })).total).toBe(0);
    });

    it('combines q with filters and pages through the ranked matches', async () => {
      const tag = uniqueTag();
      const gold = await createCustomer(h.admin, { name: '宇文金卡', tier: 'gold', tags: [tag], notes: '宇文家族' });
      await createCustomer(h.admin, { name: '宇文普通', tier: 'regular', tags: [tag] });
      const filtered = await list(h.admin, { q: '宇文', tier: 'gold' });
      expect(filtered.items.map((item) => item.id)).toEqual([gold.id]);
      expect(filtered.total).toBe(1);
      const first = await list(h.admin, { q: '宇文', limit: 1 });
      const second = await list(h.admin, { q: '宇文', limit: 1, offset: 1 });
      expect(first.total).toBe(2);
      expect(second.total).toBe(2);
      expect(new Set([...first.items, ...second.items].map((item) => item.id)).size).toBe(2);
    });
  });

  describe('filters and paging', () => {
    it('filters by type, tier and tag with totals over all pages', async () => {
      const tag = uniqueTag();
      const made = [
        await createCustomer(h.admin, { name: '筛选一', type: 'personal', tier: 'gold', tags: [tag] }),
        await createCustomer(h.admin, { name: '筛选二', type: 'personal', tier: 'silver', tags: [tag, '其他'] }),
        await createCustomer(h.admin, { name: '筛选三', type: 'family', tier: 'gold', tags: [tag] }),
        await createCustomer(h.admin, { name: '筛选四', type: 'group', tier: 'diamond', tags: [tag] }),
        await createCustomer(h.admin, { name: '筛选五', type: 'personal', tier: 'gold', tags: [tag] }),
      ];
      await createCustomer(h.admin, { name: '无标签', type: 'personal', tier: 'gold' });
      const ids = (page: Page) => page.items.map((item) => item.id).sort((a, b) => a - b);
      const idsOf = (indexes: number[]) => indexes.map((index) => made[index]!.id).sort((a, b) => a - b);

      expect(ids(await list(h.admin, { tag }))).toEqual(idsOf([0, 1, 2, 3, 4]));
      expect(ids(await list(h.admin, { tag, type: 'personal' }))).toEqual(idsOf([0, 1, 4]));
      expect(ids(await list(h.admin, { tag, tier: 'gold' }))).toEqual(idsOf([0, 2, 4]));
      expect(ids(await list(h.admin, { tag, type: 'personal', tier: 'gold' }))).toEqual(idsOf([0, 4]));
      expect(ids(await list(h.admin, { tag, type: 'group' }))).toEqual(idsOf([3]));

      // Newest first; pages do not overlap and the total counts every match.
      const pages = [await list(h.admin, { tag, limit: 2 }), await list(h.admin, { tag, limit: 2, offset: 2 }), await list(h.admin, { tag, limit: 2, offset: 4 })];
      expect(pages.map((page) => page.total)).toEqual([5, 5, 5]);
      expect(pages.map((page) => page.items.length)).toEqual([2, 2, 1]);
      expect(pages.flatMap((page) => page.items.map((item) => item.id))).toEqual(made.map((customer) => customer.id).reverse());
      const beyond = await list(h.admin, { tag, limit: 2, offset: 10 });
      expect(beyond).toEqual({ items: [], total: 5 });
    });

    it('filters by account manager and by organisation', async () => {
      const manager = await h.createUser({ roles: ['account_manager'] });
      const group = await createCustomer(h.admin, { name: '远航集团', type: 'group' });
      const managed = await createCustomer(h.admin, { name: '经理客户', accountManagerId: manager.id });
      const member = await createCustomer(h.admin, { name: '集团成员', organizationId: group.id, accountManagerId: manager.id });
      await createCustomer(h.admin, { name: '无关客户' });

      const byManager = await list(h.admin, { accountManagerId: manager.id });
      expect(byManager.items.map((item) => item.id).sort((a, b) => a - b)).toEqual([managed.id, member.id].sort((a, b) => a - b));
      expect(byManager.total).toBe(2);
      expect(byManager.items[0]!.accountManagerName).toMatch(/^测试用户/);
      const byOrganization = await list(h.admin, { organizationId: group.id });
      expect(byOrganization.items.map((item) => item.id)).toEqual([member.id]);
      expect(byOrganization.total).toBe(1);
    });

    it('lists only profiles below a completeness percentage', async () => {
      const tag = uniqueTag();
      // Default required fields: primary phone, address, personality, segment, birthday.
      const empty = await createCustomer(h.admin, { name: '空档案', tags: [tag] });
      const half = await createCustomer(h.admin, { name: '半档案', tags: [tag], phones: [{ number: mobile() }], address: '上海市浦东新区' });
      const full = await createCustomer(h.admin, {
        name: '全档案',
        tags: [tag],
        phones: [{ number: mobile() }],
        address: '广州市天河区',
        personality: 'analytic',
        segment: '后付费',
        birthday: '1985-06-01',
      });
      expect([empty.completeness, half.completeness, full.completeness]).toEqual([0, 40, 100]);
      expect(half.missingFields).toEqual(['personality', 'segment', 'birthday']);
      expect(full.missingFields).toEqual([]);
      const below = async (value: number) => (await list(h.admin, { tag, completenessBelow: value })).items.map((item) => item.id).sort((a, b) => a - b);
      expect(await below(100)).toEqual([empty.id, half.id]);
      expect(await below(40)).toEqual([empty.id]);
      expect(await below(41)).toEqual([empty.id, half.id]);
      expect((await list(h.admin, { tag, completenessBelow: 100 })).total).toBe(2);
    });

    it('refuses malformed filters with 400', async () => {
      for (const params of [{ tier: 'platinum' }, { type: 'company' }, { completenessBelow: 0 }, { limit: 500 }]) {
        const response = await h.admin.get(query(params));
        expect(response.statusCode, JSON.stringify(params)).toBe(400);
        expect(response.json().error.code).toBe('validation_failed');
      }
    });
  });

  describe('360° timeline (CUS-4)', () => {
    const timelineOf = async (id: number, params: Record<string, number> = {}) => {
      const search = new URLSearchParams(Object.entries(params).map(([key, value]): [string, string] => [key, String(value)]));
      const response = await h.admin.get(`/api/customers/${id}/timeline?${search}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json<TimelineEntry[]>();
    };

    it('records creation, changes and tier changes with their reason, newest first', async () => {
      const start = h.clock.now();
      const customer = await createCustomer(director, { name: '时间线客户', tier: 'silver' });
      h.clock.advance(1_000);
      await director.patch(`/api/customers/${customer.id}`, { address: '杭州市西湖区', notes: '喜欢短信联系' });
      h.clock.advance(1_000);
      expect((await director.patch(`/api/customers/${customer.id}`, { tier: 'gold', tierReason: '年消费超过一万元' })).statusCode).toBe(200);

      const entries = await timelineOf(customer.id);
      expect(entries.map((entry) => entry.kind)).toEqual(['customer.tier_changed', 'customer.updated', 'customer.updated', 'customer.created']);
      expect(entries.map((entry) => entry.at)).toEqual([start + 2_000, start + 2_000, start + 1_000, start]);
      expect(entries[0]!.data).toEqual({ from: 'silver', to: 'gold', reason: '年消费超过一万元' });
      expect(entries[2]!.data).toEqual({ fields: expect.arrayContaining(['address', 'notes']) });
      const directorName = director.info!.user.displayName;
      expect(entries.every((entry) => entry.actorName === directorName)).toBe(true);
      // The timeline names the fields that changed, never their values.
      expect(JSON.stringify(entries)).not.toContain('杭州');
    });

    it('pages backwards with `before` without losing entries that share a time', async () => {
      const customer = await createCustomer(h.admin, { name: '翻页客户', tier: 'regular' });
      h.clock.advance(1_000);
      // One change that writes two entries at the same instant: customer.updated and customer.tier_changed.
      await h.admin.patch(`/api/customers/${customer.id}`, { tier: 'diamond', tierReason: '升级' });
      h.clock.advance(1_000);
      await h.admin.patch(`/api/customers/${customer.id}`, { notes: '第三次' });
      const all = await timelineOf(customer.id);
      expect(all).toHaveLength(4);

      for (const limit of [1, 2, 3]) {
        const seen: TimelineEntry[] = [];
        let before: number | undefined;
        for (let page = 0; page < 10; page++) {
          const entries = await timelineOf(customer.id, before === undefined ? { limit } : { limit, before });
          if (entries.length === 0) break;
          seen.push(...entries);
          before = entries[entries.length - 1]!.at;
        }
        expect(seen.map((entry) => entry.id), `limit ${limit}`).toEqual(all.map((entry) => entry.id));
      }
      expect(await timelineOf(customer.id, { before: all[all.length - 1]!.at })).toEqual([]);
    });

    it('shows what later modules record through the shared timeline service', async () => {
      const customer = await createCustomer(h.admin, { name: '工单客户' });
      const createdAt = h.clock.now();
      h.clock.advance(5_000);
      const timeline = h.kefu.services.customerTimeline;
      const db = h.testDb.db.kysely;
      await timeline.record(db, {
        customerId: customer.id,
        kind: 'workorder.created',
        source: { type: 'work_order', id: 4711 },
        actor: { id: h.adminActor.userId, name: '工单模块' },
        data: { title: '宽带报修', category: '故障申告' },
      });
      // A later module may record something that happened earlier (a call logged afterwards).
      await timeline.record(db, { customerId: customer.id, kind: 'contact.inbound_call', at: createdAt + 1_000, data: { durationSeconds: 95 } });
      await db.transaction().execute((trx) => timeline.record(trx, { customerId: customer.id, kind: 'survey.answered', data: { score: 5 } }));

      const entries = await timelineOf(customer.id);
      expect(entries.map((entry) => entry.kind)).toEqual(['survey.answered', 'workorder.created', 'contact.inbound_call', 'customer.created']);
      expect(entries[1]).toMatchObject({
        at: createdAt + 5_000,
        kind: 'workorder.created',
        sourceType: 'work_order',
        sourceId: '4711',
        actorName: '工单模块',
        data: { title: '宽带报修', category: '故障申告' },
      });
      expect(entries[2]).toMatchObject({ at: createdAt + 1_000, sourceType: null, sourceId: null, actorName: null, data: { durationSeconds: 95 } });
    });
  });

  it('replays the first response to a create retried with the same Idempotency-Key', async () => {
    const phone = mobile();
    const body = { name: '重试客户', type: 'personal', phones: [{ number: phone }] };
    const first = await h.admin.post('/api/customers', body, { 'idempotency-key': 'customer-create-0001' });
    expect(first.statusCode).toBe(200);
    const retry = await h.admin.post('/api/customers', body, { 'idempotency-key': 'customer-create-0001' });
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect((await list(h.admin, { phone })).total).toBe(1);
    const reused = await h.admin.post('/api/customers', { ...body, name: '另一个客户' }, { 'idempotency-key': 'customer-create-0001' });
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error.code).toBe('idempotency.key_reused');
  });
});

describe('completeness settings (CUS-7)', () => {
  // Settings are organisation-wide: this block has a database of its own.
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  it('starts from the default required fields and recomputes every profile when they change', async () => {
    expect((await h.admin.get('/api/customers/settings/completeness')).json()).toEqual({
      requiredFields: ['primaryPhone', 'address', 'personality', 'segment', 'birthday'],
    });
    const withPhoneAndAddress = await createCustomer(h.admin, { name: '完整率甲', phones: [{ number: mobile() }], address: '深圳市南山区' });
    const withEmail = await createCustomer(h.admin, { name: '完整率乙', email: 'yi@example.com' });
    expect(withPhoneAndAddress).toMatchObject({ completeness: 40, missingFields: ['personality', 'segment', 'birthday'] });
    expect(withEmail).toMatchObject({ completeness: 0, missingFields: ['primaryPhone', 'address', 'personality', 'segment', 'birthday'] });

    const agent = await h.signInAs('agent');
    const refused = await agent.request('PUT', '/api/customers/settings/completeness', { requiredFields: ['email'] });
    expect(refused.statusCode).toBe(403);

    const saved = await h.admin.request('PUT', '/api/customers/settings/completeness', { requiredFields: ['primaryPhone', 'address', 'email', 'email'] });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toEqual({ requiredFields: ['primaryPhone', 'address', 'email'] });
    expect((await h.admin.get(`/api/customers/${withPhoneAndAddress.id}`)).json()).toMatchObject({ completeness: 67, missingFields: ['email'] });
    expect((await h.admin.get(`/api/customers/${withEmail.id}`)).json()).toMatchObject({ completeness: 33, missingFields: ['primaryPhone', 'address'] });
    const below = (await h.admin.get(query({ completenessBelow: 50 }))).json<Page>();
    expect(below.items.map((item) => item.id)).toEqual([withEmail.id]);

    // New profiles are measured against the new list too.
    const later = await createCustomer(h.admin, { name: '完整率丙', email: 'bing@example.com', address: '成都市' });
    expect(later).toMatchObject({ completeness: 67, missingFields: ['primaryPhone'] });
    const audit = (await h.admin.get('/api/audit?action=customer.completeness_settings_updated')).json().items;
    expect(audit).toHaveLength(1);
  });

  it('refuses an empty or unknown list of required fields with 400', async () => {
    for (const requiredFields of [[], ['shoeSize']]) {
      const response = await h.admin.request('PUT', '/api/customers/settings/completeness', { requiredFields });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('validation_failed');
    }
  });
});

/** Phone ids are database details; these tests compare what a person sees. */
function withoutIds(phones: ReadonlyArray<{ id: number; number: string; label: string | null; primary: boolean }>) {
  return phones.map(({ id: _id, ...phone }) => phone);
}
