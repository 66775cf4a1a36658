import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Announcement, ArticlePage } from '@kefu/contracts';
import { createHarness, type Harness } from '../../test/harness.js';
import { seedDemoData } from './seed-demo.js';

describe('demo knowledge base (KEFU_DEMO=1)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    expect(await seedDemoData(h.testDb.db, { password: 'kefu2026' })).toBe(true);
    // The demo is seeded at the real time; the test clock starts at a fixed one.
    h.clock.advance(Math.max(0, Date.now() - h.clock.now()) + 1000);
  });
  afterAll(() => h.close());

  it('gives agents published articles, a unified answer and an announcement that does not block sign-in', async () => {
    const agent = await h.login('zhouting', 'kefu2026');
    const found = (await agent.get(`/api/knowledge/articles?q=${encodeURIComponent('补卡')}`)).json<ArticlePage>();
    expect(found.items[0]?.title).toBe('USIM卡补换卡流程');
    const answers = (await agent.get('/api/knowledge/articles?kind=unified_answer')).json<ArticlePage>();
    expect(answers.total).toBeGreaterThanOrEqual(2);
    expect((await agent.get('/api/announcements')).json<{ items: Announcement[] }>().items).toHaveLength(1);
    expect((await agent.get('/api/announcements/must-read')).json<{ items: Announcement[] }>().items).toEqual([]);
    const help = (await h.anonymous().get('/help')).body;
    expect(help).toContain('USIM卡补换卡流程');
    expect(help).not.toContain('5G套餐资费说明');
  });
});
