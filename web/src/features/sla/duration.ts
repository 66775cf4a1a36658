export const DURATION_UNITS = ['minutes', 'hours', 'days'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

const MINUTES_PER: Record<DurationUnit, number> = { minutes: 1, hours: 60, days: 24 * 60 };

export interface Duration {
  amount: number;
  unit: DurationUnit;
}

/** The largest unit that states the minutes exactly: 2880 → 2 days, 90 → 90 minutes, 1440·1.5 → 36 hours. */
export function splitDuration(minutes: number): Duration {
  for (const unit of ['days', 'hours'] as const) {
    if (minutes > 0 && minutes % MINUTES_PER[unit] === 0) return { amount: minutes / MINUTES_PER[unit], unit };
  }
  return { amount: minutes, unit: 'minutes' };
}

/** Whole minutes (the API's unit); half an hour typed as 0.5 h becomes 30. */
export function toMinutes({ amount, unit }: Duration): number {
  return Math.round(amount * MINUTES_PER[unit]);
}
