import type { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import type autocannonType from 'autocannon';
import { round, summarize, type LatencySummary } from './stats.js';

// Loaded from node_modules at run time: bench/run.mjs bundles everything but the server's
// own dependencies, and autocannon (CommonJS, reading files next to itself) must not be bundled.
const autocannon = createRequire(import.meta.url)('autocannon') as typeof autocannonType;

export interface LoadOptions {
  url: string;
  connections: number;
  /** Seconds (a timed run) … */
  duration?: number;
  /** … or a fixed number of requests. */
  amount?: number;
  requests: autocannonType.Request[];
  headers?: Record<string, string>;
  /** Responses not counted at the start (they warm the caches). */
  warmup?: number;
}

export interface LoadResult {
  latency: LatencySummary;
  /** Every latency sample in ms, in arrival order. */
  latencies: number[];
  statuses: Record<string, number>;
  ok: number;
  /** Responses per second with status 200, over the measured duration. */
  okPerSecond: number;
  durationSeconds: number;
  errors: number;
  timeouts: number;
}

/**
 * One autocannon run from this process (the server is another one), with every response's
 * status and latency recorded: autocannon's own histogram has no p95.
 */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let seen = 0;
  const warmup = options.warmup ?? 0;
  let result: autocannonType.Result | undefined;
  await new Promise<void>((resolveRun, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        pipelining: 1,
        duration: options.duration ?? 10,
        amount: options.amount,
        requests: options.requests,
        headers: options.headers,
        timeout: 30,
      },
      (error, finished) => {
        if (error) reject(error);
        else {
          result = finished;
          resolveRun();
        }
      },
    );
    // The instance re-emits each client's response with the client first (the typings omit it).
    (instance as EventEmitter).on('response', (_client: unknown, status: number, _bytes: number, milliseconds: number) => {
      seen += 1;
      if (seen <= warmup) return;
      statuses[status] = (statuses[status] ?? 0) + 1;
      latencies.push(milliseconds);
    });
  });
  const durationSeconds = result!.duration;
  const ok = statuses['200'] ?? 0;
  return {
    latency: summarize(latencies),
    latencies,
    statuses,
    ok,
    okPerSecond: round(ok / durationSeconds, 1),
    durationSeconds: round(durationSeconds, 3),
    errors: result!.errors,
    timeouts: result!.timeouts,
  };
}

/** Fails loudly when a read benchmark got anything but 200s: a latency of errors means nothing. */
export function expectAllOk(label: string, run: LoadResult): void {
  const bad = Object.entries(run.statuses).filter(([status]) => status !== '200');
  if (bad.length > 0 || run.errors > 0 || run.timeouts > 0) {
    throw new Error(`${label}: non-200 responses ${JSON.stringify(Object.fromEntries(bad))}, ${run.errors} errors, ${run.timeouts} timeouts`);
  }
}
