import type { Kysely } from 'kysely';
import type { SetupRequest, SetupStatus } from '@kefu/contracts';
import type { Executor } from '../../db/executor.js';
import type { Database } from '../../db/schema.js';
import type { RequestOrigin } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { conflict } from '../../platform/errors.js';
import { hashPassword } from '../../platform/passwords.js';
import type { AuditService } from '../audit/audit.service.js';
import type { AuthService } from '../auth/auth.service.js';
import { ADMINISTRATOR_ROLE } from '../roles/roles.service.js';
import { rolesRepository } from '../roles/roles.repository.js';
import { organizationRepository } from '../settings/organization.repository.js';
import { usersRepository } from '../users/users.repository.js';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
export const ADMIN_USERNAME = 'admin';

export interface SetupService {
  status(): Promise<SetupStatus>;
  /** First run through the web setup page: creates the organisation and its administrator, and signs them in. */
  complete(input: SetupRequest, origin: RequestOrigin): Promise<{ token: string; maxAgeMs: number }>;
  /** First run from the environment (KEFU_ADMIN_PASSWORD): same result, no session. Returns false if already set up. */
  bootstrap(input: { organizationName: string; adminPassword: string }): Promise<boolean>;
}

export function createSetupService(deps: { db: Kysely<Database>; clock: Clock; audit: AuditService; auth: AuthService }): SetupService {
  const { db, clock, audit, auth } = deps;

  async function createOrganization(
    trx: Executor,
    input: { organizationName: string; username: string; displayName: string; passwordHash: string },
    origin: RequestOrigin,
    via: 'web' | 'environment',
  ): Promise<number> {
    const now = clock.now();
    const claimed = await organizationRepository.claimSetup(
      trx,
      { name: input.organizationName, time_zone: DEFAULT_TIME_ZONE, default_locale: 'zh-CN' },
      now,
    );
    if (!claimed) throw conflict('setup.already_done');
    const administrator = await rolesRepository.findByCode(trx, ADMINISTRATOR_ROLE);
    if (!administrator) throw new Error('built-in administrator role is missing; migrations did not run');
    const userId = await usersRepository.insert(
      trx,
      { username: input.username, displayName: input.displayName, email: null, phone: null, passwordHash: input.passwordHash, departmentId: null, locale: 'zh-CN' },
      now,
    );
    await usersRepository.setRoles(trx, userId, [administrator.id]);
    await audit.record(trx, {
      action: 'setup.completed',
      outcome: 'success',
      actor: { id: userId, name: input.username },
      target: { type: 'organization', id: 1 },
      ip: origin.ip,
      details: { organizationName: input.organizationName, via },
    });
    return userId;
  }

  return {
    async status() {
      const organization = await organizationRepository.get(db);
      return { needsSetup: !organization, organizationName: organization?.name ?? null };
    },

    async complete(input, origin) {
      const passwordHash = await hashPassword(input.admin.password);
      return db.transaction().execute(async (trx) => {
        const userId = await createOrganization(
          trx,
          {
            organizationName: input.organizationName,
            username: input.admin.username.toLowerCase(),
            displayName: input.admin.displayName,
            passwordHash,
          },
          origin,
          'web',
        );
        return auth.startSession(trx, userId, origin);
      });
    },

    async bootstrap({ organizationName, adminPassword }) {
      if (await organizationRepository.get(db)) return false;
      const passwordHash = await hashPassword(adminPassword);
      try {
        await db.transaction().execute((trx) =>
          createOrganization(
            trx,
            { organizationName, username: ADMIN_USERNAME, displayName: ADMIN_USERNAME, passwordHash },
            { ip: null, userAgent: null },
            'environment',
          ),
        );
        return true;
      } catch (error) {
        // Another node bootstrapped the same database at the same moment.
        if (error instanceof Error && error.message === 'setup.already_done') return false;
        throw error;
      }
    },
  };
}
