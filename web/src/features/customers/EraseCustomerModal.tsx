import { Alert, App, Checkbox, Form, Input, Modal } from 'antd';
import type { Customer } from '@kefu/contracts';
import { useT } from '../../i18n/useT';
import { useEraseCustomerMutation } from '../../api/customers';
import { requiredTextRules } from '../../components/form-rules';
import { useReportError } from '../../components/useReportError';

interface EraseValues {
  reason: string;
  confirmed: boolean;
}

interface EraseCustomerModalProps {
  open: boolean;
  customer: Customer;
  onClose: () => void;
}

const REASON_MIN = 2;
const REASON_MAX = 200;

/** Erasure on the customer's request (PIPL): irreversible, so it needs a reason and an explicit confirmation. */
export function EraseCustomerModal({ open, customer, onClose }: EraseCustomerModalProps) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<EraseValues>();
  const erase = useEraseCustomerMutation();
  const reportError = useReportError();

  const submit = ({ reason }: EraseValues) =>
    erase.mutate(
      { id: customer.id, reason: reason.trim() },
      {
        onSuccess: () => {
          void message.success(t('customers.erase.done'));
          onClose();
        },
        onError: (error) => reportError(error, form),
      },
    );

  return (
    <Modal
      open={open}
      title={t('customers.erase.title', { name: customer.name })}
      okText={t('customers.erase.submit')}
      okButtonProps={{ danger: true }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={erase.isPending}
      destroyOnHidden
    >
      <Alert type="error" showIcon title={t('customers.erase.warningTitle')} description={t('customers.erase.warning')} style={{ marginBottom: 16 }} />
      <Form<EraseValues> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="reason"
          label={t('customers.erase.reason')}
          extra={t('customers.erase.reasonHelp')}
          rules={[
            ...requiredTextRules(t, t('customers.erase.reasonRequired'), REASON_MAX),
            { min: REASON_MIN, message: t('shared:validation.too_small_string', { minimum: REASON_MIN }) },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={REASON_MAX} showCount data-testid="erase-reason" />
        </Form.Item>
        <Form.Item
          name="confirmed"
          valuePropName="checked"
          rules={[{ validator: async (_rule, value: unknown) => { if (value !== true) throw new Error(t('customers.erase.confirmRequired')); } }]}
        >
          <Checkbox data-testid="erase-confirm">{t('customers.erase.confirm')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
