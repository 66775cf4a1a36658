import { App, Button, Card, Flex, Popconfirm, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useT } from '../../../i18n/useT';
import { Link } from 'react-router';
import { PERMISSIONS, type Role } from '@kefu/contracts';
import { useDeleteRoleMutation, useRoles } from '../../../api/roles';
import { useAuth } from '../../../app/auth-context';
import { PageContainer } from '../../../components/PageContainer';
import { LoadFailedResult } from '../../../components/StatusResults';
import { useOverlayState } from '../../../components/useOverlayState';
import { useReportError } from '../../../components/useReportError';
import { RoleFormDrawer } from './RoleFormDrawer';

function DeleteRoleLink({ role }: { role: Role }) {
  const { t } = useT();
  const { message } = App.useApp();
  const deleteRole = useDeleteRoleMutation();
  const reportError = useReportError();
  return (
    <Popconfirm
      title={t('roles.deleteConfirm', { name: role.name })}
      okText={t('common.delete')}
      okButtonProps={{ danger: true }}
      onConfirm={() =>
        deleteRole.mutate(role.id, {
          onSuccess: () => void message.success(t('roles.deleted', { name: role.name })),
          onError: (error) => reportError(error),
        })
      }
    >
      <Typography.Link type="danger">{t('common.delete')}</Typography.Link>
    </Popconfirm>
  );
}

function PermissionSummary({ role }: { role: Role }) {
  const { t } = useT();
  if (role.permissions.length === 0) return <Typography.Text type="secondary">{t('roles.noPermissions')}</Typography.Text>;
  const label =
    role.permissions.length === PERMISSIONS.length
      ? t('roles.allPermissions')
      : t('roles.permissionCount', { count: role.permissions.length });
  return (
    <Tooltip
      title={
        <Flex wrap gap={4}>
          {role.permissions.map((permission) => (
            <Tag key={permission} style={{ marginInlineEnd: 0 }}>
              {t(`shared:permissions.${permission}`)}
            </Tag>
          ))}
        </Flex>
      }
    >
      <Typography.Text style={{ cursor: 'help', borderBottom: '1px dashed currentColor' }}>{label}</Typography.Text>
    </Tooltip>
  );
}

export function RolesPage() {
  const { t } = useT();
  const { can } = useAuth();
  const roles = useRoles();
  const editor = useOverlayState<Role>();
  const canManage = can('roles.manage');

  const columns: TableColumnsType<Role> = [
    {
      title: t('roles.fields.name'),
      key: 'name',
      width: 200,
      render: (_, role) => (
        <Flex gap={8} align="center" wrap>
          <Typography.Text strong>{role.name}</Typography.Text>
          {role.builtin && (
            <Tag color="gold" style={{ marginInlineEnd: 0 }}>
              {t('roles.builtin')}
            </Tag>
          )}
        </Flex>
      ),
    },
    {
      title: t('roles.fields.code'),
      dataIndex: 'code',
      width: 170,
      render: (code: string) => <Typography.Text code>{code}</Typography.Text>,
    },
    {
      title: t('roles.fields.description'),
      dataIndex: 'description',
      ellipsis: { showTitle: true },
      render: (description: string) => description || <Typography.Text type="secondary">-</Typography.Text>,
    },
    {
      title: t('roles.fields.dataScope'),
      dataIndex: 'dataScope',
      width: 140,
      render: (scope: Role['dataScope']) => t(`shared:dataScopes.${scope}`),
    },
    { title: t('roles.fields.permissions'), key: 'permissions', width: 120, render: (_, role) => <PermissionSummary role={role} /> },
    {
      title: t('roles.fields.userCount'),
      dataIndex: 'userCount',
      width: 90,
      align: 'right',
      render: (count: number, role) =>
        can('users.read') && count > 0 ? <Link to={`/admin/users?roleId=${role.id}`}>{count}</Link> : count,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_, role) => (
        <Flex gap={12}>
          <Typography.Link onClick={() => editor.show(role)}>{canManage ? t('common.edit') : t('common.view')}</Typography.Link>
          {canManage && !role.builtin && <DeleteRoleLink role={role} />}
        </Flex>
      ),
    },
  ];

  return (
    <PageContainer
      title={t('nav.roles')}
      description={t('roles.description')}
      extra={
        canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => editor.show()} data-testid="roles-create">
            {t('roles.create')}
          </Button>
        )
      }
    >
      <Card styles={{ body: { padding: 0 } }}>
        {roles.isError ? (
          <LoadFailedResult error={roles.error} onRetry={() => void roles.refetch()} />
        ) : (
          <Table<Role>
            rowKey="id"
            columns={columns}
            dataSource={roles.data}
            loading={roles.isLoading}
            pagination={false}
            scroll={{ x: 1000 }}
            locale={{ emptyText: t('roles.empty') }}
          />
        )}
      </Card>
      <RoleFormDrawer key={`editor-${editor.key}`} open={editor.open} role={editor.payload} readOnly={!canManage} onClose={editor.hide} />
    </PageContainer>
  );
}
