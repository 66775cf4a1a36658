/**
 * When orders arrive: a year of hourly slots in the organisation's time zone, each given a
 * share of the orders by weekday, hour of day and season. Weekdays carry more than weekends;
 * each day peaks around 9–11 h and 14–16 h; nights are quiet.
 */
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** Asia/Shanghai: UTC+8 all year (no daylight saving since 1991). */
export const SHANGHAI_OFFSET = 8 * HOUR;

/** Relative volume per local hour 0–23. */
const HOURLY = [0.12, 0.08, 0.06, 0.05, 0.05, 0.08, 0.2, 0.55, 1.2, 2.2, 2.45, 2.1, 1.25, 1.55, 2.15, 2.25, 1.95, 1.5, 1.05, 0.95, 0.85, 0.65, 0.4, 0.22];
/** Relative volume per local weekday, Sunday first. */
const WEEKDAY = [0.6, 1.08, 1.0, 0.97, 0.96, 0.95, 0.72];

/** The local calendar day `yyyymmdd` of an instant, as work-order numbers use it. */
export function localDay(at: number): string {
  const date = new Date(at + SHANGHAI_OFFSET);
  return `${date.getUTCFullYear()}${String(date.getUTCMonth() + 1).padStart(2, '0')}${String(date.getUTCDate()).padStart(2, '0')}`;
}

/**
 * `count` creation times over the year before `now`, oldest first, in chunks (a million
 * timestamps need not be held at once). Every slot receives the rounded running share of
 * its weight, so the total is exactly `count`.
 */
export function* arrivalTimes(count: number, now: number, random: () => number, chunk = 10_000): Generator<number[]> {
  const start = now - 365 * DAY;
  // Slots begin on local hour boundaries; the first and last are cut to [start, now).
  const firstSlot = Math.floor((start + SHANGHAI_OFFSET) / HOUR) * HOUR - SHANGHAI_OFFSET;
  const slots: Array<{ from: number; to: number; weight: number }> = [];
  for (let slot = firstSlot; slot < now; slot += HOUR) {
    const from = Math.max(slot, start);
    const to = Math.min(slot + HOUR, now);
    const local = new Date(slot + SHANGHAI_OFFSET);
    const season = 1 + 0.1 * Math.sin((2 * Math.PI * (slot - start)) / (365 * DAY));
    slots.push({ from, to, weight: (HOURLY[local.getUTCHours()]! * WEEKDAY[local.getUTCDay()]! * season * (to - from)) / HOUR });
  }
  const total = slots.reduce((sum, slot) => sum + slot.weight, 0);
  let running = 0;
  let emitted = 0;
  let pending: number[] = [];
  for (const slot of slots) {
    running += (slot.weight / total) * count;
    const here = Math.min(count, Math.round(running)) - emitted;
    if (here <= 0) continue;
    const times = Array.from({ length: here }, () => slot.from + Math.floor(random() * (slot.to - slot.from)));
    times.sort((a, b) => a - b);
    emitted += here;
    for (const time of times) {
      pending.push(time);
      if (pending.length === chunk) {
        yield pending;
        pending = [];
      }
    }
  }
  if (pending.length > 0) yield pending;
}
