import { describe, expect, it } from 'vitest';
import { isTypingTarget, moveCursor, shortcutFor, type KeyPress } from './shortcuts';

function press(key: string, overrides: Partial<KeyPress> = {}): KeyPress {
  return { key, ctrlKey: false, metaKey: false, altKey: false, target: null, ...overrides };
}

/** Just enough of a DOM element for the checks. */
function element(tagName: string, options: { role?: string; editable?: boolean; inside?: string } = {}) {
  return {
    tagName,
    isContentEditable: options.editable ?? false,
    getAttribute: (name: string) => (name === 'role' ? (options.role ?? null) : null),
    closest: (selector: string) => (options.inside && selector.includes(options.inside) ? {} : null),
  } as unknown as EventTarget;
}

describe('workspace shortcuts', () => {
  it('maps the documented keys', () => {
    expect(shortcutFor(press('j'))).toEqual({ kind: 'next' });
    expect(shortcutFor(press('k'))).toEqual({ kind: 'previous' });
    expect(shortcutFor(press('Enter'))).toEqual({ kind: 'open' });
    expect(shortcutFor(press('n'))).toEqual({ kind: 'intake' });
    expect(shortcutFor(press('/'))).toEqual({ kind: 'search' });
    expect(shortcutFor(press('x'))).toEqual({ kind: 'toggleSelection' });
    expect(shortcutFor(press('?'))).toEqual({ kind: 'help' });
  });

  it('switches to the seven views with 1–7 and ignores 8, 9 and 0', () => {
    expect(shortcutFor(press('1'))).toEqual({ kind: 'view', view: 'accountable' });
    expect(shortcutFor(press('2'))).toEqual({ kind: 'view', view: 'handling' });
    expect(shortcutFor(press('6'))).toEqual({ kind: 'view', view: 'breaching' });
    expect(shortcutFor(press('7'))).toEqual({ kind: 'view', view: 'all' });
    expect(shortcutFor(press('8'))).toBeNull();
    expect(shortcutFor(press('0'))).toBeNull();
  });

  it('leaves modified keys, IME composition and other keys to the browser', () => {
    expect(shortcutFor(press('j', { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(press('n', { metaKey: true }))).toBeNull();
    expect(shortcutFor(press('1', { altKey: true }))).toBeNull();
    expect(shortcutFor(press('j', { isComposing: true }))).toBeNull();
    expect(shortcutFor(press('J'))).toBeNull();
    expect(shortcutFor(press('a'))).toBeNull();
  });

  it('ignores keys typed into inputs, editors, dropdowns and dialogs', () => {
    for (const target of [
      element('INPUT'),
      element('textarea'),
      element('SELECT'),
      element('DIV', { editable: true }),
      element('DIV', { role: 'combobox' }),
      element('BUTTON', { inside: '.ant-modal' }),
    ]) {
      expect(isTypingTarget(target)).toBe(true);
      expect(shortcutFor(press('j', { target }))).toBeNull();
    }
    expect(isTypingTarget(element('TR'))).toBe(false);
    // Enter on a focused button or link is that control's own click.
    expect(shortcutFor(press('Enter', { target: element('BUTTON') }))).toBeNull();
    expect(shortcutFor(press('Enter', { target: element('A') }))).toBeNull();
    expect(shortcutFor(press('j', { target: element('BUTTON') }))).toEqual({ kind: 'next' });
    expect(shortcutFor(press('j', { target: element('BODY') }))).toEqual({ kind: 'next' });
  });

  it('moves the cursor within the page', () => {
    expect(moveCursor(-1, 1, 5)).toBe(0);
    expect(moveCursor(-1, -1, 5)).toBe(4);
    expect(moveCursor(0, -1, 5)).toBe(0);
    expect(moveCursor(2, 1, 5)).toBe(3);
    expect(moveCursor(4, 1, 5)).toBe(4);
    expect(moveCursor(9, 1, 3)).toBe(0);
    expect(moveCursor(0, 1, 0)).toBe(-1);
  });
});
