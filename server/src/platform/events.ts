import { EventEmitter } from 'node:events';
import type { LiveEvent } from '@kefu/contracts';

/**
 * Who should hear of a live event. The SSE route delivers an event to a connection when
 * its user is listed, or when the user's data scope reaches one of the departments
 * (a team queue changes for everyone who can see that queue).
 */
export interface LiveAudience {
  userIds: readonly number[];
  departmentIds: readonly number[];
}

export interface PublishedEvent {
  event: LiveEvent;
  audience: LiveAudience;
}

/**
 * Live events (SSE) across the process. Services publish after their transaction commits,
 * so a client that refetches on an event sees the change. One process keeps subscribers in
 * memory; several nodes would put Redis pub/sub behind this same interface.
 */
export interface EventBus {
  publish(published: PublishedEvent): void;
  subscribe(listener: (published: PublishedEvent) => void): () => void;
}

export function createLocalEventBus(): EventBus {
  const emitter = new EventEmitter();
  // Every open browser tab is one listener.
  emitter.setMaxListeners(0);
  return {
    publish(published) {
      emitter.emit('event', published);
    },
    subscribe(listener) {
      emitter.on('event', listener);
      return () => emitter.off('event', listener);
    },
  };
}
