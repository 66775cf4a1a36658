import { useEffect } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { liveEventSchema, type LiveEvent } from '@kefu/contracts';
import { useAuth } from './auth-context';

const EVENTS_URL = '/api/events';
const LIVE_EVENT_TYPES: readonly LiveEvent['type'][] = ['work_order.changed', 'notification'];
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

/** The query-key prefixes an event makes stale; every work-order key starts with 'work-orders'. */
export function staleKeysFor(event: LiveEvent): readonly (readonly string[])[] {
  switch (event.type) {
    case 'work_order.changed':
      return [['work-orders']];
    case 'notification':
      return [['notifications']];
  }
}

/** One SSE message's data; anything that is not a known event is ignored. */
export function parseLiveEvent(data: unknown): LiveEvent | null {
  if (typeof data !== 'string') return null;
  try {
    const parsed = liveEventSchema.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * How long to wait before the `attempt`-th reconnection (0-based): doubling from a second
 * up to 30 s, with up to 30 % random spread so a restarted server is not hit by every
 * browser in the same instant.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.min(attempt, 10));
  return Math.round(base * (1 - 0.3 * random()));
}

function invalidate(queryClient: QueryClient, keys: readonly (readonly string[])[]) {
  for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey });
}

/** A busy team changes orders every second; each browser refetches at most this often. */
const COALESCE_MS = 2_000;

/**
 * Gathers stale keys and hands them over at most once per `windowMs`: the first event of a
 * quiet spell goes out at once (the change shows without delay), later ones wait for the
 * end of the window and go out together. Without it every agent of a team would refetch
 * the queue and its counts on every single change anywhere in the team.
 */
export function createKeyBatcher(
  flush: (keys: readonly (readonly string[])[]) => void,
  windowMs: number = COALESCE_MS,
  timers: { set: (run: () => void, ms: number) => unknown; clear: (handle: unknown) => void } = {
    set: (run, ms) => setTimeout(run, ms),
    clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  },
) {
  const pending = new Map<string, readonly string[]>();
  let window: unknown = null;
  const openWindow = () => {
    window = timers.set(() => {
      window = null;
      if (pending.size === 0) return;
      const keys = [...pending.values()];
      pending.clear();
      flush(keys);
      openWindow();
    }, windowMs);
  };
  return {
    add(keys: readonly (readonly string[])[]) {
      if (window === null) {
        flush(keys);
        openWindow();
        return;
      }
      for (const key of keys) pending.set(JSON.stringify(key), key);
    },
    stop() {
      if (window !== null) timers.clear(window);
      window = null;
      pending.clear();
    },
  };
}

/**
 * One EventSource per signed-in session. Pages need nothing of their own: a changed order
 * refreshes every 'work-orders' query, a notification the bell. The browser's own retry
 * is replaced by ours (it gives up for good on an HTTP error, e.g. a restarting proxy),
 * and after any gap everything is refreshed, since events sent meanwhile are lost.
 */
export function useLiveEvents(): void {
  const queryClient = useQueryClient();
  const { user } = useAuth();
  const userId = user?.id;

  useEffect(() => {
    if (userId === undefined || typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let connectedBefore = false;
    let stopped = false;
    const batcher = createKeyBatcher((keys) => invalidate(queryClient, keys));

    const connect = () => {
      source = new EventSource(EVENTS_URL, { withCredentials: true });
      source.onopen = () => {
        if (connectedBefore) invalidate(queryClient, [['work-orders'], ['notifications']]);
        connectedBefore = true;
        attempt = 0;
      };
      const onMessage = (message: MessageEvent) => {
        const event = parseLiveEvent(message.data);
        if (event) batcher.add(staleKeysFor(event));
      };
      source.onmessage = onMessage;
      // Also if the server names its events (`event: notification`), which skips onmessage.
      for (const type of LIVE_EVENT_TYPES) source.addEventListener(type, onMessage);
      source.onerror = () => {
        source?.close();
        source = null;
        if (stopped) return;
        retryTimer = setTimeout(connect, reconnectDelay(attempt));
        attempt += 1;
      };
    };

    connect();
    return () => {
      stopped = true;
      batcher.stop();
      clearTimeout(retryTimer);
      source?.close();
    };
  }, [queryClient, userId]);
}
