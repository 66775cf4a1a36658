import type { Kysely } from 'kysely';
import { PERMISSIONS, isPermission, type DataScope, type Locale, type Permission, type Role, type RoleCreate, type RoleUpdate } from '@kefu/contracts';
import type { Database } from '../../db/schema.js';
import type { Actor, RequestOrigin } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { conflict, notFound } from '../../platform/errors.js';
import type { Translator } from '../../platform/i18n.js';
import { performedBy, type AuditService } from '../audit/audit.service.js';
import { rolesRepository } from './roles.repository.js';

/** The administrator role always holds every permission, so nobody can lock the organisation out. */
export const ADMINISTRATOR_ROLE = 'administrator';

export interface RolesService {
  list(actor: Actor): Promise<Role[]>;
  create(actor: Actor, input: RoleCreate, origin: RequestOrigin): Promise<Role>;
  update(actor: Actor, id: number, input: RoleUpdate, origin: RequestOrigin): Promise<Role>;
  remove(actor: Actor, id: number, origin: RequestOrigin): Promise<void>;
}

export function createRolesService(deps: { db: Kysely<Database>; clock: Clock; audit: AuditService; i18n: Translator }): RolesService {
  const { db, clock, audit, i18n } = deps;

  function displayName(role: { code: string; name: string; builtin: number }, locale: Locale) {
    return role.builtin ? i18n.t(locale, `roles.${role.code}.name`) : role.name;
  }
  function displayDescription(role: { code: string; description: string; builtin: number }, locale: Locale) {
    return role.builtin ? i18n.t(locale, `roles.${role.code}.description`) : role.description;
  }

  async function list(actor: Actor): Promise<Role[]> {
    const [rows, permissions] = await Promise.all([rolesRepository.listWithUserCounts(db), rolesRepository.permissionsByRole(db)]);
    return rows.map((row) => ({
      id: row.id,
      code: row.code,
      name: displayName(row, actor.locale),
      description: displayDescription(row, actor.locale),
      builtin: row.builtin === 1,
      dataScope: row.data_scope as DataScope,
      permissions: (permissions.get(row.id) ?? []).filter(isPermission),
      userCount: Number(row.user_count),
    }));
  }

  async function one(actor: Actor, id: number): Promise<Role> {
    const found = (await list(actor)).find((role) => role.id === id);
    if (!found) throw notFound();
    return found;
  }

  return {
    list,

    async create(actor, input, origin) {
      const id = await db.transaction().execute(async (trx) => {
        if (await rolesRepository.findByCode(trx, input.code)) throw conflict('role.code_taken', { code: input.code });
        const roleId = await rolesRepository.insert(
          trx,
          { code: input.code, name: input.name, description: input.description, data_scope: input.dataScope },
          clock.now(),
        );
        await rolesRepository.replacePermissions(trx, roleId, unique(input.permissions));
        await audit.record(trx, {
          action: 'role.created',
          outcome: 'success',
          ...performedBy(actor, origin),
          target: { type: 'role', id: roleId },
          details: { code: input.code, dataScope: input.dataScope, permissions: unique(input.permissions) },
        });
        return roleId;
      });
      return one(actor, id);
    },

    async update(actor, id, input, origin) {
      await db.transaction().execute(async (trx) => {
        const current = await rolesRepository.findById(trx, id);
        if (!current) throw notFound();
        const before = (await rolesRepository.permissionsByRole(trx, [id])).get(id) ?? [];
        const isAdministrator = current.builtin === 1 && current.code === ADMINISTRATOR_ROLE;
        const permissions = isAdministrator ? [...PERMISSIONS] : unique(input.permissions);
        const dataScope = isAdministrator ? 'all' : input.dataScope;
        // Built-in roles keep their translated names; only their reach and permissions change.
        const texts = current.builtin === 1 ? {} : { name: input.name, description: input.description };
        await rolesRepository.update(trx, id, { ...texts, data_scope: dataScope }, clock.now());
        await rolesRepository.replacePermissions(trx, id, permissions);
        await audit.record(trx, {
          action: 'role.updated',
          outcome: 'success',
          ...performedBy(actor, origin),
          target: { type: 'role', id },
          details: {
            code: current.code,
            dataScope: { before: current.data_scope, after: dataScope },
            granted: permissions.filter((permission) => !before.includes(permission)),
            revoked: before.filter((permission) => !(permissions as string[]).includes(permission)),
          },
        });
      });
      return one(actor, id);
    },

    async remove(actor, id, origin) {
      await db.transaction().execute(async (trx) => {
        const current = await rolesRepository.findById(trx, id);
        if (!current) throw notFound();
        if (current.builtin === 1) throw conflict('role.builtin_immutable');
        const holders = await rolesRepository.userCount(trx, id);
        if (holders > 0) throw conflict('role.in_use', { count: holders });
        await rolesRepository.delete(trx, id);
        await audit.record(trx, {
          action: 'role.deleted',
          outcome: 'success',
          ...performedBy(actor, origin),
          target: { type: 'role', id },
          details: { code: current.code },
        });
      });
    },
  };
}

function unique(permissions: readonly Permission[]): Permission[] {
  return [...new Set(permissions)].sort();
}
