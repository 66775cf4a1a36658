import type { WorkOrderAction } from '@kefu/contracts';

/** What the user must (or may) fill in before a status action is sent. */
export interface TransitionFields {
  reason: boolean;
  result: boolean;
  /** `required` when the category needs the customer's confirmation, else `optional`. */
  confirmation: 'required' | 'optional' | null;
  /** 受理 states the time promised to the customer (承诺时限, SLA-3). */
  promise: boolean;
}

/** The server refuses these without a reason (transitionSchema). */
const NEEDS_REASON: ReadonlySet<WorkOrderAction> = new Set(['cancel', 'suspend', 'reject_result', 'reopen']);

/** Cancelling and sending a result back undo work: shown in red. */
const DESTRUCTIVE: ReadonlySet<WorkOrderAction> = new Set(['cancel', 'reject_result']);

/** Closing is final too: like the destructive ones it asks before it is sent. */
const ASK_FIRST: ReadonlySet<WorkOrderAction> = new Set([...DESTRUCTIVE, 'close']);

export function transitionFields(action: WorkOrderAction, requiresConfirmation: boolean): TransitionFields {
  return {
    reason: NEEDS_REASON.has(action),
    result: action === 'submit_result',
    confirmation: action === 'confirm' ? (requiresConfirmation ? 'required' : 'optional') : null,
    promise: action === 'accept',
  };
}

/** Whether the action opens a form; otherwise one click sends it. */
export function needsForm(fields: TransitionFields): boolean {
  return fields.reason || fields.result || fields.confirmation !== null || fields.promise;
}

export function isDestructiveAction(action: WorkOrderAction): boolean {
  return DESTRUCTIVE.has(action);
}

/** Whether a click opens the dialog (input needed, or the action is hard to undo) rather than sending at once. */
export function opensDialog(action: WorkOrderAction, requiresConfirmation: boolean): boolean {
  return needsForm(transitionFields(action, requiresConfirmation)) || ASK_FIRST.has(action);
}

/** Forward steps of the lifecycle first, then pausing, sending back and cancelling. */
const ACTION_ORDER: readonly WorkOrderAction[] = [
  'accept',
  'start',
  'submit_result',
  'confirm',
  'record_callback',
  'close',
  'resume',
  'reopen',
  'suspend',
  'reject_result',
  'cancel',
];

/**
 * The allowed actions in the order the buttons show them: the first is the usual next step
 * (the primary button, and what the `a` shortcut opens), whatever order the server listed them in.
 */
export function orderActions(actions: readonly WorkOrderAction[]): WorkOrderAction[] {
  return [...actions].sort((a, b) => ACTION_ORDER.indexOf(a) - ACTION_ORDER.indexOf(b));
}
