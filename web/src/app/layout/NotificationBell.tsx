import { useState } from 'react';
import { Badge, Button, Empty, Flex, Popover, Spin, Tooltip, Typography, theme } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import dayjs from 'dayjs';
import type { Notification } from '@kefu/contracts';
import { useT } from '../../i18n/useT';
import { useMarkNotificationsReadMutation, useNotifications } from '../../api/work-orders';
import { formatDateTime } from '../../components/datetime';
import { workOrderPath } from '../navigation';

function NotificationRow({ notification, onOpen }: { notification: Notification; onOpen: (notification: Notification) => void }) {
  const { t } = useT();
  const { token } = theme.useToken();
  const unread = notification.readAt === null;
  return (
    <div
      role="button"
      tabIndex={0}
      onClick={() => onOpen(notification)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') onOpen(notification);
      }}
      data-testid="notification-item"
      data-unread={unread}
      style={{
        padding: '8px 12px',
        cursor: 'pointer',
        borderBottom: `1px solid ${token.colorBorderSecondary}`,
        background: unread ? token.colorPrimaryBg : undefined,
      }}
    >
      <Flex justify="space-between" gap={8}>
        <Typography.Text strong={unread}>
          {unread && <Badge status="processing" style={{ marginInlineEnd: 6 }} />}
          {t(`shared:workOrders.notificationKinds.${notification.kind}`)}
        </Typography.Text>
        <Tooltip title={formatDateTime(notification.createdAt)}>
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            {dayjs(notification.createdAt).format('MM-DD HH:mm')}
          </Typography.Text>
        </Tooltip>
      </Flex>
      {notification.workOrder && (
        <Typography.Text ellipsis style={{ display: 'block', fontSize: 13 }}>
          <Typography.Text type="secondary">{notification.workOrder.number}</Typography.Text> {notification.workOrder.title}
        </Typography.Text>
      )}
      {notification.actor && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('notifications.by', { name: notification.actor.name })}
        </Typography.Text>
      )}
    </div>
  );
}

/** The bell in the header: unread count, the latest notifications, click to open the order. */
export function NotificationBell() {
  const { t } = useT();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const notifications = useNotifications();
  const markRead = useMarkNotificationsReadMutation();
  const unread = notifications.data?.unread ?? 0;
  const items = notifications.data?.items ?? [];

  const openNotification = (notification: Notification) => {
    if (notification.readAt === null) markRead.mutate([notification.id]);
    setOpen(false);
    if (notification.workOrder) navigate(workOrderPath(notification.workOrder.id));
  };

  const content = (
    <div style={{ width: 340 }} data-testid="notification-list">
      <Flex justify="space-between" align="center" style={{ padding: '4px 12px 8px' }}>
        <Typography.Text strong>{t('notifications.title')}</Typography.Text>
        <Button
          type="link"
          size="small"
          disabled={unread === 0}
          loading={markRead.isPending}
          onClick={() => markRead.mutate(undefined)}
          data-testid="notifications-mark-all"
        >
          {t('notifications.markAllRead')}
        </Button>
      </Flex>
      <div style={{ maxHeight: 420, overflowY: 'auto' }}>
        {notifications.isPending ? (
          <Flex justify="center" style={{ padding: 24 }}>
            <Spin />
          </Flex>
        ) : notifications.isError ? (
          <Typography.Text type="danger" style={{ display: 'block', padding: 12 }}>
            {notifications.error.message}
          </Typography.Text>
        ) : items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
        ) : (
          items.map((notification) => <NotificationRow key={notification.id} notification={notification} onOpen={openNotification} />)
        )}
      </div>
    </div>
  );

  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      content={content}
      styles={{ container: { padding: '8px 0 0' } }}
      arrow={false}
    >
      <Badge count={unread} size="small" overflowCount={99} offset={[-6, 6]} data-testid="notifications-unread">
        <Button type="text" icon={<BellOutlined style={{ fontSize: 18 }} />} aria-label={t('notifications.title')} data-testid="notifications-bell" />
      </Badge>
    </Popover>
  );
}
