import type { WorkOrderAction } from '@kefu/contracts';

/** Actions the server refuses without a reason (撤销, 挂起, 退回重办, 重开). */
export const ACTIONS_NEEDING_REASON: readonly WorkOrderAction[] = ['cancel', 'suspend', 'reject_result', 'reopen'];

/** Actions that carry the result explained to the customer. */
export const ACTIONS_NEEDING_RESULT: readonly WorkOrderAction[] = ['submit_result'];

export function needsReason(action: WorkOrderAction | undefined): boolean {
  return action !== undefined && ACTIONS_NEEDING_REASON.includes(action);
}

export function needsResult(action: WorkOrderAction | undefined): boolean {
  return action !== undefined && ACTIONS_NEEDING_RESULT.includes(action);
}
