import { describe, expect, it } from 'vitest';
import { WORK_ORDER_ACTIONS, WORK_ORDER_STATUSES, type WorkOrderAction, type WorkOrderStatus } from '@kefu/contracts';
import { DISPATCHABLE, FINAL, TRANSITIONS, actionsFrom, isAllowed, nextStatus } from './state-machine.js';

/**
 * The lifecycle of WO-3 written out by hand, status by status: what each action leads to,
 * and nothing else is allowed. `resume` is checked separately (it depends on where the order
 * was suspended).
 */
const EXPECTED: Record<WorkOrderStatus, Partial<Record<WorkOrderAction, WorkOrderStatus>>> = {
  new: { accept: 'accepted', cancel: 'cancelled' },
  accepted: { start: 'in_progress', submit_result: 'pending_confirmation', suspend: 'suspended', cancel: 'cancelled' },
  in_progress: { submit_result: 'pending_confirmation', suspend: 'suspended', cancel: 'cancelled' },
  pending_confirmation: { confirm: 'resolved', reject_result: 'in_progress', cancel: 'cancelled' },
  resolved: { record_callback: 'visited', close: 'closed', reopen: 'in_progress' },
  visited: { close: 'closed', reopen: 'in_progress' },
  closed: { reopen: 'in_progress' },
  suspended: { resume: 'in_progress', cancel: 'cancelled' },
  cancelled: {},
};

describe('work-order state machine (WO-3)', () => {
  for (const status of WORK_ORDER_STATUSES) {
    describe(`from ${status}`, () => {
      for (const action of WORK_ORDER_ACTIONS) {
        const expected = EXPECTED[status][action] ?? null;
        it(expected ? `${action} leads to ${expected}` : `refuses ${action}`, () => {
          expect(nextStatus(status, action, status === 'suspended' ? 'in_progress' : null)).toBe(expected);
          expect(isAllowed(status, action)).toBe(expected !== null);
        });
      }

      it('lists exactly the allowed actions', () => {
        expect(actionsFrom(status).sort()).toEqual(Object.keys(EXPECTED[status]).sort());
      });
    });
  }

  it('has a rule for every action and none for unknown ones', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...WORK_ORDER_ACTIONS].sort());
  });

  it('resumes a suspended order to the status it was suspended in', () => {
    expect(nextStatus('suspended', 'resume', 'accepted')).toBe('accepted');
    expect(nextStatus('suspended', 'resume', 'in_progress')).toBe('in_progress');
    // An order with no record of where it was suspended continues as being handled.
    expect(nextStatus('suspended', 'resume', null)).toBe('in_progress');
  });

  it('suspends only from statuses it can resume to', () => {
    for (const from of TRANSITIONS.suspend.from) {
      expect(nextStatus('suspended', 'resume', from)).toBe(from);
      expect(nextStatus(from, 'suspend', null)).toBe('suspended');
    }
  });

  it('asks for a reason before cancel, suspend, reject_result and reopen, for a result before submit_result, for a confirmation only where the category requires it', () => {
    const requiring = (requirement: string) =>
      WORK_ORDER_ACTIONS.filter((action) => (TRANSITIONS[action].requires as readonly string[]).includes(requirement)).sort();
    expect(requiring('reason')).toEqual(['cancel', 'reject_result', 'reopen', 'suspend']);
    expect(requiring('result')).toEqual(['submit_result']);
    expect(requiring('confirmation_if_required')).toEqual(['confirm']);
  });

  it('leaves confirming, closing, calling back, rejecting, cancelling and reopening to the accountable owner (首问负责)', () => {
    const ownerOnly = WORK_ORDER_ACTIONS.filter((action) => TRANSITIONS[action].by === 'owner').sort();
    expect(ownerOnly).toEqual(['cancel', 'close', 'confirm', 'record_callback', 'reject_result', 'reopen']);
  });

  it('treats closed and cancelled as final, and allows dispatch only before the result is confirmed', () => {
    expect([...FINAL].sort()).toEqual(['cancelled', 'closed']);
    expect([...DISPATCHABLE].sort()).toEqual(['accepted', 'in_progress', 'new', 'pending_confirmation']);
  });
});
