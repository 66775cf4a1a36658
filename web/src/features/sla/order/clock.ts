import type { Clock, ClockState } from '@kefu/contracts';

export interface LiveClock {
  state: ClockState;
  remainingMs: number;
}

const TICKING: ReadonlySet<ClockState> = new Set(['running', 'warning', 'breached']);

/**
 * The clock as it stands `now`, from the server's answer received at `fetchedAt`. Time is
 * counted from the answer, not from the browser's clock against `dueAt`: the server's clock
 * is the one that matters (and may differ, or be a test clock). A clock that was running
 * moves on to warning and breached by itself; paused and finished clocks stand still. For a
 * business-time clock the tick is an estimate (the calendar may be closed): the next answer
 * from the server corrects it.
 */
export function liveClock(clock: Pick<Clock, 'state' | 'remainingMs' | 'dueAt' | 'warnAt'>, fetchedAt: number, now: number): LiveClock {
  if (!TICKING.has(clock.state)) return { state: clock.state, remainingMs: clock.remainingMs };
  const remainingMs = clock.remainingMs - Math.max(0, now - fetchedAt);
  const warningRemainingMs = Math.max(0, clock.dueAt - clock.warnAt);
  let state = clock.state;
  if (remainingMs <= 0) state = 'breached';
  else if (state === 'running' && remainingMs <= warningRemainingMs) state = 'warning';
  return { state, remainingMs };
}

export interface CountdownParts {
  overdue: boolean;
  days: number;
  /** hh:mm:ss of the rest. */
  clock: string;
}

/** 1 d 02:03:04 left, or overdue by as much; seconds are floored towards the due time. */
export function countdownParts(remainingMs: number): CountdownParts {
  const overdue = remainingMs < 0;
  const totalSeconds = Math.floor(Math.abs(remainingMs) / 1000);
  const days = Math.floor(totalSeconds / 86_400);
  const rest = totalSeconds % 86_400;
  const pad = (value: number) => String(value).padStart(2, '0');
  return { overdue, days, clock: `${pad(Math.floor(rest / 3600))}:${pad(Math.floor((rest % 3600) / 60))}:${pad(rest % 60)}` };
}

/** warning orange, breached red, the rest calm. */
export const CLOCK_STATE_COLORS: Record<ClockState, string> = {
  running: 'processing',
  paused: 'default',
  warning: 'orange',
  breached: 'red',
  met: 'green',
  missed: 'volcano',
};
