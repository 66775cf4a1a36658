import { Checkbox, Form, Input, InputNumber, Modal, Space } from 'antd';
import { useT } from '../../../i18n/useT';
import type { Permission } from '@kefu/contracts';
import { useCreateApiTokenMutation, type CreatedApiToken } from '../../../api/api-tokens';
import { useCurrentUser } from '../../../app/auth-context';
import { PermissionChecklist } from '../../../components/PermissionChecklist';
import { requiredTextRules } from '../../../components/form-rules';
import { useReportError } from '../../../components/useReportError';

const DEFAULT_EXPIRY_DAYS = 365;

interface CreateTokenValues {
  name: string;
  permissions: Permission[];
  expiresInDays: number | null;
  neverExpires: boolean;
}

interface CreateApiTokenModalProps {
  open: boolean;
  onClose: () => void;
  onCreated: (created: CreatedApiToken) => void;
}

/** Render with a new `key` for each opening (see useOverlayState). */
export function CreateApiTokenModal({ open, onClose, onCreated }: CreateApiTokenModalProps) {
  const { t } = useT();
  const user = useCurrentUser();
  const [form] = Form.useForm<CreateTokenValues>();
  const neverExpires = Form.useWatch('neverExpires', form);
  const createToken = useCreateApiTokenMutation();
  const reportError = useReportError();

  const submit = (values: CreateTokenValues) =>
    createToken.mutate(
      {
        name: values.name.trim(),
        permissions: values.permissions,
        expiresInDays: values.neverExpires ? null : values.expiresInDays,
      },
      {
        onSuccess: (created) => {
          onClose();
          onCreated(created);
        },
        onError: (error) => reportError(error, form, { 'api_token.permission_not_held': 'permissions' }),
      },
    );

  return (
    <Modal
      open={open}
      title={t('apiTokens.createTitle')}
      width={720}
      okText={t('apiTokens.createSubmit')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={createToken.isPending}
      destroyOnHidden
    >
      <Form<CreateTokenValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ permissions: [], expiresInDays: DEFAULT_EXPIRY_DAYS, neverExpires: false }}
        style={{ marginTop: 16 }}
      >
        <Form.Item name="name" label={t('apiTokens.fields.name')} extra={t('apiTokens.nameHelp')} rules={requiredTextRules(t, t('apiTokens.nameRequired'), 64)}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="permissions"
          label={t('apiTokens.fields.permissions')}
          extra={t('apiTokens.permissionsHelp')}
          rules={[{ required: true, type: 'array', min: 1, message: t('apiTokens.permissionsRequired') }]}
        >
          <PermissionChecklist available={user.permissions} />
        </Form.Item>
        <Form.Item label={t('apiTokens.fields.expiry')} required>
          <Space size={16} wrap>
            <Form.Item
              name="expiresInDays"
              noStyle
              rules={[{ required: !neverExpires, message: t('apiTokens.expiryRequired') }]}
            >
              <InputNumber min={1} max={3650} precision={0} disabled={neverExpires} suffix={t('apiTokens.days')} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="neverExpires" valuePropName="checked" noStyle>
              <Checkbox>{t('apiTokens.neverExpires')}</Checkbox>
            </Form.Item>
          </Space>
        </Form.Item>
      </Form>
    </Modal>
  );
}
