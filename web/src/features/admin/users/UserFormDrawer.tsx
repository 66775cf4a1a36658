import { App, Button, Col, Drawer, Flex, Form, Input, Row, Select } from 'antd';
import { useT } from '../../../i18n/useT';
import { LOCALES, PASSWORD_MIN_LENGTH, type Department, type Locale, type Role, type User } from '@kefu/contracts';
import { useCreateUserMutation, useUpdateUserMutation } from '../../../api/users';
import { DepartmentTreeSelect } from '../../../components/DepartmentTreeSelect';
import { passwordRules, requiredTextRules, usernameRules } from '../../../components/form-rules';
import { useReportError } from '../../../components/useReportError';

interface UserFormValues {
  username: string;
  displayName: string;
  email?: string;
  phone?: string;
  departmentId?: number | null;
  roleIds: number[];
  password?: string;
  locale: Locale;
}

/** Render with a new `key` for each opening (see useOverlayState): the form starts from `user`. */
interface UserFormDrawerProps {
  open: boolean;
  /** The user being edited; absent when creating. */
  user?: User;
  departments: Department[] | undefined;
  roles: Role[] | undefined;
  onClose: () => void;
}

function blankToNull(value: string | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

function initialValues(user: User | undefined): Partial<UserFormValues> {
  if (!user) return { locale: 'zh-CN', roleIds: [] };
  return {
    username: user.username,
    displayName: user.displayName,
    email: user.email ?? undefined,
    phone: user.phone ?? undefined,
    departmentId: user.departmentId,
    roleIds: user.roleIds,
    locale: user.locale,
  };
}

export function UserFormDrawer({ open, user, departments, roles, onClose }: UserFormDrawerProps) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<UserFormValues>();
  const createUser = useCreateUserMutation();
  const updateUser = useUpdateUserMutation();
  const reportError = useReportError();
  const editing = user !== undefined;
  const saving = createUser.isPending || updateUser.isPending;

  const submit = (values: UserFormValues) => {
    const common = {
      displayName: values.displayName.trim(),
      email: blankToNull(values.email),
      phone: blankToNull(values.phone),
      departmentId: values.departmentId ?? null,
      roleIds: values.roleIds,
      locale: values.locale,
    };
    const callbacks = {
      onSuccess: () => {
        void message.success(t(editing ? 'users.updated' : 'users.created'));
        onClose();
      },
      onError: (error: unknown) => reportError(error, form, { 'user.username_taken': 'username', 'user.last_administrator': 'roleIds' }),
    };
    if (user) updateUser.mutate({ id: user.id, changes: common }, callbacks);
    else createUser.mutate({ ...common, username: values.username.trim(), password: values.password ?? '' }, callbacks);
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={560}
      title={editing ? t('users.editTitle', { name: user.displayName }) : t('users.createTitle')}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="user-form-submit">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Form<UserFormValues> form={form} layout="vertical" onFinish={submit} initialValues={initialValues(user)}>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="username"
              label={t('users.fields.username')}
              rules={editing ? [] : usernameRules(t)}
              extra={editing ? t('users.usernameFixed') : t('form.usernameHelp')}
            >
              <Input disabled={editing} autoComplete="off" data-testid="user-form-username" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="displayName"
              label={t('users.fields.displayName')}
              rules={requiredTextRules(t, t('form.displayNameRequired'), 64)}
            >
              <Input autoComplete="off" data-testid="user-form-display-name" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="phone" label={t('users.fields.phone')} rules={[{ max: 32, message: t('shared:validation.too_big_string', { maximum: 32 }) }]}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="email"
              label={t('users.fields.email')}
              rules={[
                { type: 'email', message: t('shared:validation.invalid_email') },
                { max: 200, message: t('shared:validation.too_big_string', { maximum: 200 }) },
              ]}
            >
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="departmentId" label={t('users.fields.department')}>
          <DepartmentTreeSelect
            departments={departments}
            allowClear
            placeholder={t('users.noDepartment')}
            data-testid="user-form-department"
          />
        </Form.Item>
        <Form.Item
          name="roleIds"
          label={t('users.fields.roles')}
          rules={[{ required: true, type: 'array', min: 1, message: t('users.rolesRequired') }]}
        >
          <Select
            mode="multiple"
            placeholder={t('users.rolesPlaceholder')}
            options={(roles ?? []).map((role) => ({ value: role.id, label: role.name }))}
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="user-form-roles"
          />
        </Form.Item>
        {!editing && (
          <Form.Item
            name="password"
            label={t('users.fields.initialPassword')}
            rules={passwordRules(t)}
            extra={t('users.initialPasswordHelp', { min: PASSWORD_MIN_LENGTH })}
          >
            <Input.Password autoComplete="new-password" data-testid="user-form-password" />
          </Form.Item>
        )}
        <Form.Item name="locale" label={t('users.fields.locale')}>
          <Select options={LOCALES.map((locale) => ({ value: locale, label: t(`language.${locale}`) }))} style={{ width: 200 }} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
