import { useMemo } from 'react';
import { App, Button, Card, Flex, Input, Popconfirm, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useT } from '../../../i18n/useT';
import { USER_STATUSES, type Role, type User } from '@kefu/contracts';
import { useDepartments } from '../../../api/departments';
import { useRoles } from '../../../api/roles';
import { useUnlockUserMutation, useUpdateUserMutation, useUserPage } from '../../../api/users';
import { useAuth, useCurrentUser } from '../../../app/auth-context';
import { DateTimeText } from '../../../components/DateTimeText';
import { DepartmentTreeSelect } from '../../../components/DepartmentTreeSelect';
import { PageContainer } from '../../../components/PageContainer';
import { LoadFailedResult } from '../../../components/StatusResults';
import { useOverlayState } from '../../../components/useOverlayState';
import { useReportError } from '../../../components/useReportError';
import { useUrlListState } from '../../../components/useUrlState';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UserFormDrawer } from './UserFormDrawer';
import { isLocked, UserStatusTag } from './UserStatusTag';

type UserFilterKey = 'q' | 'departmentId' | 'roleId' | 'status';
type UserStatus = (typeof USER_STATUSES)[number];

function isUserStatus(value: string | undefined): value is UserStatus {
  return (USER_STATUSES as readonly (string | undefined)[]).includes(value);
}

function RoleTags({ roleIds, rolesById }: { roleIds: number[]; rolesById: Map<number, Role> }) {
  const names = roleIds.map((id) => rolesById.get(id)?.name).filter((name): name is string => Boolean(name));
  if (names.length === 0) return <Typography.Text type="secondary">-</Typography.Text>;
  return (
    <Flex wrap gap={4}>
      {names.map((name) => (
        <Tag key={name} style={{ marginInlineEnd: 0 }}>
          {name}
        </Tag>
      ))}
    </Flex>
  );
}

