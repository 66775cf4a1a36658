import { Button, Divider, Form, Input } from 'antd';
import { useT } from '../../i18n/useT';
import { Navigate, useNavigate } from 'react-router';
import { PASSWORD_MIN_LENGTH, type SetupRequest } from '@kefu/contracts';
import { useSetupMutation } from '../../api/auth';
import { useAuth } from '../../app/auth-context';
import { confirmPasswordRules, passwordRules, requiredTextRules, usernameRules } from '../../components/form-rules';
import { useReportError } from '../../components/useReportError';
import { AuthShell } from './AuthShell';

interface SetupFormValues extends SetupRequest {
  passwordConfirm: string;
}

export function SetupPage() {
  const { t } = useT();
  const { setupStatus, acceptSession, markSetupDone } = useAuth();
  const navigate = useNavigate();
  const setup = useSetupMutation();
  const reportError = useReportError();
  const [form] = Form.useForm<SetupFormValues>();

  if (!setupStatus.needsSetup) return <Navigate to="/" replace />;

  const submit = ({ organizationName, admin }: SetupFormValues) =>
    setup.mutate(
      { organizationName, admin },
      {
        onSuccess: (session) => {
          markSetupDone(session.organizationName);
          acceptSession(session);
          navigate('/', { replace: true });
        },
        onError: (error) => reportError(error, form),
      },
    );

  return (
    <AuthShell title={t('setup.title')} subtitle={t('setup.subtitle')} width={480}>
      <Form<SetupFormValues> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="organizationName"
          label={t('setup.organizationName')}
          extra={t('setup.organizationNameHelp')}
          rules={requiredTextRules(t, t('setup.organizationNameRequired'), 100)}
        >
          <Input data-testid="setup-org" />
        </Form.Item>
        <Divider plain titlePlacement="start">
          {t('setup.adminSection')}
        </Divider>
        <Form.Item name={['admin', 'username']} label={t('setup.adminUsername')} rules={usernameRules(t)} extra={t('form.usernameHelp')}>
          <Input autoComplete="username" data-testid="setup-username" />
        </Form.Item>
        <Form.Item
          name={['admin', 'displayName']}
          label={t('setup.adminDisplayName')}
          rules={requiredTextRules(t, t('form.displayNameRequired'), 64)}
        >
          <Input data-testid="setup-display-name" />
        </Form.Item>
        <Form.Item name={['admin', 'password']} label={t('setup.adminPassword')} rules={passwordRules(t)} extra={t('form.passwordHelp', { min: PASSWORD_MIN_LENGTH })}>
          <Input.Password autoComplete="new-password" data-testid="setup-password" />
        </Form.Item>
        <Form.Item
          name="passwordConfirm"
          label={t('setup.adminPasswordConfirm')}
          dependencies={[['admin', 'password']]}
          rules={confirmPasswordRules(t, ['admin', 'password'])}
        >
          <Input.Password autoComplete="new-password" data-testid="setup-password-confirm" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={setup.isPending} data-testid="setup-submit">
          {t('setup.submit')}
        </Button>
      </Form>
    </AuthShell>
  );
}
