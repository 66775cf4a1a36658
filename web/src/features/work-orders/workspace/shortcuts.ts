import { WORK_ORDER_VIEWS, type WorkOrderView } from '@kefu/contracts';

/** What a key press in the workspace asks for. */
export type WorkspaceShortcut =
  | { kind: 'next' }
  | { kind: 'previous' }
  | { kind: 'open' }
  | { kind: 'intake' }
  | { kind: 'search' }
  | { kind: 'toggleSelection' }
  | { kind: 'help' }
  | { kind: 'view'; view: WorkOrderView };

/** The keys listed in the help popover, in its order; labels under workspace.shortcuts.*. */
export const SHORTCUT_HELP = [
  { keys: ['j', 'k'], label: 'move' },
  { keys: ['Enter'], label: 'open' },
  { keys: ['x'], label: 'select' },
  { keys: ['n'], label: 'intake' },
  { keys: ['/'], label: 'search' },
  { keys: ['1', '7'], label: 'views' },
  { keys: ['?'], label: 'help' },
] as const;

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** An IME composing Chinese text reports its keys too; they are not commands. */
  isComposing?: boolean;
  target: EventTarget | null;
}

interface ElementLike {
  tagName?: string;
  isContentEditable?: boolean;
  getAttribute?: (name: string) => string | null;
  closest?: (selector: string) => unknown;
}

const EDITABLE_ROLES = new Set(['textbox', 'combobox', 'searchbox', 'spinbutton', 'listbox', 'menu', 'menuitem', 'option']);

/** Keys typed into a field, a dropdown or a dialog belong there, not to the list. */
export function isTypingTarget(target: EventTarget | null): boolean {
  const element = target as ElementLike | null;
  if (!element || typeof element !== 'object') return false;
  const tag = element.tagName?.toUpperCase();
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (element.isContentEditable) return true;
  const role = element.getAttribute?.('role');
  if (role && EDITABLE_ROLES.has(role)) return true;
  // Inside a modal or drawer the page's shortcuts would act behind the user's back.
  return Boolean(element.closest?.('.ant-modal, .ant-drawer, .ant-popover, .ant-select-dropdown, .ant-dropdown'));
}

/** Enter on a focused button or link already does what that control says. */
function isActivatable(target: EventTarget | null): boolean {
  const element = target as ElementLike | null;
  const tag = element?.tagName?.toUpperCase();
  return tag === 'BUTTON' || tag === 'A' || element?.getAttribute?.('role') === 'button' || element?.getAttribute?.('role') === 'tab';
}

/** Maps a key press to a workspace command; null leaves the key to the browser. */
export function shortcutFor(press: KeyPress): WorkspaceShortcut | null {
  if (press.ctrlKey || press.metaKey || press.altKey || press.isComposing) return null;
  if (isTypingTarget(press.target)) return null;
  if (press.key === 'Enter' && isActivatable(press.target)) return null;
  switch (press.key) {
    case 'j':
    case 'ArrowDown':
      return { kind: 'next' };
    case 'k':
    case 'ArrowUp':
      return { kind: 'previous' };
    case 'Enter':
      return { kind: 'open' };
    case 'n':
      return { kind: 'intake' };
    case '/':
      return { kind: 'search' };
    case 'x':
      return { kind: 'toggleSelection' };
    case '?':
      return { kind: 'help' };
    default: {
      const index = /^[1-9]$/.test(press.key) ? Number(press.key) - 1 : -1;
      const view = WORK_ORDER_VIEWS[index];
      return view ? { kind: 'view', view } : null;
    }
  }
}

/** The highlighted row after a move, staying inside the page; none yet starts at the top. */
export function moveCursor(current: number, delta: 1 | -1, rowCount: number): number {
  if (rowCount === 0) return -1;
  if (current < 0 || current >= rowCount) return delta === 1 ? 0 : rowCount - 1;
  return Math.min(rowCount - 1, Math.max(0, current + delta));
}
