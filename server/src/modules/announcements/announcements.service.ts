import type { Kysely } from 'kysely';
import type { Announcement, AnnouncementKind, AnnouncementReceipts, announcementInputSchema } from '@kefu/contracts';
import type { z } from 'zod';
import type { Executor } from '../../db/executor.js';
import type { Database } from '../../db/schema.js';
import type { AnnouncementRow } from '../../db/schema-knowledge.js';
import type { Actor, RequestOrigin } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { conflict, notFound, unprocessable } from '../../platform/errors.js';
import { departmentReach } from '../../platform/scope.js';
import { performedBy, type AuditService } from '../audit/audit.service.js';
import { sanitizeArticleHtml } from '../knowledge/article-html.js';
import { announcementsRepository, type Addressee } from './announcements.repository.js';

type AnnouncementInput = z.output<typeof announcementInputSchema>;

export interface AnnouncementsService {
  publish(actor: Actor, input: AnnouncementInput, origin: RequestOrigin): Promise<Announcement>;
  withdraw(actor: Actor, id: number, origin: RequestOrigin): Promise<Announcement>;
  /** Current announcements addressed to the caller, with their read state. */
  mine(actor: Actor, limit: number, offset: number): Promise<{ items: Announcement[]; total: number }>;
  /** Everything published, for publishers. */
  managed(actor: Actor, limit: number, offset: number): Promise<{ items: Announcement[]; total: number }>;
  /** Must-read announcements the caller has not acknowledged yet (shown at login until they are). */
  unacknowledged(actor: Actor): Promise<Announcement[]>;
  /** Opens one: marks it read for the caller. */
  open(actor: Actor, id: number): Promise<Announcement>;
  acknowledge(actor: Actor, id: number): Promise<Announcement>;
  receipts(actor: Actor, id: number): Promise<AnnouncementReceipts>;
}

