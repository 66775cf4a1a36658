import { z } from 'zod';
import type { Clock } from '../../platform/clock.js';
import type { KefuFastify } from '../../platform/http/types.js';
import type { OrderClocks } from './order-clocks.js';

/** A clock that runs with real time plus an offset browser tests move forward. */
export class AdjustableClock implements Clock {
  private offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

const MAX_SWEEPS = 50;

/**
 * `POST /api/test/clock { advanceMs }`: moves the server's time forward and sweeps the SLA
 * clocks until nothing more is due, so a browser test sees warnings and breaches at once.
 * Registered only when the server was started with KEFU_TEST_CLOCK=1.
 */
export function registerTestClockRoutes(app: KefuFastify, clock: AdjustableClock, clocks: OrderClocks): void {
  app.post(
    '/api/test/clock',
    {
      config: { access: 'public' },
      schema: { tags: ['test'], body: z.object({ advanceMs: z.number().int().min(0).max(400 * 86_400_000) }), response: { 200: z.object({ now: z.number().int(), notifications: z.number().int() }) } },
    },
    async (request) => {
      clock.advance(request.body.advanceMs);
      let notifications = 0;
      for (let sweeps = 0; sweeps < MAX_SWEEPS; sweeps += 1) {
        const result = await clocks.sweep();
        notifications += result.notifications;
        if (result.claimed === 0) break;
      }
      return { now: clock.now(), notifications };
    },
  );
}
