import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '@kefu/contracts';
import { createHarness, type Harness } from '../../../test/harness.js';

describe('organisation settings', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  it('shows the settings set up at first run to an administrator', async () => {
    const response = await h.admin.get('/api/settings');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ name: expect.any(String), timeZone: expect.any(String), defaultLocale: expect.stringMatching(/^(zh-CN|en-US)$/) });
  });

  it('changes only the fields sent, returns the result, and audits settings.updated with before and after', async () => {
    const before = (await h.admin.get('/api/settings')).json();
    const response = await h.admin.patch('/api/settings', { name: '  华南客服中心  ', timeZone: 'Asia/Urumqi' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ name: '华南客服中心', timeZone: 'Asia/Urumqi', defaultLocale: before.defaultLocale });
    expect((await h.admin.get('/api/settings')).json()).toEqual(response.json());
    // The new name is what a signed-in user sees as the organisation.
    expect((await h.admin.get('/api/auth/session')).json().organizationName).toBe('华南客服中心');

    const entries = (await h.admin.get('/api/audit?action=settings.updated&limit=200')).json().items as AuditEntry[];
    const entry = entries.find((candidate) => (candidate.details.after as { timeZone?: string }).timeZone === 'Asia/Urumqi')!;
    expect(entry).toMatchObject({ outcome: 'success', actorName: 'admin', targetType: 'organization' });
    expect(entry.details).toEqual({ before, after: { name: '华南客服中心', timeZone: 'Asia/Urumqi', defaultLocale: before.defaultLocale } });
  });

  it('changes the default language', async () => {
    const response = await h.admin.patch('/api/settings', { defaultLocale: 'en-US' });
    expect(response.statusCode).toBe(200);
    expect(response.json().defaultLocale).toBe('en-US');
  });

  it('refuses an unknown time zone with 400 and a localised field message, changing nothing', async () => {
    const before = (await h.admin.get('/api/settings')).json();
    const response = await h.admin.patch('/api/settings', { timeZone: 'Mars/Olympus_Mons' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'validation_failed' });
    expect(response.json().error.details.fields).toEqual([expect.objectContaining({ path: 'timeZone', message: '不是有效的时区。' })]);
    expect((await h.admin.patch('/api/settings', { name: '' })).statusCode).toBe(400);
    expect((await h.admin.patch('/api/settings', { defaultLocale: 'fr-FR' })).statusCode).toBe(400);
    expect((await h.admin.get('/api/settings')).json()).toEqual(before);
  });

  it('refuses an agent and a center director (no settings.manage) with 403', async () => {
    for (const role of ['agent', 'center_director'] as const) {
      const client = await h.signInAs(role);
      const read = await client.get('/api/settings');
      expect(read.statusCode, role).toBe(403);
      expect(read.json().error.code).toBe('forbidden');
      expect((await client.patch('/api/settings', { name: '被改了' })).statusCode, role).toBe(403);
    }
    expect((await h.admin.get('/api/settings')).json().name).not.toBe('被改了');
  });
});
