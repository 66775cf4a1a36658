import { App, Button, Divider, Form, InputNumber, Typography, type FormRule } from 'antd';
import { COMPLAINT_LEVELS, type ComplaintSettings } from '@kefu/contracts';
import { useT, type AppT } from '../../i18n/useT';
import { useComplaintSettings, useUpdateComplaintSettingsMutation } from '../../api/complaints';
import { SettingsPageLayout } from '../../components/SettingsPageLayout';
import { useReportError } from '../../components/useReportError';

const MAX_LEVEL_HOURS = 24 * 90;

function rangeRules(t: AppT, min: number, max: number): FormRule[] {
  return [
    { required: true, message: t('complaintSettings.required') },
    { type: 'number', min, message: t('shared:validation.too_small_number', { minimum: min }) },
    { type: 'number', max, message: t('shared:validation.too_big_number', { maximum: max }) },
  ];
}

function SettingsForm({ settings }: { settings: ComplaintSettings }) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<ComplaintSettings>();
  const update = useUpdateComplaintSettingsMutation();
  const reportError = useReportError();
  const submit = (values: ComplaintSettings) =>
    update.mutate(values, {
      onSuccess: (saved) => {
        form.setFieldsValue(saved);
        void message.success(t('complaintSettings.saved'));
      },
      onError: (error) => reportError(error, form),
    });
  return (
    <Form<ComplaintSettings> form={form} layout="vertical" initialValues={settings} onFinish={submit} style={{ maxWidth: 720 }}>
      <Typography.Title level={5}>{t('complaintSettings.repeatSection')}</Typography.Title>
      <Form.Item name="repeatWindowDays" label={t('complaintSettings.repeatWindowDays')} extra={t('complaintSettings.repeatHelp')} rules={rangeRules(t, 1, 365)}>
        <InputNumber min={1} max={365} precision={0} suffix={t('complaintSettings.daysUnit')} style={{ width: 160 }} data-testid="complaint-settings-repeat" />
      </Form.Item>
      <Divider />
      <Typography.Title level={5}>{t('complaintSettings.limitsSection')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('complaintSettings.limitsHelp')}</Typography.Paragraph>
      {COMPLAINT_LEVELS.map((level) => (
        <Form.Item key={level} name={['levelLimitHours', level]} label={t(`shared:complaints.levels.${level}`)} rules={rangeRules(t, 1, MAX_LEVEL_HOURS)}>
          <InputNumber min={1} max={MAX_LEVEL_HOURS} precision={0} suffix={t('complaintSettings.hoursUnit')} style={{ width: 160 }} data-testid={`complaint-settings-limit-${level}`} />
        </Form.Item>
      ))}
      <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="complaint-settings-submit">
        {t('common.save')}
      </Button>
    </Form>
  );
}

/** 投诉设置: the repeat-complaint window (CMP-4) and each level's time limit (CMP-1). */
export function ComplaintSettingsPage() {
  const { t } = useT();
  const settings = useComplaintSettings();
  return (
    <SettingsPageLayout title={t('nav.complaintSettings')} description={t('complaintSettings.description')} settings={settings}>
      {(data) => <SettingsForm settings={data} />}
    </SettingsPageLayout>
  );
}
