import { Form, Input } from 'antd';
import { PASSWORD_MIN_LENGTH } from '@kefu/contracts';
import { useT } from '../i18n/useT';
import { confirmPasswordRules, passwordRules } from './form-rules';

interface NewPasswordFieldsProps {
  name: string | (string | number)[];
  confirmName: string | (string | number)[];
  label: string;
  confirmLabel: string;
  testIds?: { password: string; confirm: string };
}

/** A new password under the password policy, typed twice: setup, password change and admin reset. */
export function NewPasswordFields({ name, confirmName, label, confirmLabel, testIds }: NewPasswordFieldsProps) {
  const { t } = useT();
  return (
    <>
      <Form.Item name={name} label={label} rules={passwordRules(t)} extra={t('form.passwordHelp', { min: PASSWORD_MIN_LENGTH })}>
        <Input.Password autoComplete="new-password" data-testid={testIds?.password} />
      </Form.Item>
      <Form.Item name={confirmName} label={confirmLabel} dependencies={[name]} rules={confirmPasswordRules(t, name)}>
        <Input.Password autoComplete="new-password" data-testid={testIds?.confirm} />
      </Form.Item>
    </>
  );
}
