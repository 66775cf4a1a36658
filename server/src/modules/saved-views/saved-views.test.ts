import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/harness.js';

describe('saved list filters', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  it('keeps each user’s own named filters', async () => {
    const mine = await h.signInAs('agent');
    const theirs = await h.signInAs('agent');
    const saved = await mine.post('/api/saved-views', { scope: 'customers', name: '金卡未完善', query: { tier: 'gold', completenessBelow: '80' } });
    expect(saved.statusCode).toBe(200);
    expect((await mine.post('/api/saved-views', { scope: 'customers', name: '金卡未完善', query: {} })).statusCode).toBe(409);
    expect((await mine.get('/api/saved-views?scope=customers')).json()).toEqual([expect.objectContaining({ name: '金卡未完善', query: { tier: 'gold', completenessBelow: '80' } })]);
    expect((await theirs.get('/api/saved-views?scope=customers')).json()).toEqual([]);
    expect((await theirs.delete(`/api/saved-views/${saved.json().id}`)).statusCode).toBe(404);
    expect((await mine.delete(`/api/saved-views/${saved.json().id}`)).statusCode).toBe(200);
  });
});
