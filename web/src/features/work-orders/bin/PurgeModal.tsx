import { App, Alert, Form, Input, Modal, Typography } from 'antd';
import type { WorkOrderSummary } from '@kefu/contracts';
import { useT } from '../../../i18n/useT';
import { usePurgeWorkOrderMutation } from '../../../api/work-order-admin';
import { useReportError } from '../../../components/useReportError';

/**
 * 彻底删除 cannot be undone, so the user types the order number they mean: a slip of
 * the mouse on the wrong row then does nothing. Render with a new `key` per opening.
 */
export function PurgeModal({ open, order, onClose }: { open: boolean; order: Pick<WorkOrderSummary, 'id' | 'number'> | undefined; onClose: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ number: string }>();
  const typed = Form.useWatch('number', form) ?? '';
  const purge = usePurgeWorkOrderMutation();
  const reportError = useReportError();
  const matches = order !== undefined && typed.trim().toUpperCase() === order.number.toUpperCase();

  const submit = () => {
    if (!order || !matches) return;
    purge.mutate(order.id, {
      onSuccess: () => {
        void message.success(t('recycleBin.purged', { number: order.number }));
        onClose();
      },
      onError: (error) => reportError(error),
    });
  };

  return (
    <Modal
      open={open}
      title={order ? t('recycleBin.purgeTitle', { number: order.number }) : undefined}
      okText={t('recycleBin.purge')}
      okButtonProps={{ danger: true, disabled: !matches, 'data-testid': 'bin-purge-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={purge.isPending}
      destroyOnHidden
    >
      <Alert type="error" showIcon title={t('recycleBin.purgeWarning')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="number"
          label={
            <span>
              {t('recycleBin.purgeTypeNumber')} <Typography.Text code>{order?.number}</Typography.Text>
            </span>
          }
        >
          <Input autoComplete="off" autoFocus data-testid="bin-purge-number" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
