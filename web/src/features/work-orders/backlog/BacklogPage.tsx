import { useMemo } from 'react';
import { Badge, Button, Card, Flex, Table, Typography, theme, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import type { WorkOrderStatus, WorkOrderSummary } from '@kefu/contracts';
import { useT } from '../../../i18n/useT';
import { useBacklog, type BacklogParams, type BacklogTeam } from '../../../api/work-order-admin';
import { workOrderPath } from '../../../app/navigation';
import { DateTimeText } from '../../../components/DateTimeText';
import { PageContainer } from '../../../components/PageContainer';
import { LoadFailedResult } from '../../../components/StatusResults';
import { useUrlListState } from '../../../components/useUrlState';
import { DirectoryDepartmentSelect } from '../shared/DirectoryDepartmentSelect';
import { PriorityDot, StatusTag } from '../shared/WorkOrderTags';
import { useNow } from '../shared/useNow';
import { formatIdle, overdueRatio } from './idle';
import { RemindButton } from './RemindButton';

/** Twice the threshold and more: the order is badly stuck, not just late. */
const BADLY_STUCK_RATIO = 2;

function Dash() {
  return <Typography.Text type="secondary">-</Typography.Text>;
}

function IdleText({ since, thresholdHours, now }: { since: number; thresholdHours: number | undefined; now: number }) {
  const { t } = useT();
  const ratio = thresholdHours === undefined ? 1 : overdueRatio(since, now, thresholdHours);
  return (
    <Typography.Text type={ratio >= BADLY_STUCK_RATIO ? 'danger' : 'warning'} strong style={{ whiteSpace: 'nowrap' }}>
      {formatIdle(t, since, now)}
    </Typography.Text>
  );
}

function TeamSummary({
  teams,
  loading,
  selectedId,
  now,
  onSelect,
}: {
  teams: BacklogTeam[];
  loading: boolean;
  selectedId: number | undefined;
  now: number;
  onSelect: (departmentId: number | undefined) => void;
}) {
  const { t } = useT();
  const { token } = theme.useToken();
  const columns: TableColumnsType<BacklogTeam> = [
    {
      title: t('backlog.columns.team'),
      key: 'team',
      render: (_, team) =>
        team.department ? (
          <Typography.Link
            onClick={() => onSelect(team.department?.id === selectedId ? undefined : team.department?.id)}
            data-testid={`backlog-team-${team.department.id}`}
          >
            {team.department.name}
          </Typography.Link>
        ) : (
          <Typography.Text type="secondary">{t('backlog.noTeam')}</Typography.Text>
        ),
    },
    {
      title: t('backlog.columns.threshold'),
      dataIndex: 'thresholdHours',
      width: 120,
      render: (hours: number) => t('backlog.hoursValue', { count: hours }),
    },
    {
      title: t('backlog.columns.count'),
      dataIndex: 'count',
      width: 100,
      align: 'right',
      render: (count: number) => <Badge count={count} showZero color={count > 0 ? token.colorError : token.colorTextQuaternary} overflowCount={9999} />,
    },
    {
      title: t('backlog.columns.oldestIdleSince'),
      dataIndex: 'oldestActivityAt',
      width: 280,
      render: (at: number | null, team) =>
        at === null ? (
          <Dash />
        ) : (
          <Flex gap={8} wrap>
            <DateTimeText value={at} />
            <IdleText since={at} thresholdHours={team.thresholdHours} now={now} />
          </Flex>
        ),
    },
  ];
  return (
    <Table<BacklogTeam>
      rowKey={(team) => team.department?.id ?? 0}
      size="small"
      columns={columns}
      dataSource={teams}
      loading={loading}
      pagination={false}
      rowSelection={{
        type: 'radio',
        selectedRowKeys: selectedId === undefined ? [] : [selectedId],
        onChange: (keys) => onSelect(typeof keys[0] === 'number' ? keys[0] : undefined),
        getCheckboxProps: (team) => ({ disabled: !team.department, 'data-testid': `backlog-team-select-${team.department?.id ?? 0}` }),
      }}
      locale={{ emptyText: t('backlog.noTeams') }}
    />
  );
}

/** 工单滞留 (WO-9): open orders nobody has touched for longer than their team's threshold. */
export function BacklogPage() {
  const { t } = useT();
  const now = useNow();
  const list = useUrlListState<'departmentId'>();
  const departmentId = list.integer('departmentId');
  const query: BacklogParams = { limit: list.pageSize, offset: list.offset, departmentId };
  const backlog = useBacklog(query);
  const teams = useMemo(() => backlog.data?.teams ?? [], [backlog.data]);
  const thresholdByTeam = useMemo(
    () => new Map(teams.map((team) => [team.department?.id ?? null, team.thresholdHours])),
    [teams],
  );

  const columns: TableColumnsType<WorkOrderSummary> = [
    {
      title: t('backlog.columns.number'),
      dataIndex: 'number',
      width: 170,
      fixed: 'left',
      render: (number: string, order) => (
        <Flex gap={6} align="center">
          <PriorityDot priority={order.priority} />
          <Link to={workOrderPath(order.id)} data-testid={`backlog-order-${order.id}`} style={{ whiteSpace: 'nowrap' }}>
            {number}
          </Link>
        </Flex>
      ),
    },
    { title: t('backlog.columns.title'), dataIndex: 'title', ellipsis: true },
    { title: t('backlog.columns.status'), dataIndex: 'status', width: 100, render: (status: WorkOrderStatus) => <StatusTag status={status} /> },
    {
      title: t('backlog.columns.team'),
      dataIndex: 'department',
      width: 130,
      render: (department: WorkOrderSummary['department']) => department?.name ?? <Dash />,
    },
    {
      title: t('backlog.columns.handler'),
      dataIndex: 'handler',
      width: 110,
      render: (handler: WorkOrderSummary['handler']) => handler?.name ?? <Typography.Text type="secondary">{t('backlog.unassigned')}</Typography.Text>,
    },
    {
      title: t('backlog.columns.idleFor'),
      dataIndex: 'lastActivityAt',
      width: 130,
      render: (at: number, order) => <IdleText since={at} thresholdHours={thresholdByTeam.get(order.department?.id ?? null)} now={now} />,
    },
    {
      title: t('backlog.columns.reminders'),
      dataIndex: 'reminderCount',
      width: 90,
      align: 'right',
      render: (count: number, order) => (
        <span data-testid={`backlog-reminders-${order.id}`}>{count > 0 ? <Typography.Text type="danger">{count}</Typography.Text> : count}</span>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      fixed: 'right',
      render: (_, order) => <RemindButton order={order} />,
    },
  ];

  return (
    <PageContainer title={t('nav.backlog')} description={t('backlog.description')}>
      {backlog.isError ? (
        <Card>
          <LoadFailedResult error={backlog.error} onRetry={() => void backlog.refetch()} />
        </Card>
      ) : (
        <>
          <Card title={t('backlog.byTeam')} size="small">
            <TeamSummary
              teams={teams}
              loading={backlog.isLoading}
              selectedId={departmentId}
              now={now}
              onSelect={(id) => list.update({ departmentId: id })}
            />
          </Card>
          <Card>
            <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
              <Flex gap={8} wrap align="center">
                <DirectoryDepartmentSelect
                  value={departmentId ?? null}
                  onChange={(id) => list.update({ departmentId: id })}
                  allowClear
                  placeholder={t('backlog.allTeams')}
                  style={{ width: 240 }}
                  data-testid="backlog-team-filter"
                />
                {list.hasFilters && <Button onClick={list.clear}>{t('common.resetFilters')}</Button>}
              </Flex>
              {backlog.data && (
                <Typography.Text type="secondary" data-testid="backlog-total">
                  {t('backlog.total', { total: backlog.data.orders.total })}
                </Typography.Text>
              )}
            </Flex>
            <Table<WorkOrderSummary>
              rowKey="id"
              columns={columns}
              dataSource={backlog.data?.orders.items}
              loading={backlog.isFetching && !backlog.data}
              scroll={{ x: 1040 }}
              locale={{ emptyText: t('backlog.empty') }}
              pagination={{
                current: list.page,
                pageSize: list.pageSize,
                total: backlog.data?.orders.total ?? 0,
                showSizeChanger: true,
                pageSizeOptions: list.pageSizeOptions,
                showTotal: (total) => t('common.total', { total }),
                onChange: (page, pageSize) => list.update({ page, pageSize }),
              }}
            />
          </Card>
        </>
      )}
    </PageContainer>
  );
}
