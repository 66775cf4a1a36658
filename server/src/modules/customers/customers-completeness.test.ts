import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/harness.js';
import { createCustomer, mobile } from './customers.fixtures.js';

describe('completeness per account manager and team (CUS-7)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  it('averages each manager’s and each team’s customers and counts the incomplete ones', async () => {
    const team = await h.createDepartment('大客户一组');
    const manager = await h.createUser({ roles: ['account_manager'], departmentId: team });
    // Default required fields: primary phone, address, personality, segment, birthday.
    const full = { phones: [{ number: mobile(), primary: true }], address: '城东路 1 号', personality: 'analytic' as const, segment: '后付费', birthday: '1980-01-01' };
    await createCustomer(h.admin, { name: '完整客户', accountManagerId: manager.id, ...full });
    await createCustomer(h.admin, { name: '一半客户', accountManagerId: manager.id, phones: full.phones.map(() => ({ number: mobile(), primary: true })), address: '城西路 2 号' });
    await createCustomer(h.admin, { name: '无经理客户' });

    const byManager = (await h.admin.get('/api/customers/completeness?groupBy=accountManager')).json();
    expect(byManager).toEqual(
      expect.arrayContaining([
        { id: manager.id, name: expect.any(String), customers: 2, averageCompleteness: 70, incomplete: 1 },
        { id: null, name: null, customers: 1, averageCompleteness: 0, incomplete: 1 },
      ]),
    );
    const byTeam = (await h.admin.get('/api/customers/completeness?groupBy=team')).json();
    expect(byTeam).toContainEqual({ id: team, name: '大客户一组', customers: 2, averageCompleteness: 70, incomplete: 1 });
  });

  it('leaves a pointer on a merged-away profile', async () => {
    const target = await createCustomer(h.admin, { name: '留存档案' });
    const source = await createCustomer(h.admin, { name: '重复档案' });
    expect((await h.admin.post(`/api/customers/${target.id}/merge`, { sourceId: source.id })).statusCode).toBe(200);
    const entries = (await h.admin.get(`/api/customers/${source.id}/timeline`)).json();
    expect(entries).toEqual([expect.objectContaining({ kind: 'customer.merged_away', data: { targetId: target.id, targetName: '留存档案' } })]);
  });
});

describe('similar-name duplicates', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  it('offers profiles whose name contains this one, not those that merely mention it in notes', async () => {
    const original = await createCustomer(h.admin, { name: '欧阳明' });
    const longer = await createCustomer(h.admin, { name: '欧阳明（城东店）' });
    await createCustomer(h.admin, { name: '别人', notes: '介绍人：欧阳明' });
    const candidates = (await h.admin.get(`/api/customers/${original.id}/duplicates`)).json();
    expect(candidates).toEqual([{ customer: expect.objectContaining({ id: longer.id }), reasons: ['name'] }]);
  });
});
