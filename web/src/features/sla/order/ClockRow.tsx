import { Flex, Tag, Tooltip, Typography } from 'antd';
import { PauseCircleOutlined } from '@ant-design/icons';
import type { Clock } from '@kefu/contracts';
import { useT } from '../../../i18n/useT';
import { formatInTimeZone } from '../../../components/datetime';
import { useNow } from '../../work-orders/shared/useNow';
import { DurationText } from '../DurationText';
import { CLOCK_STATE_COLORS, countdownParts, liveClock } from './clock';

interface ClockRowProps {
  clock: Clock;
  /** When the server's answer arrived: the countdown runs from there. */
  fetchedAt: number;
  timeZone: string;
}

/**
 * One target's clock: its state, the time left (ticking every second), and the due time in
 * the calendar's zone. Test ids: sla-clock-<kind>, -state, -remaining, -due.
 */
export function ClockRow({ clock, fetchedAt, timeZone }: ClockRowProps) {
  const { t } = useT();
  const now = useNow(1_000);
  const live = liveClock(clock, fetchedAt, now);
  const parts = countdownParts(live.remainingMs);
  const remaining = parts.days > 0 ? t('slaCard.countdownDays', { days: parts.days, clock: parts.clock }) : parts.clock;
  const finished = live.state === 'met' || live.state === 'missed';
  const testId = `sla-clock-${clock.kind}`;
  return (
    <Flex vertical gap={2} data-testid={testId} data-state={live.state}>
      <Flex justify="space-between" align="center" gap={8}>
        <Typography.Text strong>{t(`shared:sla.targetKinds.${clock.kind}`)}</Typography.Text>
        <Tag color={CLOCK_STATE_COLORS[live.state]} icon={live.state === 'paused' ? <PauseCircleOutlined /> : undefined} style={{ marginInlineEnd: 0 }} data-testid={`${testId}-state`}>
          {t(`shared:sla.clockStates.${live.state}`)}
        </Tag>
      </Flex>
      {!finished && (
        <Typography.Text
          type={live.state === 'breached' ? 'danger' : live.state === 'warning' ? 'warning' : live.state === 'paused' ? 'secondary' : undefined}
          strong
          style={{ fontSize: 18, fontVariantNumeric: 'tabular-nums' }}
          data-testid={`${testId}-remaining`}
        >
          {t(parts.overdue ? 'slaCard.overdueBy' : 'slaCard.remaining', { time: remaining })}
        </Typography.Text>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        <Tooltip title={t('slaCard.zoneNote', { zone: timeZone })}>
          <span data-testid={`${testId}-due`}>{t('slaCard.dueAt', { at: formatInTimeZone(clock.dueAt, timeZone) })}</span>
        </Tooltip>
        {' · '}
        {t('slaCard.target')} <DurationText minutes={clock.targetMinutes} /> {t(`shared:sla.bases.${clock.basis}`)}
        {clock.completedAt !== null && <> · {t('slaCard.completedAt', { at: formatInTimeZone(clock.completedAt, timeZone) })}</>}
      </Typography.Text>
    </Flex>
  );
}
