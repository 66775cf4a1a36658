import type { Kysely } from 'kysely';
import type { Locale, OrganizationSettings } from '@kefu/contracts';
import type { Database } from '../../db/schema.js';
import type { Actor, RequestOrigin } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { notFound } from '../../platform/errors.js';
import { performedBy, type AuditService } from '../audit/audit.service.js';
import { organizationRepository } from './organization.repository.js';

export interface SettingsService {
  get(): Promise<OrganizationSettings>;
  update(actor: Actor, changes: Partial<OrganizationSettings>, origin: RequestOrigin): Promise<OrganizationSettings>;
}

export function createSettingsService(deps: { db: Kysely<Database>; clock: Clock; audit: AuditService }): SettingsService {
  const { db, clock, audit } = deps;

  async function get(): Promise<OrganizationSettings> {
    const row = await organizationRepository.get(db);
    if (!row) throw notFound();
    return { name: row.name, timeZone: row.time_zone, defaultLocale: row.default_locale as Locale };
  }

  return {
    get,
    async update(actor, changes, origin) {
      const before = await get();
      await db.transaction().execute(async (trx) => {
        await organizationRepository.update(
          trx,
          { name: changes.name, time_zone: changes.timeZone, default_locale: changes.defaultLocale },
          clock.now(),
        );
        await audit.record(trx, {
          action: 'settings.updated',
          outcome: 'success',
          ...performedBy(actor, origin),
          target: { type: 'organization', id: 1 },
          details: { before, after: { ...before, ...changes } },
        });
      });
      return get();
    },
  };
}
