import type { OutgoingHttpHeaders } from 'node:http';
import { actorOf, type KefuFastify } from '../../platform/http/types.js';
import type { LiveEventsService } from './live-events.service.js';

/** Comment lines keep proxies and load balancers from closing a quiet stream. */
export const PING_INTERVAL_MS = 25_000;
/** How long EventSource waits before reconnecting after the stream drops. */
const RETRY_MS = 5_000;
/** A client this far behind is not reading; dropping it lets EventSource reconnect fresh. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

/**
 * `GET /api/events`: Server-Sent Events for the signed-in user (who hears what is
 * LiveEventsService's call).
 */
export function registerLiveEventRoutes(app: KefuFastify, live: LiveEventsService): void {
  const open = new Set<() => void>();

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
      const unsubscribe = live.subscribe((published) => {
        delivered = delivered
          .then(async () => {
            if (!closed && (await live.concerns(actor, published))) send(`data: ${JSON.stringify(published.event)}\n\n`);
          })
          .catch((error: unknown) => request.log.warn({ err: error }, 'live event not delivered'));
      });
      // A signed-out or disabled user's stream ends at the next ping; reconnecting then fails.
      const ping = setInterval(() => {
        live
          .credentialLive(actor)
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
