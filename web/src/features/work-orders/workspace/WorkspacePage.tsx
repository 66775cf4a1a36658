import { useEffect, useEffectEvent, useMemo, useRef, useState } from 'react';
import { Badge, Button, Card, Flex, Input, Select, Table, Tabs, Tooltip, Typography, type InputRef, type TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import dayjs from 'dayjs';
import {
  LIST_COUNT_CAP,
  CHANNELS,
  PRIORITIES,
  WORK_ORDER_SORTS,
  WORK_ORDER_STATUSES,
  WORK_ORDER_TYPES,
  WORK_ORDER_VIEWS,
  type Channel,
  type Priority,
  type WorkOrderSort,
  type WorkOrderStatus,
  type WorkOrderSummary,
  type WorkOrderType,
  type WorkOrderView,
} from '@kefu/contracts';
import { useT } from '../../../i18n/useT';
import { useWorkOrderCounts, useWorkOrderPage, useWorkOrderSettings } from '../../../api/work-orders';
import { useAuth } from '../../../app/auth-context';
import { INTAKE_PATH, workOrderPath } from '../../../app/navigation';
import { PageContainer } from '../../../components/PageContainer';
import { LoadFailedResult } from '../../../components/StatusResults';
import { useUrlListState } from '../../../components/useUrlState';
import { formatDateTime } from '../../../components/datetime';
import { PersonalityTag, TierTag } from '../../customers/CustomerTags';
import { SlaStateTag } from '../../sla/SlaStateTag';
import { CategoryTreeSelect } from '../shared/CategoryTreeSelect';
import { HighlightText } from '../shared/HighlightText';
import { highlightPlainText } from '../shared/highlight';
import { PriorityDot, StatusTag } from '../shared/WorkOrderTags';
import { useNow } from '../shared/useNow';
import { BulkActions } from './BulkActions';
import { ShortcutHelp } from './ShortcutHelp';
import { moveCursor, shortcutFor } from './shortcuts';
import { buildWorkOrderQuery, defaultView, formatStatuses, parseStatuses, type WorkspaceUrlKey } from './workspace-query';

const HOUR_MS = 3_600_000;
/** What narrows the current view (the view and the sort do not count). */
const FILTER_KEYS = ['q', 'status', 'type', 'channel', 'priority', 'categoryId'] as const satisfies readonly WorkspaceUrlKey[];
const ACTIVE_ROW_CLASS = 'kefu-workspace-active';
/** The keyboard cursor must stand out from hover and selection, which antd already colours. */
const ACTIVE_ROW_CSS = `.${ACTIVE_ROW_CLASS} > td { background: #e6f4ff !important; } .${ACTIVE_ROW_CLASS} > td:first-child { box-shadow: inset 3px 0 0 #1668dc; }`;

function Dash() {
  return <Typography.Text type="secondary">-</Typography.Text>;
}

/** Dense rows: month-day and time, the full stamp on hover. */
function ShortTime({ value }: { value: number }) {
  return (
    <Tooltip title={formatDateTime(value)}>
      <span style={{ whiteSpace: 'nowrap' }}>{dayjs(value).format('MM-DD HH:mm')}</span>
    </Tooltip>
  );
}

function DueText({ dueAt, now, windowHours }: { dueAt: number | null; now: number; windowHours: number }) {
  const { t } = useT();
  if (dueAt === null) return <Dash />;
  const overdue = dueAt < now;
  const soon = !overdue && dueAt - now < windowHours * HOUR_MS;
  return (
    <Tooltip title={overdue ? t('workspace.due.overdue') : soon ? t('workspace.due.soon') : formatDateTime(dueAt)}>
      <Typography.Text type={overdue ? 'danger' : soon ? 'warning' : undefined} strong={overdue || soon} style={{ whiteSpace: 'nowrap' }}>
        {dayjs(dueAt).format('MM-DD HH:mm')}
      </Typography.Text>
    </Tooltip>
  );
}

/** A title match comes back as the whole title with marks: it then replaces the title instead of repeating it. */
function highlightIsTitle(order: WorkOrderSummary): boolean {
  return order.highlight !== null && highlightPlainText(order.highlight) === order.title;
}

/** The row of `id` on screen, to keep the keyboard cursor visible. */
function scrollRowIntoView(id: number) {
  document.querySelector(`tr[data-row-key="${id}"]`)?.scrollIntoView({ block: 'nearest' });
}

/** Clicks on links, checkboxes and buttons inside a row do their own thing. */
function isInteractiveClick(target: EventTarget): boolean {
  return target instanceof Element && Boolean(target.closest('a, button, input, label, .ant-table-selection-column'));
}

export function WorkspacePage() {
  const { t } = useT();
  const { can } = useAuth();
  const navigate = useNavigate();
  const list = useUrlListState<WorkspaceUrlKey>();
  const fallbackView = defaultView(can('work_orders.handle'));
  const query = buildWorkOrderQuery(list.text, { limit: list.pageSize, offset: list.offset }, fallbackView);
  const view = query.view ?? fallbackView;
  const statuses = parseStatuses(list.text('status'));
  const filtered = FILTER_KEYS.some((key) => list.text(key) !== undefined);
  const orders = useWorkOrderPage(query);
  const counts = useWorkOrderCounts();
  const settings = useWorkOrderSettings();
  const items = useMemo(() => orders.data?.items ?? [], [orders.data]);
  const now = useNow();
  const windowHours = settings.data?.breachingWindowHours ?? 24;

  const searchRef = useRef<InputRef>(null);
  // The cursor follows an order, not a position: live updates reorder the rows under it.
  const [cursorId, setCursorId] = useState<number | null>(null);
  const [selectedIds, setSelectedIds] = useState<number[]>([]);
  const [helpOpen, setHelpOpen] = useState(false);
  // Numbers of selected orders seen on any page, so failures on other pages can be named.
  const [knownNumbers, setKnownNumbers] = useState<ReadonlyMap<number, string>>(new Map());
  const cursor = cursorId === null ? -1 : items.findIndex((order) => order.id === cursorId);
  const activeId = cursor >= 0 ? cursorId : null;

  const rememberNumbers = (orders: readonly WorkOrderSummary[]) =>
    setKnownNumbers((previous) => {
      const next = new Map(previous);
      for (const order of orders) next.set(order.id, order.number);
      return next;
    });

  const changeView = (next: WorkOrderView) => {
    setSelectedIds([]);
    setCursorId(null);
    list.update({ view: next === fallbackView ? undefined : next });
  };

  const toggleSelected = (order: WorkOrderSummary) => {
    rememberNumbers([order]);
    setSelectedIds((previous) => (previous.includes(order.id) ? previous.filter((id) => id !== order.id) : [...previous, order.id]));
  };

  const onShortcut = useEffectEvent((event: KeyboardEvent) => {
    const shortcut = shortcutFor(event);
    if (!shortcut) return;
    const active = items[cursor];
    switch (shortcut.kind) {
      case 'next':
      case 'previous': {
        const order = items[moveCursor(cursor, shortcut.kind === 'next' ? 1 : -1, items.length)];
        if (!order) return;
        setCursorId(order.id);
        scrollRowIntoView(order.id);
        break;
      }
      case 'open':
        if (!active) return;
        navigate(workOrderPath(active.id));
        break;
      case 'intake':
        if (!can('work_orders.create')) return;
        navigate(INTAKE_PATH);
        break;
      case 'search':
        searchRef.current?.focus({ cursor: 'all' });
        break;
      case 'toggleSelection':
        if (!active) return;
        toggleSelected(active);
        break;
      case 'help':
        setHelpOpen((open) => !open);
        break;
      case 'view':
        changeView(shortcut.view);
        break;
    }
    event.preventDefault();
  });

  useEffect(() => {
    const listener = (event: KeyboardEvent) => onShortcut(event);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);

  const viewTabs = WORK_ORDER_VIEWS.map((value, index) => ({
    key: value,
    label: (
      <Tooltip title={t('workspace.viewShortcut', { key: index + 1 })} mouseEnterDelay={0.8}>
        <Flex align="center" gap={6} data-testid={`workspace-view-${value}`}>
          <span>{t(`shared:workOrders.views.${value}`)}</span>
          <Badge
            count={counts.data?.[value] ?? 0}
            showZero
            overflowCount={LIST_COUNT_CAP}
            color={value === 'breaching' && (counts.data?.breaching ?? 0) > 0 ? 'red' : value === view ? 'blue' : '#bfbfbf'}
            data-testid={`workspace-count-${value}`}
          />
        </Flex>
      </Tooltip>
    ),
  }));

  const columns: TableColumnsType<WorkOrderSummary> = [
    {
      title: t('workspace.columns.number'),
      key: 'number',
      width: 150,
      fixed: 'left',
      render: (_, order) => (
        <Flex align="center" gap={6}>
          <PriorityDot priority={order.priority} />
          <Link to={workOrderPath(order.id)} data-testid="workspace-row-link" style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
            {order.number}
          </Link>
        </Flex>
      ),
    },
    {
      title: t('workspace.columns.title'),
      key: 'title',
      width: 200,
      render: (_, order) => (
        <div style={{ minWidth: 0 }}>
          <Typography.Text strong ellipsis={{ tooltip: order.title }} style={{ display: 'block' }}>
            {order.highlight && highlightIsTitle(order) ? <HighlightText html={order.highlight} /> : order.title}
          </Typography.Text>
          {order.highlight && !highlightIsTitle(order) && (
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
              <HighlightText html={order.highlight} />
            </Typography.Text>
          )}
          {order.reminderCount > 0 && (
            <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="workspace-reminders">
              {t('workspace.reminders', { count: order.reminderCount })}
            </Typography.Text>
          )}
        </div>
      ),
    },
    { title: t('workspace.columns.status'), dataIndex: 'status', width: 84, render: (value: WorkOrderStatus) => <StatusTag status={value} /> },
    {
      title: t('workspace.columns.type'),
      key: 'type',
      width: 100,
      ellipsis: true,
      render: (_, order) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {t(`shared:workOrders.types.${order.type}`)}
          <Typography.Text type="secondary">{t('workspace.separator')}</Typography.Text>
          {t(`shared:workOrders.channels.${order.channel}`)}
        </span>
      ),
    },
    {
      title: t('workspace.columns.category'),
      key: 'category',
      width: 100,
      ellipsis: true,
      render: (_, order) => order.category.name,
    },
    {
      title: t('workspace.columns.customer'),
      key: 'customer',
      width: 180,
      render: (_, order) => {
        if (!order.customer) return <Dash />;
        const { personality } = order.customer;
        return (
          <Flex align="center" gap={4} wrap={false} data-testid="workspace-customer">
            <Typography.Text ellipsis style={{ maxWidth: 80 }}>
              {order.customer.name}
            </Typography.Text>
            <TierTag tier={order.customer.tier} />
            {personality && <PersonalityTag personality={personality} />}
          </Flex>
        );
      },
    },
    {
      title: t('workspace.columns.handler'),
      key: 'handler',
      width: 110,
      render: (_, order) => (
        <div style={{ whiteSpace: 'nowrap' }}>
          {order.handler ? (
            order.handler.name
          ) : order.department ? (
            <Typography.Text type="secondary">{order.department.name}</Typography.Text>
          ) : (
            <Typography.Text type="warning">{t('workspace.unassigned')}</Typography.Text>
          )}
          {order.owner.id !== order.handler?.id && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {t('workspace.ownerLine', { name: order.owner.name })}
            </Typography.Text>
          )}
        </div>
      ),
    },
    {
      title: t('workspace.columns.dueAt'),
      dataIndex: 'dueAt',
      width: 150,
      render: (value: number | null, order) => (
        <Flex gap={4} align="center" wrap={false}>
          <DueText dueAt={value} now={now} windowHours={windowHours} />
          <SlaStateTag state={order.slaState} />
        </Flex>
      ),
    },
    { title: t('workspace.columns.updatedAt'), dataIndex: 'updatedAt', width: 95, render: (value: number) => <ShortTime value={value} /> },
  ];

  return (
    <PageContainer
      title={t('nav.workOrders')}
      extra={
        <>
          <ShortcutHelp open={helpOpen} onOpenChange={setHelpOpen} />
          <Tooltip title={t('workspace.refresh')}>
            <Button
              icon={<ReloadOutlined spin={orders.isFetching} />}
              aria-label={t('workspace.refresh')}
              onClick={() => {
                void orders.refetch();
                void counts.refetch();
              }}
            />
          </Tooltip>
          {can('work_orders.create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(INTAKE_PATH)} data-testid="workspace-intake">
              {t('workspace.intake')}
            </Button>
          )}
        </>
      }
    >
      <style>{ACTIVE_ROW_CSS}</style>
      <Card size="small" styles={{ body: { paddingTop: 0, paddingBottom: 8 } }}>
        <Tabs activeKey={view} onChange={(key) => changeView(key as WorkOrderView)} items={viewTabs} size="small" data-testid="workspace-views" />
        <Flex wrap gap={8} align="center" style={{ marginBottom: 8 }}>
          <Input.Search
            ref={searchRef}
            key={`q-${query.q ?? ''}`}
            defaultValue={query.q}
            placeholder={t('workspace.searchPlaceholder')}
            allowClear
            onSearch={(value) => list.update({ q: value.trim() })}
            onKeyDown={(event) => {
              if (event.key === 'Escape') event.currentTarget.blur();
            }}
            style={{ width: 220 }}
            data-testid="workspace-search"
          />
          <Select<WorkOrderStatus[]>
            mode="multiple"
            value={statuses}
            onChange={(value) => list.update({ status: formatStatuses(value) })}
            placeholder={t('workspace.filters.status')}
            allowClear
            maxTagCount="responsive"
            options={WORK_ORDER_STATUSES.map((value) => ({ value, label: t(`shared:workOrders.statuses.${value}`) }))}
            style={{ width: 170 }}
            data-testid="workspace-filter-status"
          />
          <Select<WorkOrderType>
            value={query.type}
            onChange={(value) => list.update({ type: value })}
            placeholder={t('workspace.filters.type')}
            allowClear
            options={WORK_ORDER_TYPES.map((value) => ({ value, label: t(`shared:workOrders.types.${value}`) }))}
            style={{ width: 110 }}
            data-testid="workspace-filter-type"
          />
          <Select<Channel>
            value={query.channel}
            onChange={(value) => list.update({ channel: value })}
            placeholder={t('workspace.filters.channel')}
            allowClear
            options={CHANNELS.map((value) => ({ value, label: t(`shared:workOrders.channels.${value}`) }))}
            style={{ width: 100 }}
            data-testid="workspace-filter-channel"
          />
          <Select<Priority>
            value={query.priority}
            onChange={(value) => list.update({ priority: value })}
            placeholder={t('workspace.filters.priority')}
            allowClear
            options={PRIORITIES.map((value) => ({ value, label: t(`shared:workOrders.priorities.${value}`) }))}
            style={{ width: 100 }}
            data-testid="workspace-filter-priority"
          />
          <CategoryTreeSelect
            value={query.categoryId}
            onChange={(value) => list.update({ categoryId: value })}
            placeholder={t('workspace.filters.category')}
            allowClear
            includeInactive
            style={{ width: 180 }}
            data-testid="workspace-filter-category"
          />
          <Select<WorkOrderSort>
            value={query.sort}
            onChange={(value) => list.update({ sort: value === 'updated_desc' ? undefined : value })}
            options={WORK_ORDER_SORTS.map((value) => ({ value, label: t(`workspace.sorts.${value}`) }))}
            style={{ width: 150 }}
            data-testid="workspace-sort"
          />
          {filtered && (
            <Button
              onClick={() => list.replaceFilters({ ...(view === fallbackView ? {} : { view }), ...(query.sort === 'updated_desc' ? {} : { sort: query.sort ?? '' }) })}
              data-testid="workspace-reset"
            >
              {t('common.resetFilters')}
            </Button>
          )}
        </Flex>
        <BulkActions
          selectedIds={selectedIds}
          numberOf={(id) => knownNumbers.get(id) ?? `#${id}`}
          onFinished={setSelectedIds}
          onClear={() => setSelectedIds([])}
        />
        {orders.isError ? (
          <LoadFailedResult error={orders.error} onRetry={() => void orders.refetch()} />
        ) : (
          <Table<WorkOrderSummary>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={items}
            loading={orders.isPending || (orders.isPlaceholderData && orders.isFetching)}
            scroll={{ x: 1150 }}
            style={{ marginTop: 8 }}
            data-testid="workspace-table"
            rowClassName={(order) => (order.id === activeId ? ACTIVE_ROW_CLASS : '')}
            rowSelection={{
              selectedRowKeys: selectedIds,
              preserveSelectedRowKeys: true,
              columnWidth: 36,
              onChange: (keys, rows) => {
                rememberNumbers(rows.filter(Boolean));
                setSelectedIds(keys.map(Number));
              },
            }}
            onRow={(order) => ({
              onClick: (event) => {
                if (isInteractiveClick(event.target)) return;
                setCursorId(order.id);
                navigate(workOrderPath(order.id));
              },
              style: { cursor: 'pointer' },
              'data-testid': 'workspace-row',
            })}
            locale={{ emptyText: filtered ? t('workspace.emptyFiltered') : t('workspace.empty') }}
            pagination={{
              current: list.page,
              pageSize: list.pageSize,
              total: orders.data?.total ?? 0,
              pageSizeOptions: list.pageSizeOptions,
              showSizeChanger: true,
              size: 'small',
              // Beyond the cap a search's matches follow the chosen sort; up to it, relevance first.
              showTotal: (total) =>
                total > LIST_COUNT_CAP ? t(query.q ? 'workspace.searchOverCap' : 'workspace.totalOverCap', { cap: LIST_COUNT_CAP }) : t('common.total', { total }),
              onChange: (page, pageSize) => {
                setCursorId(null);
                list.update({ page, pageSize });
              },
            }}
          />
        )}
      </Card>
    </PageContainer>
  );
}
