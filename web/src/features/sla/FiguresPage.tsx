import { useMemo, useState } from 'react';
import { Card, Col, DatePicker, Empty, Flex, Row, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { SlaFiguresRow } from '@kefu/contracts';
import { useT } from '../../i18n/useT';
import { useSlaFigures } from '../../api/sla';
import { EChart, type ChartOption } from '../../components/EChart';
import { PageContainer } from '../../components/PageContainer';
import { LoadFailedResult } from '../../components/StatusResults';
import { DirectoryDepartmentSelect } from '../work-orders/shared/DirectoryDepartmentSelect';
import { DurationText } from './DurationText';
import { chartRows, hours, percent } from './figures';

const DEFAULT_DAYS = 30;

function Share({ value }: { value: number | null }) {
  const shown = percent(value);
  return shown === null ? <Typography.Text type="secondary">-</Typography.Text> : <span>{shown}%</span>;
}

function Minutes({ value }: { value: number | null }) {
  return value === null ? <Typography.Text type="secondary">-</Typography.Text> : <DurationText minutes={Math.round(value)} />;
}

/** 时限达标统计 (SLA-6): the numbers the policies' targets are stated in, per service item. */
export function FiguresPage() {
  const { t } = useT();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().subtract(DEFAULT_DAYS, 'day').startOf('day'), dayjs().endOf('day')]);
  const [departmentId, setDepartmentId] = useState<number | undefined>();
  const figures = useSlaFigures({ from: range[0].startOf('day').valueOf(), to: range[1].endOf('day').valueOf(), ...(departmentId ? { departmentId } : {}) });
  const data = figures.data;
  const rows = useMemo(() => chartRows(data?.byCategory ?? []), [data]);
  const categoryName = (row: SlaFiguresRow) => row.category?.name ?? t('slaFigures.noCategory');
  const labels = useMemo(() => rows.map((row) => row.category?.name ?? t('slaFigures.noCategory')), [rows, t]);

  const attainmentOption = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (value) => (value === null || value === undefined ? '-' : `${String(value)}%`) },
      legend: {},
      grid: { left: 48, right: 16, bottom: 64, top: 40 },
      xAxis: { type: 'category', data: labels, axisLabel: { rotate: rows.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        { type: 'bar', name: t('slaFigures.series.responseAttainment'), data: rows.map((row) => percent(row.responseAttainment)) },
        { type: 'bar', name: t('slaFigures.series.resolutionAttainment'), data: rows.map((row) => percent(row.resolutionAttainment)) },
      ],
    }),
    [rows, labels, t],
  );

  const timeOption = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (value) => (value === null || value === undefined ? '-' : t('slaFigures.hoursValue', { value: String(value) })) },
      legend: {},
      grid: { left: 48, right: 16, bottom: 64, top: 40 },
      xAxis: { type: 'category', data: labels, axisLabel: { rotate: rows.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', name: t('slaFigures.hoursAxis') },
      series: [
        { type: 'bar', name: t('slaFigures.series.averageResolution'), data: rows.map((row) => hours(row.averageResolutionMinutes)) },
        { type: 'bar', name: t('slaFigures.series.maxResolution'), data: rows.map((row) => hours(row.maxResolutionMinutes)) },
        { type: 'line', name: t('slaFigures.series.averageTarget'), data: rows.map((row) => hours(row.averageTargetMinutes)), symbol: 'diamond', lineStyle: { type: 'dashed' } },
      ],
    }),
    [rows, labels, t],
  );

  const postponementOption = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (value) => (value === null || value === undefined ? '-' : `${String(value)}%`) },
      grid: { left: 48, right: 16, bottom: 64, top: 24 },
      xAxis: { type: 'category', data: labels, axisLabel: { rotate: rows.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
      series: [{ type: 'bar', name: t('slaFigures.series.postponementRate'), data: rows.map((row) => percent(row.postponementRate)), itemStyle: { color: '#fa8c16' } }],
    }),
    [rows, labels, t],
  );

  const columns: TableColumnsType<SlaFiguresRow> = [
    { title: t('slaFigures.columns.category'), key: 'category', fixed: 'left', render: (_, row) => categoryName(row) },
    { title: t('slaFigures.columns.orders'), dataIndex: 'orders', align: 'right', width: 80 },
    { title: t('slaFigures.columns.responseAttainment'), key: 'response', align: 'right', width: 130, render: (_, row) => <Share value={row.responseAttainment} /> },
    { title: t('slaFigures.columns.resolutionAttainment'), key: 'resolution', align: 'right', width: 130, render: (_, row) => <Share value={row.resolutionAttainment} /> },
    { title: t('slaFigures.columns.averageResolution'), key: 'average', align: 'right', width: 120, render: (_, row) => <Minutes value={row.averageResolutionMinutes} /> },
    {
      title: t('slaFigures.columns.averageTarget'),
      key: 'averageTarget',
      align: 'right',
      width: 140,
      render: (_, row) =>
        row.averageTargetMinutes === null ? (
          <Typography.Text type="secondary">-</Typography.Text>
        ) : (
          <Flex gap={4} justify="flex-end" align="center">
            <Minutes value={row.averageTargetMinutes} />
            {row.averageTargetMet !== null && (
              <Tag color={row.averageTargetMet ? 'green' : 'red'} style={{ marginInlineEnd: 0 }}>
                {t(row.averageTargetMet ? 'slaFigures.met' : 'slaFigures.notMet')}
              </Tag>
            )}
          </Flex>
        ),
    },
    { title: t('slaFigures.columns.maxResolution'), key: 'max', align: 'right', width: 110, render: (_, row) => <Minutes value={row.maxResolutionMinutes} /> },
    { title: t('slaFigures.columns.postponementRate'), key: 'postponed', align: 'right', width: 110, render: (_, row) => <Share value={row.postponementRate} /> },
    { title: t('slaFigures.columns.overrides'), dataIndex: 'overrides', align: 'right', width: 90 },
    { title: t('slaFigures.columns.escalated'), dataIndex: 'escalated', align: 'right', width: 90 },
  ];

  return (
    <PageContainer
      title={t('nav.slaFigures')}
      description={t('slaFigures.description')}
      extra={
        <>
          <DirectoryDepartmentSelect allowClear placeholder={t('slaFigures.allDepartments')} value={departmentId ?? null} onChange={(value) => setDepartmentId(value ?? undefined)} style={{ width: 200 }} data-testid="sla-figures-department" />
          <DatePicker.RangePicker
            value={range}
            allowClear={false}
            onChange={(value) => {
              if (value?.[0] && value[1]) setRange([value[0], value[1]]);
            }}
            disabledDate={(date) => date.isAfter(dayjs().endOf('day'))}
            data-testid="sla-figures-range"
          />
        </>
      }
    >
      {figures.isError ? (
        <Card>
          <LoadFailedResult error={figures.error} onRetry={() => void figures.refetch()} />
        </Card>
      ) : (
        <>
          <Row gutter={[16, 16]}>
            {[
              { key: 'orders', title: t('slaFigures.columns.orders'), value: data?.totals.orders ?? 0 },
              { key: 'response', title: t('slaFigures.columns.responseAttainment'), value: percent(data?.totals.responseAttainment ?? null), suffix: '%' },
              { key: 'resolution', title: t('slaFigures.columns.resolutionAttainment'), value: percent(data?.totals.resolutionAttainment ?? null), suffix: '%' },
              { key: 'average', title: t('slaFigures.totalAverageHours'), value: hours(data?.totals.averageResolutionMinutes ?? null) },
              { key: 'max', title: t('slaFigures.totalMaxHours'), value: hours(data?.totals.maxResolutionMinutes ?? null) },
              { key: 'postponed', title: t('slaFigures.columns.postponementRate'), value: percent(data?.totals.postponementRate ?? null), suffix: '%' },
            ].map((stat) => (
              <Col key={stat.key} xs={12} md={8} xl={4}>
                <Card size="small" loading={figures.isPending}>
                  <Statistic title={stat.title} value={stat.value ?? '-'} suffix={stat.value === null ? undefined : stat.suffix} data-testid={`sla-figures-total-${stat.key}`} />
                </Card>
              </Col>
            ))}
          </Row>
          {rows.length === 0 && !figures.isPending ? (
            <Card>
              <Empty description={t('slaFigures.empty')} />
            </Card>
          ) : (
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={12}>
                <Card size="small" title={t('slaFigures.charts.attainment')} loading={figures.isPending}>
                  <EChart option={attainmentOption} data-testid="sla-figures-attainment-chart" />
                </Card>
              </Col>
              <Col xs={24} xl={12}>
                <Card size="small" title={t('slaFigures.charts.times')} loading={figures.isPending}>
                  <EChart option={timeOption} data-testid="sla-figures-times-chart" />
                </Card>
              </Col>
              <Col xs={24} xl={12}>
                <Card size="small" title={t('slaFigures.charts.postponement')} loading={figures.isPending}>
                  <EChart option={postponementOption} height={260} data-testid="sla-figures-postponement-chart" />
                </Card>
              </Col>
            </Row>
          )}
          <Card size="small" title={t('slaFigures.tableTitle')}>
            <Table<SlaFiguresRow>
              rowKey={(row) => row.category?.id ?? 0}
              columns={columns}
              dataSource={data?.byCategory ?? []}
              loading={figures.isFetching}
              pagination={false}
              size="small"
              scroll={{ x: 1200 }}
              summary={() =>
                data ? (
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0}>
                      <Typography.Text strong>{t('slaFigures.totals')}</Typography.Text>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={1} align="right">
                      {data.totals.orders}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={2} align="right">
                      <Share value={data.totals.responseAttainment} />
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={3} align="right">
                      <Share value={data.totals.resolutionAttainment} />
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={4} align="right">
                      <Minutes value={data.totals.averageResolutionMinutes} />
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={5} align="right">
                      <Minutes value={data.totals.averageTargetMinutes} />
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={6} align="right">
                      <Minutes value={data.totals.maxResolutionMinutes} />
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={7} align="right">
                      <Share value={data.totals.postponementRate} />
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={8} align="right">
                      {data.totals.overrides}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={9} align="right">
                      {data.totals.escalated}
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                ) : null
              }
            />
          </Card>
        </>
      )}
    </PageContainer>
  );
}
