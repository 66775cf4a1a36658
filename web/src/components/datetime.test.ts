import { describe, expect, it } from 'vitest';
import { formatInTimeZone } from './datetime';

describe('formatInTimeZone', () => {
  const instant = Date.UTC(2026, 9, 1, 16, 5); // 2026-10-01 16:05 UTC

  it('shows the instant in the named zone, whatever the browser zone', () => {
    expect(formatInTimeZone(instant, 'Asia/Shanghai')).toBe('2026-10-02 00:05');
    expect(formatInTimeZone(instant, 'UTC')).toBe('2026-10-01 16:05');
    expect(formatInTimeZone(instant, 'America/New_York')).toBe('2026-10-01 12:05');
  });

  it('falls back to the browser zone for an unknown zone', () => {
    expect(formatInTimeZone(instant, 'Mars/Olympus')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  });
});
