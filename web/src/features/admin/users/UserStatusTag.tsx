import { Badge, Flex, Tag, Tooltip } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useT } from '../../../i18n/useT';
import type { User } from '@kefu/contracts';
import { formatDateTime } from '../../../components/datetime';

export function isLocked(user: User, now = Date.now()): boolean {
  return user.lockedUntil !== null && user.lockedUntil > now;
}

export function UserStatusTag({ user }: { user: User }) {
  const { t } = useT();
  return (
    <Flex gap={6} align="center" wrap>
      <Badge status={user.status === 'active' ? 'success' : 'default'} text={t(`shared:userStatuses.${user.status}`)} />
      {isLocked(user) && user.lockedUntil !== null && (
        <Tooltip title={t('users.lockedUntil', { time: formatDateTime(user.lockedUntil) })}>
          <Tag color="red" icon={<LockOutlined />} style={{ marginInlineEnd: 0 }}>
            {t('users.locked')}
          </Tag>
        </Tooltip>
      )}
    </Flex>
  );
}
