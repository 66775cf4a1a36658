import type { WorkOrderAction, WorkOrderStatus } from '@kefu/contracts';

/** Who, besides a supervisor, may take an action: the accountable owner only, or any party (owner or handler). */
export type ActionActor = 'owner' | 'party';

/** What an action needs from the caller before it can happen. */
export type ActionRequirement = 'reason' | 'result' | 'confirmation_if_required';

export interface TransitionRule {
  from: readonly WorkOrderStatus[];
  /** `resume_previous`: back to the status the order was suspended in. */
  to: WorkOrderStatus | 'resume_previous';
  by: ActionActor;
  requires: readonly ActionRequirement[];
}

/**
 * The work-order lifecycle (WO-3) as one table: every allowed (status, action) pair is here
 * and nothing else is allowed. 待确认 (pending_confirmation) means the handling is done and
 * the owner is to confirm the result with the customer (WO-4, WO-7).
 */
export const TRANSITIONS: Readonly<Record<WorkOrderAction, TransitionRule>> = {
  accept: { from: ['new'], to: 'accepted', by: 'party', requires: [] },
  start: { from: ['accepted'], to: 'in_progress', by: 'party', requires: [] },
  submit_result: { from: ['accepted', 'in_progress'], to: 'pending_confirmation', by: 'party', requires: ['result'] },
  reject_result: { from: ['pending_confirmation'], to: 'in_progress', by: 'owner', requires: ['reason'] },
  confirm: { from: ['pending_confirmation'], to: 'resolved', by: 'owner', requires: ['confirmation_if_required'] },
  record_callback: { from: ['resolved'], to: 'visited', by: 'owner', requires: [] },
  close: { from: ['resolved', 'visited'], to: 'closed', by: 'owner', requires: [] },
  suspend: { from: ['accepted', 'in_progress'], to: 'suspended', by: 'party', requires: ['reason'] },
  resume: { from: ['suspended'], to: 'resume_previous', by: 'party', requires: [] },
  cancel: { from: ['new', 'accepted', 'in_progress', 'pending_confirmation', 'suspended'], to: 'cancelled', by: 'owner', requires: ['reason'] },
  reopen: { from: ['resolved', 'visited', 'closed'], to: 'in_progress', by: 'owner', requires: ['reason'] },
};

/** Statuses in which an order may be dispatched (派单); dispatching moves it to 处理中. */
export const DISPATCHABLE: readonly WorkOrderStatus[] = ['new', 'accepted', 'in_progress', 'pending_confirmation'];

/** Statuses where the order no longer counts as anyone's open work (and leaves the "unclosed" views). */
export const FINAL: readonly WorkOrderStatus[] = ['closed', 'cancelled'];

export function isAllowed(from: WorkOrderStatus, action: WorkOrderAction): boolean {
  return TRANSITIONS[action].from.includes(from);
}

/**
 * The status after `action`, or null when the state machine does not allow it.
 * `suspendedFrom` is where a suspended order resumes to.
 */
export function nextStatus(from: WorkOrderStatus, action: WorkOrderAction, suspendedFrom: WorkOrderStatus | null): WorkOrderStatus | null {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(from)) return null;
  if (rule.to === 'resume_previous') return suspendedFrom ?? 'in_progress';
  return rule.to;
}

export function actionsFrom(status: WorkOrderStatus): WorkOrderAction[] {
  return (Object.keys(TRANSITIONS) as WorkOrderAction[]).filter((action) => isAllowed(status, action));
}
