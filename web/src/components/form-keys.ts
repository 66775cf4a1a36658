import type { KeyboardEvent } from 'react';

/**
 * Enter in a one-line field (a date typed into a picker, a time) must not save a half-edited
 * form: the browser would submit it. Saving is the button's job.
 */
export function preventImplicitSubmit(event: KeyboardEvent<HTMLFormElement>): void {
  if (event.key === 'Enter' && !event.nativeEvent.isComposing && event.target instanceof HTMLInputElement) event.preventDefault();
}
