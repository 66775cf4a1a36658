import type { Kysely } from 'kysely';
import type { Availability, AvailabilityStatus, WorkOrder, WorkOrderStatus, assignSchema, availabilityUpdateSchema, bulkActionSchema, bulkResultSchema } from '@kefu/contracts';
import type { z } from 'zod';
import type { DbDialect } from '../../db/database.js';
import type { Executor } from '../../db/executor.js';
import type { Database, WorkOrderRow } from '../../db/schema.js';
import type { Actor, RequestOrigin } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, conflict, forbidden, notFound, unprocessable } from '../../platform/errors.js';
import type { Translator } from '../../platform/i18n.js';
import { reachesDepartmentPath } from '../../platform/scope.js';
import { performedBy, type AuditService } from '../audit/audit.service.js';
import type { WorkOrderCategoriesService } from './categories.service.js';
import { FINAL } from './state-machine.js';
import { assignmentRepository, type AgentState } from './assignment.repository.js';
import { workOrderPolicy } from './work-orders.policy.js';
import { workOrdersRepository } from './work-orders.repository.js';
import type { EffectsRecorder, WorkOrdersService } from './work-orders.service.js';

type AssignInput = z.output<typeof assignSchema>;
type AvailabilityUpdate = z.output<typeof availabilityUpdateSchema>;
type BulkInput = z.output<typeof bulkActionSchema>;
type BulkResult = z.infer<typeof bulkResultSchema>;

/**
 * Where agents' availability comes from. Today agents (and supervisors) set it; the shift
 * roster (WFM) will implement this same interface, so assignment does not change when it does.
 */
export interface AvailabilitySource {
  agents(ex: Executor, departmentIds: readonly number[] | null): Promise<AgentState[]>;
}

export const selfReportedAvailability: AvailabilitySource = { agents: assignmentRepository.agents };

export interface AssignmentService {
  board(actor: Actor, departmentId: number | undefined): Promise<Availability[]>;
  setAvailability(actor: Actor, userId: number, input: AvailabilityUpdate): Promise<Availability>;
  assign(actor: Actor, orderId: number, input: AssignInput): Promise<WorkOrder>;
  bulk(actor: Actor, input: BulkInput, origin: RequestOrigin): Promise<BulkResult>;
}

/** Picks the next agent: round-robin after the last one picked, or the least loaded (lowest id on ties). */
export function pickAgent(candidates: readonly AgentState[], mode: 'round_robin' | 'least_loaded', lastPicked: number): AgentState | undefined {
  const sorted = [...candidates].sort((a, b) => a.userId - b.userId);
  if (mode === 'round_robin') return sorted.find((agent) => agent.userId > lastPicked) ?? sorted[0];
  return sorted.reduce<AgentState | undefined>((best, agent) => (best === undefined || agent.load < best.load ? agent : best), undefined);
}

