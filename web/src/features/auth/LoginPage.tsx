import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useT } from '../../i18n/useT';
import { Navigate, useLocation, useNavigate } from 'react-router';
import type { LoginRequest } from '@kefu/contracts';
import { useLoginMutation } from '../../api/auth';
import { isApiError } from '../../api/client';
import { useAuth } from '../../app/auth-context';
import type { LoginRedirectState } from '../../app/guards';
import { AuthShell } from './AuthShell';

export function LoginPage() {
  const { t } = useT();
  const { setupStatus, user, acceptSession } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const login = useLoginMutation();
  const from = (location.state as LoginRedirectState | null)?.from;
  const destination = from ? `${from.pathname}${from.search}` : '/';

  if (setupStatus.needsSetup) return <Navigate to="/setup" replace />;
  if (user) return <Navigate to={destination} replace />;

  const submit = (values: LoginRequest) =>
    login.mutate(values, {
      onSuccess: (session) => {
        acceptSession(session);
        navigate(destination, { replace: true });
      },
    });

  const error = login.error;
  return (
    <AuthShell title={t('login.title')} subtitle={setupStatus.organizationName}>
      {error && (
        <Alert
          type={isApiError(error, 'auth.account_locked') ? 'warning' : 'error'}
          showIcon
          title={isApiError(error) ? error.message : t('common.unexpectedError')}
          style={{ marginBottom: 16 }}
          data-testid="login-error"
        />
      )}
      <Form<LoginRequest> layout="vertical" size="large" onFinish={submit} requiredMark={false} autoComplete="on">
        <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('form.usernameRequired') }]}>
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
        </Form.Item>
        <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('form.passwordRequired') }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
          {t('login.submit')}
        </Button>
      </Form>
    </AuthShell>
  );
}
