import { App, Checkbox, Form, Modal, Typography } from 'antd';
import { COMPLETENESS_FIELDS, type CompletenessSettings } from '@kefu/contracts';
import { useT } from '../../i18n/useT';
import { useCompletenessSettings, useUpdateCompletenessSettingsMutation } from '../../api/customers';
import { LoadFailedResult, SectionLoading } from '../../components/StatusResults';
import { useReportError } from '../../components/useReportError';

interface CompletenessSettingsModalProps {
  open: boolean;
  onClose: () => void;
}

/** Which fields count towards 客户资料完整率 (CUS-7); render with a new `key` for each opening. */
export function CompletenessSettingsModal({ open, onClose }: CompletenessSettingsModalProps) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<CompletenessSettings>();
  const settings = useCompletenessSettings({ enabled: open });
  const update = useUpdateCompletenessSettingsMutation();
  const reportError = useReportError();

  const submit = (values: CompletenessSettings) =>
    update.mutate(values, {
      onSuccess: () => {
        void message.success(t('customers.completenessSettings.saved'));
        onClose();
      },
      onError: (error) => reportError(error, form),
    });

  return (
    <Modal
      open={open}
      title={t('customers.completenessSettings.title')}
      okText={t('common.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={update.isPending}
      okButtonProps={{ disabled: !settings.data }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('customers.completenessSettings.help')}</Typography.Paragraph>
      {settings.isError ? (
        <LoadFailedResult error={settings.error} onRetry={() => void settings.refetch()} />
      ) : settings.data ? (
        <Form<CompletenessSettings> form={form} layout="vertical" initialValues={settings.data} onFinish={submit}>
          <Form.Item
            name="requiredFields"
            rules={[{ required: true, type: 'array', min: 1, message: t('customers.completenessSettings.required') }]}
          >
            <Checkbox.Group
              options={COMPLETENESS_FIELDS.map((field) => ({ value: field, label: t(`shared:customers.completenessFields.${field}`) }))}
              style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', rowGap: 8 }}
            />
          </Form.Item>
        </Form>
      ) : (
        <SectionLoading />
      )}
    </Modal>
  );
}
