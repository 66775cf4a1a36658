import { Button, Divider, Form, Input } from 'antd';
import { useT } from '../../i18n/useT';
import { Navigate, useNavigate } from 'react-router';
import type { SetupRequest } from '@kefu/contracts';
import { useSetupMutation } from '../../api/auth';
import { useAuth } from '../../app/auth-context';
import { requiredTextRules, usernameRules } from '../../components/form-rules';
import { NewPasswordFields } from '../../components/NewPasswordFields';
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
        <NewPasswordFields
          name={['admin', 'password']}
          confirmName="passwordConfirm"
          label={t('setup.adminPassword')}
          confirmLabel={t('setup.adminPasswordConfirm')}
          testIds={{ password: 'setup-password', confirm: 'setup-password-confirm' }}
        />
        <Button type="primary" htmlType="submit" block size="large" loading={setup.isPending} data-testid="setup-submit">
          {t('setup.submit')}
        </Button>
      </Form>
    </AuthShell>
  );
}