export function createAnnouncementsService(deps: { db: Kysely<Database>; clock: Clock; audit: AuditService }): AnnouncementsService {
  const { db, clock, audit } = deps;

  async function addressee(ex: Executor, actor: Actor): Promise<Addressee> {
    return { userId: actor.userId, departmentPath: actor.departmentPath, roleIds: await announcementsRepository.roleIdsOf(ex, actor.userId) };
  }

  async function present(ex: Executor, rows: ReadonlyArray<AnnouncementRow & { read_at?: number | null; acknowledged_at?: number | null }>): Promise<Announcement[]> {
    const targets = await announcementsRepository.targetsOf(ex, rows.map((row) => row.id));
    return rows.map((row) => ({
      id: row.id,
      title: row.title,
      bodyHtml: row.body_html,
      kind: row.kind as AnnouncementKind,
      mustRead: row.must_read === 1,
      validFrom: row.valid_from,
      validUntil: row.valid_until,
      departmentIds: targets.get(row.id)!.departmentIds,
      roleIds: targets.get(row.id)!.roleIds,
      publishedBy: row.published_by_name,
      publishedAt: row.published_at,
      withdrawnAt: row.withdrawn_at,
      readAt: row.read_at ?? null,
      acknowledgedAt: row.acknowledged_at ?? null,
    }));
  }

  /** Addressed to the caller and current, or 404. */
  async function loadAddressed(ex: Executor, actor: Actor, id: number) {
    const [row] = await announcementsRepository.addressedTo(ex, await addressee(ex, actor), clock.now(), { id, limit: 1, offset: 0 });
    if (!row) throw notFound();
    return row;
  }

  return {
    async publish(actor, input, origin) {
      const now = clock.now();
      const validFrom = input.validFrom ?? now;
      if (input.validUntil !== null && input.validUntil <= validFrom) throw unprocessable('announcement.validity_invalid');
      return db.transaction().execute(async (trx) => {
        const departmentIds = [...new Set(input.departmentIds)];
        const roleIds = [...new Set(input.roleIds)];
        const [departments, roles] = await Promise.all([
          departmentIds.length ? trx.selectFrom('department').select('id').where('id', 'in', departmentIds).execute() : [],
          roleIds.length ? trx.selectFrom('role').select('id').where('id', 'in', roleIds).execute() : [],
        ]);
        if (departments.length !== departmentIds.length || roles.length !== roleIds.length) throw unprocessable('announcement.target_invalid');
        const id = await announcementsRepository.insert(trx, {
          title: input.title,
          body_html: sanitizeArticleHtml(input.bodyHtml),
          kind: input.kind,
          must_read: input.mustRead ? 1 : 0,
          valid_from: validFrom,
          valid_until: input.validUntil,
          published_by: actor.userId,
          published_by_name: actor.displayName,
          published_at: now,
          withdrawn_at: null,
        });
        await announcementsRepository.addTargets(trx, id, [
          ...departmentIds.map((target) => ({ type: 'department' as const, id: target })),
          ...roleIds.map((target) => ({ type: 'role' as const, id: target })),
        ]);
        // The publisher has read what they wrote: no must-read of their own, and the receipts say so.
        await announcementsRepository.acknowledge(trx, id, actor.userId, now);
        await audit.record(trx, {
          action: 'announcement.published',
          outcome: 'success',
          ...performedBy(actor, origin),
          target: { type: 'announcement', id },
          details: { title: input.title, mustRead: input.mustRead, departmentIds, roleIds },
        });
        const [presented] = await present(trx, [(await announcementsRepository.find(trx, id))!]);
        return presented!;
      });
    },

    async withdraw(actor, id, origin) {
      return db.transaction().execute(async (trx) => {
        const row = await announcementsRepository.find(trx, id);
        if (!row) throw notFound();
        if (row.withdrawn_at !== null) throw conflict('announcement.withdrawn');
        await announcementsRepository.withdraw(trx, id, clock.now());
        await audit.record(trx, { action: 'announcement.withdrawn', outcome: 'success', ...performedBy(actor, origin), target: { type: 'announcement', id }, details: { title: row.title } });
        const [presented] = await present(trx, [(await announcementsRepository.find(trx, id))!]);
        return presented!;
      });
    },

    async mine(actor, limit, offset) {
      const who = await addressee(db, actor);
      const now = clock.now();
      const [rows, total] = await Promise.all([
        announcementsRepository.addressedTo(db, who, now, { limit, offset }),
        announcementsRepository.countAddressedTo(db, who, now),
      ]);
      return { items: await present(db, rows), total };
    },

    async managed(_actor, limit, offset) {
      const { rows, total } = await announcementsRepository.all(db, limit, offset);
      return { items: await present(db, rows), total };
    },

    async unacknowledged(actor) {
      const rows = await announcementsRepository.addressedTo(db, await addressee(db, actor), clock.now(), { mustReadUnacknowledged: true, limit: 50, offset: 0 });
      return present(db, rows);
    },

    async open(actor, id) {
      return db.transaction().execute(async (trx) => {
        await loadAddressed(trx, actor, id);
        await announcementsRepository.markRead(trx, id, actor.userId, clock.now());
        const [presented] = await present(trx, [await loadAddressed(trx, actor, id)]);
        return presented!;
      });
    },

    async acknowledge(actor, id) {
      return db.transaction().execute(async (trx) => {
        await loadAddressed(trx, actor, id);
        await announcementsRepository.acknowledge(trx, id, actor.userId, clock.now());
        const [presented] = await present(trx, [await loadAddressed(trx, actor, id)]);
        return presented!;
      });
    },

    async receipts(actor, id) {
      const row = await announcementsRepository.find(db, id);
      if (!row) throw notFound();
      const recipients = await announcementsRepository.recipients(db, id, departmentReach(actor));
      return {
        targeted: recipients.length,
        read: recipients.filter((recipient) => recipient.read_at !== null).length,
        acknowledged: recipients.filter((recipient) => recipient.acknowledged_at !== null).length,
        items: recipients.map((recipient) => ({
          userId: Number(recipient.id),
          name: recipient.display_name,
          username: recipient.username,
          departmentName: recipient.department_name,
          readAt: recipient.read_at,
          acknowledgedAt: recipient.acknowledged_at,
        })),
      };
    },
  };
}
