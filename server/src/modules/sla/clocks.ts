import type { ClockState, SlaTarget, SlaTargetKind, TimeBasis } from '@kefu/contracts';
import {
  addBusinessTimeWithPauses,
  businessTimeBetweenWithPauses,
  defineCalendar,
  isOpen,
  nextOpening,
  type BusinessCalendar,
  type Pause,
} from './calendar.js';

/**
 * The pure part of an order's SLA clocks: given a calendar, a target, where the clock
 * started and when it stood still, when is it due, when does it warn, and what state is it
 * in at a moment. The service stores the results; the sweeper and the API read them back,
 * so every node computes the same answer.
 */

export const MINUTE = 60_000;

const alwaysOpenByZone = new Map<string, BusinessCalendar>();

/** The calendar a basis counts in: the policy's hours for business time, every minute for calendar time. */
export function calendarFor(calendar: BusinessCalendar, basis: TimeBasis): BusinessCalendar {
  if (basis === 'business' || calendar.alwaysOpen) return calendar;
  let open = alwaysOpenByZone.get(calendar.timeZone);
  if (!open) {
    open = defineCalendar({ timeZone: calendar.timeZone, alwaysOpen: true });
    alwaysOpenByZone.set(calendar.timeZone, open);
  }
  return open;
}

export interface ClockPlan {
  startedAt: number;
  dueAt: number;
  warnAt: number;
}

/**
 * Due and warning times of a clock with `budgetMs` of (basis) time from `startedAt`,
 * standing still during `pauses`. The warning comes when `warnAtPercent` of the budget is used.
 */
export function planClock(calendar: BusinessCalendar, basis: TimeBasis, startedAt: number, budgetMs: number, pauses: readonly Pause[], warnAtPercent: number): ClockPlan {
  const counting = calendarFor(calendar, basis);
  const dueAt = addBusinessTimeWithPauses(counting, startedAt, budgetMs, pauses);
  const warnAt = addBusinessTimeWithPauses(counting, startedAt, Math.floor((budgetMs * warnAtPercent) / 100), pauses);
  return { startedAt, dueAt, warnAt };
}

/** How much (basis) time lies between a clock's start and a promised instant, pauses taken out. */
export function budgetUntil(calendar: BusinessCalendar, basis: TimeBasis, startedAt: number, until: number, pauses: readonly Pause[]): number {
  if (until <= startedAt) return 0;
  return businessTimeBetweenWithPauses(calendarFor(calendar, basis), startedAt, until, pauses);
}

/**
 * The plan of a clock that runs to a promise told to the customer: exactly the promised
 * instant, even when it falls outside opening hours (a promise of Friday 22:00 on a business
 * calendar is kept by work done at 21:00), and later only if pauses pushed it on.
 */
export function planPromise(calendar: BusinessCalendar, basis: TimeBasis, startedAt: number, promisedAt: number, pauses: readonly Pause[], warnAtPercent: number): ClockPlan {
  const plan = planClock(calendar, basis, startedAt, budgetUntil(calendar, basis, startedAt, promisedAt, pauses), pauses, warnAtPercent);
  return { ...plan, dueAt: Math.max(plan.dueAt, promisedAt) };
}

export function targetBudget(target: SlaTarget): number {
  return target.maxMinutes * MINUTE;
}

export interface StoredClock {
  kind: SlaTargetKind;
  basis: TimeBasis;
  maxMinutes: number;
  averageMinutes: number | null;
  startedAt: number;
  dueAt: number;
  warnAt: number;
  doneAt: number | null;
}

/**
 * A clock's state at `now`. A clock that is done is met or missed for good; otherwise a
 * paused order's clock is paused whatever the hour, and a running one warns, then breaches.
 */
export function clockState(clock: StoredClock, now: number, paused: boolean): ClockState {
  if (clock.doneAt !== null) return clock.doneAt <= clock.dueAt ? 'met' : 'missed';
  if (paused) return 'paused';
  if (now >= clock.dueAt) return 'breached';
  if (now >= clock.warnAt) return 'warning';
  return 'running';
}

/**
 * Time left until the due time in the clock's basis, negative once overdue. A done clock
 * keeps the margin it finished with; a paused one keeps what was left when it paused.
 */
export function remainingMs(calendar: BusinessCalendar, clock: StoredClock, now: number, pauses: readonly Pause[], pausedSince: number | null): number {
  const counting = calendarFor(calendar, clock.basis);
  const at = clock.doneAt ?? (pausedSince !== null ? Math.max(pausedSince, clock.startedAt) : now);
  // Pauses after a clock finished did not move its due time, so they do not change its margin.
  const counted = clock.doneAt === null ? pauses : pauses.filter((pause) => pause.from < clock.doneAt!);
  return at <= clock.dueAt
    ? businessTimeBetweenWithPauses(counting, at, clock.dueAt, counted)
    : -businessTimeBetweenWithPauses(counting, clock.dueAt, at, counted);
}

/**
 * When a notification that falls due at `at` may be sent: at once for 7×24 calendars and
 * policies that page outside hours; otherwise not before the policy's calendar next opens
 * (no midnight pages for business-hours service, even for a calendar-time target).
 */
export function deliverableAt(calendar: BusinessCalendar, notifyOutsideHours: boolean, at: number): number {
  if (notifyOutsideHours || calendar.alwaysOpen) return at;
  return isOpen(calendar, at) ? at : nextOpening(calendar, at);
}
