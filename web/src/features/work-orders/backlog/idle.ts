import type { AppT } from '../../../i18n/useT';

const HOUR = 3_600_000;

export interface IdleDuration {
  days: number;
  hours: number;
  /** Whole hours in all, for sorting and threshold comparisons. */
  totalHours: number;
}

/** How long an order has had no activity, in whole days and hours (never negative). */
export function idleDuration(since: number, now: number): IdleDuration {
  const totalHours = Math.max(0, Math.floor((now - since) / HOUR));
  return { days: Math.floor(totalHours / 24), hours: totalHours % 24, totalHours };
}

/** "3 天 5 小时", "5 小时", "不到 1 小时": days only once a day has passed, as agents say it. */
export function formatIdle(t: AppT, since: number, now: number): string {
  const { days, hours, totalHours } = idleDuration(since, now);
  if (totalHours === 0) return t('backlog.idle.lessThanHour');
  if (days === 0) return t('backlog.idle.hours', { count: hours });
  if (hours === 0) return t('backlog.idle.days', { count: days });
  return t('backlog.idle.daysHours', { days, hours });
}

/** How far past its team's threshold an order is: 1 = just reached, 2 = twice as long. */
export function overdueRatio(since: number, now: number, thresholdHours: number): number {
  return thresholdHours > 0 ? (now - since) / (thresholdHours * HOUR) : 0;
}
