import type { Kysely } from 'kysely';
import {
  type userCreateSchema,
  type Locale,
  type User,
  type UserListQuery,
  type userUpdateSchema,
} from '@kefu/contracts';
import type { z } from 'zod';
import type { Executor } from '../../db/executor.js';
import type { Database } from '../../db/schema.js';
import type { Actor, RequestOrigin } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { conflict, notFound, unprocessable } from '../../platform/errors.js';
import { hashPassword } from '../../platform/passwords.js';
import { departmentReach, reachesDepartmentPath } from '../../platform/scope.js';
import { DEFAULT_LOCALE, type Translator } from '../../platform/i18n.js';
import { performedBy, type AuditService } from '../audit/audit.service.js';
import { sessionRepository } from '../auth/identity.repository.js';
import { departmentsRepository } from '../departments/departments.repository.js';
import { ADMINISTRATOR_ROLE } from '../roles/roles.service.js';
import { rolesRepository } from '../roles/roles.repository.js';
import { organizationRepository } from '../settings/organization.repository.js';
import { usersRepository, type UserReach } from './users.repository.js';

type UserCreateInput = z.output<typeof userCreateSchema>;
type UserUpdateInput = z.output<typeof userUpdateSchema>;

export interface UsersService {
  list(actor: Actor, query: UserListQuery): Promise<{ items: User[]; total: number }>;
  get(actor: Actor, id: number): Promise<User>;
  create(actor: Actor, input: UserCreateInput, origin: RequestOrigin): Promise<User>;
  update(actor: Actor, id: number, input: UserUpdateInput, origin: RequestOrigin): Promise<User>;
  resetPassword(actor: Actor, id: number, password: string, origin: RequestOrigin): Promise<void>;
  unlock(actor: Actor, id: number, origin: RequestOrigin): Promise<User>;
}