function UserActions({ user, onEdit, onResetPassword }: { user: User; onEdit: () => void; onResetPassword: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const updateUser = useUpdateUserMutation();
  const unlockUser = useUnlockUserMutation();
  const reportError = useReportError();
  const disabling = user.status === 'active';

  const toggleStatus = () =>
    updateUser.mutate(
      { id: user.id, changes: { status: disabling ? 'disabled' : 'active' } },
      {
        onSuccess: () => void message.success(t(disabling ? 'users.disabled' : 'users.enabled', { name: user.displayName })),
        onError: (error) => reportError(error),
      },
    );
  const unlock = () =>
    unlockUser.mutate(user.id, {
      onSuccess: () => void message.success(t('users.unlocked', { name: user.displayName })),
      onError: (error) => reportError(error),
    });

  return (
    <Flex gap={10} wrap>
      <Typography.Link onClick={onEdit}>{t('common.edit')}</Typography.Link>
      <Typography.Link onClick={onResetPassword}>{t('users.resetPassword')}</Typography.Link>
      {isLocked(user) && (
        <Popconfirm title={t('users.unlockConfirm', { name: user.displayName })} onConfirm={unlock}>
          <Typography.Link>{t('users.unlock')}</Typography.Link>
        </Popconfirm>
      )}
      {user.id !== me.id && (
        <Popconfirm
          title={t(disabling ? 'users.disableConfirm' : 'users.enableConfirm', { name: user.displayName })}
          description={disabling ? t('users.disableConfirmDetail') : undefined}
          okButtonProps={{ danger: disabling }}
          onConfirm={toggleStatus}
        >
          <Typography.Link type={disabling ? 'danger' : undefined}>{t(disabling ? 'users.disable' : 'users.enable')}</Typography.Link>
        </Popconfirm>
      )}
    </Flex>
  );
}

export function UsersPage() {
  const { t } = useT();
  const { can } = useAuth();
  const list = useUrlListState<UserFilterKey>();
  const status = list.text('status');
  const query = {
    limit: list.pageSize,
    offset: list.offset,
    q: list.text('q'),
    departmentId: list.integer('departmentId'),
    roleId: list.integer('roleId'),
    status: isUserStatus(status) ? status : undefined,
  };
  const users = useUserPage(query);
  const departments = useDepartments({ enabled: can('departments.read') });
  const roles = useRoles({ enabled: can('roles.read') });
  const rolesById = useMemo(() => new Map((roles.data ?? []).map((role) => [role.id, role])), [roles.data]);
  const editor = useOverlayState<User>();
  const passwordReset = useOverlayState<User>();
  const canManage = can('users.manage');

  const columns: TableColumnsType<User> = [
    {
      title: t('users.fields.displayName'),
      key: 'name',
      width: 150,
      render: (_, user) => (
        <div>
          <Typography.Text strong>{user.displayName}</Typography.Text>
          <br />
          <Typography.Text type="secondary">{user.username}</Typography.Text>
        </div>
      ),
    },
    {
      title: t('users.fields.department'),
      dataIndex: 'departmentName',
      width: 130,
      render: (name: string | null) => name ?? <Typography.Text type="secondary">{t('users.noDepartment')}</Typography.Text>,
    },
    ...(can('roles.read')
      ? [
          {
            title: t('users.fields.roles'),
            key: 'roles',
            width: 160,
            render: (_: unknown, user: User) => <RoleTags roleIds={user.roleIds} rolesById={rolesById} />,
          },
        ]
      : []),
    {
      title: t('users.fields.contact'),
      key: 'contact',
      width: 190,
      render: (_, user) =>
        user.phone || user.email ? (
          <div>
            {user.phone && <div>{user.phone}</div>}
            {user.email && (
              <Typography.Text type="secondary" ellipsis={{ tooltip: user.email }} style={{ display: 'block' }}>
                {user.email}
              </Typography.Text>
            )}
          </div>
        ) : (
          <Typography.Text type="secondary">-</Typography.Text>
        ),
    },
    { title: t('users.fields.status'), key: 'status', width: 110, render: (_, user) => <UserStatusTag user={user} /> },
    {
      title: t('users.fields.lastLoginAt'),
      dataIndex: 'lastLoginAt',
      width: 160,
      render: (value: number | null) => <DateTimeText value={value} />,
    },
    ...(canManage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 200,
            fixed: 'right' as const,
            render: (_: unknown, user: User) => (
              <UserActions user={user} onEdit={() => editor.show(user)} onResetPassword={() => passwordReset.show(user)} />
            ),
          },
        ]
      : []),
  ];

  return (
    <PageContainer
      title={t('nav.users')}
      description={t('users.description')}
      extra={
        canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => editor.show()} data-testid="users-create">
            {t('users.create')}
          </Button>
        )
      }
    >
      <Card styles={{ body: { paddingBottom: 8 } }}>
        <Flex wrap gap={12} style={{ marginBottom: 16 }}>
          <Input.Search
            key={list.text('q') ?? ''}
            defaultValue={list.text('q')}
            placeholder={t('users.searchPlaceholder')}
            allowClear
            onSearch={(value) => list.update({ q: value.trim() })}
            style={{ width: 300 }}
          />
          {can('departments.read') && (
            <DepartmentTreeSelect
              departments={departments.data}
              loading={departments.isLoading}
              value={list.integer('departmentId') ?? null}
              onChange={(departmentId) => list.update({ departmentId })}
              placeholder={t('users.filterDepartment')}
              allowClear
              style={{ width: 220 }}
            />
          )}
          {can('roles.read') && (
            <Select<number>
              value={list.integer('roleId')}
              onChange={(roleId) => list.update({ roleId })}
              placeholder={t('users.filterRole')}
              allowClear
              loading={roles.isLoading}
              options={(roles.data ?? []).map((role) => ({ value: role.id, label: role.name }))}
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: 180 }}
            />
          )}
          <Select<UserStatus>
            value={query.status}
            onChange={(value) => list.update({ status: value })}
            placeholder={t('users.filterStatus')}
            allowClear
            options={USER_STATUSES.map((value) => ({ value, label: t(`shared:userStatuses.${value}`) }))}
            style={{ width: 140 }}
          />
          {list.hasFilters && <Button onClick={list.clear}>{t('common.resetFilters')}</Button>}
        </Flex>
        {users.isError ? (
          <LoadFailedResult error={users.error} onRetry={() => void users.refetch()} />
        ) : (
          <Table<User>
            rowKey="id"
            columns={columns}
            dataSource={users.data?.items}
            loading={users.isFetching}
            scroll={{ x: 1100 }}
            locale={{ emptyText: list.hasFilters ? t('users.emptyFiltered') : t('users.empty') }}
            pagination={{
              current: list.page,
              pageSize: list.pageSize,
              total: users.data?.total ?? 0,
              pageSizeOptions: list.pageSizeOptions,
              showSizeChanger: true,
              showTotal: (total) => t('common.total', { total }),
              onChange: (page, pageSize) => list.update({ page, pageSize }),
            }}
          />
        )}
      </Card>
      <UserFormDrawer
        key={`editor-${editor.key}`}
        open={editor.open}
        user={editor.payload}
        departments={departments.data}
        roles={roles.data}
        onClose={editor.hide}
      />
      <ResetPasswordModal key={`password-${passwordReset.key}`} open={passwordReset.open} user={passwordReset.payload} onClose={passwordReset.hide} />
    </PageContainer>
  );
}
