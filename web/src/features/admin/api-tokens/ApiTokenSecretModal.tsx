import { Alert, Button, Modal, Typography } from 'antd';
import { useT } from '../../../i18n/useT';
import type { CreatedApiToken } from '../../../api/api-tokens';

/** The secret exists only in the creation response, so this is the one chance to copy it. */
interface ApiTokenSecretModalProps {
  open: boolean;
  created: CreatedApiToken | undefined;
  onClose: () => void;
}

export function ApiTokenSecretModal({ open, created, onClose }: ApiTokenSecretModalProps) {
  const { t } = useT();
  return (
    <Modal
      open={open}
      title={t('apiTokens.secretTitle', { name: created?.token.name ?? '' })}
      width={640}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('apiTokens.secretSaved')}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={t('apiTokens.secretWarning')} style={{ marginBottom: 16 }} />
      {created && (
        <Typography.Paragraph
          copyable={{ text: created.secret }}
          code
          className="kefu-code"
          style={{ fontSize: 14, padding: '8px 0' }}
          data-testid="api-token-secret"
        >
          {created.secret}
        </Typography.Paragraph>
      )}
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('apiTokens.usageHint')}
      </Typography.Paragraph>
    </Modal>
  );
}
