import { useMemo, useState } from 'react';
import { App, Button, Card, Empty, Flex, Input, Popconfirm, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useT } from '../../../i18n/useT';
import { Link } from 'react-router';
import type { Department } from '@kefu/contracts';
import { useDeleteDepartmentMutation, useDepartments } from '../../../api/departments';
import { useAuth } from '../../../app/auth-context';
import { PageContainer } from '../../../components/PageContainer';
import { LoadFailedResult } from '../../../components/StatusResults';
import { buildTree, filterTree, idsWithChildren, type TreeNode } from '../../../components/tree';
import { useOverlayState } from '../../../components/useOverlayState';
import { useReportError } from '../../../components/useReportError';
import { DepartmentFormModal, type DepartmentEdit } from './DepartmentFormModal';
import { KIND_COLORS } from './department-kinds';

type DepartmentNode = TreeNode<Department>;

function DepartmentActions({ department, onEdit }: { department: Department; onEdit: (edit: DepartmentEdit) => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const deleteDepartment = useDeleteDepartmentMutation();
  const reportError = useReportError();
  const remove = () =>
    deleteDepartment.mutate(department.id, {
      onSuccess: () => void message.success(t('departments.deleted', { name: department.name })),
      onError: (error) => reportError(error),
    });
  return (
    <Flex gap={12} wrap>
      <Typography.Link onClick={() => onEdit({ mode: 'create', parent: department })}>{t('departments.addChild')}</Typography.Link>
      <Typography.Link onClick={() => onEdit({ mode: 'edit', department })}>{t('common.edit')}</Typography.Link>
      <Typography.Link onClick={() => onEdit({ mode: 'move', department })}>{t('departments.move')}</Typography.Link>
      <Popconfirm
        title={t('departments.deleteConfirm', { name: department.name })}
        description={t('departments.deleteConfirmDetail')}
        okButtonProps={{ danger: true }}
        okText={t('common.delete')}
        onConfirm={remove}
      >
        <Typography.Link type="danger">{t('common.delete')}</Typography.Link>
      </Popconfirm>
    </Flex>
  );
}

export function DepartmentsPage() {
  const { t } = useT();
  const { can } = useAuth();
  const departments = useDepartments();
  const editor = useOverlayState<DepartmentEdit>();
  const [keyword, setKeyword] = useState('');
  const [collapsedIds, setCollapsedIds] = useState<ReadonlySet<number>>(new Set());
  const canManage = can('departments.manage');
  const canSeeUsers = can('users.read');

  const tree = useMemo(() => buildTree(departments.data ?? []), [departments.data]);
  const visibleTree = useMemo(() => filterTree(tree, keyword), [tree, keyword]);
  // Everything starts expanded; while searching, collapsing is ignored so matches stay visible.
  const expandedRowKeys = idsWithChildren(visibleTree).filter((id) => keyword.trim() !== '' || !collapsedIds.has(id));

  const toggleRow = (expanded: boolean, department: Department) =>
    setCollapsedIds((previous) => {
      const next = new Set(previous);
      if (expanded) next.delete(department.id);
      else next.add(department.id);
      return next;
    });

  const columns: TableColumnsType<DepartmentNode> = [
    { title: t('departments.fields.name'), dataIndex: 'name', render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
    {
      title: t('departments.fields.kind'),
      dataIndex: 'kind',
      width: 110,
      render: (kind: Department['kind']) => <Tag color={KIND_COLORS[kind]}>{t(`shared:departmentKinds.${kind}`)}</Tag>,
    },
    {
      title: t('departments.fields.memberCount'),
      dataIndex: 'memberCount',
      width: 110,
      align: 'right',
      render: (count: number, department) =>
        canSeeUsers && count > 0 ? <Link to={`/admin/users?departmentId=${department.id}`}>{count}</Link> : count,
    },
    { title: t('departments.fields.sortOrder'), dataIndex: 'sortOrder', width: 90, align: 'right' },
    ...(canManage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 260,
            render: (_: unknown, department: DepartmentNode) => <DepartmentActions department={department} onEdit={editor.show} />,
          },
        ]
      : []),
  ];

  const createRootButton = canManage && (
    <Button
      type="primary"
      icon={<PlusOutlined />}
      onClick={() => editor.show({ mode: 'create', parent: null })}
      data-testid="departments-create-root"
    >
      {t('departments.createRoot')}
    </Button>
  );

  const emptyState =
    keyword.trim() !== '' ? (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('departments.noMatch')} />
    ) : (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('departments.empty')} />
    );

  return (
    <PageContainer title={t('nav.departments')} description={t('departments.description')} extra={createRootButton}>
      <Card styles={{ body: { paddingBottom: 8 } }}>
        <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
          <Input.Search
            placeholder={t('departments.searchPlaceholder')}
            allowClear
            onChange={(event) => setKeyword(event.target.value)}
            style={{ width: 280 }}
          />
          {departments.data && (
            <Typography.Text type="secondary">{t('departments.count', { count: departments.data.length })}</Typography.Text>
          )}
        </Flex>
        {departments.isError ? (
          <LoadFailedResult error={departments.error} onRetry={() => void departments.refetch()} />
        ) : (
          <Table<DepartmentNode>
            rowKey="id"
            columns={columns}
            dataSource={visibleTree}
            loading={departments.isLoading}
            pagination={false}
            scroll={{ x: 820 }}
            expandable={{ expandedRowKeys, onExpand: toggleRow, indentSize: 24 }}
            locale={{ emptyText: emptyState }}
          />
        )}
      </Card>
      <DepartmentFormModal
        key={`editor-${editor.key}`}
        open={editor.open}
        edit={editor.payload}
        departments={departments.data ?? []}
        onClose={editor.hide}
      />
    </PageContainer>
  );
}
