import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Client, type Harness } from '../../../test/harness.js';
import { createCustomer } from './customers.fixtures.js';

describe('organisation-defined customer fields (CUS-1)', () => {
  let h: Harness;
  let agent: Client;
  beforeAll(async () => {
    h = await createHarness();
    agent = await h.signInAs('agent');
    for (const field of [
      { key: 'broadband_account', label: '宽带账号', type: 'text' },
      { key: 'monthly_spend', label: '月消费', type: 'number' },
      { key: 'contract_end', label: '合约到期', type: 'date' },
      { key: 'package', label: '套餐', type: 'select', options: ['畅享 129', '畅享 199'] },
    ]) {
      const response = await h.admin.post('/api/customers/fields', field);
      expect(response.statusCode, response.body).toBe(200);
    }
  });
  afterAll(() => h.close());

  it('lets administrators define fields and everyone with customers.read see them; agents cannot define', async () => {
    const fields = (await agent.get('/api/customers/fields')).json();
    expect(fields.map((f: { key: string }) => f.key)).toEqual(['broadband_account', 'monthly_spend', 'contract_end', 'package']);
    expect((await agent.post('/api/customers/fields', { key: 'x_field', label: 'X', type: 'text' })).statusCode).toBe(403);
    const duplicate = await h.admin.post('/api/customers/fields', { key: 'package', label: '重复', type: 'text' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.code).toBe('custom_field.key_taken');
    const noOptions = await h.admin.post('/api/customers/fields', { key: 'empty_select', label: '空选项', type: 'select' });
    expect(noOptions.statusCode).toBe(400);
  });

  it('stores typed values, merges PATCHes key by key and clears with null', async () => {
    const customer = await createCustomer(agent, {
      name: '自定义字段客户',
      customFields: { broadband_account: 'BB-0101', monthly_spend: '129.5', contract_end: '2027-06-30', package: '畅享 129' },
    });
    expect(customer.customFields).toEqual({ broadband_account: 'BB-0101', monthly_spend: 129.5, contract_end: '2027-06-30', package: '畅享 129' });
    const patched = (await agent.patch(`/api/customers/${customer.id}`, { customFields: { package: '畅享 199', broadband_account: null } })).json();
    expect(patched.customFields).toEqual({ monthly_spend: 129.5, contract_end: '2027-06-30', package: '畅享 199' });
    const untouched = (await agent.patch(`/api/customers/${customer.id}`, { notes: '只改备注' })).json();
    expect(untouched.customFields).toEqual(patched.customFields);
  });

  it('refuses bad values with a field error per custom field, and unknown or archived keys', async () => {
    const response = await agent.post('/api/customers', {
      name: '坏值客户',
      type: 'personal',
      customFields: { monthly_spend: '很多', contract_end: '2027-02-30', package: '不存在的套餐', nonexistent: 'x' },
    });
    expect(response.statusCode).toBe(400);
    const fields = response.json().error.details.fields.map((f: { path: string; message: string }) => [f.path, f.message]);
    expect(fields).toEqual([
      ['customFields.monthly_spend', '应为数字。'],
      ['customFields.contract_end', '日期格式应为 YYYY-MM-DD。'],
      ['customFields.package', '不是该字段允许的选项。'],
      ['customFields.nonexistent', '没有这个自定义字段。'],
    ]);
    const definition = (await h.admin.get('/api/customers/fields')).json().find((f: { key: string }) => f.key === 'broadband_account');
    expect((await h.admin.patch(`/api/customers/fields/${definition.id}`, { archived: true })).json().archived).toBe(true);
    const archived = await agent.post('/api/customers', { name: '归档字段客户', type: 'personal', customFields: { broadband_account: 'BB-1' } });
    expect(archived.statusCode).toBe(400);
    await h.admin.patch(`/api/customers/fields/${definition.id}`, { archived: false });
  });
});
