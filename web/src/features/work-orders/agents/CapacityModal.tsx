import { App, Checkbox, Form, InputNumber, Modal } from 'antd';
import type { Availability } from '@kefu/contracts';
import { useT } from '../../../i18n/useT';
import { useUpdateAvailabilityMutation } from '../../../api/work-order-admin';
import { useReportError } from '../../../components/useReportError';

interface CapacityFormValues {
  useDefault: boolean;
  capacity: number | null;
}

/** A supervisor sets how many open orders one agent may hold; render with a new `key` per opening. */
export function CapacityModal({
  open,
  agent,
  defaultCapacity,
  onClose,
}: {
  open: boolean;
  agent: Availability | undefined;
  defaultCapacity: number | undefined;
  onClose: () => void;
}) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<CapacityFormValues>();
  const update = useUpdateAvailabilityMutation();
  const reportError = useReportError();
  const useDefault = Form.useWatch('useDefault', form) ?? false;

  const submit = (values: CapacityFormValues) => {
    if (!agent) return;
    update.mutate(
      { userId: agent.userId, self: false, changes: { capacity: values.useDefault ? null : values.capacity } },
      {
        onSuccess: () => {
          void message.success(t('agents.capacitySaved', { name: agent.name }));
          onClose();
        },
        onError: (error) => reportError(error, form),
      },
    );
  };

  return (
    <Modal
      open={open}
      title={agent ? t('agents.capacityTitle', { name: agent.name }) : undefined}
      okText={t('common.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={update.isPending}
      okButtonProps={{ 'data-testid': 'agent-capacity-submit' }}
      destroyOnHidden
    >
      <Form<CapacityFormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ useDefault: false, capacity: agent?.capacity ?? defaultCapacity ?? 1 }}
      >
        <Form.Item
          name="capacity"
          label={t('agents.capacity')}
          extra={t('agents.capacityHelp', { load: agent?.load ?? 0 })}
          rules={useDefault ? [] : [{ required: true, type: 'number', min: 1, max: 1000, message: t('agents.capacityRange') }]}
        >
          <InputNumber min={1} max={1000} precision={0} disabled={useDefault} suffix={t('agents.ordersUnit')} style={{ width: 160 }} data-testid="agent-capacity-input" />
        </Form.Item>
        <Form.Item name="useDefault" valuePropName="checked">
          <Checkbox data-testid="agent-capacity-default">
            {defaultCapacity === undefined ? t('agents.useDefaultUnknown') : t('agents.useDefault', { capacity: defaultCapacity })}
          </Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
