import { useMemo } from 'react';
import { App, Button, Form, Input, Select } from 'antd';
import { useT } from '../../../i18n/useT';
import { LOCALES, type OrganizationSettings } from '@kefu/contracts';
import { useOrganizationSettings, useUpdateSettingsMutation } from '../../../api/settings';
import { useAuth } from '../../../app/auth-context';
import { requiredTextRules } from '../../../components/form-rules';
import { SettingsPageLayout } from '../../../components/SettingsPageLayout';
import { useReportError } from '../../../components/useReportError';

function timeZoneOptions(current: string) {
  const zones = Intl.supportedValuesOf('timeZone');
  const all = zones.includes(current) ? zones : [current, ...zones];
  return all.map((zone) => ({ value: zone, label: zone }));
}

function SettingsForm({ settings }: { settings: OrganizationSettings }) {
  const { t } = useT();
  const { message } = App.useApp();
  const { session, acceptSession, markSetupDone } = useAuth();
  const [form] = Form.useForm<OrganizationSettings>();
  const update = useUpdateSettingsMutation();
  const reportError = useReportError();
  const zones = useMemo(() => timeZoneOptions(settings.timeZone), [settings.timeZone]);

  const submit = (values: OrganizationSettings) =>
    update.mutate(
      { ...values, name: values.name.trim() },
      {
        onSuccess: (saved) => {
          // The header and login page show the organisation name from the session and setup status.
          if (session) acceptSession({ ...session, organizationName: saved.name });
          markSetupDone(saved.name);
          form.setFieldsValue(saved);
          void message.success(t('settings.saved'));
        },
        onError: (error) => reportError(error, form),
      },
    );

  return (
    <Form<OrganizationSettings> form={form} layout="vertical" initialValues={settings} onFinish={submit} style={{ maxWidth: 560 }}>
      <Form.Item name="name" label={t('settings.fields.name')} rules={requiredTextRules(t, t('setup.organizationNameRequired'), 100)}>
        <Input data-testid="settings-name" />
      </Form.Item>
      <Form.Item
        name="timeZone"
        label={t('settings.fields.timeZone')}
        extra={t('settings.timeZoneHelp')}
        rules={[{ required: true, message: t('settings.timeZoneRequired') }]}
      >
        <Select options={zones} showSearch={{ optionFilterProp: 'label' }} />
      </Form.Item>
      <Form.Item name="defaultLocale" label={t('settings.fields.defaultLocale')} extra={t('settings.defaultLocaleHelp')}>
        <Select options={LOCALES.map((locale) => ({ value: locale, label: t(`language.${locale}`) }))} style={{ width: 200 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="settings-submit">
        {t('common.save')}
      </Button>
    </Form>
  );
}

export function SettingsPage() {
  const { t } = useT();
  const settings = useOrganizationSettings();
  return (
    <SettingsPageLayout title={t('nav.settings')} description={t('settings.description')} settings={settings}>
      {(data) => <SettingsForm settings={data} />}
    </SettingsPageLayout>
  );
}