export function createAssignmentService(deps: {
  db: Kysely<Database>;
  dialect: DbDialect;
  clock: Clock;
  audit: AuditService;
  i18n: Translator;
  orders: WorkOrdersService;
  categories: WorkOrderCategoriesService;
  availability?: AvailabilitySource;
}): AssignmentService {
  const { db, dialect, clock, audit, i18n, orders, categories } = deps;
  const source = deps.availability ?? selfReportedAvailability;

  /** Reads the default inside the caller's transaction: SQLite has one connection, so a read beside it would wait forever. */
  async function capacityOf(ex: Executor, agent: AgentState): Promise<number> {
    return agent.capacity ?? (await categories.settings(ex)).defaultAgentCapacity;
  }

  async function toAvailability(ex: Executor, agents: readonly AgentState[]): Promise<Availability[]> {
    const names = await workOrdersRepository.departmentNames(
      ex,
      agents.map((agent) => agent.departmentId).filter((id): id is number => id !== null),
    );
    const { defaultAgentCapacity } = await categories.settings(ex);
    return agents.map((agent) => ({
      userId: agent.userId,
      name: agent.name,
      department: agent.departmentId === null ? null : { id: agent.departmentId, name: names.get(agent.departmentId) ?? '' },
      status: agent.status,
      capacity: agent.capacity ?? defaultAgentCapacity,
      load: agent.load,
      updatedAt: agent.updatedAt,
    }));
  }

  /** Departments whose agents the caller may see: their reach, narrowed to one team on request. */
  async function boardDepartments(ex: Executor, actor: Actor, departmentId: number | undefined): Promise<number[] | null> {
    const reach = await workOrderPolicy.reachOf(ex, actor);
    if (departmentId === undefined) return reach.everything ? null : [...reach.departmentIds];
    const department = await workOrdersRepository.department(ex, departmentId);
    if (!department) throw unprocessable('work_order.department_invalid');
    const subtree = await workOrdersRepository.departmentIdsUnder(ex, department.path, true);
    return reach.everything ? subtree : subtree.filter((id) => reach.departmentIds.includes(id));
  }

  async function assignIn(trx: Executor, effects: EffectsRecorder, actor: Actor, order: WorkOrderRow, input: AssignInput): Promise<WorkOrderRow> {
    if (FINAL.includes(order.status as WorkOrderStatus) || order.status === 'suspended') {
      throw conflict('work_order.illegal_transition', { status: order.status, action: 'assign' });
    }
    const steps = await workOrdersRepository.steps(trx, order.id);
    const supervisor = workOrderPolicy.isSupervisor(actor);
    let chosen: { userId: number; name: string; departmentId: number | null };
    if (input.mode === 'manual') {
      // Agents may take an order themselves; handing it to someone else is a supervisor's call.
      if (!supervisor && !(input.userId === actor.userId && workOrderPolicy.isParty(actor, order, steps))) throw forbidden('work_order.not_a_party');
      const user = await workOrdersRepository.activeUser(trx, input.userId);
      // A supervisor hands work only to people within their own reach.
      if (!user || !reachesDepartmentPath(actor, user.department_path)) throw unprocessable('work_order.user_invalid');
      chosen = { userId: user.id, name: user.display_name, departmentId: user.department_id };
    } else {
      if (!supervisor && !workOrderPolicy.isParty(actor, order, steps)) throw forbidden('work_order.not_a_party');
      const departmentId = input.departmentId ?? order.department_id ?? actor.departmentId;
      if (departmentId === null) throw unprocessable('work_order.no_available_agent');
      // Another team than the order's own must exist and be within the caller's reach.
      if (departmentId !== order.department_id) {
        const department = await workOrdersRepository.department(trx, departmentId);
        if (!department || !reachesDepartmentPath(actor, department.path)) throw unprocessable('work_order.department_invalid');
      }
      const agents = await source.agents(trx, [departmentId]);
      const eligible: AgentState[] = [];
      for (const agent of agents) {
        if (agent.status === 'online' && agent.load < (await capacityOf(trx, agent))) eligible.push(agent);
      }
      const last = input.mode === 'round_robin' ? await assignmentRepository.lockCursor(trx, dialect === 'postgres', departmentId) : 0;
      const agent = pickAgent(eligible, input.mode, last);
      if (!agent) throw unprocessable('work_order.no_available_agent');
      if (input.mode === 'round_robin') await assignmentRepository.moveCursor(trx, departmentId, agent.userId);
      chosen = { userId: agent.userId, name: agent.name, departmentId: agent.departmentId ?? departmentId };
    }
    const now = clock.now();
    const next: WorkOrderRow = { ...order, handler_id: chosen.userId, department_id: chosen.departmentId ?? order.department_id, updated_at: now, last_activity_at: now };
    await workOrdersRepository.update(trx, order.id, {
      handler_id: next.handler_id,
      department_id: next.department_id,
      updated_at: now,
      last_activity_at: now,
    });
    await orders.recordEvent(trx, actor, next, 'assigned', { mode: input.mode, userId: chosen.userId, name: chosen.name, previous: order.handler_id });
    if (chosen.userId !== actor.userId) {
      await effects.notify(trx, [{ userId: chosen.userId, kind: 'work_order.assigned', workOrderId: order.id, actorId: actor.userId, data: { number: order.number } }]);
    }
    effects.changed(order);
    effects.changed(next);
    return next;
  }

  return {
    async board(actor, departmentId) {
      const departments = await boardDepartments(db, actor, departmentId);
      return toAvailability(db, await source.agents(db, departments));
    },

    async setAvailability(actor, userId, input) {
      if (userId !== actor.userId) {
        if (!workOrderPolicy.isSupervisor(actor)) throw forbidden();
        const user = await workOrdersRepository.activeUser(db, userId);
        // Someone outside the supervisor's reach is "not found", like any other record.
        if (!user || !reachesDepartmentPath(actor, user.department_path)) throw notFound();
      }
      await assignmentRepository.setAvailability(db, userId, { status: input.status as AvailabilityStatus | undefined, capacity: input.capacity }, clock.now());
      const agents = await assignmentRepository.agents(db, null);
      const agent = agents.find((candidate) => candidate.userId === userId);
      if (!agent) throw notFound();
      return (await toAvailability(db, [agent]))[0]!;
    },

    async assign(actor, orderId, input) {
      const row = await orders.inTransaction(async (trx, effects) => {
        const order = await orders.loadVisible(trx, actor, orderId, { forUpdate: true });
        return assignIn(trx, effects, actor, order, input);
      });
      return orders.present(actor, row);
    },

    async bulk(actor, input, origin) {
      const succeeded: number[] = [];
      const failed: BulkResult['failed'] = [];
      // Each order on its own: one refusal does not undo the others.
      for (const id of [...new Set(input.ids)]) {
        try {
          if (input.operation.kind === 'assign') {
            const operation = input.operation;
            await orders.inTransaction(async (trx, effects) => {
              const order = await orders.loadVisible(trx, actor, id, { forUpdate: true });
              await assignIn(trx, effects, actor, order, { mode: 'manual', userId: operation.userId });
            });
          } else {
            await orders.transition(actor, id, input.operation.transition);
          }
          succeeded.push(id);
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          failed.push({ id, code: error.code, message: i18n.t(actor.locale, `errors.${error.code}`, error.params) });
        }
      }
      if (succeeded.length > 0) {
        await audit.record(db, {
          action: 'work_order.bulk_changed',
          outcome: 'success',
          ...performedBy(actor, origin),
          target: { type: 'work_order', id: succeeded.join(',') },
          details: { operation: input.operation, succeeded, failed: failed.map((failure) => ({ id: failure.id, code: failure.code })) },
        });
      }
      return { succeeded, failed };
    },
  };
}
