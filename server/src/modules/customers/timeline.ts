import type { TimelineEntry } from '@kefu/contracts';
import type { Executor } from '../../db/executor.js';
import type { Clock } from '../../platform/clock.js';
import { customerEventsRepository } from './customers.repository.js';

/** One thing that happened to or with a customer, from any module. */
export interface TimelineEvent {
  customerId: number;
  /** `<module>.<event>`; the web shows the label `timeline.<kind>`. */
  kind: string;
  source?: { type: string; id: string | number } | null;
  actor?: { id: number; name: string } | null;
  data?: Record<string, unknown>;
  at?: number;
}

/**
 * The 360° timeline (CUS-4). Later modules (work orders, complaints, callbacks, surveys,
 * visits, points) receive this in their factory and record their events in their own
 * transaction; the customer module does not know them.
 */
export interface CustomerTimeline {
  record(ex: Executor, event: TimelineEvent): Promise<void>;
  /** Many events in batched statements (imports, data generators). */
  recordMany(ex: Executor, events: readonly TimelineEvent[]): Promise<void>;
  list(ex: Executor, customerId: number, before: number | undefined, limit: number): Promise<TimelineEntry[]>;
  /** Erasure (CUS-8): entries stay as anonymous facts, their details go. */
  scrub(ex: Executor, customerId: number): Promise<void>;
}

export function createCustomerTimeline(deps: { clock: Clock }): CustomerTimeline {
  const toRow = (event: TimelineEvent) => ({
    customer_id: event.customerId,
    at: event.at ?? deps.clock.now(),
    kind: event.kind,
    source_type: event.source?.type ?? null,
    source_id: event.source ? String(event.source.id) : null,
    actor_id: event.actor?.id ?? null,
    actor_name: event.actor?.name ?? null,
    data: JSON.stringify(event.data ?? {}),
  });
  return {
    async record(ex, event) {
      await customerEventsRepository.insert(ex, [toRow(event)]);
    },
    async recordMany(ex, events) {
      await customerEventsRepository.insert(ex, events.map(toRow));
    },
    async scrub(ex, customerId) {
      await customerEventsRepository.scrubData(ex, customerId);
    },
    async list(ex, customerId, before, limit) {
      const rows = await customerEventsRepository.page(ex, customerId, before, limit);
      return rows.map((row) => ({
        id: row.id,
        at: row.at,
        kind: row.kind,
        sourceType: row.source_type,
        sourceId: row.source_id,
        actorName: row.actor_name,
        data: JSON.parse(row.data) as Record<string, unknown>,
      }));
    },
  };
}
