import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer, CustomerSummary, TimelineEntry } from '@kefu/contracts';
import { createHarness, type Client, type Harness } from '../../../test/harness.js';
import { auditOf, createCustomer, mobile, query, residentId, uniqueTag } from './customers.fixtures.js';

type Candidate = { customer: CustomerSummary; reasons: string[] };

describe('duplicates and merge (CUS-5)', () => {
  let h: Harness;
  let leader: Client;
  beforeAll(async () => {
    h = await createHarness();
    leader = await h.signInAs('team_leader');
  });
  afterAll(() => h.close());

  const timelineOf = async (id: number) => (await h.admin.get(`/api/customers/${id}/timeline?limit=200`)).json<TimelineEntry[]>();
  const duplicatesOf = async (client: Client, id: number) => {
    const response = await client.get(`/api/customers/${id}/duplicates`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<Candidate[]>();
  };

  it('offers candidates sharing a phone, the ID number or the name, with every reason, strongest first', async () => {
    const [phone, otherPhone] = [mobile(), mobile()];
    const idNumber = residentId();
    const name = `周晓明${uniqueTag('')}`;
    const customer = await createCustomer(h.admin, { name, idNumber, phones: [{ number: phone }, { number: otherPhone }] });
    const samePhone = await createCustomer(h.admin, { name: '周小明', phones: [{ number: `+86 ${otherPhone}` }] });
    const sameId = await createCustomer(h.admin, { name: '周晓鸣', idNumber: idNumber.toLowerCase() });
    const sameName = await createCustomer(h.admin, { name, phones: [{ number: mobile() }] });
    const everything = await createCustomer(h.admin, { name, idNumber, phones: [{ number: phone }] });
    await createCustomer(h.admin, { name: '无关客户', idNumber: residentId(), phones: [{ number: mobile() }] });

    const candidates = await duplicatesOf(h.admin, customer.id);
    expect(candidates[0]).toEqual({ customer: expect.objectContaining({ id: everything.id, name }), reasons: ['phone', 'id_number', 'name'] });
    expect(new Map(candidates.map((candidate) => [candidate.customer.id, candidate.reasons]))).toEqual(
      new Map([
        [everything.id, ['phone', 'id_number', 'name']],
        [samePhone.id, ['phone']],
        [sameId.id, ['id_number']],
        [sameName.id, ['name']],
      ]),
    );
    // Seen from the other side, too.
    expect((await duplicatesOf(h.admin, samePhone.id)).map((candidate) => candidate.customer.id)).toEqual([customer.id]);
  });

  it('answers 404 for the duplicates of an unknown customer', async () => {
    expect((await h.admin.get('/api/customers/999999/duplicates')).statusCode).toBe(404);
  });

  it('folds the duplicate into the surviving profile, keeping every history item, and retires it', async () => {
    const [shared, targetOnly, sourceOnly] = [mobile(), mobile(), mobile()];
    const idNumber = residentId();
    const manager = await h.createUser({ roles: ['account_manager'] });
    const target = await createCustomer(leader, {
      name: '合并目标吴刚',
      tier: 'gold',
      address: '西安市雁塔区',
      notes: '老客户',
      tags: ['宽带', '金卡'],
      phones: [{ number: shared, label: '手机' }, { number: targetOnly, label: '家里' }],
    });
    h.clock.advance(1_000);
    const source = await createCustomer(leader, {
      name: '吴刚',
      tier: 'regular',
      address: '另一个地址',
      email: 'wugang@example.com',
      idNumber,
      birthday: '1979-03-15',
      personality: 'powerful',
      segment: '预付费',
      accountManagerId: manager.id,
      notes: '重复建档，喜欢电话联系',
      tags: ['宽带', '欠费提醒'],
      phones: [{ number: `+86 ${shared}`, primary: true }, { number: sourceOnly, label: '单位' }],
    });
    h.clock.advance(1_000);
    await leader.patch(`/api/customers/${source.id}`, { tier: 'silver', tierReason: '补录' });
    await h.kefu.services.customerTimeline.record(h.testDb.db.kysely, { customerId: source.id, kind: 'workorder.created', source: { type: 'work_order', id: 88 }, data: {} });
    h.clock.advance(1_000);
    await leader.patch(`/api/customers/${target.id}`, { segment: '后付费' });

    const targetBefore = await timelineOf(target.id);
    const sourceBefore = await timelineOf(source.id);
    expect(targetBefore.length + sourceBefore.length).toBe(6);

    const agent = await h.signInAs('agent');
    const refused = await agent.post(`/api/customers/${target.id}/merge`, { sourceId: source.id });
    expect(refused.statusCode).toBe(403);

    const response = await leader.post(`/api/customers/${target.id}/merge`, { sourceId: source.id });
    expect(response.statusCode, response.body).toBe(200);
    const merged = response.json<Customer>();
    // The team leader lacks pii.view: the merge answer is masked like every other.
    expect(merged.piiMasked).toBe(true);

    const survivor = (await h.admin.get(`/api/customers/${target.id}`)).json<Customer>();
    expect(survivor).toMatchObject({
      name: '合并目标吴刚',
      tier: 'gold',
      status: 'active',
      // Kept where the survivor had a value, filled from the duplicate where it had none.
      address: '西安市雁塔区',
      segment: '后付费',
      email: 'wugang@example.com',
      idNumber,
      birthday: '1979-03-15',
      personality: 'powerful',
      accountManager: { id: manager.id, name: expect.any(String) },
      phones: [
        { number: shared, label: '手机', primary: true },
        { number: targetOnly, label: '家里', primary: false },
        { number: sourceOnly, label: '单位', primary: false },
      ],
    });
    expect([...survivor.tags].sort()).toEqual(['宽带', '欠费提醒', '金卡'].sort());
    expect(survivor.notes).toContain('老客户');
    expect(survivor.notes).toContain('重复建档');
    expect(survivor.phones.filter((phone) => phone.primary)).toHaveLength(1);

    const after = await timelineOf(target.id);
    expect(after).toHaveLength(targetBefore.length + sourceBefore.length + 1);
    expect(after[0]).toMatchObject({ kind: 'customer.merged', data: { sourceId: source.id, sourceName: '吴刚' } });
    expect(after.map((entry) => entry.id).sort((a, b) => a - b)).toEqual(
      [...targetBefore, ...sourceBefore, after[0]!].map((entry) => entry.id).sort((a, b) => a - b),
    );
    expect(after.slice(1).map((entry) => entry.at)).toEqual([...after.slice(1).map((entry) => entry.at)].sort((a, b) => b - a));
    expect(after.find((entry) => entry.kind === 'workorder.created')).toMatchObject({ sourceType: 'work_order', sourceId: '88' });

    const retired = (await h.admin.get(`/api/customers/${source.id}`)).json<Customer>();
    expect(retired).toMatchObject({ status: 'merged', mergedIntoId: target.id, phones: [], tags: [] });
    // Only the pointer to the survivor stays behind on the retired profile.
    expect((await timelineOf(source.id)).map((entry) => entry.kind)).toEqual(['customer.merged_away']);

    // Lookups find only the survivor.
    for (const lookup of [{ phone: sourceOnly }, { phone: shared }, { idSuffix: idNumber.slice(-6) }]) {
      expect((await h.admin.get(query(lookup))).json().items.map((item: CustomerSummary) => item.id), JSON.stringify(lookup)).toEqual([target.id]);
    }
    expect((await h.admin.get(query({ q: '吴刚' }))).json().items.map((item: CustomerSummary) => item.id)).toEqual([target.id]);
    expect((await h.admin.get(query({ q: '喜欢电话联系' }))).json().items.map((item: CustomerSummary) => item.id)).toEqual([target.id]);
    expect((await h.admin.get(query({ tag: '欠费提醒' }))).json().items.map((item: CustomerSummary) => item.id)).toEqual([target.id]);
    expect(await duplicatesOf(h.admin, target.id)).toEqual([]);

    const entries = await auditOf(h, 'customer.merged', { targetId: target.id });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorId: leader.info!.user.id, details: { sourceId: source.id } });
  });

  it('keeps the members of a merged group with the survivor', async () => {
    const group = await createCustomer(h.admin, { name: '星河集团', type: 'group' });
    const duplicateGroup = await createCustomer(h.admin, { name: '星河集团有限公司', type: 'group' });
    const member = await createCustomer(h.admin, { name: '星河员工', organizationId: duplicateGroup.id });
    expect((await leader.post(`/api/customers/${group.id}/merge`, { sourceId: duplicateGroup.id })).statusCode).toBe(200);
    expect((await h.admin.get(`/api/customers/${member.id}`)).json().organization).toEqual({ id: group.id, name: '星河集团' });
    expect((await h.admin.get(query({ organizationId: group.id }))).json().items.map((item: CustomerSummary) => item.id)).toEqual([member.id]);
  });

  it('gives a survivor without phones the duplicate primary number', async () => {
    const number = mobile();
    const target = await createCustomer(h.admin, { name: '无号码目标' });
    const source = await createCustomer(h.admin, { name: '有号码来源', phones: [{ number: mobile() }, { number, primary: true }] });
    const merged = (await h.admin.post(`/api/customers/${target.id}/merge`, { sourceId: source.id })).json<Customer>();
    expect(merged.phones.filter((phone) => phone.primary).map((phone) => phone.number)).toEqual([number]);
    expect(merged.phones).toHaveLength(2);
  });

  it('refuses to merge a customer into itself, or to merge retired or unknown profiles', async () => {
    const customer = await createCustomer(h.admin, { name: '自我合并' });
    const self = await leader.post(`/api/customers/${customer.id}/merge`, { sourceId: customer.id });
    expect(self.statusCode).toBe(422);
    expect(self.json().error).toMatchObject({ code: 'customer.merge_self', message: '不能把客户合并到自己。' });

    const target = await createCustomer(h.admin, { name: '合并两次目标' });
    const source = await createCustomer(h.admin, { name: '合并两次来源' });
    expect((await leader.post(`/api/customers/${target.id}/merge`, { sourceId: source.id })).statusCode).toBe(200);
    const twice = await leader.post(`/api/customers/${target.id}/merge`, { sourceId: source.id });
    expect(twice.statusCode).toBe(422);
    expect(twice.json().error.code).toBe('customer.not_active');
    const intoRetired = await leader.post(`/api/customers/${source.id}/merge`, { sourceId: customer.id });
    expect(intoRetired.statusCode).toBe(422);
    expect(intoRetired.json().error.code).toBe('customer.not_active');
    expect((await leader.post(`/api/customers/${target.id}/merge`, { sourceId: 999_999 })).statusCode).toBe(404);
    expect(await auditOf(h, 'customer.merged', { targetId: customer.id })).toEqual([]);
  });
});
