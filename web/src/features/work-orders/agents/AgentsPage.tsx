import { useMemo } from 'react';
import { App, Badge, Button, Card, Col, Empty, Flex, Progress, Row, Select, Space, Statistic, Table, Tag, Typography, theme, type TableColumnsType } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { AVAILABILITY_STATUSES, type Availability, type AvailabilityStatus } from '@kefu/contracts';
import { useT } from '../../../i18n/useT';
import { useAgentAvailability, useUpdateAvailabilityMutation } from '../../../api/work-order-admin';
import { useWorkOrderSettings } from '../../../api/work-orders';
import { useAuth, useCurrentUser } from '../../../app/auth-context';
import { DateTimeText } from '../../../components/DateTimeText';
import { PageContainer } from '../../../components/PageContainer';
import { LoadFailedResult, SectionLoading } from '../../../components/StatusResults';
import { useOverlayState } from '../../../components/useOverlayState';
import { useReportError } from '../../../components/useReportError';
import { useUrlListState } from '../../../components/useUrlState';
import { DirectoryDepartmentSelect } from '../shared/DirectoryDepartmentSelect';
import { groupByTeam, loadLevel, loadPercent, type TeamBoard } from './agent-board';
import { CapacityModal } from './CapacityModal';

const STATUS_BADGES: Record<AvailabilityStatus, 'success' | 'warning' | 'default'> = { online: 'success', away: 'warning', offline: 'default' };
const STATUS_TAG_COLORS: Record<AvailabilityStatus, string> = { online: 'success', away: 'warning', offline: 'default' };

function AvailabilityTag({ status }: { status: AvailabilityStatus }) {
  const { t } = useT();
  return (
    <Tag color={STATUS_TAG_COLORS[status]} style={{ marginInlineEnd: 0 }}>
      {t(`shared:workOrders.availability.${status}`)}
    </Tag>
  );
}

function LoadBar({ load, capacity }: { load: number; capacity: number }) {
  const { token } = theme.useToken();
  const level = loadLevel(load, capacity);
  const color = level === 'full' ? token.colorError : level === 'busy' ? token.colorWarning : token.colorPrimary;
  return (
    <Progress
      percent={loadPercent(load, capacity)}
      // Full is a warning here, not the green "done" of a finished progress bar.
      status="normal"
      size="small"
      strokeColor={color}
      format={() => `${load}/${capacity}`}
      style={{ margin: 0, minWidth: 140 }}
    />
  );
}

/** The status picker for rows the user may change; everyone else sees the tag. */
function StatusCell({ agent, editable, self }: { agent: Availability; editable: boolean; self: boolean }) {
  const { t } = useT();
  const { message } = App.useApp();
  const update = useUpdateAvailabilityMutation();
  const reportError = useReportError();
  if (!editable) return <AvailabilityTag status={agent.status} />;
  const change = (status: AvailabilityStatus) =>
    update.mutate(
      { userId: agent.userId, self, changes: { status } },
      {
        onSuccess: () =>
          void message.success(t('agents.statusSaved', { name: agent.name, status: t(`shared:workOrders.availability.${status}`) })),
        onError: (error) => reportError(error),
      },
    );
  return (
    <Select<AvailabilityStatus>
      size="small"
      value={agent.status}
      loading={update.isPending}
      disabled={update.isPending}
      onChange={change}
      style={{ width: 110 }}
      options={AVAILABILITY_STATUSES.map((status) => ({
        value: status,
        label: <Badge status={STATUS_BADGES[status]} text={t(`shared:workOrders.availability.${status}`)} />,
      }))}
      data-testid={`agent-status-${agent.userId}`}
    />
  );
}

