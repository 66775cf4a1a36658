import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer } from '@kefu/contracts';
import { createHarness, type Client, type Harness } from '../../../test/harness.js';
import { createCustomer, mobile } from './customers.fixtures.js';

describe('one phone number at a time', () => {
  let h: Harness;
  let agent: Client;
  beforeAll(async () => {
    h = await createHarness();
    agent = await h.signInAs('agent');
  });
  afterAll(() => h.close());

  it('lets an agent who sees only masked numbers add, promote and remove a number without touching the others', async () => {
    const first = mobile();
    const customer = await createCustomer(agent, { name: '号码维护', phones: [{ number: first, primary: true }] });
    const second = mobile();
    const added = (await agent.post(`/api/customers/${customer.id}/phones`, { number: `+86 ${second}`, label: '家里', primary: false })).json<Customer>();
    expect(added.phones.map((phone) => [phone.number, phone.primary])).toEqual([
      [`${first.slice(0, 3)}****${first.slice(-4)}`, true],
      [`${second.slice(0, 3)}****${second.slice(-4)}`, false],
    ]);
    const promoted = (await agent.post(`/api/customers/${customer.id}/phones/${added.phones[1]!.id}/primary`)).json<Customer>();
    expect(promoted.phones[0]).toMatchObject({ id: added.phones[1]!.id, primary: true, label: '家里' });
    const removed = (await agent.delete(`/api/customers/${customer.id}/phones/${added.phones[1]!.id}`)).json<Customer>();
    // The remaining number becomes primary again.
    expect(removed.phones).toEqual([expect.objectContaining({ id: added.phones[0]!.id, primary: true })]);
    expect((await agent.get(`/api/customers?phone=${second}`)).json().total).toBe(0);
    expect((await agent.get(`/api/customers?phone=${first}`)).json().total).toBe(1);
    const timeline = (await agent.get(`/api/customers/${customer.id}/timeline`)).json();
    expect(timeline.filter((entry: { kind: string }) => entry.kind === 'customer.updated')).toHaveLength(3);
  });

  it('finds every customer sharing a number, and counts them across pages', async () => {
    const shared = mobile();
    const older = await createCustomer(agent, { name: '共用号码甲', phones: [{ number: shared, primary: true }] });
    h.clock.advance(1000);
    const newer = await createCustomer(agent, { name: '共用号码乙', phones: [{ number: mobile(), primary: true }, { number: `+86 ${shared}`, primary: false }] });
    const all = (await agent.get(`/api/customers?phone=${shared}`)).json<{ items: Customer[]; total: number }>();
    expect({ ids: all.items.map((customer) => customer.id), total: all.total }).toEqual({ ids: [newer.id, older.id], total: 2 });
    const first = (await agent.get(`/api/customers?phone=${shared}&limit=1`)).json<{ items: Customer[]; total: number }>();
    expect({ ids: first.items.map((customer) => customer.id), total: first.total }).toEqual({ ids: [newer.id], total: 2 });
    const second = (await agent.get(`/api/customers?phone=${shared}&limit=1&offset=1`)).json<{ items: Customer[]; total: number }>();
    expect({ ids: second.items.map((customer) => customer.id), total: second.total }).toEqual({ ids: [older.id], total: 2 });
    expect((await agent.get(`/api/customers?phone=${mobile()}`)).json()).toEqual({ items: [], total: 0 });
  });

  it("answers 404 for another customer's phone id, 400 for a bad number, 422 beyond five numbers", async () => {
    const mine = await createCustomer(agent, { name: '甲', phones: [{ number: mobile(), primary: true }] });
    const other = await createCustomer(agent, { name: '乙', phones: [{ number: mobile(), primary: true }] });
    expect((await agent.delete(`/api/customers/${mine.id}/phones/${other.phones[0]!.id}`)).statusCode).toBe(404);
    expect((await agent.post(`/api/customers/${mine.id}/phones`, { number: '12a' })).statusCode).toBe(400);
    for (let added = 1; added < 5; added++) await agent.post(`/api/customers/${mine.id}/phones`, { number: mobile() });
    const sixth = await agent.post(`/api/customers/${mine.id}/phones`, { number: mobile() });
    expect(sixth.statusCode).toBe(422);
    expect(sixth.json().error).toMatchObject({ code: 'customer.too_many_phones', message: '每位客户最多登记 5 个号码。' });
  });
});
