import type {
  Channel,
  ConfirmationMethod,
  CustomerTier,
  PersonalityType,
  Priority,
  Step,
  StepStatus,
  WorkOrder,
  WorkOrderAction,
  WorkOrderEvent,
  WorkOrderStatus,
  WorkOrderSummary,
  WorkOrderType,
} from '@kefu/contracts';
import type { Executor } from '../../db/executor.js';
import type { WorkOrderEventRow, WorkOrderRow, WorkOrderStepRow } from '../../db/schema.js';
import { maskPhone } from '../customers/privacy.js';
import { workOrdersRepository } from './work-orders.repository.js';
import { headlineState } from '../sla/order-clocks.js';
import { slaRepository } from '../sla/sla.repository.js';

/** Names of everything the rows refer to, fetched in one round per kind. */
async function referencesOf(ex: Executor, rows: readonly WorkOrderRow[], now: number) {
  const [users, departments, categories, customers, clocks] = await Promise.all([
    workOrdersRepository.userNames(
      ex,
      rows.flatMap((row) => [row.owner_id, row.handler_id, row.confirmed_by, row.deleted_by].filter((id): id is number => id !== null)),
    ),
    workOrdersRepository.departmentNames(
      ex,
      rows.map((row) => row.department_id).filter((id): id is number => id !== null),
    ),
    workOrdersRepository.categoryNames(
      ex,
      rows.map((row) => row.category_id),
    ),
    workOrdersRepository.customerRefs(
      ex,
      rows.map((row) => row.customer_id).filter((id): id is number => id !== null),
    ),
    slaRepository.slaStates(
      ex,
      rows.map((row) => row.id),
    ),
  ]);
  const slaStates = new Map(clocks.map((clock) => [clock.order_id, headlineState(clock, now)]));
  return { users, departments, categories, customers, slaStates };
}

type References = Awaited<ReturnType<typeof referencesOf>>;

function summaryOf(row: WorkOrderRow, refs: References, highlight: string | null): WorkOrderSummary {
  const user = (id: number) => ({ id, name: refs.users.get(id) ?? '' });
  const customer = row.customer_id === null ? undefined : refs.customers.get(row.customer_id);
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    type: row.type as WorkOrderType,
    channel: row.channel as Channel,
    priority: row.priority as Priority,
    status: row.status as WorkOrderStatus,
    category: { id: row.category_id, name: refs.categories.get(row.category_id)?.name ?? '' },
    customer:
      customer && row.customer_id !== null
        ? { id: row.customer_id, name: customer.name, tier: customer.tier as CustomerTier, personality: customer.personality as PersonalityType | null }
        : null,
    owner: user(row.owner_id),
    handler: row.handler_id === null ? null : user(row.handler_id),
    department: row.department_id === null ? null : { id: row.department_id, name: refs.departments.get(row.department_id) ?? '' },
    dueAt: row.due_at,
    slaState: refs.slaStates.get(row.id) ?? null,
    lastActivityAt: row.last_activity_at,
    reminderCount: row.reminder_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    highlight,
    deletion: row.deleted_at === null || row.deleted_by === null ? null : { at: row.deleted_at, by: user(row.deleted_by), reason: row.delete_reason },
  };
}

export async function presentSummaries(ex: Executor, rows: readonly WorkOrderRow[], now: number, highlights?: Map<number, string>): Promise<WorkOrderSummary[]> {
  const refs = await referencesOf(ex, rows, now);
  return rows.map((row) => summaryOf(row, refs, highlights?.get(row.id) ?? null));
}

export interface DetailExtras {
  allowedActions: WorkOrderAction[];
  can: WorkOrder['can'];
  clearPhone: boolean;
  now: number;
}

export async function presentOrder(ex: Executor, row: WorkOrderRow, extras: DetailExtras): Promise<WorkOrder> {
  const refs = await referencesOf(ex, [row], extras.now);
  const [links, mergedInto] = await Promise.all([
    workOrdersRepository.links(ex, row.id),
    row.merged_into_id === null ? undefined : workOrdersRepository.find(ex, row.merged_into_id),
  ]);
  return {
    ...summaryOf(row, refs, null),
    description: row.description,
    reason: row.reason,
    requestedHandling: row.requested_handling,
    location: row.location,
    contactName: row.contact_name,
    contactPhone: row.contact_phone === null ? null : extras.clearPhone ? row.contact_phone : maskPhone(row.contact_phone),
    occurredAt: row.occurred_at,
    formData: JSON.parse(row.form_data) as Record<string, string | number>,
    firstContactResolution: row.first_contact_resolution === 1,
    result: row.result,
    confirmation:
      row.confirmation_method === null || row.confirmed_at === null || row.confirmed_by === null
        ? null
        : {
            method: row.confirmation_method as ConfirmationMethod,
            note: row.confirmation_note,
            at: row.confirmed_at,
            by: { id: row.confirmed_by, name: refs.users.get(row.confirmed_by) ?? '' },
          },
    requiresConfirmation: refs.categories.get(row.category_id)?.requiresConfirmation ?? false,
    reopenCount: row.reopen_count,
    resolvedAt: row.resolved_at,
    closedAt: row.closed_at,
    suspendedFrom: row.suspended_from as WorkOrderStatus | null,
    mergedInto: mergedInto ? { id: mergedInto.id, number: mergedInto.number } : null,
    links: links.map((link) => ({ id: link.id, number: link.number, title: link.title, status: link.status as WorkOrderStatus })),
    deletedAt: row.deleted_at,
    allowedActions: extras.allowedActions,
    can: extras.can,
  };
}

export async function presentSteps(ex: Executor, steps: readonly WorkOrderStepRow[], actionable: (step: WorkOrderStepRow) => boolean): Promise<Step[]> {
  const [users, departments] = await Promise.all([
    workOrdersRepository.userNames(
      ex,
      steps.flatMap((step) => [step.assignee_id, step.created_by].filter((id): id is number => id !== null)),
    ),
    workOrdersRepository.departmentNames(
      ex,
      steps.map((step) => step.department_id).filter((id): id is number => id !== null),
    ),
  ]);
  return steps.map((step) => ({
    id: step.id,
    batch: step.batch,
    sequence: step.sequence,
    mode: step.mode as Step['mode'],
    department: step.department_id === null ? null : { id: step.department_id, name: departments.get(step.department_id) ?? '' },
    assignee: step.assignee_id === null ? null : { id: step.assignee_id, name: users.get(step.assignee_id) ?? '' },
    instructions: step.instructions,
    dueAt: step.due_at,
    status: step.status as StepStatus,
    result: step.result,
    returnReason: step.return_reason,
    createdBy: { id: step.created_by, name: users.get(step.created_by) ?? '' },
    createdAt: step.created_at,
    acceptedAt: step.accepted_at,
    finishedAt: step.finished_at,
    actionable: actionable(step),
  }));
}

export function presentEvents(rows: readonly WorkOrderEventRow[]): WorkOrderEvent[] {
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    kind: row.kind,
    actor: row.actor_id === null ? null : { id: row.actor_id, name: row.actor_name ?? '' },
    fromStatus: row.from_status as WorkOrderStatus | null,
    toStatus: row.to_status as WorkOrderStatus | null,
    data: JSON.parse(row.data) as Record<string, unknown>,
  }));
}
