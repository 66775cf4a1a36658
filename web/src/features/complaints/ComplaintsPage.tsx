import { Button, Card, Flex, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { COMPLAINT_LEVELS, COMPLAINT_SEVERITIES, COMPLAINT_SOURCES, OPEN_STATUSES, type Complaint, type ComplaintLevel, type ComplaintSource } from '@kefu/contracts';
import { useT } from '../../i18n/useT';
import { useComplaintPage } from '../../api/complaints';
import { useAuth } from '../../app/auth-context';
import { COMPLAINT_INTAKE_PATH, complaintPath, workOrderPath } from '../../app/navigation';
import { DateTimeText } from '../../components/DateTimeText';
import { PageContainer } from '../../components/PageContainer';
import { LoadFailedResult } from '../../components/StatusResults';
import { useUrlListState } from '../../components/useUrlState';
import { StatusTag } from '../work-orders/shared/WorkOrderTags';
import { useNow } from '../work-orders/shared/useNow';
import { LevelTag, SeverityTag } from './ComplaintTags';

type FilterKey = 'level' | 'severity' | 'source' | 'open';

function oneOf<Value extends string>(values: readonly Value[], value: string | undefined): Value | undefined {
  return values.find((candidate) => candidate === value);
}

/** 投诉台账 (CMP): every complaint with its level, severity and source; filters live in the URL. */
export function ComplaintsPage() {
  const { t } = useT();
  const { can } = useAuth();
  const url = useUrlListState<FilterKey>();
  const now = useNow(60_000);
  const level = oneOf(COMPLAINT_LEVELS, url.text('level'));
  const severity = oneOf(COMPLAINT_SEVERITIES, url.text('severity'));
  const source = oneOf(COMPLAINT_SOURCES, url.text('source'));
  const open = oneOf(['true', 'false'] as const, url.text('open'));
  const page = useComplaintPage({ level, severity, source, open, limit: url.pageSize, offset: url.offset });

  const columns: TableColumnsType<Complaint> = [
    {
      title: t('complaints.columns.order'),
      key: 'order',
      width: 170,
      render: (_, complaint) => (
        <Link to={complaintPath(complaint.id)} data-testid="complaint-row-link">
          {complaint.order.number}
        </Link>
      ),
    },
    {
      title: t('complaints.columns.title'),
      key: 'title',
      render: (_, complaint) => (
        <Flex vertical>
          <Typography.Text ellipsis style={{ maxWidth: 320 }}>
            {complaint.order.title}
          </Typography.Text>
          {complaint.customer && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {complaint.customer.name}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    { title: t('complaints.fields.level'), dataIndex: 'level', width: 100, render: (value: ComplaintLevel) => <LevelTag level={value} /> },
    {
      title: t('complaints.fields.severity'),
      key: 'severity',
      width: 130,
      render: (_, complaint) => (
        <Flex gap={4} wrap>
          <SeverityTag severity={complaint.severity} />
          {complaint.repeatOf && (
            <Tag color="purple" style={{ marginInlineEnd: 0 }}>
              {t('complaints.repeatTag')}
            </Tag>
          )}
        </Flex>
      ),
    },
    { title: t('complaints.fields.source'), dataIndex: 'source', width: 150, render: (value: ComplaintSource) => t(`shared:complaints.sources.${value}`) },
    {
      title: t('complaints.columns.status'),
      key: 'status',
      width: 100,
      render: (_, complaint) => (
        <Link to={workOrderPath(complaint.order.id)}>
          <StatusTag status={complaint.order.status} />
        </Link>
      ),
    },
    {
      title: t('complaints.fields.levelDueAt'),
      dataIndex: 'levelDueAt',
      width: 170,
      render: (value: number, complaint) => (
        <Typography.Text type={value < now && OPEN_STATUSES.includes(complaint.order.status) ? 'danger' : undefined}>
          <DateTimeText value={value} />
        </Typography.Text>
      ),
    },
    { title: t('complaints.columns.createdAt'), dataIndex: 'createdAt', width: 170, render: (value: number) => <DateTimeText value={value} /> },
  ];

  const filterSelect = <Value extends string>(key: FilterKey, value: Value | undefined, values: readonly Value[], label: (value: Value) => string, placeholder: string) => (
    <Select<Value>
      allowClear
      value={value}
      placeholder={placeholder}
      onChange={(next) => url.update({ [key]: next ?? null })}
      options={values.map((option) => ({ value: option, label: label(option) }))}
      style={{ width: 170 }}
      data-testid={`complaints-filter-${key}`}
    />
  );

  return (
    <PageContainer
      title={t('nav.complaints')}
      description={t('complaints.description')}
      extra={
        can('complaints.manage') && (
          <Link to={COMPLAINT_INTAKE_PATH}>
            <Button type="primary" icon={<PlusOutlined />} data-testid="complaint-create">
              {t('nav.complaintIntake')}
            </Button>
          </Link>
        )
      }
    >
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          {filterSelect('level', level, COMPLAINT_LEVELS, (value) => t(`shared:complaints.levels.${value}`), t('complaints.fields.level'))}
          {filterSelect('severity', severity, COMPLAINT_SEVERITIES, (value) => t(`shared:complaints.severities.${value}`), t('complaints.fields.severity'))}
          {filterSelect('source', source, COMPLAINT_SOURCES, (value) => t(`shared:complaints.sources.${value}`), t('complaints.fields.source'))}
          {filterSelect('open', open, ['true', 'false'] as const, (value) => t(value === 'true' ? 'complaints.openOnly' : 'complaints.closedOnly'), t('complaints.openFilter'))}
          {url.hasFilters && <Button onClick={url.clear}>{t('common.resetFilters')}</Button>}
        </Flex>
        {page.isError ? (
          <LoadFailedResult error={page.error} onRetry={() => void page.refetch()} />
        ) : (
          <Table<Complaint>
            rowKey="id"
            columns={columns}
            dataSource={page.data?.items}
            loading={page.isFetching}
            scroll={{ x: 1100 }}
            data-testid="complaints-table"
            pagination={{
              current: url.page,
              pageSize: url.pageSize,
              total: page.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: url.pageSizeOptions,
              showTotal: (total) => t('common.total', { total }),
              onChange: (next, size) => url.update({ page: next, pageSize: size }),
            }}
          />
        )}
      </Card>
    </PageContainer>
  );
}
