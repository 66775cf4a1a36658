import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notification } from '@kefu/contracts';
import { createHarness, type Client, type Harness } from '../../../test/harness.js';
import type { PublishedEvent } from '../../platform/events.js';

describe('in-app notifications', () => {
  let h: Harness;
  let alice: { id: number; client: Client };
  let bob: { id: number; client: Client };
  let orderId: number;

  async function signIn(): Promise<{ id: number; client: Client }> {
    const user = await h.createUser({ roles: ['agent'] });
    return { id: user.id, client: await h.login(user.username, user.password) };
  }

  beforeAll(async () => {
    h = await createHarness();
    alice = await signIn();
    bob = await signIn();
    const category = await h.kefu.services.workOrderCategories.create(
      h.adminActor,
      { name: '宽带', parentId: null, defaultDepartmentId: null, defaultPriority: 'normal', requiresConfirmation: false, fields: [], sortOrder: 0, active: true },
      { ip: null, userAgent: null },
    );
    // The order only needs to exist for the join; the work-order module builds real ones.
    const now = h.clock.now();
    const order = await h.testDb.db.kysely
      .insertInto('work_order')
      .values({
        number: 'GD20261127-0001',
        type: 'fault',
        category_id: category.id,
        channel: 'phone',
        priority: 'normal',
        priority_rank: 1,
        status: 'new',
        title: '宽带断线',
        description: '整栋楼断网',
        reason: '光缆被挖断',
        requested_handling: '尽快修复',
        owner_id: alice.id,
        occurred_at: now,
        form_data: '{}',
        first_contact_resolution: 0,
        reopen_count: 0,
        reminder_count: 0,
        last_activity_at: now,
        unclosed: 1,
        created_by: alice.id,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    orderId = order.id;
  });
  afterAll(() => h.close());

  it('stores notifications in the caller’s transaction and lists them newest first with the order and actor', async () => {
    const notifier = h.kefu.services.notifier;
    const created = await h.testDb.db.kysely.transaction().execute((trx) =>
      notifier.notify(trx, [
        { userId: alice.id, kind: 'work_order.assigned', workOrderId: orderId, actorId: bob.id },
        { userId: alice.id, kind: 'work_order.mentioned', workOrderId: orderId, actorId: null, data: { messageId: 7 } },
        { userId: bob.id, kind: 'work_order.reminded', workOrderId: null, actorId: alice.id },
      ]),
    );
    expect(created).toEqual([
      { id: expect.any(Number), userId: alice.id },
      { id: expect.any(Number), userId: alice.id },
      { id: expect.any(Number), userId: bob.id },
    ]);
    expect(await notifier.notify(h.testDb.db.kysely, [])).toEqual([]);

    const response = await alice.client.get('/api/notifications');
    expect(response.statusCode).toBe(200);
    const page = response.json<{ items: Notification[]; unread: number }>();
    expect(page.unread).toBe(2);
    expect(page.items).toEqual([
      {
        id: created[1]!.id,
        kind: 'work_order.mentioned',
        workOrder: { id: orderId, number: 'GD20261127-0001', title: '宽带断线' },
        actor: null,
        data: { messageId: 7 },
        createdAt: h.clock.now(),
        readAt: null,
      },
      {
        id: created[0]!.id,
        kind: 'work_order.assigned',
        workOrder: { id: orderId, number: 'GD20261127-0001', title: '宽带断线' },
        actor: { id: bob.id, name: expect.stringMatching(/^测试用户/) },
        data: {},
        createdAt: h.clock.now(),
        readAt: null,
      },
    ]);
    // Bob sees only his own.
    const bobs = (await bob.client.get('/api/notifications')).json();
    expect(bobs.items.map((item: Notification) => [item.id, item.workOrder])).toEqual([[created[2]!.id, null]]);
    expect((await alice.client.get('/api/notifications?limit=1')).json().items).toHaveLength(1);
    expect((await alice.client.get('/api/notifications?limit=0')).statusCode).toBe(400);
  });

  it('rolls notifications back with the change they belong to', async () => {
    const before = (await bob.client.get('/api/notifications')).json().items.length;
    await expect(
      h.testDb.db.kysely.transaction().execute(async (trx) => {
        await h.kefu.services.notifier.notify(trx, [{ userId: bob.id, kind: 'work_order.replied', workOrderId: orderId, actorId: null }]);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect((await bob.client.get('/api/notifications')).json().items).toHaveLength(before);
  });

  it('marks the listed notifications read, never someone else’s, and all of them without ids', async () => {
    const created = await h.kefu.services.notifier.notify(h.testDb.db.kysely, [
      { userId: bob.id, kind: 'work_order.step', workOrderId: orderId, actorId: null },
      { userId: bob.id, kind: 'work_order.transition', workOrderId: orderId, actorId: null },
      { userId: alice.id, kind: 'work_order.owner_changed', workOrderId: orderId, actorId: null },
    ]);
    const [bobFirst, bobSecond, alices] = created.map((row) => row.id) as [number, number, number];
    const aliceUnread = (await alice.client.get('/api/notifications')).json().unread;

    h.clock.advance(60_000);
    // Bob lists Alice's id too: it is ignored.
    const marked = await bob.client.post('/api/notifications/read', { ids: [bobFirst, alices] });
    expect(marked.statusCode, marked.body).toBe(200);
    expect(marked.json()).toEqual({ ok: true });
    const bobPage = (await bob.client.get('/api/notifications')).json();
    expect(bobPage.items.find((item: Notification) => item.id === bobFirst).readAt).toBe(h.clock.now());
    expect(bobPage.items.find((item: Notification) => item.id === bobSecond).readAt).toBeNull();
    expect((await alice.client.get('/api/notifications')).json().unread).toBe(aliceUnread);

    expect((await bob.client.post('/api/notifications/read', {})).statusCode).toBe(200);
    expect((await bob.client.get('/api/notifications')).json().unread).toBe(0);
    // Marking again keeps the first time it was read.
    const firstRead = (await bob.client.get('/api/notifications')).json().items.find((item: Notification) => item.id === bobFirst).readAt;
    h.clock.advance(60_000);
    await bob.client.post('/api/notifications/read', {});
    expect((await bob.client.get('/api/notifications')).json().items.find((item: Notification) => item.id === bobFirst).readAt).toBe(firstRead);

    expect((await bob.client.post('/api/notifications/read', { ids: [0] })).statusCode).toBe(400);
    expect((await h.anonymous().get('/api/notifications')).statusCode).toBe(401);
  });

  it('announces each created notification to its recipient only, on the event bus', () => {
    const published: PublishedEvent[] = [];
    const unsubscribe = h.kefu.services.bus.subscribe((event) => published.push(event));
    h.kefu.services.notifier.announce([
      { id: 41, userId: alice.id },
      { id: 42, userId: bob.id },
    ]);
    unsubscribe();
    expect(published).toEqual([
      { event: { type: 'notification', notificationId: 41 }, audience: { userIds: [alice.id], departmentIds: [] } },
      { event: { type: 'notification', notificationId: 42 }, audience: { userIds: [bob.id], departmentIds: [] } },
    ]);
  });
});
