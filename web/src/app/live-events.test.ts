import { describe, expect, it, vi } from 'vitest';
import { createKeyBatcher, parseLiveEvent, reconnectDelay, staleKeysFor } from './live-events';

// The auth context loads the API client and i18next, which need a browser document.
vi.mock('./auth-context', () => ({ useAuth: () => ({ user: null }) }));

describe('live events', () => {
  it('parses known events and ignores anything else', () => {
    expect(parseLiveEvent('{"type":"work_order.changed","orderId":5,"number":"GD20261127-0001"}')).toEqual({
      type: 'work_order.changed',
      orderId: 5,
      number: 'GD20261127-0001',
    });
    expect(parseLiveEvent('{"type":"notification","notificationId":9}')).toEqual({ type: 'notification', notificationId: 9 });
    expect(parseLiveEvent('{"type":"something.else"}')).toBeNull();
    expect(parseLiveEvent('not json')).toBeNull();
    expect(parseLiveEvent(undefined)).toBeNull();
  });

  it('refreshes work-order queries on order changes and the bell on notifications', () => {
    expect(staleKeysFor({ type: 'work_order.changed', orderId: 1, number: 'x' })).toEqual([['work-orders']]);
    expect(staleKeysFor({ type: 'notification', notificationId: 1 })).toEqual([['notifications']]);
  });

  it('backs off from one second to at most thirty, with spread', () => {
    const noSpread = () => 0;
    expect([0, 1, 2, 3, 4, 5, 6, 20].map((attempt) => reconnectDelay(attempt, noSpread))).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
    expect(reconnectDelay(0, () => 1)).toBe(700);
  });

  it('refreshes at once after a quiet spell, then at most once per window with the keys gathered', () => {
    const pending: Array<() => void> = [];
    const timers = { set: (run: () => void) => pending.push(run), clear: () => pending.splice(0) };
    const flushed: string[][] = [];
    const batcher = createKeyBatcher((keys) => flushed.push(keys.map((key) => key.join('/'))), 2000, timers);

    batcher.add([['work-orders']]);
    expect(flushed).toEqual([['work-orders']]);
    batcher.add([['work-orders']]);
    batcher.add([['notifications']]);
    batcher.add([['work-orders']]);
    expect(flushed).toHaveLength(1);

    pending.shift()!();
    expect(flushed).toEqual([['work-orders'], ['work-orders', 'notifications']]);
    // A window with nothing gathered ends the busy spell: the next event goes out at once.
    pending.shift()!();
    batcher.add([['notifications']]);
    expect(flushed.at(-1)).toEqual(['notifications']);
    batcher.stop();
    expect(pending).toEqual([]);
  });
});
