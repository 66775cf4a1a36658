import { Button, Card, Descriptions, Flex, Tag, Tooltip, Typography, theme } from 'antd';
import { SafetyCertificateOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { OPEN_STATUSES, type WorkOrder, type WorkOrderAction } from '@kefu/contracts';
import { useT } from '../../../i18n/useT';
import { useWorkOrderCategories } from '../../../api/work-orders';
import { DateTimeText } from '../../../components/DateTimeText';
import { ChannelText, TypeText } from '../shared/WorkOrderTags';
import { isDestructiveAction, orderActions } from './transition-fields';
import { useNow } from '../shared/useNow';

/** 宽带 / 故障 / 断线 when the category list is at hand, else the category's own name. */
function useCategoryPath(order: WorkOrder): string {
  const categories = useWorkOrderCategories();
  const category = categories.data?.find((candidate) => candidate.id === order.category.id);
  return category && category.pathNames.length > 0 ? category.pathNames.join(' / ') : order.category.name;
}

function DueTime({ order }: { order: WorkOrder }) {
  const { t } = useT();
  const now = useNow(30_000);
  if (order.dueAt === null) return <Typography.Text type="secondary">{t('workOrder.header.noDue')}</Typography.Text>;
  const overdue = OPEN_STATUSES.includes(order.status) && order.dueAt < now;
  return (
    <Flex gap={6} align="center" wrap data-testid="wo-due">
      <Typography.Text type={overdue ? 'danger' : undefined} strong={overdue}>
        <DateTimeText value={order.dueAt} />
      </Typography.Text>
      {overdue && (
        <Tag color="error" style={{ marginInlineEnd: 0 }}>
          {t('workOrder.header.overdue')}
        </Tag>
      )}
    </Flex>
  );
}

/** First-contact responsibility (WO-4): the owner is who the customer can always hold to account. */
function OwnerText({ order }: { order: WorkOrder }) {
  const { t } = useT();
  const { token } = theme.useToken();
  return (
    <Tooltip title={t('workOrder.header.ownerHelp')}>
      <Typography.Text strong style={{ fontSize: 16 }} data-testid="wo-owner">
        <SafetyCertificateOutlined style={{ marginInlineEnd: 6, color: token.colorPrimary }} />
        {order.owner.name}
      </Typography.Text>
    </Tooltip>
  );
}

function HandlerText({ order }: { order: WorkOrder }) {
  const { t } = useT();
  if (!order.handler && !order.department) {
    return (
      <Tag color="warning" style={{ marginInlineEnd: 0 }} data-testid="wo-handler">
        {t('workOrder.header.unassigned')}
      </Tag>
    );
  }
  return (
    <Flex gap={12} wrap data-testid="wo-handler">
      {order.handler && (
        <span>
          <UserOutlined style={{ marginInlineEnd: 4 }} />
          {order.handler.name}
        </span>
      )}
      {order.department && (
        <Typography.Text type="secondary">
          <TeamOutlined style={{ marginInlineEnd: 4 }} />
          {order.department.name}
        </Typography.Text>
      )}
    </Flex>
  );
}

/** Who answers for the order, who works on it, what it is and by when. */
export function WorkOrderSummaryCard({ order }: { order: WorkOrder }) {
  const { t } = useT();
  const categoryPath = useCategoryPath(order);
  return (
    <Card size="small">
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 3 }}
        items={[
          { key: 'owner', label: t('workOrder.header.owner'), children: <OwnerText order={order} /> },
          { key: 'handler', label: t('workOrder.header.handler'), children: <HandlerText order={order} /> },
          { key: 'due', label: t('workOrder.header.due'), children: <DueTime order={order} /> },
          { key: 'type', label: t('workOrder.header.type'), children: <TypeText type={order.type} /> },
          { key: 'channel', label: t('workOrder.header.channel'), children: <ChannelText channel={order.channel} /> },
          { key: 'category', label: t('workOrder.header.category'), children: <span data-testid="wo-category">{categoryPath}</span> },
          { key: 'created', label: t('workOrder.header.created'), children: <DateTimeText value={order.createdAt} /> },
          { key: 'activity', label: t('workOrder.header.lastActivity'), children: <DateTimeText value={order.lastActivityAt} /> },
          {
            key: 'counts',
            label: t('workOrder.header.counts'),
            children: (
              <Flex gap={8} wrap>
                <Tag color={order.reopenCount > 0 ? 'orange' : undefined} style={{ marginInlineEnd: 0 }} data-testid="wo-reopen-count">
                  {t('workOrder.header.reopenCount', { count: order.reopenCount })}
                </Tag>
                <Tag color={order.reminderCount > 0 ? 'red' : undefined} style={{ marginInlineEnd: 0 }} data-testid="wo-reminder-count">
                  {t('workOrder.header.reminderCount', { count: order.reminderCount })}
                </Tag>
              </Flex>
            ),
          },
        ]}
      />
    </Card>
  );
}

interface ActionButtonsProps {
  order: WorkOrder;
  pendingAction: WorkOrderAction | undefined;
  onAction: (action: WorkOrderAction) => void;
}

/** Only what the server allows now: the state machine and the caller's role both agree. */
export function TransitionButtons({ order, pendingAction, onAction }: ActionButtonsProps) {
  const { t } = useT();
  return (
    <>
      {orderActions(order.allowedActions).map((action, index) => (
        <Button
          key={action}
          type={index === 0 && !isDestructiveAction(action) ? 'primary' : 'default'}
          danger={isDestructiveAction(action)}
          loading={pendingAction === action}
          onClick={() => onAction(action)}
          data-testid={`wo-action-${action}`}
        >
          {t(`shared:workOrders.actions.${action}`)}
        </Button>
      ))}
    </>
  );
}
