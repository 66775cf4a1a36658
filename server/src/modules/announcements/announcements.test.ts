import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Announcement, AnnouncementReceipts } from '@kefu/contracts';
import type { Client, Harness } from '../../../test/harness.js';
import { rolesRepository } from '../roles/roles.repository.js';
import { DAY, auditOf, createWorkOrderHarness, expectError, person, team, type Person } from '../work-orders/work-orders.fixtures.js';

async function mustRead(client: Client): Promise<Announcement[]> {
  const response = await client.get('/api/announcements/must-read');
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ items: Announcement[] }>().items;
}

async function publish(client: Client, body: Record<string, unknown>): Promise<Announcement> {
  const response = await client.post('/api/announcements', { bodyHtml: '<p>内容</p>', ...body });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Announcement>();
}

describe('announcements with must-read receipts (KB-6)', () => {
  let h: Harness;
  let center: number;
  let shiftA: number;
  let shiftB: number;
  let leaderA: Person;
  let agentA: Person;
  let teammateA: Person;
  let agentB: Person;
  let qa: Person;
  beforeAll(async () => {
    h = await createWorkOrderHarness();
    center = await team(h, null, '客服中心');
    shiftA = await team(h, center, '一班');
    shiftB = await team(h, center, '二班');
    leaderA = await person(h, 'team_leader', shiftA);
    agentA = await person(h, 'agent', shiftA);
    teammateA = await person(h, 'agent', shiftA);
    agentB = await person(h, 'agent', shiftB);
    qa = await person(h, 'qa_inspector', null);
  });
  afterAll(() => h.close());

  it('shows a must-read to its team at login until acknowledged, and the leader sees who has not read', async () => {
    const notice = await publish(leaderA.client, {
      title: '5G套餐资费调整通知',
      bodyHtml: '<p>自 12 月 1 日起 5G 套餐资费调整。</p><script>x</script>',
      kind: 'business_change',
      mustRead: true,
      departmentIds: [shiftA],
    });
    expect(notice).toMatchObject({ mustRead: true, departmentIds: [shiftA], roleIds: [], bodyHtml: '<p>自 12 月 1 日起 5G 套餐资费调整。</p>' });
    expect((await mustRead(agentA.client)).map((item) => item.id)).toEqual([notice.id]);
    expect(await mustRead(agentB.client)).toEqual([]);
    expectError(await agentB.client.get(`/api/announcements/${notice.id}`), 404, 'not_found');
    expectError(await agentB.client.post(`/api/announcements/${notice.id}/acknowledge`), 404, 'not_found');

    // Opening marks it read; it still waits for acknowledgement.
    const opened = (await agentA.client.get(`/api/announcements/${notice.id}`)).json<Announcement>();
    expect(opened.readAt).not.toBeNull();
    expect(opened.acknowledgedAt).toBeNull();
    expect((await mustRead(agentA.client)).map((item) => item.id)).toEqual([notice.id]);
    const acknowledged = (await agentA.client.post(`/api/announcements/${notice.id}/acknowledge`)).json<Announcement>();
    expect(acknowledged.acknowledgedAt).not.toBeNull();
    expect(await mustRead(agentA.client)).toEqual([]);
    // Acknowledging twice keeps the first time.
    h.clock.advance(60_000);
    expect((await agentA.client.post(`/api/announcements/${notice.id}/acknowledge`)).json<Announcement>().acknowledgedAt).toBe(acknowledged.acknowledgedAt);

    const receipts = (await leaderA.client.get(`/api/announcements/${notice.id}/receipts`)).json<AnnouncementReceipts>();
    expect(receipts).toMatchObject({ targeted: 3, read: 2, acknowledged: 2 });
    expect(receipts.items.find((item) => item.userId === leaderA.id)?.acknowledgedAt).not.toBeNull();
    expect(await mustRead(leaderA.client)).toEqual([]);
    const byUser = new Map(receipts.items.map((item) => [item.userId, item]));
    expect(byUser.get(agentA.id)?.acknowledgedAt).not.toBeNull();
    expect(byUser.get(teammateA.id)).toMatchObject({ readAt: null, acknowledgedAt: null });
    expect(byUser.has(agentB.id)).toBe(false);
    // Unread first: the leader's "who has not read" list.
    expect(receipts.items[receipts.items.length - 1]!.userId).toBe(agentA.id);
    expectError(await agentA.client.get(`/api/announcements/${notice.id}/receipts`), 403, 'forbidden');
    expect(await auditOf(h, 'announcement.published', notice.id)).toHaveLength(1);
  });

  it('targets roles and everyone, honours the validity period and withdrawal', async () => {
    const qaRole = (await rolesRepository.findByCode(h.testDb.db.kysely, 'qa_inspector'))!;
    const forQa = await publish(leaderA.client, { title: '质检标准更新', mustRead: true, roleIds: [qaRole.id] });
    expect((await mustRead(qa.client)).map((item) => item.id)).toContain(forQa.id);
    expect((await mustRead(agentB.client)).map((item) => item.id)).not.toContain(forQa.id);

    const everyone = await publish(leaderA.client, { title: '双十一营销活动', kind: 'promotion', validUntil: h.clock.now() + DAY });
    const future = await publish(leaderA.client, { title: '元旦活动预告', validFrom: h.clock.now() + 5 * DAY });
    const listed = (await agentB.client.get('/api/announcements')).json<{ items: Announcement[]; total: number }>();
    expect(listed.items.map((item) => item.id)).toContain(everyone.id);
    expect(listed.items.map((item) => item.id)).not.toContain(future.id);
    expect(await mustRead(agentB.client)).toEqual([]);

    h.clock.advance(2 * DAY);
    expect((await agentB.client.get('/api/announcements')).json<{ items: Announcement[] }>().items.map((item) => item.id)).not.toContain(everyone.id);

    const withdrawn = (await leaderA.client.post(`/api/announcements/${forQa.id}/withdraw`)).json<Announcement>();
    expect(withdrawn.withdrawnAt).not.toBeNull();
    expect((await mustRead(qa.client)).map((item) => item.id)).not.toContain(forQa.id);
    expectError(await leaderA.client.post(`/api/announcements/${forQa.id}/withdraw`), 409, 'announcement.withdrawn');
    expect(await auditOf(h, 'announcement.withdrawn', forQa.id)).toHaveLength(1);
    const managed = (await leaderA.client.get('/api/announcements/managed')).json<{ items: Announcement[] }>();
    expect(managed.items.map((item) => item.id)).toEqual(expect.arrayContaining([forQa.id, everyone.id, future.id]));
  });

  it('refuses agents publishing, bad targets and bad periods', async () => {
    expectError(await agentA.client.post('/api/announcements', { title: 'x', bodyHtml: 'x' }), 403, 'forbidden');
    expectError(await leaderA.client.post('/api/announcements', { title: 'x', bodyHtml: 'x', departmentIds: [99999] }), 422, 'announcement.target_invalid');
    expectError(
      await leaderA.client.post('/api/announcements', { title: 'x', bodyHtml: 'x', validFrom: h.clock.now(), validUntil: h.clock.now() - 1 }),
      422,
      'announcement.validity_invalid',
    );
  });
});
