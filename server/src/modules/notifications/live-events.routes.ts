import type { OutgoingHttpHeaders } from 'node:http';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import { systemClock, type Clock } from '../../platform/clock.js';
import type { EventBus, PublishedEvent } from '../../platform/events.js';
import { actorOf, type KefuFastify } from '../../platform/http/types.js';
import { reachesDepartmentPath } from '../../platform/scope.js';
import { liveEventsRepository } from './live-events.repository.js';

/** Comment lines keep proxies and load balancers from closing a quiet stream. */
export const PING_INTERVAL_MS = 25_000;
/** How long EventSource waits before reconnecting after the stream drops. */
const RETRY_MS = 5_000;
/** A client this far behind is not reading; dropping it lets EventSource reconnect fresh. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

/**
 * `GET /api/events`: Server-Sent Events for the signed-in user. An event reaches a stream
 * when it names the user, or when the user's data scope reaches one of its departments
 * (a team queue changed). Events carry only ids; clients refetch what they may see.
 */
export function registerLiveEventRoutes(app: KefuFastify, deps: { bus: EventBus; db: Kysely<Database>; clock?: Clock }): void {
  const { bus, db } = deps;
  const clock = deps.clock ?? systemClock;
  const open = new Set<() => void>();

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

  async function concerns(actor: Actor, published: PublishedEvent): Promise<boolean> {
    const { userIds, departmentIds } = published.audience;
    if (userIds.includes(actor.userId)) return true;
    if (departmentIds.length === 0) return false;
    if (actor.dataScope === 'all') return true;
    const paths = await departmentPaths(published);
    return departmentIds.some((id) => reachesDepartmentPath(actor, paths.get(id) ?? null));
  }

  // Open streams never finish on their own; end them so closing the server does not wait.
  app.addHook('preClose', (done) => {
    for (const close of [...open]) close();
    done();
  });

  app.get(
    '/api/events',
    { config: { access: 'authenticated' }, schema: { tags: ['notifications'], summary: 'Live events (text/event-stream)' } },
    (request, reply) => {
      const actor = actorOf(request);
      reply.hijack();
      const response = reply.raw;
      response.writeHead(200, {
        ...(reply.getHeaders() as OutgoingHttpHeaders),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        'x-accel-buffering': 'no',
        connection: 'keep-alive',
      });

      let closed = false;
      // Deliveries wait on a lookup now and then; chaining keeps them in publishing order.
      let delivered: Promise<void> = Promise.resolve();
      const send = (chunk: string) => {
        if (closed) return;
        response.write(chunk);
        if (response.writableLength > MAX_BUFFERED_BYTES) close();
      };
      const unsubscribe = bus.subscribe((published) => {
        delivered = delivered
          .then(async () => {
            if (!closed && (await concerns(actor, published))) send(`data: ${JSON.stringify(published.event)}\n\n`);
          })
          .catch((error: unknown) => request.log.warn({ err: error }, 'live event not delivered'));
      });
      // A signed-out or disabled user's stream ends at the next ping; reconnecting then fails.
      const ping = setInterval(() => {
        liveEventsRepository
          .credentialLive(db, actor, clock.now())
          .then((live) => (live ? send(': ping\n\n') : close()))
          .catch((error: unknown) => request.log.warn({ err: error }, 'live event stream check failed'));
      }, PING_INTERVAL_MS);

      function close(): void {
        if (closed) return;
        closed = true;
        clearInterval(ping);
        unsubscribe();
        open.delete(close);
        response.end();
      }
      open.add(close);
      // The response's 'close' fires when the client goes away (the request's own 'close'
      // already fires once its empty body has been read).
      response.on('close', close);
      send(`retry: ${RETRY_MS}\n\n`);
    },
  );
}
