import { Button, Card, DatePicker, Flex, Input, Select, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { CloseOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useT } from '../../../i18n/useT';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, type AuditAction, type AuditEntry, type AuditOutcome } from '@kefu/contracts';
import { useAuditPage } from '../../../api/audit';
import { DateTimeText } from '../../../components/DateTimeText';
import { DATE_TIME_FORMAT } from '../../../components/datetime';
import { PageContainer } from '../../../components/PageContainer';
import { LoadFailedResult } from '../../../components/StatusResults';
import { useUrlListState } from '../../../components/useUrlState';
import { useAuditVerification } from './useAuditVerification';
import { AuditTarget } from './AuditTarget';

type AuditFilterKey = 'action' | 'outcome' | 'q' | 'actorId' | 'actorName' | 'from' | 'to';

const OUTCOME_COLORS: Record<AuditOutcome, string> = { success: 'success', failure: 'error', denied: 'warning' };

function isAuditAction(value: string | undefined): value is AuditAction {
  return (AUDIT_ACTIONS as readonly (string | undefined)[]).includes(value);
}
function isAuditOutcome(value: string | undefined): value is AuditOutcome {
  return (AUDIT_OUTCOMES as readonly (string | undefined)[]).includes(value);
}

function hasDetails(entry: AuditEntry): boolean {
  return Object.keys(entry.details).length > 0;
}

function ExpandedEntry({ entry }: { entry: AuditEntry }) {
  const { t } = useT();
  return (
    <Flex vertical gap={8} style={{ padding: '4px 8px' }}>
      {hasDetails(entry) && <pre className="kefu-code" style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{JSON.stringify(entry.details, null, 2)}</pre>}
      <Typography.Text type="secondary" className="kefu-code">
        {t('audit.hash')}: {entry.hash}
      </Typography.Text>
    </Flex>
  );
}

export function AuditPage() {
  const { t } = useT();
  const list = useUrlListState<AuditFilterKey>();
  const verification = useAuditVerification();
  const action = list.text('action');
  const outcome = list.text('outcome');
  const from = list.integer('from');
  const to = list.integer('to');
  const query = {
    limit: list.pageSize,
    offset: list.offset,
    action: isAuditAction(action) ? action : undefined,
    outcome: isAuditOutcome(outcome) ? outcome : undefined,
    actorId: list.integer('actorId'),
    q: list.text('q'),
    from,
    to,
  };
  const audit = useAuditPage(query);
  const range: [Dayjs, Dayjs] | null = from !== undefined && to !== undefined ? [dayjs(from), dayjs(to)] : null;

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.fields.at'), dataIndex: 'at', width: 170, render: (at: number) => <DateTimeText value={at} /> },
    {
      title: t('audit.fields.actor'),
      key: 'actor',
      width: 120,
      render: (_, entry) =>
        entry.actorId !== null ? (
          <Tooltip title={t('audit.filterByActor')}>
            <Typography.Link onClick={() => list.update({ actorId: entry.actorId, actorName: entry.actorName })}>
              {entry.actorName ?? `#${entry.actorId}`}
            </Typography.Link>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">{entry.actorName ?? t('audit.anonymous')}</Typography.Text>
        ),
    },
    { title: t('audit.fields.action'), dataIndex: 'action', width: 150, render: (value: AuditAction) => t(`shared:auditActions.${value}`) },
    {
      title: t('audit.fields.outcome'),
      dataIndex: 'outcome',
      width: 80,
      render: (value: AuditOutcome) => <Tag color={OUTCOME_COLORS[value]}>{t(`shared:auditOutcomes.${value}`)}</Tag>,
    },
    { title: t('audit.fields.target'), key: 'target', width: 130, render: (_, entry) => <AuditTarget entry={entry} /> },
    {
      title: t('audit.fields.ip'),
      dataIndex: 'ip',
      width: 130,
      render: (ip: string | null) => ip ?? <Typography.Text type="secondary">-</Typography.Text>,
    },
    {
      title: t('audit.fields.details'),
      key: 'details',
      ellipsis: true,
      render: (_, entry) =>
        hasDetails(entry) ? (
          <Typography.Text className="kefu-code" ellipsis={{ tooltip: false }}>
            {JSON.stringify(entry.details)}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">-</Typography.Text>
        ),
    },
  ];

  const actorName = list.text('actorName');
  return (
    <PageContainer title={t('nav.audit')} description={t('audit.description')} extra={verification.button}>
      {verification.alert}
      <Card styles={{ body: { paddingBottom: 8 } }}>
        <Flex wrap gap={12} style={{ marginBottom: 16 }}>
          <Input.Search
            key={list.text('q') ?? ''}
            defaultValue={list.text('q')}
            placeholder={t('audit.searchPlaceholder')}
            allowClear
            onSearch={(value) => list.update({ q: value.trim() })}
            style={{ width: 240 }}
          />
          <Select<AuditAction>
            value={query.action}
            onChange={(value) => list.update({ action: value })}
            placeholder={t('audit.filterAction')}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={AUDIT_ACTIONS.map((value) => ({ value, label: t(`shared:auditActions.${value}`) }))}
            style={{ width: 180 }}
          />
          <Select<AuditOutcome>
            value={query.outcome}
            onChange={(value) => list.update({ outcome: value })}
            placeholder={t('audit.filterOutcome')}
            allowClear
            options={AUDIT_OUTCOMES.map((value) => ({ value, label: t(`shared:auditOutcomes.${value}`) }))}
            style={{ width: 130 }}
          />
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format={DATE_TIME_FORMAT.replace(':ss', '')}
            value={range}
            onChange={(dates) =>
              list.update({ from: dates?.[0]?.startOf('minute').valueOf(), to: dates?.[1]?.endOf('minute').valueOf() })
            }
            style={{ width: 340 }}
          />
          {query.actorId !== undefined && (
            <Tag
              closable
              closeIcon={<CloseOutlined />}
              onClose={() => list.update({ actorId: undefined, actorName: undefined })}
              style={{ display: 'inline-flex', alignItems: 'center', margin: 0, padding: '0 8px' }}
            >
              {t('audit.actorFilter', { name: actorName ?? `#${query.actorId}` })}
            </Tag>
          )}
          {list.hasFilters && <Button onClick={list.clear}>{t('common.resetFilters')}</Button>}
        </Flex>
        {audit.isError ? (
          <LoadFailedResult error={audit.error} onRetry={() => void audit.refetch()} />
        ) : (
          <Table<AuditEntry>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={audit.data?.items}
            loading={audit.isFetching}
            scroll={{ x: 1080 }}
            expandable={{ expandedRowRender: (entry) => <ExpandedEntry entry={entry} /> }}
            locale={{ emptyText: list.hasFilters ? t('audit.emptyFiltered') : t('audit.empty') }}
            pagination={{
              current: list.page,
              pageSize: list.pageSize,
              total: audit.data?.total ?? 0,
              pageSizeOptions: list.pageSizeOptions,
              showSizeChanger: true,
              showTotal: (total) => t('common.total', { total }),
              onChange: (page, pageSize) => list.update({ page, pageSize }),
            }}
          />
        )}
      </Card>
    </PageContainer>
  );
}
