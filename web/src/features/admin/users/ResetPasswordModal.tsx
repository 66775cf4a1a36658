import { App, Form, Modal, Typography } from 'antd';
import { useT } from '../../../i18n/useT';
import type { User } from '@kefu/contracts';
import { useResetUserPasswordMutation } from '../../../api/users';
import { NewPasswordFields } from '../../../components/NewPasswordFields';
import { useReportError } from '../../../components/useReportError';

interface ResetPasswordValues {
  password: string;
  passwordConfirm: string;
}

interface ResetPasswordModalProps {
  open: boolean;
  user: User | undefined;
  onClose: () => void;
}

export function ResetPasswordModal({ open, user, onClose }: ResetPasswordModalProps) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<ResetPasswordValues>();
  const resetPassword = useResetUserPasswordMutation();
  const reportError = useReportError();

  const submit = ({ password }: ResetPasswordValues) => {
    if (!user) return;
    resetPassword.mutate(
      { id: user.id, password },
      {
        onSuccess: () => {
          void message.success(t('users.passwordReset', { name: user.displayName }));
          onClose();
        },
        onError: (error) => reportError(error, form, { 'auth.password_too_weak': 'password' }),
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('users.resetPasswordTitle', { name: user?.displayName ?? '' })}
      okText={t('users.resetPassword')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={resetPassword.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('users.resetPasswordHelp')}</Typography.Paragraph>
      <Form<ResetPasswordValues> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <NewPasswordFields name="password" confirmName="passwordConfirm" label={t('users.fields.newPassword')} confirmLabel={t('changePassword.confirm')} />
      </Form>
    </Modal>
  );
}
