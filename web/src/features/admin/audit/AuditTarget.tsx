import { Typography } from 'antd';
import { useT } from '../../../i18n/useT';
import type { AuditEntry } from '@kefu/contracts';

const KNOWN_TARGET_TYPES = ['user', 'role', 'department', 'api_token', 'session', 'organization'] as const;
type KnownTargetType = (typeof KNOWN_TARGET_TYPES)[number];

function isKnownTargetType(value: string): value is KnownTargetType {
  return (KNOWN_TARGET_TYPES as readonly string[]).includes(value);
}

/** "用户 #12"; a target type this UI does not know yet is shown as sent. */
export function AuditTarget({ entry }: { entry: AuditEntry }) {
  const { t } = useT();
  if (!entry.targetType) return <Typography.Text type="secondary">-</Typography.Text>;
  const type = isKnownTargetType(entry.targetType) ? t(`audit.targetTypes.${entry.targetType}`) : entry.targetType;
  return (
    <span>
      {type}
      {entry.targetId && <Typography.Text type="secondary"> #{entry.targetId}</Typography.Text>}
    </span>
  );
}
