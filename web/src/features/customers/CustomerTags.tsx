import { Badge, Flex, Progress, Tag, Tooltip, Typography, theme } from 'antd';
import type { CustomerStatus, CustomerTier, CustomerType, PersonalityType } from '@kefu/contracts';
import { useT } from '../../i18n/useT';

/** Graded service (标准 + 等级): the tier is the first thing an agent should notice. */
const TIER_COLORS: Record<CustomerTier, string> = {
  supreme: 'magenta',
  diamond: 'purple',
  gold: 'gold',
  silver: 'cyan',
  regular: 'default',
};

const STATUS_BADGES: Record<CustomerStatus, 'success' | 'default' | 'error'> = {
  active: 'success',
  merged: 'default',
  erased: 'error',
};

export function TierTag({ tier }: { tier: CustomerTier }) {
  const { t } = useT();
  return (
    <Tag color={TIER_COLORS[tier]} style={{ marginInlineEnd: 0 }} data-testid="customer-tier">
      {t(`shared:customers.tiers.${tier}`)}
    </Tag>
  );
}

export function TypeTag({ type }: { type: CustomerType }) {
  const { t } = useT();
  return <Tag style={{ marginInlineEnd: 0 }}>{t(`shared:customers.types.${type}`)}</Tag>;
}

export function StatusBadge({ status }: { status: CustomerStatus }) {
  const { t } = useT();
  return <Badge status={STATUS_BADGES[status]} text={t(`shared:customers.statuses.${status}`)} />;
}

export function PersonalityTag({ personality }: { personality: PersonalityType }) {
  const { t } = useT();
  return (
    <Tooltip title={t(`shared:customers.personalityHints.${personality}`)}>
      <Tag color="blue" style={{ marginInlineEnd: 0 }}>
        {t(`shared:customers.personalities.${personality}`)}
      </Tag>
    </Tooltip>
  );
}

/** The customer's own tags (标签); a dash when there are none. */
export function CustomerTagList({ tags }: { tags: readonly string[] }) {
  if (tags.length === 0) return <Typography.Text type="secondary">-</Typography.Text>;
  return (
    <Flex wrap gap={4}>
      {tags.map((tag) => (
        <Tag key={tag} style={{ marginInlineEnd: 0 }}>
          {tag}
        </Tag>
      ))}
    </Flex>
  );
}

/** Below 60 % a profile is too thin to serve the customer well. */
const THIN_PROFILE_PERCENT = 60;

export function CompletenessProgress({ percent, size }: { percent: number; size?: 'small' }) {
  const { token } = theme.useToken();
  const color = percent >= 100 ? token.colorSuccess : percent < THIN_PROFILE_PERCENT ? token.colorWarning : token.colorPrimary;
  return <Progress percent={percent} size={size} strokeColor={color} format={(value) => `${value ?? 0}%`} style={{ margin: 0, minWidth: 100 }} />;
}