function TeamCard({
  board,
  canSupervise,
  canHandle,
  meId,
  onEditCapacity,
}: {
  board: TeamBoard;
  canSupervise: boolean;
  canHandle: boolean;
  meId: number;
  onEditCapacity: (agent: Availability) => void;
}) {
  const { t } = useT();
  const columns: TableColumnsType<Availability> = [
    {
      title: t('agents.columns.name'),
      dataIndex: 'name',
      render: (name: string, agent) => (
        <Space size={4}>
          <Typography.Text strong>{name}</Typography.Text>
          {agent.userId === meId && <Tag color="blue">{t('agents.me')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('agents.columns.status'),
      dataIndex: 'status',
      width: 140,
      render: (_, agent) => {
        const self = agent.userId === meId;
        return <StatusCell agent={agent} self={self && !canSupervise} editable={canSupervise || (self && canHandle)} />;
      },
    },
    {
      title: t('agents.columns.load'),
      key: 'load',
      width: 220,
      render: (_, agent) => (
        <Flex gap={4} align="center" data-testid={`agent-load-${agent.userId}`}>
          <LoadBar load={agent.load} capacity={agent.capacity} />
          {canSupervise && (
            <Button
              type="text"
              size="small"
              icon={<EditOutlined />}
              aria-label={t('agents.editCapacity')}
              onClick={() => onEditCapacity(agent)}
              data-testid={`agent-capacity-${agent.userId}`}
            />
          )}
        </Flex>
      ),
    },
    { title: t('agents.columns.updatedAt'), dataIndex: 'updatedAt', width: 170, render: (at: number | null) => <DateTimeText value={at} /> },
  ];
  return (
    <Card
      size="small"
      title={board.department?.name ?? t('agents.noTeam')}
      extra={
        <Space size={12} wrap>
          {AVAILABILITY_STATUSES.map((status) => (
            <Badge key={status} status={STATUS_BADGES[status]} text={`${t(`shared:workOrders.availability.${status}`)} ${board.counts[status]}`} />
          ))}
          <Typography.Text type="secondary">{t('agents.teamLoad', { load: board.load, capacity: board.onlineCapacity })}</Typography.Text>
        </Space>
      }
      data-testid={`agent-team-${board.key}`}
    >
      <Table<Availability> rowKey="userId" size="small" columns={columns} dataSource={board.agents} pagination={false} scroll={{ x: 700 }} />
    </Card>
  );
}

/** 坐席状态 (WO-10): who is online, away or offline per team, and how full their queues are. */
export function AgentsPage() {
  const { t } = useT();
  const { token } = theme.useToken();
  const { can } = useAuth();
  const me = useCurrentUser();
  const list = useUrlListState<'departmentId'>();
  const departmentId = list.integer('departmentId');
  const agents = useAgentAvailability(departmentId);
  const settings = useWorkOrderSettings();
  const capacityEditor = useOverlayState<Availability>();
  const canSupervise = can('work_orders.supervise');
  const canHandle = can('work_orders.handle');
  const boards = useMemo(() => groupByTeam(agents.data ?? []), [agents.data]);
  const totals = useMemo(
    () =>
      boards.reduce(
        (sum, board) => ({
          online: sum.online + board.counts.online,
          away: sum.away + board.counts.away,
          offline: sum.offline + board.counts.offline,
          load: sum.load + board.load,
        }),
        { online: 0, away: 0, offline: 0, load: 0 },
      ),
    [boards],
  );

  return (
    <PageContainer
      title={t('nav.agents')}
      description={canSupervise ? t('agents.descriptionSupervisor') : t('agents.description')}
      extra={
        <DirectoryDepartmentSelect
          value={departmentId ?? null}
          onChange={(id) => list.update({ departmentId: id })}
          allowClear
          placeholder={t('agents.allTeams')}
          style={{ width: 240 }}
          data-testid="agents-team-filter"
        />
      }
    >
      <Card size="small">
        <Row gutter={16}>
          <Col xs={12} sm={6}>
            <Statistic title={t('shared:workOrders.availability.online')} value={totals.online} styles={{ content: { color: token.colorSuccess } }} />
          </Col>
          <Col xs={12} sm={6}>
            <Statistic title={t('shared:workOrders.availability.away')} value={totals.away} />
          </Col>
          <Col xs={12} sm={6}>
            <Statistic title={t('shared:workOrders.availability.offline')} value={totals.offline} />
          </Col>
          <Col xs={12} sm={6}>
            <Statistic title={t('agents.openOrders')} value={totals.load} />
          </Col>
        </Row>
      </Card>
      {agents.isError ? (
        <Card>
          <LoadFailedResult error={agents.error} onRetry={() => void agents.refetch()} />
        </Card>
      ) : agents.isLoading ? (
        <Card>
          <SectionLoading />
        </Card>
      ) : boards.length === 0 ? (
        <Card>
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('agents.empty')} />
        </Card>
      ) : (
        boards.map((board) => (
          <TeamCard
            key={board.key}
            board={board}
            canSupervise={canSupervise}
            canHandle={canHandle}
            meId={me.id}
            onEditCapacity={capacityEditor.show}
          />
        ))
      )}
      <CapacityModal
        key={`capacity-${capacityEditor.key}`}
        open={capacityEditor.open}
        agent={capacityEditor.payload}
        defaultCapacity={settings.data?.defaultAgentCapacity}
        onClose={capacityEditor.hide}
      />
    </PageContainer>
  );
}
