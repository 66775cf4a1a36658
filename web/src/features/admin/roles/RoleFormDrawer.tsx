import { Alert, App, Button, Drawer, Flex, Form, Input, Radio, Space, Typography } from 'antd';
import { useT } from '../../../i18n/useT';
import { DATA_SCOPES, type DataScope, type Permission, type Role } from '@kefu/contracts';
import { useCreateRoleMutation, useUpdateRoleMutation } from '../../../api/roles';
import { PermissionChecklist } from '../../../components/PermissionChecklist';
import { requiredTextRules } from '../../../components/form-rules';
import { useReportError } from '../../../components/useReportError';

const ROLE_CODE_PATTERN = /^[a-z][a-z0-9_]*$/;

interface RoleFormValues {
  code: string;
  name: string;
  description?: string;
  dataScope: DataScope;
  permissions: Permission[];
}

interface RoleFormDrawerProps {
  open: boolean;
  /** The role being edited; absent when creating. */
  role?: Role;
  readOnly: boolean;
  onClose: () => void;
}

function initialValues(role: Role | undefined): Partial<RoleFormValues> {
  if (!role) return { dataScope: 'self', permissions: [], description: '' };
  const { code, name, description, dataScope, permissions } = role;
  return { code, name, description, dataScope, permissions };
}

/** Render with a new `key` for each opening (see useOverlayState). */
export function RoleFormDrawer({ open, role, readOnly, onClose }: RoleFormDrawerProps) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<RoleFormValues>();
  const createRole = useCreateRoleMutation();
  const updateRole = useUpdateRoleMutation();
  const reportError = useReportError();
  const editing = role !== undefined;

  const submit = (values: RoleFormValues) => {
    const changes = {
      name: values.name.trim(),
      description: values.description?.trim() ?? '',
      dataScope: values.dataScope,
      permissions: values.permissions,
    };
    const callbacks = {
      onSuccess: () => {
        void message.success(t(editing ? 'roles.updated' : 'roles.created'));
        onClose();
      },
      onError: (error: unknown) => reportError(error, form, { 'role.code_taken': 'code' }),
    };
    if (role) updateRole.mutate({ id: role.id, changes }, callbacks);
    else createRole.mutate({ ...changes, code: values.code.trim() }, callbacks);
  };

  const title = !role ? t('roles.createTitle') : readOnly ? t('roles.viewTitle', { name: role.name }) : t('roles.editTitle', { name: role.name });

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={720}
      title={title}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{readOnly ? t('common.close') : t('common.cancel')}</Button>
          {!readOnly && (
            <Button type="primary" loading={createRole.isPending || updateRole.isPending} onClick={() => form.submit()} data-testid="role-form-submit">
              {t('common.save')}
            </Button>
          )}
        </Flex>
      }
    >
      {role?.builtin && <Alert type="info" showIcon title={t('roles.builtinNote')} style={{ marginBottom: 16 }} />}
      <Form<RoleFormValues> form={form} layout="vertical" onFinish={submit} initialValues={initialValues(role)} disabled={readOnly}>
        <Flex gap={16}>
          <Form.Item
            name="name"
            label={t('roles.fields.name')}
            rules={requiredTextRules(t, t('roles.nameRequired'), 64)}
            style={{ flex: 1 }}
          >
            <Input autoComplete="off" data-testid="role-form-name" />
          </Form.Item>
          <Form.Item
            name="code"
            label={t('roles.fields.code')}
            extra={editing ? undefined : t('roles.codeHelp')}
            style={{ flex: 1 }}
            rules={
              editing
                ? []
                : [
                    { required: true, whitespace: true, message: t('roles.codeRequired') },
                    { min: 2, message: t('shared:validation.too_small_string', { minimum: 2 }) },
                    { max: 40, message: t('shared:validation.too_big_string', { maximum: 40 }) },
                    { pattern: ROLE_CODE_PATTERN, message: t('shared:validation.role_code_chars') },
                  ]
            }
          >
            <Input autoComplete="off" disabled={editing} data-testid="role-form-code" />
          </Form.Item>
        </Flex>
        <Form.Item
          name="description"
          label={t('roles.fields.description')}
          rules={[{ max: 500, message: t('shared:validation.too_big_string', { maximum: 500 }) }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
        <Form.Item name="dataScope" label={t('roles.fields.dataScope')} rules={[{ required: true }]}>
          <Radio.Group>
            <Space orientation="vertical" size={4}>
              {DATA_SCOPES.map((scope) => (
                <Radio key={scope} value={scope}>
                  {t(`shared:dataScopes.${scope}`)}
                  <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                    {t(`workbench.dataScopeHelp.${scope}`)}
                  </Typography.Text>
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="permissions" label={t('roles.fields.permissions')}>
          <PermissionChecklist />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
