import { useCallback, useState } from 'react';

interface OverlayState<T> {
  /** Changes on every opening: used as a React key, each opening gets a fresh form. */
  key: number;
  open: boolean;
  payload: T | undefined;
}

/**
 * Open/close state for a drawer or modal that edits something. The payload is kept
 * while the closing animation runs, so the title does not flicker.
 */
export function useOverlayState<T>() {
  const [state, setState] = useState<OverlayState<T>>({ key: 0, open: false, payload: undefined });
  const show = useCallback((payload?: T) => setState((previous) => ({ key: previous.key + 1, open: true, payload })), []);
  const hide = useCallback(() => setState((previous) => ({ ...previous, open: false })), []);
  return { ...state, show, hide };
}
