import { Alert, Button, Typography } from 'antd';
import { BulbOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import type { PersonalityType } from '@kefu/contracts';
import { useT } from '../../i18n/useT';

interface PersonalityHintProps {
  personality: PersonalityType | null;
  /** Offered when the type is unknown and the user may fill it in. */
  onEdit?: () => void;
}

/** What the agent reads during a call (CUS-2): how this customer likes to be served. */
export function PersonalityHint({ personality, onEdit }: PersonalityHintProps) {
  const { t } = useT();
  if (!personality) {
    return (
      <Alert
        type="warning"
        showIcon
        icon={<QuestionCircleOutlined />}
        title={t('customers.personalityHint.unknownTitle')}
        description={t('customers.personalityHint.unknown')}
        action={
          onEdit && (
            <Button size="small" onClick={onEdit}>
              {t('customers.personalityHint.fillIn')}
            </Button>
          )
        }
        data-testid="personality-hint"
      />
    );
  }
  return (
    <Alert
      type="info"
      showIcon
      icon={<BulbOutlined />}
      title={
        <Typography.Text strong style={{ fontSize: 16 }}>
          {t('customers.personalityHint.title', { type: t(`shared:customers.personalities.${personality}`) })}
        </Typography.Text>
      }
      description={<span style={{ fontSize: 15 }}>{t(`shared:customers.personalityHints.${personality}`)}</span>}
      data-testid="personality-hint"
    />
  );
}
