import { Tag } from 'antd';
import type { ClockState } from '@kefu/contracts';
import { useT } from '../../i18n/useT';
import { CLOCK_STATE_COLORS } from './order/clock';

/** The resolution clock's state in a dense row: warning orange, breached red. */
export function SlaStateTag({ state }: { state: ClockState | null }) {
  const { t } = useT();
  if (state === null) return null;
  return (
    <Tag color={CLOCK_STATE_COLORS[state]} style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '16px', paddingInline: 4 }} data-testid="workspace-sla-state" data-state={state}>
      {t(`shared:sla.clockStates.${state}`)}
    </Tag>
  );
}
