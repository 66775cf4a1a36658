import { App, Form, Input, Modal, Typography } from 'antd';
import { useT } from '../../i18n/useT';
import type { ChangePasswordRequest } from '@kefu/contracts';
import { useChangePasswordMutation } from '../../api/auth';
import { NewPasswordFields } from '../../components/NewPasswordFields';
import { useReportError, type FieldOfErrorCode } from '../../components/useReportError';

interface ChangePasswordValues extends ChangePasswordRequest {
  newPasswordConfirm: string;
}

const FIELD_OF_ERROR: FieldOfErrorCode = {
  'auth.wrong_current_password': 'currentPassword',
  'auth.password_reused': 'newPassword',
  'auth.password_too_weak': 'newPassword',
};

export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<ChangePasswordValues>();
  const changePassword = useChangePasswordMutation();
  const reportError = useReportError();

  const submit = ({ currentPassword, newPassword }: ChangePasswordValues) =>
    changePassword.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          void message.success(t('changePassword.success'));
          onClose();
        },
        onError: (error) => reportError(error, form, FIELD_OF_ERROR),
      },
    );

  return (
    <Modal
      open={open}
      title={t('changePassword.title')}
      okText={t('changePassword.submit')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={changePassword.isPending}
      destroyOnHidden
      afterClose={() => form.resetFields()}
    >
      <Form<ChangePasswordValues> form={form} layout="vertical" onFinish={submit} requiredMark={false} style={{ marginTop: 16 }}>
        <Form.Item name="currentPassword" label={t('changePassword.current')} rules={[{ required: true, message: t('form.passwordRequired') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <NewPasswordFields name="newPassword" confirmName="newPasswordConfirm" label={t('changePassword.new')} confirmLabel={t('changePassword.confirm')} />
        <Typography.Text type="secondary">{t('changePassword.otherSessionsNote')}</Typography.Text>
      </Form>
    </Modal>
  );
}
