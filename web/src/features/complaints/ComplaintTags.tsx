import { Tag } from 'antd';
import type { ComplaintLevel, ComplaintSeverity } from '@kefu/contracts';
import { useT } from '../../i18n/useT';

export const LEVEL_COLORS: Record<ComplaintLevel, string> = { complaint: 'blue', escalated: 'orange', appeal: 'red' };
export const SEVERITY_COLORS: Record<ComplaintSeverity, string> = { general: 'default', serious: 'orange', major: 'red' };

export function LevelTag({ level }: { level: ComplaintLevel }) {
  const { t } = useT();
  return (
    <Tag color={LEVEL_COLORS[level]} style={{ marginInlineEnd: 0 }} data-testid="complaint-level">
      {t(`shared:complaints.levels.${level}`)}
    </Tag>
  );
}

export function SeverityTag({ severity }: { severity: ComplaintSeverity }) {
  const { t } = useT();
  return (
    <Tag color={SEVERITY_COLORS[severity]} style={{ marginInlineEnd: 0 }} data-testid="complaint-severity">
      {t(`shared:complaints.severities.${severity}`)}
    </Tag>
  );
}
