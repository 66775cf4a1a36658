import { App, Button, Card, Flex, Popconfirm, Table, Typography, type TableColumnsType } from 'antd';
import type { WorkOrderStatus, WorkOrderSummary } from '@kefu/contracts';
import { useT } from '../../../i18n/useT';
import { useRecycleBin, useRestoreWorkOrderMutation } from '../../../api/work-order-admin';
import { useAuth } from '../../../app/auth-context';
import { formatDateTime } from '../../../components/datetime';
import { PageContainer } from '../../../components/PageContainer';
import { LoadFailedResult } from '../../../components/StatusResults';
import { useOverlayState } from '../../../components/useOverlayState';
import { useReportError } from '../../../components/useReportError';
import { useUrlListState } from '../../../components/useUrlState';
import { StatusTag } from '../shared/WorkOrderTags';
import { PurgeModal } from './PurgeModal';

function Dash() {
  return <Typography.Text type="secondary">-</Typography.Text>;
}

/** Who deleted the order, when and why: the bin list carries it on each summary. */
function DeletionInfo({ order }: { order: WorkOrderSummary }) {
  const { t } = useT();
  const { deletion } = order;
  if (!deletion) return <Dash />;
  return (
    <Flex vertical gap={2} data-testid={`bin-deletion-${order.id}`}>
      <Typography.Text style={{ whiteSpace: 'nowrap' }}>
        {t('recycleBin.deletedByAt', { name: deletion.by.name, at: formatDateTime(deletion.at) })}
      </Typography.Text>
      {deletion.reason && (
        <Typography.Text type="secondary" ellipsis={{ tooltip: deletion.reason }} style={{ maxWidth: 240 }}>
          {deletion.reason}
        </Typography.Text>
      )}
    </Flex>
  );
}

function RestoreButton({ order }: { order: WorkOrderSummary }) {
  const { t } = useT();
  const { message } = App.useApp();
  const restore = useRestoreWorkOrderMutation();
  const reportError = useReportError();
  return (
    <Popconfirm
      title={t('recycleBin.restoreConfirm', { number: order.number })}
      description={t('recycleBin.restoreConfirmDetail')}
      okText={t('recycleBin.restore')}
      onConfirm={() =>
        restore.mutate(order.id, {
          onSuccess: () => void message.success(t('recycleBin.restored', { number: order.number })),
          onError: (error) => reportError(error),
        })
      }
      okButtonProps={{ 'data-testid': 'bin-restore-confirm' }}
    >
      <Button size="small" loading={restore.isPending} data-testid={`bin-restore-${order.id}`}>
        {t('recycleBin.restore')}
      </Button>
    </Popconfirm>
  );
}

/** 回收站 (WO-12): deleted orders can be restored; only holders of work_orders.purge remove them for good. */
export function RecycleBinPage() {
  const { t } = useT();
  const { can } = useAuth();
  const list = useUrlListState<never>();
  const bin = useRecycleBin({ limit: list.pageSize, offset: list.offset });
  const purgeDialog = useOverlayState<WorkOrderSummary>();
  const canPurge = can('work_orders.purge');

  const columns: TableColumnsType<WorkOrderSummary> = [
    {
      title: t('recycleBin.columns.number'),
      dataIndex: 'number',
      width: 160,
      fixed: 'left',
      render: (number: string, order) => (
        <Typography.Text strong style={{ whiteSpace: 'nowrap' }} data-testid={`bin-order-${order.id}`}>
          {number}
        </Typography.Text>
      ),
    },
    { title: t('recycleBin.columns.title'), dataIndex: 'title', ellipsis: true },
    { title: t('recycleBin.columns.status'), dataIndex: 'status', width: 110, render: (status: WorkOrderStatus) => <StatusTag status={status} /> },
    {
      title: t('recycleBin.columns.category'),
      dataIndex: 'category',
      width: 100,
      render: (category: WorkOrderSummary['category']) => category.name,
    },
    {
      title: t('recycleBin.columns.customer'),
      dataIndex: 'customer',
      width: 90,
      render: (customer: WorkOrderSummary['customer']) => customer?.name ?? <Dash />,
    },
    {
      title: t('recycleBin.columns.deletion'),
      key: 'deletion',
      width: 260,
      render: (_, order) => <DeletionInfo order={order} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: canPurge ? 180 : 90,
      fixed: 'right',
      render: (_, order) => (
        <Flex gap={8}>
          <RestoreButton order={order} />
          {canPurge && (
            <Button size="small" danger onClick={() => purgeDialog.show(order)} data-testid={`bin-purge-${order.id}`}>
              {t('recycleBin.purge')}
            </Button>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <PageContainer title={t('nav.recycleBin')} description={canPurge ? t('recycleBin.descriptionPurge') : t('recycleBin.description')}>
      <Card>
        {bin.isError ? (
          <LoadFailedResult error={bin.error} onRetry={() => void bin.refetch()} />
        ) : (
          <Table<WorkOrderSummary>
            rowKey="id"
            columns={columns}
            dataSource={bin.data?.items}
            loading={bin.isFetching && !bin.data}
            scroll={{ x: 1160 }}
            locale={{ emptyText: t('recycleBin.empty') }}
            pagination={{
              current: list.page,
              pageSize: list.pageSize,
              total: bin.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: list.pageSizeOptions,
              showTotal: (total) => t('common.total', { total }),
              onChange: (page, pageSize) => list.update({ page, pageSize }),
            }}
          />
        )}
      </Card>
      <PurgeModal key={`purge-${purgeDialog.key}`} open={purgeDialog.open} order={purgeDialog.payload} onClose={purgeDialog.hide} />
    </PageContainer>
  );
}
