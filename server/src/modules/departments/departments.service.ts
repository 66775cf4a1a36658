import type { Kysely } from 'kysely';
import type { Department, DepartmentInput, DepartmentKind } from '@kefu/contracts';
import type { Executor } from '../../db/executor.js';
import type { Database, DepartmentRow } from '../../db/schema.js';
import type { Actor, RequestOrigin } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { conflict, notFound, unprocessable } from '../../platform/errors.js';
import { departmentReach, reachesDepartmentPath } from '../../platform/scope.js';
import { performedBy, type AuditService } from '../audit/audit.service.js';
import { departmentsRepository } from './departments.repository.js';

export interface DepartmentsService {
  list(actor: Actor): Promise<Department[]>;
  create(actor: Actor, input: DepartmentInput, origin: RequestOrigin): Promise<Department>;
  update(actor: Actor, id: number, input: Partial<DepartmentInput>, origin: RequestOrigin): Promise<Department>;
  remove(actor: Actor, id: number, origin: RequestOrigin): Promise<void>;
}

export function createDepartmentsService(deps: { db: Kysely<Database>; clock: Clock; audit: AuditService }): DepartmentsService {
  const { db, clock, audit } = deps;

  async function listFor(actor: Actor): Promise<Department[]> {
    const reach = departmentReach(actor);
    const rows = await departmentsRepository.listWithMemberCounts(db, reach);
    const visible = actor.dataScope === 'self' ? rows.filter((row) => row.path === reach) : rows;
    return visible.map((row) => ({
      id: row.id,
      parentId: row.parent_id,
      name: row.name,
      kind: row.kind as DepartmentKind,
      sortOrder: row.sort_order,
      memberCount: Number(row.member_count),
    }));
  }

  async function visibleDepartment(actor: Actor, id: number): Promise<DepartmentRow> {
    const row = await departmentsRepository.findById(db, id);
    if (!row || !reachesDepartmentPath(actor, row.path)) throw notFound();
    return row;
  }

  async function toDepartment(actor: Actor, id: number): Promise<Department> {
    const found = (await listFor(actor)).find((department) => department.id === id);
    if (!found) throw notFound();
    return found;
  }

  /**
   * Only administrators with whole-organisation reach may create or move roots.
   * Inside a transaction, pass it: SQLite has one connection, and a query on `db` would wait for it forever.
   */
  async function parentPathFor(ex: Executor, actor: Actor, parentId: number | null): Promise<string> {
    if (parentId === null) {
      if (departmentReach(actor) !== null) throw unprocessable('department.unknown_parent');
      return '/';
    }
    const parent = await departmentsRepository.findById(ex, parentId);
    if (!parent || !reachesDepartmentPath(actor, parent.path)) throw unprocessable('department.unknown_parent');
    return parent.path;
  }

  return {
    list: listFor,

    async create(actor, input, origin) {
      const id = await db.transaction().execute(async (trx) => {
        const parentPath = await parentPathFor(trx, actor, input.parentId);
        if (await departmentsRepository.siblingNamed(trx, input.parentId, input.name)) {
          throw conflict('department.name_taken', { name: input.name });
        }
        const created = await departmentsRepository.insert(
          trx,
          { parent_id: input.parentId, name: input.name, kind: input.kind, sort_order: input.sortOrder, parentPath },
          clock.now(),
        );
        await audit.record(trx, {
          action: 'department.created',
          outcome: 'success',
          ...performedBy(actor, origin),
          target: { type: 'department', id: created.id },
          details: { name: input.name, kind: input.kind, parentId: input.parentId },
        });
        return created.id;
      });
      return toDepartment(actor, id);
    },

    async update(actor, id, input, origin) {
      const current = await visibleDepartment(actor, id);
      const parentId = input.parentId === undefined ? current.parent_id : input.parentId;
      const name = input.name ?? current.name;
      await db.transaction().execute(async (trx) => {
        if (await departmentsRepository.siblingNamed(trx, parentId, name, id)) throw conflict('department.name_taken', { name });
        if (parentId !== current.parent_id) {
          const parentPath = await parentPathFor(trx, actor, parentId);
          if (parentPath.startsWith(current.path)) throw unprocessable('department.cycle');
          await departmentsRepository.movePaths(trx, current.path, `${parentPath}${id}/`);
        }
        await departmentsRepository.update(
          trx,
          id,
          { name, kind: input.kind ?? current.kind, sort_order: input.sortOrder ?? current.sort_order, parent_id: parentId },
          clock.now(),
        );
        await audit.record(trx, {
          action: 'department.updated',
          outcome: 'success',
          ...performedBy(actor, origin),
          target: { type: 'department', id },
          details: { before: { name: current.name, kind: current.kind, parentId: current.parent_id }, after: { name, kind: input.kind ?? current.kind, parentId } },
        });
      });
      return toDepartment(actor, id);
    },

    async remove(actor, id, origin) {
      const current = await visibleDepartment(actor, id);
      await db.transaction().execute(async (trx) => {
        if (await departmentsRepository.hasChildren(trx, id)) throw conflict('department.has_children');
        if (await departmentsRepository.hasMembers(trx, id)) throw conflict('department.has_members');
        await departmentsRepository.delete(trx, id);
        await audit.record(trx, {
          action: 'department.deleted',
          outcome: 'success',
          ...performedBy(actor, origin),
          target: { type: 'department', id },
          details: { name: current.name },
        });
      });
    },
  };
}
