import { Tag, Tooltip } from 'antd';
import type { Channel, Priority, WorkOrderStatus, WorkOrderType } from '@kefu/contracts';
import { useT } from '../../../i18n/useT';

/** Open statuses in warm colours, finished ones calm, side states apart. */
export const STATUS_COLORS: Record<WorkOrderStatus, string> = {
  new: 'blue',
  accepted: 'geekblue',
  in_progress: 'processing',
  pending_confirmation: 'orange',
  resolved: 'green',
  visited: 'cyan',
  closed: 'default',
  suspended: 'warning',
  cancelled: 'default',
};

export const PRIORITY_COLORS: Record<Priority, string> = {
  low: 'default',
  normal: 'blue',
  high: 'orange',
  urgent: 'red',
};

export function StatusTag({ status }: { status: WorkOrderStatus }) {
  const { t } = useT();
  return (
    <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }} data-testid="work-order-status">
      {t(`shared:workOrders.statuses.${status}`)}
    </Tag>
  );
}

export function PriorityTag({ priority }: { priority: Priority }) {
  const { t } = useT();
  return (
    <Tag color={PRIORITY_COLORS[priority]} style={{ marginInlineEnd: 0 }} data-testid="work-order-priority">
      {t(`shared:workOrders.priorities.${priority}`)}
    </Tag>
  );
}

export function TypeText({ type }: { type: WorkOrderType }) {
  const { t } = useT();
  return <span style={{ whiteSpace: 'nowrap' }}>{t(`shared:workOrders.types.${type}`)}</span>;
}

export function ChannelText({ channel }: { channel: Channel }) {
  const { t } = useT();
  return <span style={{ whiteSpace: 'nowrap' }}>{t(`shared:workOrders.channels.${channel}`)}</span>;
}

/** A compact priority mark for dense rows: the colour carries it, the tooltip names it. */
export function PriorityDot({ priority }: { priority: Priority }) {
  const { t } = useT();
  const colors: Record<Priority, string> = { low: '#bfbfbf', normal: '#1677ff', high: '#fa8c16', urgent: '#f5222d' };
  return (
    <Tooltip title={t(`shared:workOrders.priorities.${priority}`)}>
      <span
        aria-label={t(`shared:workOrders.priorities.${priority}`)}
        style={{ display: 'inline-block', width: 8, height: 8, borderRadius: 4, background: colors[priority], flex: 'none' }}
      />
    </Tooltip>
  );
}
