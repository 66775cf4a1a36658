import { Alert, Button } from 'antd';
import { SafetyOutlined } from '@ant-design/icons';
import { useT } from '../../../i18n/useT';
import { useVerifyAuditMutation } from '../../../api/audit';
import { useReportError } from '../../../components/useReportError';

/** Recomputes the hash chain on the server and reports where it first breaks. */
export function useAuditVerification() {
  const { t } = useT();
  const verify = useVerifyAuditMutation();
  const reportError = useReportError();

  const button = (
    <Button icon={<SafetyOutlined />} loading={verify.isPending} onClick={() => verify.mutate(undefined, { onError: (error) => reportError(error) })}>
      {t('audit.verify')}
    </Button>
  );

  const result = verify.data;
  const alert =
    result &&
    (result.ok ? (
      <Alert type="success" showIcon closable={{ onClose: verify.reset }} title={t('audit.verifyOk', { count: result.checked })} />
    ) : (
      <Alert
        type="error"
        showIcon
        closable={{ onClose: verify.reset }}
        title={t('audit.verifyBrokenTitle')}
        description={t('audit.verifyBroken', { id: result.firstBrokenId ?? '-', count: result.checked })}
      />
    ));

  return { button, alert };
}
