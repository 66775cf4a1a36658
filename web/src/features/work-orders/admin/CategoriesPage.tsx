import { useMemo, useState } from 'react';
import { Button, Card, Empty, Flex, Input, Table, Tag, Tooltip, Typography, theme, type TableColumnsType } from 'antd';
import { CheckCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { Category, CategoryField, Priority } from '@kefu/contracts';
import { useT } from '../../../i18n/useT';
import { useWorkOrderCategories } from '../../../api/work-orders';
import { PageContainer } from '../../../components/PageContainer';
import { LoadFailedResult } from '../../../components/StatusResults';
import { useOverlayState } from '../../../components/useOverlayState';
import { CategoryDrawer, type CategoryEdit } from './CategoryDrawer';
import { buildTree, filterTree, idsWithChildren, type TreeNode } from '../../../components/tree';
import { PriorityTag } from '../shared/WorkOrderTags';

type CategoryNode = TreeNode<Category>;

function Dash() {
  return <Typography.Text type="secondary">-</Typography.Text>;
}

function FieldSummary({ fields }: { fields: CategoryField[] }) {
  if (fields.length === 0) return <Dash />;
  return (
    <Flex wrap gap={4}>
      {fields.map((field) => (
        <Tag key={field.key} style={{ marginInlineEnd: 0 }} color={field.required ? 'blue' : undefined}>
          {field.label}
        </Tag>
      ))}
    </Flex>
  );
}

/** 业务分类: the tree agents pick from at intake, with each category's team, priority and form. */
export function CategoriesPage() {
  const { t } = useT();
  const { token } = theme.useToken();
  const categories = useWorkOrderCategories();
  const editor = useOverlayState<CategoryEdit>();
  const [keyword, setKeyword] = useState('');
  const [collapsedIds, setCollapsedIds] = useState<ReadonlySet<number>>(new Set());

  const tree = useMemo(() => buildTree(categories.data ?? []), [categories.data]);
  const visibleTree = useMemo(() => filterTree(tree, keyword), [tree, keyword]);
  const expandedRowKeys = idsWithChildren(visibleTree).filter((id) => keyword.trim() !== '' || !collapsedIds.has(id));
  const activeCount = (categories.data ?? []).filter((category) => category.active).length;

  const toggleRow = (expanded: boolean, category: CategoryNode) =>
    setCollapsedIds((previous) => {
      const next = new Set(previous);
      if (expanded) next.delete(category.id);
      else next.add(category.id);
      return next;
    });

  const columns: TableColumnsType<CategoryNode> = [
    {
      title: t('woCategories.fields.name'),
      dataIndex: 'name',
      render: (name: string, category) => (
        <Flex gap={8} align="center" data-testid={`category-row-${category.id}`}>
          <Typography.Text strong={category.active} type={category.active ? undefined : 'secondary'}>
            {name}
          </Typography.Text>
          {!category.active && <Tag style={{ marginInlineEnd: 0 }}>{t('woCategories.inactive')}</Tag>}
        </Flex>
      ),
    },
    {
      title: t('woCategories.fields.defaultTeam'),
      dataIndex: 'defaultDepartment',
      width: 150,
      render: (department: Category['defaultDepartment']) => department?.name ?? <Dash />,
    },
    {
      title: t('woCategories.fields.defaultPriority'),
      dataIndex: 'defaultPriority',
      width: 110,
      render: (priority: Priority) => <PriorityTag priority={priority} />,
    },
    {
      title: t('woCategories.columns.confirmation'),
      dataIndex: 'requiresConfirmation',
      width: 120,
      align: 'center',
      render: (required: boolean) =>
        required ? (
          <Tooltip title={t('woCategories.fields.requiresConfirmation')}>
            <CheckCircleOutlined style={{ color: token.colorSuccess }} />
          </Tooltip>
        ) : (
          <Dash />
        ),
    },
    { title: t('woCategories.columns.intakeFields'), dataIndex: 'fields', width: 240, render: (fields: CategoryField[]) => <FieldSummary fields={fields} /> },
    { title: t('woCategories.fields.sortOrder'), dataIndex: 'sortOrder', width: 80, align: 'right' },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      render: (_, category) => (
        <Flex gap={12}>
          <Typography.Link onClick={() => editor.show({ mode: 'create', parent: category })} data-testid={`category-add-child-${category.id}`}>
            {t('woCategories.addChild')}
          </Typography.Link>
          <Typography.Link onClick={() => editor.show({ mode: 'edit', category })} data-testid={`category-edit-${category.id}`}>
            {t('common.edit')}
          </Typography.Link>
        </Flex>
      ),
    },
  ];

  const emptyState = (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={keyword.trim() ? t('woCategories.noMatch') : t('woCategories.empty')} />
  );

  return (
    <PageContainer
      title={t('nav.categories')}
      description={t('woCategories.description')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => editor.show({ mode: 'create', parent: null })} data-testid="category-create-root">
          {t('woCategories.createRoot')}
        </Button>
      }
    >
      <Card styles={{ body: { paddingBottom: 8 } }}>
        <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
          <Input.Search
            placeholder={t('woCategories.searchPlaceholder')}
            allowClear
            onChange={(event) => setKeyword(event.target.value)}
            style={{ width: 280 }}
            data-testid="category-search"
          />
          {categories.data && (
            <Typography.Text type="secondary">
              {t('woCategories.count', { count: categories.data.length, active: activeCount })}
            </Typography.Text>
          )}
        </Flex>
        {categories.isError ? (
          <LoadFailedResult error={categories.error} onRetry={() => void categories.refetch()} />
        ) : (
          <Table<CategoryNode>
            rowKey="id"
            columns={columns}
            dataSource={visibleTree}
            loading={categories.isLoading}
            pagination={false}
            scroll={{ x: 960 }}
            onRow={(category) => ({ style: category.active ? undefined : { opacity: 0.55 } })}
            expandable={{ expandedRowKeys, onExpand: toggleRow, indentSize: 24 }}
            locale={{ emptyText: emptyState }}
          />
        )}
      </Card>
      <CategoryDrawer
        key={`category-${editor.key}`}
        open={editor.open}
        edit={editor.payload}
        categories={categories.data ?? []}
        onClose={editor.hide}
      />
    </PageContainer>
  );
}
