import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LiveEvent } from '@kefu/contracts';
import { createHarness, type Client, type Harness } from '../../../test/harness.js';
import type { LiveAudience } from '../../platform/events.js';
import { PING_INTERVAL_MS } from './live-events.routes.js';

/**
 * An EventSource stand-in over a real socket: inject() cannot read a response that never
 * ends, so the app listens on a loopback port and Node's fetch reads the stream.
 */
class EventStream {
  private buffer = '';
  readonly frames: string[] = [];
  private waiters: Array<() => void> = [];
  ended = false;

  private constructor(
    readonly response: Response,
    private readonly controller: AbortController,
  ) {}

  static async open(url: string, cookie: string): Promise<EventStream> {
    const controller = new AbortController();
    const response = await fetch(url, { headers: { cookie, accept: 'text/event-stream' }, signal: controller.signal });
    const stream = new EventStream(response, controller);
    void stream.pump();
    // The server subscribes before it writes the first frame.
    await stream.waitFor(() => stream.frames.length > 0);
    return stream;
  }

  private async pump(): Promise<void> {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of this.response.body as unknown as AsyncIterable<Uint8Array>) {
        this.buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = this.buffer.indexOf('\n\n')) >= 0) {
          this.frames.push(this.buffer.slice(0, end));
          this.buffer = this.buffer.slice(end + 2);
        }
        for (const wake of this.waiters.splice(0)) wake();
      }
    } catch {
      // aborted
    }
    this.ended = true;
    for (const wake of this.waiters.splice(0)) wake();
  }

  events(): LiveEvent[] {
    return this.frames.filter((frame) => frame.startsWith('data: ')).map((frame) => JSON.parse(frame.slice('data: '.length)) as LiveEvent);
  }

  async waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out; frames so far: ${JSON.stringify(this.frames)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  close(): void {
    this.controller.abort();
  }
}

