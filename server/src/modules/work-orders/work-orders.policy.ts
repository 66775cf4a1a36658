import type { WorkOrderAction, WorkOrderStatus } from '@kefu/contracts';
import type { Executor } from '../../db/executor.js';
import type { WorkOrderRow, WorkOrderStepRow } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import { departmentReach, widestScope } from '../../platform/scope.js';
import { TRANSITIONS, actionsFrom } from './state-machine.js';
import { ACTIVE_STEP_STATUSES, workOrdersRepository, type OrderReach } from './work-orders.repository.js';

/**
 * Who may see and do what with a work order (house rule 4). Seeing follows the role's data
 * scope plus personal involvement; acting follows first-contact responsibility (WO-4):
 * the owner confirms and closes, the handler works the order, a supervisor may do either.
 */
export const workOrderPolicy = {
  async reachOf(ex: Executor, actor: Actor): Promise<OrderReach> {
    const path = departmentReach(actor);
    if (path === null) return { everything: true };
    const departmentIds = await workOrdersRepository.departmentIdsUnder(ex, path, actor.dataScope === 'department');
    return { everything: false, userId: actor.userId, departmentIds };
  },

  /** Whether another user (one being @mentioned, say) could open this order themselves. */
  async userCanSee(ex: Executor, userId: number, orderId: number): Promise<boolean> {
    const access = await workOrdersRepository.accessOfUser(ex, userId);
    if (!access.readsOrders) return false;
    const scope = widestScope(access.scopes);
    if (scope === 'all') return true;
    const departmentIds = access.departmentPath === null ? [] : await workOrdersRepository.departmentIdsUnder(ex, access.departmentPath, scope === 'department');
    return workOrdersRepository.isReachable(ex, orderId, { everything: false, userId, departmentIds });
  },

  /** The caller's team for the team queue: their department, with its subtree for wider scopes. */
  async teamOf(ex: Executor, actor: Actor): Promise<number[]> {
    if (actor.departmentPath === null) return [];
    return workOrdersRepository.departmentIdsUnder(ex, actor.departmentPath, actor.dataScope !== 'self');
  },

  isSupervisor(actor: Actor): boolean {
    return actor.permissions.has('work_orders.supervise');
  },

  isOwner(actor: Actor, order: WorkOrderRow): boolean {
    return order.owner_id === actor.userId;
  },

  /**
   * Works the order: owner, handler, a receiver of an open step, or — while nobody handles
   * it — a member of the team it waits in.
   */
  isParty(actor: Actor, order: WorkOrderRow, steps: readonly WorkOrderStepRow[]): boolean {
    if (order.owner_id === actor.userId || order.handler_id === actor.userId) return true;
    if (steps.some((step) => step.assignee_id === actor.userId && isActiveStep(step))) return true;
    return order.handler_id === null && order.department_id !== null && order.department_id === actor.departmentId;
  },

  mayTakeAction(actor: Actor, order: WorkOrderRow, steps: readonly WorkOrderStepRow[], action: WorkOrderAction): boolean {
    if (!actor.permissions.has('work_orders.handle')) return false;
    if (workOrderPolicy.isSupervisor(actor)) return true;
    return TRANSITIONS[action].by === 'owner' ? workOrderPolicy.isOwner(actor, order) : workOrderPolicy.isParty(actor, order, steps);
  },

  allowedActions(actor: Actor, order: WorkOrderRow, steps: readonly WorkOrderStepRow[]): WorkOrderAction[] {
    if (order.deleted_at !== null) return [];
    return actionsFrom(order.status as WorkOrderStatus).filter((action) => workOrderPolicy.mayTakeAction(actor, order, steps, action));
  },

  /** A step's receiver: the assignee, or anyone of the receiving team while it has no assignee. */
  mayWorkStep(actor: Actor, step: WorkOrderStepRow, teamDepartmentIds: readonly number[]): boolean {
    if (!actor.permissions.has('work_orders.handle')) return false;
    if (step.assignee_id !== null) return step.assignee_id === actor.userId || workOrderPolicy.isSupervisor(actor);
    return (step.department_id !== null && teamDepartmentIds.includes(step.department_id)) || workOrderPolicy.isSupervisor(actor);
  },
};

export function isActiveStep(step: WorkOrderStepRow): boolean {
  return (ACTIVE_STEP_STATUSES as readonly string[]).includes(step.status);
}