export function createUsersService(deps: { db: Kysely<Database>; clock: Clock; audit: AuditService; i18n: Translator }): UsersService {
  const { db, clock, audit, i18n } = deps;

  function reachOf(actor: Actor): UserReach {
    return actor.dataScope === 'self'
      ? { departmentPath: null, onlyUserId: actor.userId }
      : { departmentPath: departmentReach(actor) };
  }

  async function toUsers(ex: Executor, rows: Awaited<ReturnType<typeof usersRepository.findWithDepartment>>[]): Promise<User[]> {
    const present = rows.filter((row) => row !== undefined);
    const roleIds = await usersRepository.roleIdsOf(ex, present.map((row) => row.id));
    return present.map((row) => ({
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      email: row.email,
      phone: row.phone,
      departmentId: row.department_id,
      departmentName: row.department_name ?? null,
      status: row.status as User['status'],
      locale: row.locale as Locale,
      roleIds: roleIds.get(row.id) ?? [],
      lockedUntil: row.locked_until !== null && row.locked_until > clock.now() ? row.locked_until : null,
      lastLoginAt: row.last_login_at,
      createdAt: row.created_at,
    }));
  }

  /** The user, if the actor's reach covers them; otherwise "not found" (never "forbidden"). */
  async function reachableUser(ex: Executor, actor: Actor, id: number) {
    const row = await usersRepository.findWithDepartment(ex, id);
    if (!row) throw notFound();
    const reachable = actor.dataScope === 'self' ? row.id === actor.userId : reachesDepartmentPath(actor, row.department_path ?? null);
    if (!reachable) throw notFound();
    return row;
  }

  async function assertDepartmentReachable(ex: Executor, actor: Actor, departmentId: number | null) {
    if (departmentId === null) {
      if (departmentReach(actor) !== null) throw unprocessable('user.unknown_department');
      return;
    }
    const department = await departmentsRepository.findById(ex, departmentId);
    if (!department || !reachesDepartmentPath(actor, department.path)) throw unprocessable('user.unknown_department');
  }

  /** The first of these roles that reaches further than the actor does, if any. */
  async function roleBeyondActor(ex: Executor, actor: Actor, roleIds: readonly number[]) {
    const roles = await rolesRepository.findByIds(ex, [...new Set(roleIds)]);
    if (roles.length !== new Set(roleIds).size) throw unprocessable('user.unknown_role');
    const permissions = await rolesRepository.permissionsByRole(ex, roles.map((role) => role.id));
    return roles.find(
      (role) =>
        (permissions.get(role.id) ?? []).some((permission) => !actor.permissions.has(permission as never)) ||
        scopeRank(role.data_scope) > scopeRank(actor.dataScope),
    );
  }

  function roleLabel(actor: Actor, role: { builtin: number; code: string; name: string }) {
    return role.builtin ? i18n.t(actor.locale, `roles.${role.code}.name`) : role.name;
  }

  /** Nobody hands out a role that can do more than they can: no privilege escalation through user admin. */
  async function assertRolesGrantable(ex: Executor, actor: Actor, roleIds: readonly number[]) {
    const beyond = await roleBeyondActor(ex, actor, roleIds);
    if (beyond) throw unprocessable('user.role_not_grantable', { role: roleLabel(actor, beyond) });
  }

  /**
   * Nor does anyone change the account of someone who can do more than they can: resetting
   * an administrator's password, or disabling them, would be escalation by other means.
   */
  async function assertNotOutranked(ex: Executor, actor: Actor, userId: number) {
    if (userId === actor.userId) return;
    const beyond = await roleBeyondActor(ex, actor, (await usersRepository.roleIdsOf(ex, [userId])).get(userId) ?? []);
    if (beyond) throw unprocessable('user.outranks_actor', { role: roleLabel(actor, beyond) });
  }

  /** The organisation always keeps one active administrator. */
  async function assertAdministratorRemains(ex: Executor, userId: number, losesAdministrator: boolean) {
    if (!losesAdministrator) return;
    const administrator = await rolesRepository.findByCode(ex, ADMINISTRATOR_ROLE);
    if (administrator && (await usersRepository.countActiveHolders(ex, administrator.id, userId)) === 0) {
      throw conflict('user.last_administrator');
    }
  }

  async function isActiveAdministrator(ex: Executor, userId: number, status: string) {
    if (status !== 'active') return false;
    const administrator = await rolesRepository.findByCode(ex, ADMINISTRATOR_ROLE);
    const roleIds = (await usersRepository.roleIdsOf(ex, [userId])).get(userId) ?? [];
    return administrator !== undefined && roleIds.includes(administrator.id);
  }

  async function one(actor: Actor, id: number): Promise<User> {
    const [user] = await toUsers(db, [await reachableUser(db, actor, id)]);
    return user!;
  }

  return {
    async list(actor, query) {
      const { items, total } = await usersRepository.page(db, query, reachOf(actor));
      return { items: await toUsers(db, items), total };
    },

    get: one,

    async create(actor, input, origin) {
      const username = input.username.toLowerCase();
      const passwordHash = await hashPassword(input.password);
      const now = clock.now();
      const id = await db.transaction().execute(async (trx) => {
        if (await usersRepository.findByUsername(trx, username)) throw conflict('user.username_taken', { username });
        await assertDepartmentReachable(trx, actor, input.departmentId);
        await assertRolesGrantable(trx, actor, input.roleIds);
        const userId = await usersRepository.insert(
          trx,
          {
            username,
            displayName: input.displayName,
            email: input.email,
            phone: input.phone,
            passwordHash,
            departmentId: input.departmentId,
            locale: input.locale ?? (await organizationRepository.get(trx))?.default_locale ?? DEFAULT_LOCALE,
          },
          now,
        );
        await usersRepository.setRoles(trx, userId, [...new Set(input.roleIds)]);
        await audit.record(trx, {
          action: 'user.created',
          outcome: 'success',
          ...performedBy(actor, origin),
          target: { type: 'user', id: userId },
          details: { username, departmentId: input.departmentId, roleIds: input.roleIds },
        });
        return userId;
      });
      return one(actor, id);
    },

    async update(actor, id, input, origin) {
      await db.transaction().execute(async (trx) => {
        const current = await reachableUser(trx, actor, id);
        await assertNotOutranked(trx, actor, id);
        if (input.status === 'disabled' && id === actor.userId) throw unprocessable('user.cannot_disable_self');
        if (input.departmentId !== undefined && input.departmentId !== current.department_id) {
          await assertDepartmentReachable(trx, actor, input.departmentId);
        }
        const beforeRoles = (await usersRepository.roleIdsOf(trx, [id])).get(id) ?? [];
        if (input.roleIds) {
          const added = input.roleIds.filter((roleId) => !beforeRoles.includes(roleId));
          await assertRolesGrantable(trx, actor, added);
        }
        const wasAdministrator = await isActiveAdministrator(trx, id, current.status);
        if (input.roleIds) await usersRepository.setRoles(trx, id, [...new Set(input.roleIds)]);
        const now = clock.now();
        await usersRepository.update(trx, id, {
          display_name: input.displayName,
          email: input.email,
          phone: input.phone,
          department_id: input.departmentId,
          status: input.status,
          locale: input.locale,
          updated_at: now,
        });
        if (wasAdministrator) {
          await assertAdministratorRemains(trx, id, !(await isActiveAdministrator(trx, id, input.status ?? current.status)));
        }
        if (input.status === 'disabled' && current.status !== 'disabled') await sessionRepository.revokeAllForUser(trx, id, now);
        await audit.record(trx, {
          action: 'user.updated',
          outcome: 'success',
          ...performedBy(actor, origin),
          target: { type: 'user', id },
          details: changedFields(current, input, beforeRoles),
        });
      });
      return one(actor, id);
    },

    async resetPassword(actor, id, password, origin) {
      await reachableUser(db, actor, id);
      await assertNotOutranked(db, actor, id);
      const passwordHash = await hashPassword(password);
      await db.transaction().execute(async (trx) => {
        const now = clock.now();
        await usersRepository.update(trx, id, {
          password_hash: passwordHash,
          password_changed_at: now,
          failed_login_count: 0,
          locked_until: null,
          updated_at: now,
        });
        await sessionRepository.revokeAllForUser(trx, id, now);
        await audit.record(trx, { action: 'user.password_reset', outcome: 'success', ...performedBy(actor, origin), target: { type: 'user', id } });
      });
    },

    async unlock(actor, id, origin) {
      await db.transaction().execute(async (trx) => {
        await reachableUser(trx, actor, id);
        await assertNotOutranked(trx, actor, id);
        await usersRepository.update(trx, id, { failed_login_count: 0, locked_until: null, updated_at: clock.now() });
        await audit.record(trx, { action: 'user.unlocked', outcome: 'success', ...performedBy(actor, origin), target: { type: 'user', id } });
      });
      return one(actor, id);
    },
  };
}

function scopeRank(scope: string): number {
  return ['self', 'department', 'all'].indexOf(scope);
}

function changedFields(
  current: { display_name: string; email: string | null; phone: string | null; department_id: number | null; status: string; locale: string },
  input: UserUpdateInput,
  beforeRoles: number[],
): Record<string, unknown> {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  const compare = (field: string, before: unknown, after: unknown) => {
    if (after !== undefined && JSON.stringify(before) !== JSON.stringify(after)) changes[field] = { before, after };
  };
  compare('displayName', current.display_name, input.displayName);
  compare('email', current.email, input.email);
  compare('phone', current.phone, input.phone);
  compare('departmentId', current.department_id, input.departmentId);
  compare('status', current.status, input.status);
  compare('locale', current.locale, input.locale);
  compare('roleIds', beforeRoles, input.roleIds ? [...new Set(input.roleIds)].sort((a, b) => a - b) : undefined);
  return changes;
}
