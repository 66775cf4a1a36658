import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Clock } from '../clock.js';
import { AppError, conflict } from '../errors.js';
import { sha256Hex } from '../secrets.js';
import { idempotencyRepository } from './idempotency.repository.js';

/** How long a remembered response can be replayed. */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;
const HEADER = 'idempotency-key';
/** Expired keys are pruned at most this often per node: a write per request cost every intake a commit. */
const PRUNE_INTERVAL_MS = 60_000;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route replays its first successful response to a retry with the same Idempotency-Key. */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    idempotency: { principal: string; key: string } | null;
  }
}

/**
 * House rule 6. A retried write carrying the same `Idempotency-Key` gets the first
 * response again (header `idempotent-replayed: true`) instead of a second effect; the same
 * key with a different body is refused, and a retry racing the first request gets 409.
 * Failed requests release the key so the client can try again.
 */
export function installIdempotency(app: FastifyInstance, deps: { db: Kysely<Database>; clock: Clock }): void {
  const { db, clock } = deps;
  app.decorateRequest('idempotency', null);
  let nextPruneAt = 0;

  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers[HEADER];
    if (!request.routeOptions.config?.idempotent || typeof key !== 'string' || !request.actor) return;
    if (key.length < 8 || key.length > 128) throw new AppError('idempotency.invalid_key', 400);
    const principal = principalOf(request);
    const route = `${request.method} ${request.routeOptions.url}`;
    const requestHash = sha256Hex(`${route}\n${request.url}\n${JSON.stringify(request.body ?? null)}`);

    const now = clock.now();
    if (now >= nextPruneAt) {
      nextPruneAt = now + PRUNE_INTERVAL_MS;
      await idempotencyRepository.deleteOlderThan(db, now - IDEMPOTENCY_TTL_MS);
    }
    const row = { principal, key, route, request_hash: requestHash, created_at: now };
    let previous = (await idempotencyRepository.claim(db, row)) ? null : await idempotencyRepository.find(db, principal, key);
    // A key past its day that the periodic prune has not reached yet is as good as gone.
    if (previous && previous.created_at <= now - IDEMPOTENCY_TTL_MS) {
      await idempotencyRepository.release(db, principal, key);
      previous = (await idempotencyRepository.claim(db, row)) ? null : await idempotencyRepository.find(db, principal, key);
    }
    if (previous === null) {
      request.idempotency = { principal, key };
      return;
    }
    if (!previous || previous.request_hash !== requestHash) throw new AppError('idempotency.key_reused', 422);
    if (previous.status_code === null || previous.response_body === null) throw conflict('idempotency.in_progress');
    return reply
      .status(previous.status_code)
      .header('idempotent-replayed', 'true')
      .type('application/json; charset=utf-8')
      .send(previous.response_body);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotency;
    if (!claim) return payload;
    request.idempotency = null;
    if (reply.statusCode >= 200 && reply.statusCode < 300 && typeof payload === 'string') {
      await idempotencyRepository.complete(db, claim.principal, claim.key, reply.statusCode, payload);
    } else {
      await idempotencyRepository.release(db, claim.principal, claim.key);
    }
    return payload;
  });
}

function principalOf(request: FastifyRequest): string {
  const via = request.actor!.via;
  return via.kind === 'api_token' ? `token:${via.tokenId}` : `user:${request.actor!.userId}`;
}