describe('live events over SSE (GET /api/events)', () => {
  let h: Harness;
  let baseUrl: string;
  let center: number;
  let team: number;
  let otherCenter: number;

  async function signIn(role: 'team_leader' | 'agent' | 'qa_inspector', departmentId: number | null): Promise<{ id: number; client: Client }> {
    const user = await h.createUser({ roles: [role], departmentId });
    return { id: user.id, client: await h.login(user.username, user.password) };
  }
  const open = (client: Client) => EventStream.open(`${baseUrl}/api/events`, client.cookie!);
  const publish = (event: LiveEvent, audience: Partial<LiveAudience>) =>
    h.kefu.services.bus.publish({ event, audience: { userIds: [], departmentIds: [], ...audience } });
  const changed = (orderId: number): LiveEvent => ({ type: 'work_order.changed', orderId, number: `GD-${orderId}` });

  beforeAll(async () => {
    h = await createHarness();
    center = await h.createDepartment('一号中心', null, 'center');
    team = await h.createDepartment('话务一班', center);
    otherCenter = await h.createDepartment('二号中心', null, 'center');
    await h.kefu.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(h.kefu.app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => h.close());

  it('opens an event stream with retry advice and no caching or proxy buffering', async () => {
    const leader = await signIn('team_leader', center);
    const stream = await open(leader.client);
    try {
      expect(stream.response.status).toBe(200);
      expect(stream.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      expect(stream.response.headers.get('cache-control')).toBe('no-cache');
      expect(stream.response.headers.get('x-accel-buffering')).toBe('no');
      expect(stream.response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(stream.frames[0]).toBe('retry: 5000');
    } finally {
      stream.close();
    }
  });

  it('delivers events addressed to the user and to departments in their scope, and nothing else', async () => {
    const leader = await signIn('team_leader', center);
    const someoneElse = await signIn('agent', otherCenter);
    const stream = await open(leader.client);
    try {
      publish(changed(1), { departmentIds: [otherCenter] });
      publish({ type: 'notification', notificationId: 2 }, { userIds: [someoneElse.id] });
      publish(changed(3), { departmentIds: [team] });
      publish({ type: 'notification', notificationId: 4 }, { userIds: [leader.id] });
      publish(changed(5), { departmentIds: [otherCenter, center] });
      publish(changed(6), { departmentIds: [999999] });
      publish(changed(7), { userIds: [leader.id], departmentIds: [otherCenter] });
      await stream.waitFor(() => stream.events().length >= 4);
      // Events arrive in publishing order, so the out-of-scope ones before the last were skipped.
      expect(stream.events()).toEqual([changed(3), { type: 'notification', notificationId: 4 }, changed(5), changed(7)]);
      expect(stream.frames.every((frame) => frame === 'retry: 5000' || frame.startsWith('data: '))).toBe(true);
    } finally {
      stream.close();
    }
  });

  it('reaches only its own unit for a self-scoped agent and everything for an all-scoped inspector', async () => {
    const agent = await signIn('agent', center);
    const inspector = await signIn('qa_inspector', null);
    const [agentStream, inspectorStream] = await Promise.all([open(agent.client), open(inspector.client)]);
    try {
      publish(changed(11), { departmentIds: [team] });
      publish(changed(12), { departmentIds: [otherCenter] });
      publish(changed(13), { departmentIds: [center] });
      await agentStream.waitFor(() => agentStream.events().length >= 1);
      await inspectorStream.waitFor(() => inspectorStream.events().length >= 3);
      expect(agentStream.events()).toEqual([changed(13)]);
      expect(inspectorStream.events()).toEqual([changed(11), changed(12), changed(13)]);
    } finally {
      agentStream.close();
      inspectorStream.close();
    }
  });

  it('carries a notification from notify and announce to its recipient', async () => {
    const agent = await signIn('agent', team);
    const stream = await open(agent.client);
    try {
      const notifier = h.kefu.services.notifier;
      const created = await h.testDb.db.kysely.transaction().execute((trx) =>
        notifier.notify(trx, [{ userId: agent.id, kind: 'work_order.mentioned', workOrderId: null, actorId: null }]),
      );
      notifier.announce(created);
      await stream.waitFor(() => stream.events().length >= 1);
      expect(stream.events()).toEqual([{ type: 'notification', notificationId: created[0]!.id }]);
    } finally {
      stream.close();
    }
  });

  it('unsubscribes from the bus when the client goes away', async () => {
    const bus = h.kefu.services.bus;
    let subscribed = 0;
    const original = bus.subscribe.bind(bus);
    const spy = vi.spyOn(bus, 'subscribe').mockImplementation((listener) => {
      subscribed += 1;
      const unsubscribe = original(listener);
      return () => {
        subscribed -= 1;
        unsubscribe();
      };
    });
    try {
      const agent = await signIn('agent', team);
      const stream = await open(agent.client);
      expect(subscribed).toBe(1);
      stream.close();
      await vi.waitFor(() => expect(subscribed).toBe(0));
    } finally {
      spy.mockRestore();
    }
  });

  it('pings every 25 s while the session stands and ends the stream once the user signs out', async () => {
    // Only the route's ping timer is faked; sockets and the reader keep real time.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const agent = await signIn('agent', team);
      const stream = await open(agent.client);
      vi.advanceTimersByTime(PING_INTERVAL_MS);
      await stream.waitFor(() => stream.frames.includes(': ping'));
      expect(stream.ended).toBe(false);

      expect((await agent.client.post('/api/auth/logout')).statusCode).toBe(200);
      vi.advanceTimersByTime(PING_INTERVAL_MS);
      await stream.waitFor(() => stream.ended);
      expect(stream.frames.filter((frame) => frame === ': ping')).toHaveLength(1);
      expect((await fetch(`${baseUrl}/api/events`, { headers: { cookie: agent.client.cookie! } })).status).toBe(401);
    } finally {
      vi.useRealTimers();
    }
  });

  it('answers an anonymous caller 401 instead of a stream', async () => {
    const response = await fetch(`${baseUrl}/api/events`);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
  });
});
