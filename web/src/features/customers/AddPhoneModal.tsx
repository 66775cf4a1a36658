import { App, AutoComplete, Checkbox, Form, Input, Modal } from 'antd';
import { isValidPhone, normalizePhone, type Customer } from '@kefu/contracts';
import { useT } from '../../i18n/useT';
import { useAddPhoneMutation } from '../../api/customers';
import { useReportError } from '../../components/useReportError';
import { MAX_PHONE_LABEL_LENGTH, MAX_PHONE_LENGTH, PHONE_LABELS } from './phone-form';

interface AddPhoneValues {
  number: string;
  label?: string;
  primary: boolean;
}

interface AddPhoneModalProps {
  open: boolean;
  customer: Customer;
  onClose: () => void;
  /** The customer as the server answered, e.g. to drop numbers revealed before the change. */
  onAdded?: (customer: Customer) => void;
}

/**
 * Adds one number without sending the others back, so it works for people who see only
 * masked numbers. Render with a new `key` for each opening (see useOverlayState).
 */
export function AddPhoneModal({ open, customer, onClose, onAdded }: AddPhoneModalProps) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<AddPhoneValues>();
  const addPhone = useAddPhoneMutation();
  const reportError = useReportError();
  const labelOptions = PHONE_LABELS.map((label) => ({ value: t(`customers.phoneLabels.${label}`) }));

  const submit = (values: AddPhoneValues) =>
    addPhone.mutate(
      { id: customer.id, phone: { number: values.number.trim(), label: values.label?.trim() || undefined, primary: values.primary } },
      {
        onSuccess: (updated) => {
          // A number already on file is ignored by the server: the list comes back as it was.
          if (updated.phones.length === customer.phones.length) void message.info(t('customers.phoneActions.alreadyOnFile'));
          else void message.success(t('customers.phoneActions.added'));
          onAdded?.(updated);
          onClose();
        },
        onError: (error) => reportError(error, form),
      },
    );

  return (
    <Modal
      open={open}
      title={t('customers.phoneActions.addTitle', { name: customer.name })}
      okText={t('customers.phoneActions.add')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={addPhone.isPending}
      destroyOnHidden
    >
      <Form<AddPhoneValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        requiredMark={false}
        initialValues={{ number: '', primary: customer.phones.length === 0 }}
      >
        <Form.Item
          name="number"
          label={t('customers.phoneActions.number')}
          rules={[
            { required: true, whitespace: true, message: t('customers.phoneActions.numberRequired') },
            { max: MAX_PHONE_LENGTH, message: t('shared:validation.too_big_string', { maximum: MAX_PHONE_LENGTH }) },
            {
              validator: async (_rule, value: unknown) => {
                if (typeof value === 'string' && value.trim() !== '' && !isValidPhone(normalizePhone(value))) {
                  throw new Error(t('shared:validation.phone'));
                }
              },
            },
          ]}
        >
          <Input autoComplete="off" inputMode="tel" placeholder={t('customers.phoneNumberPlaceholder')} data-testid="customer-phone-add-number" />
        </Form.Item>
        <Form.Item
          name="label"
          label={t('customers.phoneActions.label')}
          rules={[{ max: MAX_PHONE_LABEL_LENGTH, message: t('shared:validation.too_big_string', { maximum: MAX_PHONE_LABEL_LENGTH }) }]}
        >
          <AutoComplete options={labelOptions} placeholder={t('customers.phoneLabelPlaceholder')} allowClear />
        </Form.Item>
        <Form.Item name="primary" valuePropName="checked" style={{ marginBottom: 0 }}>
          <Checkbox data-testid="customer-phone-add-primary">{t('customers.phoneActions.makePrimaryOnAdd')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
