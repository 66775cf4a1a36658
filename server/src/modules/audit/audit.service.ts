import type { AuditAction, AuditEntry, AuditOutcome, AuditQuery, AuditVerification } from '@kefu/contracts';
import type { Kysely } from 'kysely';
import type { DbDialect } from '../../db/database.js';
import type { Executor } from '../../db/executor.js';
import type { AuditLogRow, Database } from '../../db/schema.js';
import { AUDIT_GENESIS_HASH } from '../../db/migrations/0001_foundation.js';
import type { Actor, RequestOrigin } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { sha256Hex } from '../../platform/secrets.js';
import { auditRepository, type NewAuditRow } from './audit.repository.js';

export interface AuditEvent {
  action: AuditAction;
  outcome: AuditOutcome;
  actor?: { id: number; name: string } | null;
  target?: { type: string; id: string | number } | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

/** The actor and origin part of an audit event for a change someone made through the API. */
export function performedBy(actor: Actor, origin: RequestOrigin): Pick<AuditEvent, 'actor' | 'ip'> {
  return { actor: { id: actor.userId, name: actor.username }, ip: origin.ip };
}

export interface AuditService {
  /** Appends inside the caller's transaction, so the entry commits with the change it records. */
  record(ex: Executor, event: AuditEvent): Promise<void>;
  /** Appends in a transaction of its own (events with no surrounding change, such as a denial). */
  recordAlone(event: AuditEvent): Promise<void>;
  page(query: AuditQuery): Promise<{ items: AuditEntry[]; total: number }>;
  verify(): Promise<AuditVerification>;
}

/**
 * The hash covers every field but the surrogate id (identity values may skip after a
 * rollback); the link to the previous hash fixes the order.
 */
export function auditEntryHash(row: Omit<NewAuditRow, 'hash'>): string {
  const canonical = JSON.stringify([
    row.prev_hash,
    row.at,
    row.actor_id,
    row.actor_name,
    row.action,
    row.outcome,
    row.target_type,
    row.target_id,
    row.ip,
    row.details,
  ]);
  return sha256Hex(canonical);
}

export function createAuditService(deps: { db: Kysely<Database>; dialect: DbDialect; clock: Clock }): AuditService {
  const { db, dialect, clock } = deps;

  async function record(ex: Executor, event: AuditEvent): Promise<void> {
    const head = await auditRepository.lockHead(ex, dialect);
    const unhashed: Omit<NewAuditRow, 'hash'> = {
      at: clock.now(),
      actor_id: event.actor?.id ?? null,
      actor_name: event.actor?.name ?? null,
      action: event.action,
      outcome: event.outcome,
      target_type: event.target?.type ?? null,
      target_id: event.target ? String(event.target.id) : null,
      ip: event.ip ?? null,
      details: JSON.stringify(event.details ?? {}),
      prev_hash: head.last_hash,
    };
    await auditRepository.append(ex, { ...unhashed, hash: auditEntryHash(unhashed) });
  }

  return {
    record,
    recordAlone: (event) => db.transaction().execute((trx) => record(trx, event)),

    async page(query) {
      const { items, total } = await auditRepository.page(db, query);
      return { items: items.map(toAuditEntry), total };
    },

    async verify() {
      let expectedPrev = AUDIT_GENESIS_HASH;
      let checked = 0;
      let lastId = 0;
      for await (const batch of auditRepository.inOrder(db)) {
        for (const row of batch) {
          const { id, hash, ...rest } = row;
          if (row.prev_hash !== expectedPrev || auditEntryHash(rest) !== hash) {
            return { ok: false, checked, firstBrokenId: id };
          }
          expectedPrev = hash;
          lastId = id;
          checked += 1;
        }
      }
      // Removing the newest entries leaves a consistent prefix; the head still remembers.
      const head = await auditRepository.head(db);
      if (head.last_hash !== expectedPrev || head.last_id !== lastId) {
        return { ok: false, checked, firstBrokenId: lastId + 1 };
      }
      return { ok: true, checked, firstBrokenId: null };
    },
  };
}

function toAuditEntry(row: AuditLogRow): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action as AuditAction,
    outcome: row.outcome as AuditOutcome,
    targetType: row.target_type,
    targetId: row.target_id,
    ip: row.ip,
    details: JSON.parse(row.details) as Record<string, unknown>,
    hash: row.hash,
  };
}
