import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { EventBus, PublishedEvent } from '../../platform/events.js';
import { reachesDepartmentPath } from '../../platform/scope.js';
import { liveEventsRepository } from './live-events.repository.js';

/** Who hears which live event; the SSE route only carries what this decides. */
export interface LiveEventsService {
  subscribe(listener: (published: PublishedEvent) => void): () => void;
  /**
   * An event reaches a user when it names them, or when their data scope reaches one of its
   * departments (a team queue changed). Events carry only ids; clients refetch what they may see.
   */
  concerns(actor: Actor, published: PublishedEvent): Promise<boolean>;
  /** Whether the session or API token a stream was opened with still stands. */
  credentialLive(actor: Actor): Promise<boolean>;
}

export function createLiveEventsService(deps: { db: Kysely<Database>; bus: EventBus; clock: Clock }): LiveEventsService {
  const { db, bus, clock } = deps;

  // One lookup per published event however many streams are open: the bus hands every
  // listener the same object.
  const pathsByEvent = new WeakMap<PublishedEvent, Promise<Map<number, string>>>();
  function departmentPaths(published: PublishedEvent): Promise<Map<number, string>> {
    let paths = pathsByEvent.get(published);
    if (!paths) {
      paths = liveEventsRepository.departmentPaths(db, [...new Set(published.audience.departmentIds)]);
      pathsByEvent.set(published, paths);
    }
    return paths;
  }

  return {
    subscribe: (listener) => bus.subscribe(listener),
    async concerns(actor, published) {
      const { userIds, departmentIds } = published.audience;
      if (userIds.includes(actor.userId)) return true;
      if (departmentIds.length === 0) return false;
      if (actor.dataScope === 'all') return true;
      const paths = await departmentPaths(published);
      return departmentIds.some((id) => reachesDepartmentPath(actor, paths.get(id) ?? null));
    },
    credentialLive: (actor) => liveEventsRepository.credentialLive(db, actor, clock.now()),
  };
}
