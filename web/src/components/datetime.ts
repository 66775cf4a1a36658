import dayjs from 'dayjs';

export const DATE_TIME_FORMAT = 'YYYY-MM-DD HH:mm:ss';

/** Epoch milliseconds (UTC) shown in the browser's time zone. */
export function formatDateTime(epochMs: number): string {
  return dayjs(epochMs).format(DATE_TIME_FORMAT);
}
