import type { Step, WorkOrderEvent } from '@kefu/contracts';

/** Steps still waiting for their receiver; a finished step is never overdue. */
const OPEN_STEP_STATUSES: ReadonlySet<Step['status']> = new Set(['queued', 'pending', 'accepted']);

export function isStepOverdue(step: Pick<Step, 'status' | 'dueAt'>, now: number): boolean {
  return step.dueAt !== null && OPEN_STEP_STATUSES.has(step.status) && step.dueAt < now;
}

/** Single-key shortcuts must not fire while the user types into a field or an editor. */
export function isTypingTarget(target: { tagName?: string; isContentEditable?: boolean } | null): boolean {
  if (!target) return false;
  const tag = (target.tagName ?? '').toUpperCase();
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable === true;
}

/** Whether a key press is a plain shortcut key: no modifier, not held down, not typed into a field. */
export function isShortcut(
  event: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; repeat: boolean; target: unknown },
  key: string,
): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return false;
  if (event.key.toLowerCase() !== key) return false;
  return !isTypingTarget(event.target as { tagName?: string; isContentEditable?: boolean } | null);
}

/** Text an event carries for the reader (a reason, note, result or instructions), if any. */
export function eventNote(event: Pick<WorkOrderEvent, 'data'>): string | null {
  for (const key of ['reason', 'note', 'result', 'instructions']) {
    const value = event.data[key];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return null;
}
