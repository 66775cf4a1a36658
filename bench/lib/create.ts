import { randomUUID } from 'node:crypto';
import type autocannon from 'autocannon';
import type { IntakeInput } from '@kefu/contracts';
import type { Session } from './client.js';
import { load, type LoadResult } from './load.js';

export interface CreateRun {
  connections: number;
  run: LoadResult;
  /** Requests still in flight when the timed run ended, re-sent afterwards with their Idempotency-Key. */
  resent: { requests: number; replayed: number; created: number; failed: number };
  /** Orders acknowledged with 200: during the run plus by the re-sends. */
  acknowledged: number;
}

/**
 * Intake at one concurrency for a fixed time. Each request carries a unique Idempotency-Key,
 * signed-in agents take turns. When time is up autocannon drops the requests still in flight;
 * a real client would retry them with the same key, and so does this: afterwards every order
 * the server created has been acknowledged exactly once, which the caller checks against the
 * database.
 */
export async function createOrders(options: {
  url: string;
  connections: number;
  seconds: number;
  sessions: readonly Session[];
  nextBody: () => IntakeInput;
}): Promise<CreateRun> {
  const runId = randomUUID().slice(0, 8);
  let sequence = 0;
  let acknowledged = 0;
  const pending = new Map<string, { session: Session; body: string }>();
  const request: autocannon.Request = {
    method: 'POST',
    path: '/api/work-orders',
    setupRequest: (raw, context) => {
      const session = options.sessions[sequence % options.sessions.length]!;
      const key = `bench-${runId}-${(sequence += 1)}`;
      const body = JSON.stringify(options.nextBody());
      (context as { key?: string }).key = key;
      pending.set(key, { session, body });
      return { ...raw, headers: { ...session.writeHeaders, 'idempotency-key': key }, body };
    },
    onResponse: (status, _body, context) => {
      pending.delete((context as { key: string }).key);
      if (status === 200) acknowledged += 1;
    },
  };
  const run = await load({ url: options.url, connections: options.connections, duration: options.seconds, requests: [request] });

  // The dropped requests may still be running on the server: a retry racing them gets 409.
  const resent = { requests: pending.size, replayed: 0, created: 0, failed: 0 };
  await new Promise((resolveWait) => setTimeout(resolveWait, 500));
  for (const [key, { session, body }] of pending) {
    for (let attempt = 0; ; attempt += 1) {
      const response = await fetch(`${options.url}/api/work-orders`, { method: 'POST', headers: { ...session.writeHeaders, 'idempotency-key': key }, body });
      await response.arrayBuffer();
      if (response.status === 409 && attempt < 20) {
        await new Promise((resolveWait) => setTimeout(resolveWait, 250));
        continue;
      }
      if (response.status === 200) {
        acknowledged += 1;
        if (response.headers.get('idempotent-replayed') === 'true') resent.replayed += 1;
        else resent.created += 1;
      } else resent.failed += 1;
      break;
    }
  }
  return { connections: options.connections, run, resent, acknowledged };
}
