import dayjs from 'dayjs';

export const DATE_TIME_FORMAT = 'YYYY-MM-DD HH:mm:ss';

/** Epoch milliseconds (UTC) shown in the browser's time zone. */
export function formatDateTime(epochMs: number): string {
  return dayjs(epochMs).format(DATE_TIME_FORMAT);
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * Epoch milliseconds shown as YYYY-MM-DD HH:mm in `timeZone` (the organisation's or a
 * calendar's, e.g. Asia/Shanghai), whatever zone the browser is in. An unknown zone falls
 * back to the browser's.
 */
export function formatInTimeZone(epochMs: number, timeZone: string): string {
  let format = zoneFormats.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    } catch {
      return dayjs(epochMs).format('YYYY-MM-DD HH:mm');
    }
    zoneFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(epochMs).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
