import { describe, expect, it } from 'vitest';
import { countdownParts, liveClock } from './clock';

const HOUR = 3_600_000;
// A 4-hour target warned at 75 %: the warning comes with an hour left.
const base = { dueAt: 10 * HOUR, warnAt: 9 * HOUR };

describe('liveClock', () => {
  it('counts down from the server answer, not from the browser clock against dueAt', () => {
    expect(liveClock({ ...base, state: 'running', remainingMs: 2 * HOUR }, 1_000, 1_000 + 30 * 60_000)).toEqual({ state: 'running', remainingMs: 1.5 * HOUR });
  });

  it('turns to warning and then breached by itself', () => {
    expect(liveClock({ ...base, state: 'running', remainingMs: 2 * HOUR }, 0, HOUR)).toEqual({ state: 'warning', remainingMs: HOUR });
    expect(liveClock({ ...base, state: 'warning', remainingMs: HOUR / 2 }, 0, HOUR)).toEqual({ state: 'breached', remainingMs: -HOUR / 2 });
  });

  it('keeps paused and finished clocks still', () => {
    expect(liveClock({ ...base, state: 'paused', remainingMs: HOUR }, 0, 5 * HOUR)).toEqual({ state: 'paused', remainingMs: HOUR });
    expect(liveClock({ ...base, state: 'met', remainingMs: HOUR }, 0, 5 * HOUR)).toEqual({ state: 'met', remainingMs: HOUR });
    expect(liveClock({ ...base, state: 'missed', remainingMs: -HOUR }, 0, 5 * HOUR)).toEqual({ state: 'missed', remainingMs: -HOUR });
  });

  it('never lets a breached clock fall back to warning', () => {
    expect(liveClock({ ...base, state: 'breached', remainingMs: -1_000 }, 0, 0).state).toBe('breached');
  });
});

describe('countdownParts', () => {
  it('splits days from hh:mm:ss', () => {
    expect(countdownParts(26 * HOUR + 3 * 60_000 + 4_500)).toEqual({ overdue: false, days: 1, clock: '02:03:04' });
    expect(countdownParts(59_999)).toEqual({ overdue: false, days: 0, clock: '00:00:59' });
  });

  it('shows overdue time as a positive amount', () => {
    expect(countdownParts(-(HOUR + 1_000))).toEqual({ overdue: true, days: 0, clock: '01:00:01' });
  });
});
