import { describe, expect, it } from 'vitest';
import { eventNote, isShortcut, isStepOverdue, isTypingTarget } from './page-helpers';

describe('isStepOverdue', () => {
  const now = 1_000_000;
  it('is true only for an open step past its deadline', () => {
    expect(isStepOverdue({ status: 'pending', dueAt: now - 1 }, now)).toBe(true);
    expect(isStepOverdue({ status: 'accepted', dueAt: now - 1 }, now)).toBe(true);
    expect(isStepOverdue({ status: 'completed', dueAt: now - 1 }, now)).toBe(false);
    expect(isStepOverdue({ status: 'pending', dueAt: now + 1 }, now)).toBe(false);
    expect(isStepOverdue({ status: 'pending', dueAt: null }, now)).toBe(false);
  });
});

describe('shortcuts', () => {
  const press = (key: string, target: unknown, extra: Partial<{ ctrlKey: boolean; repeat: boolean }> = {}) => ({
    key,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    repeat: false,
    target,
    ...extra,
  });

  it('recognises typing targets', () => {
    expect(isTypingTarget({ tagName: 'textarea' })).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT' })).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isTypingTarget({ tagName: 'BODY' })).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });

  it('fires on the plain key outside fields only', () => {
    expect(isShortcut(press('r', { tagName: 'BODY' }), 'r')).toBe(true);
    expect(isShortcut(press('R', { tagName: 'BUTTON' }), 'r')).toBe(true);
    expect(isShortcut(press('r', { tagName: 'TEXTAREA' }), 'r')).toBe(false);
    expect(isShortcut(press('r', { tagName: 'BODY' }, { ctrlKey: true }), 'r')).toBe(false);
    expect(isShortcut(press('r', { tagName: 'BODY' }, { repeat: true }), 'r')).toBe(false);
    expect(isShortcut(press('a', { tagName: 'BODY' }), 'r')).toBe(false);
  });
});

describe('eventNote', () => {
  it('picks the first text the event carries', () => {
    expect(eventNote({ data: { reason: '客户要求', note: 'x' } })).toBe('客户要求');
    expect(eventNote({ data: { result: '已处理' } })).toBe('已处理');
    expect(eventNote({ data: { reason: ' ', count: 2 } })).toBeNull();
  });
});
