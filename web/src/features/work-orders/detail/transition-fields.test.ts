import { describe, expect, it } from 'vitest';
import { WORK_ORDER_ACTIONS } from '@kefu/contracts';
import { needsForm, opensDialog, orderActions, transitionFields } from './transition-fields';

describe('transitionFields', () => {
  it('asks for a reason exactly where the server requires one', () => {
    const withReason = WORK_ORDER_ACTIONS.filter((action) => transitionFields(action, false).reason);
    expect(withReason.sort()).toEqual(['cancel', 'reject_result', 'reopen', 'suspend']);
  });

  it('asks for the result on submit_result only', () => {
    expect(WORK_ORDER_ACTIONS.filter((action) => transitionFields(action, false).result)).toEqual(['submit_result']);
  });

  it('makes the confirmation required only when the category requires it', () => {
    expect(transitionFields('confirm', true).confirmation).toBe('required');
    expect(transitionFields('confirm', false).confirmation).toBe('optional');
    expect(transitionFields('close', true).confirmation).toBeNull();
  });

  it('asks for the promised time on accept only', () => {
    expect(WORK_ORDER_ACTIONS.filter((action) => transitionFields(action, false).promise)).toEqual(['accept']);
    expect(needsForm(transitionFields('accept', false))).toBe(true);
  });

  it('sends plain actions with one click', () => {
    expect(needsForm(transitionFields('start', false))).toBe(false);
    expect(needsForm(transitionFields('confirm', false))).toBe(true);
    expect(needsForm(transitionFields('suspend', false))).toBe(true);
  });
});

describe('orderActions', () => {
  it('puts the forward step first and cancelling last', () => {
    expect(orderActions(['reject_result', 'confirm', 'cancel'])).toEqual(['confirm', 'reject_result', 'cancel']);
    expect(orderActions(['cancel', 'suspend', 'submit_result'])).toEqual(['submit_result', 'suspend', 'cancel']);
  });

  it('orders every action', () => {
    expect(orderActions([...WORK_ORDER_ACTIONS].reverse())).toHaveLength(WORK_ORDER_ACTIONS.length);
    expect(new Set(orderActions(WORK_ORDER_ACTIONS)).size).toBe(WORK_ORDER_ACTIONS.length);
  });
});

describe('opensDialog', () => {
  it('sends plain steps at once and asks before final or undoing ones', () => {
    expect(opensDialog('accept', false)).toBe(true);
    expect(opensDialog('start', false)).toBe(false);
    expect(opensDialog('record_callback', true)).toBe(false);
    expect(opensDialog('close', false)).toBe(true);
    expect(opensDialog('cancel', false)).toBe(true);
    expect(opensDialog('confirm', false)).toBe(true);
  });
});
