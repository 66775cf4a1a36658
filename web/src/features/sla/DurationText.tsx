import { useT } from '../../i18n/useT';
import { splitDuration } from './duration';

/** 48 小时 / 7 天 / 90 分钟: minutes in the unit they were most likely stated in. */
export function DurationText({ minutes }: { minutes: number }) {
  const { t } = useT();
  const { amount, unit } = splitDuration(minutes);
  return <span style={{ whiteSpace: 'nowrap' }}>{t(`slaCommon.amounts.${unit}`, { count: amount })}</span>;
}
