import { Card, Empty, Flex, Timeline, Typography } from 'antd';
import {
  CONFIRMATION_METHODS,
  WORK_ORDER_ACTIONS,
  WORK_ORDER_STATUSES,
  type ConfirmationMethod,
  type WorkOrderAction,
  type WorkOrderEvent,
  type WorkOrderStatus,
} from '@kefu/contracts';
import { useT, type AppT } from '../../../i18n/useT';
import { useWorkOrderEvents } from '../../../api/work-order-detail';
import { DateTimeText } from '../../../components/DateTimeText';
import { LoadFailedResult, SectionLoading } from '../../../components/StatusResults';
import { StatusTag } from '../shared/WorkOrderTags';
import { eventNote } from './page-helpers';

const KIND_COLORS: Record<string, string> = {
  created: 'green',
  answered: 'green',
  dispatched: 'blue',
  step_completed: 'green',
  step_returned: 'orange',
  reminded: 'red',
  owner_changed: 'purple',
  deleted: 'red',
  merged_away: 'gray',
};

/** Kinds the server adds later show their raw code rather than nothing. */
function kindLabel(t: AppT, kind: string): string {
  return t(`shared:workOrders.events.${kind}`, { defaultValue: kind });
}

function isStatus(value: unknown): value is WorkOrderStatus {
  return (WORK_ORDER_STATUSES as readonly unknown[]).includes(value);
}

function isAction(value: unknown): value is WorkOrderAction {
  return (WORK_ORDER_ACTIONS as readonly unknown[]).includes(value);
}

/** How the customer confirmed, when a confirm transition recorded it. */
function confirmationMethod(event: WorkOrderEvent): ConfirmationMethod | null {
  const confirmation = event.data.confirmation;
  const method = confirmation && typeof confirmation === 'object' ? (confirmation as { method?: unknown }).method : undefined;
  return (CONFIRMATION_METHODS as readonly unknown[]).includes(method) ? (method as ConfirmationMethod) : null;
}

function EventItem({ event }: { event: WorkOrderEvent }) {
  const { t } = useT();
  const note = eventNote(event);
  const method = confirmationMethod(event);
  const action = event.data.action;
  return (
    <Flex vertical gap={2} data-testid="wo-event">
      <Flex gap={6} align="center" wrap>
        <Typography.Text strong data-testid="wo-event-kind">
          {kindLabel(t, event.kind)}
        </Typography.Text>
        {isAction(action) && <Typography.Text>{t(`shared:workOrders.actions.${action}`)}</Typography.Text>}
        {isStatus(event.fromStatus) && isStatus(event.toStatus) && event.fromStatus !== event.toStatus && (
          <Flex gap={4} align="center" data-testid="wo-event-status">
            <StatusTag status={event.fromStatus} />
            <Typography.Text type="secondary">{'→'}</Typography.Text>
            <StatusTag status={event.toStatus} />
          </Flex>
        )}
        {!event.fromStatus && isStatus(event.toStatus) && <StatusTag status={event.toStatus} />}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        <DateTimeText value={event.at} />
        {' · '}
        {event.actor?.name ?? t('workOrder.events.system')}
      </Typography.Text>
      {method && <Typography.Text type="secondary">{t(`shared:workOrders.confirmationMethods.${method}`)}</Typography.Text>}
      {note && (
        <Typography.Text type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
          {note}
        </Typography.Text>
      )}
    </Flex>
  );
}

/** Everything that happened to the order, oldest first, as the audit of its life. */
export function EventsCard({ orderId }: { orderId: number }) {
  const { t } = useT();
  const events = useWorkOrderEvents(orderId);
  return (
    <Card title={t('workOrder.events.title')} size="small" data-testid="wo-events">
      {events.isError ? (
        <LoadFailedResult error={events.error} onRetry={() => void events.refetch()} />
      ) : events.isPending ? (
        <SectionLoading />
      ) : events.data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workOrder.events.empty')} />
      ) : (
        <Timeline
          items={events.data.map((event) => ({
            key: event.id,
            color: KIND_COLORS[event.kind] ?? 'blue',
            content: <EventItem event={event} />,
          }))}
        />
      )}
    </Card>
  );
}
