import { Button, Card, Flex, Input, Select, Table, Typography, type TableColumnsType } from 'antd';
import { AppstoreAddOutlined, ImportOutlined, PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import {
  CUSTOMER_TIERS,
  CUSTOMER_TYPES,
  type CustomerSummary,
  type CustomerTier,
  type CustomerType,
  type PersonalityType,
} from '@kefu/contracts';
import { useT } from '../../i18n/useT';
import { useCustomerPage, type CustomerListParams } from '../../api/customers';
import { useAuth } from '../../app/auth-context';
import { customerPath } from '../../app/navigation';
import { DateTimeText } from '../../components/DateTimeText';
import { PageContainer } from '../../components/PageContainer';
import { LoadFailedResult } from '../../components/StatusResults';
import { useOverlayState } from '../../components/useOverlayState';
import { useUrlListState } from '../../components/useUrlState';
import { CompletenessSettingsModal } from './CompletenessSettingsModal';
import { CustomerExportButton } from './CustomerExportButton';
import { CustomerFormDrawer } from './CustomerFormDrawer';
import { CustomerImportWizard } from './CustomerImportWizard';
import { CustomFieldsModal } from './CustomFieldsModal';
import { CompletenessProgress, CustomerTagList, PersonalityTag, TierTag } from './CustomerTags';
import { parseCustomerSearch, searchKindOf } from './customer-search';
import { SavedViewsButton } from './SavedViewsButton';
import { useAccountManagerOptions } from './useAccountManagers';

/** The list's URL filters; a saved view (常用筛选) keeps exactly these. */
const CUSTOMER_FILTER_KEYS = ['q', 'phone', 'idSuffix', 'type', 'tier', 'tag', 'completenessBelow', 'accountManagerId'] as const;
type CustomerFilterKey = (typeof CUSTOMER_FILTER_KEYS)[number];

/** "Incomplete" and two thresholds that match how centers report 资料完整率. */
const COMPLETENESS_THRESHOLDS = [100, 80, 60] as const;
type CompletenessThreshold = (typeof COMPLETENESS_THRESHOLDS)[number];

function isOneOf<T extends string | number>(values: readonly T[], value: string | number | undefined): value is T {
  return (values as readonly (string | number | undefined)[]).includes(value);
}

function Dash() {
  return <Typography.Text type="secondary">-</Typography.Text>;
}

export function CustomersPage() {
  const { t } = useT();
  const { can } = useAuth();
  const navigate = useNavigate();
  const list = useUrlListState<CustomerFilterKey>();
  const managers = useAccountManagerOptions();
  const editor = useOverlayState<undefined>();
  const completenessSettings = useOverlayState<undefined>();
  const customFields = useOverlayState<undefined>();
  const importer = useOverlayState<undefined>();
  const type = list.text('type');
  const tier = list.text('tier');
  const completenessBelow = list.integer('completenessBelow');
  const search = { q: list.text('q'), phone: list.text('phone'), idSuffix: list.text('idSuffix') };
  const searchKind = searchKindOf(search);
  const completenessThreshold = isOneOf<CompletenessThreshold>(COMPLETENESS_THRESHOLDS, completenessBelow) ? completenessBelow : undefined;
  const query: CustomerListParams = {
    limit: list.pageSize,
    offset: list.offset,
    ...search,
    type: isOneOf<CustomerType>(CUSTOMER_TYPES, type) ? type : undefined,
    tier: isOneOf<CustomerTier>(CUSTOMER_TIERS, tier) ? tier : undefined,
    tag: list.text('tag'),
    completenessBelow: completenessThreshold,
    accountManagerId: managers.enabled ? list.integer('accountManagerId') : undefined,
  };
  const customers = useCustomerPage(query);
  const { limit: _limit, offset: _offset, ...exportFilters } = query;

  const columns: TableColumnsType<CustomerSummary> = [
    {
      title: t('customers.fields.name'),
      key: 'name',
      width: 140,
      fixed: 'left',
      render: (_, customer) => (
        <Link to={customerPath(customer.id)} data-testid="customer-row-link">
          <Typography.Text strong style={{ color: 'inherit' }}>
            {customer.name}
          </Typography.Text>
        </Link>
      ),
    },
    { title: t('customers.fields.type'), dataIndex: 'type', width: 90, render: (value: CustomerType) => t(`shared:customers.types.${value}`) },
    { title: t('customers.fields.tier'), dataIndex: 'tier', width: 90, render: (value: CustomerTier) => <TierTag tier={value} /> },
    {
      title: t('customers.fields.personality'),
      dataIndex: 'personality',
      width: 110,
      render: (value: PersonalityType | null) => (value ? <PersonalityTag personality={value} /> : <Dash />),
    },
    {
      title: t('customers.fields.primaryPhone'),
      dataIndex: 'primaryPhone',
      width: 130,
      render: (value: string | null) => (value ? <span style={{ whiteSpace: 'nowrap' }}>{value}</span> : <Dash />),
    },
    { title: t('customers.fields.tags'), dataIndex: 'tags', width: 160, render: (tags: string[]) => <CustomerTagList tags={tags} /> },
    {
      title: t('customers.fields.accountManager'),
      dataIndex: 'accountManagerName',
      width: 110,
      render: (value: string | null) => value ?? <Dash />,
    },
    {
      title: t('customers.fields.completeness'),
      dataIndex: 'completeness',
      width: 140,
      render: (value: number) => <CompletenessProgress percent={value} size="small" />,
    },
    { title: t('customers.fields.updatedAt'), dataIndex: 'updatedAt', width: 150, render: (value: number) => <DateTimeText value={value} /> },
  ];

  return (
    <PageContainer
      title={t('nav.customers')}
      description={t('customers.description')}
      extra={
        <>
          {can('settings.manage') && (
            <Button icon={<SettingOutlined />} onClick={() => completenessSettings.show()} data-testid="customers-completeness-settings">
              {t('customers.completenessSettings.open')}
            </Button>
          )}
          {can('settings.manage') && (
            <Button icon={<AppstoreAddOutlined />} onClick={() => customFields.show()} data-testid="customers-custom-fields">
              {t('customers.customFields.open')}
            </Button>
          )}
          {can('customers.export') && <CustomerExportButton filters={exportFilters} />}
          {can('customers.import') && (
            <Button icon={<ImportOutlined />} onClick={() => importer.show()} data-testid="customers-import">
              {t('customers.import.open')}
            </Button>
          )}
          {can('customers.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => editor.show()} data-testid="customers-create">
              {t('customers.create')}
            </Button>
          )}
        </>
      }
    >
      <Card styles={{ body: { paddingBottom: 8 } }}>
        <Flex wrap gap={12} align="center" style={{ marginBottom: 16 }}>
          <Input.Search
            key={search.phone ?? search.idSuffix ?? search.q ?? ''}
            defaultValue={search.phone ?? search.idSuffix ?? search.q}
            placeholder={t('customers.searchPlaceholder')}
            allowClear
            enterButton
            onSearch={(value) => list.update({ q: undefined, phone: undefined, idSuffix: undefined, ...parseCustomerSearch(value) })}
            style={{ width: 340 }}
            data-testid="customers-search"
          />
          <Select<CustomerType>
            value={query.type}
            onChange={(value) => list.update({ type: value })}
            placeholder={t('customers.filterType')}
            allowClear
            options={CUSTOMER_TYPES.map((value) => ({ value, label: t(`shared:customers.types.${value}`) }))}
            style={{ width: 120 }}
          />
          <Select<CustomerTier>
            value={query.tier}
            onChange={(value) => list.update({ tier: value })}
            placeholder={t('customers.filterTier')}
            allowClear
            options={CUSTOMER_TIERS.map((value) => ({ value, label: t(`shared:customers.tiers.${value}`) }))}
            style={{ width: 120 }}
          />
          <Input.Search
            key={`tag-${query.tag ?? ''}`}
            defaultValue={query.tag}
            placeholder={t('customers.filterTag')}
            allowClear
            onSearch={(value) => list.update({ tag: value.trim() })}
            style={{ width: 160 }}
          />
          <Select<CompletenessThreshold>
            value={completenessThreshold}
            onChange={(value) => list.update({ completenessBelow: value })}
            placeholder={t('customers.filterCompleteness')}
            allowClear
            options={COMPLETENESS_THRESHOLDS.map((value) => ({
              value,
              label: value === 100 ? t('customers.completenessIncomplete') : t('customers.completenessBelow', { percent: value }),
            }))}
            style={{ width: 160 }}
          />
          {managers.enabled && (
            <Select<number>
              value={query.accountManagerId}
              onChange={(value) => list.update({ accountManagerId: value })}
              placeholder={t('customers.filterAccountManager')}
              allowClear
              loading={managers.loading}
              options={managers.options}
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: 150 }}
            />
          )}
          <SavedViewsButton scope="customers" current={list.filters(CUSTOMER_FILTER_KEYS)} onApply={list.replaceFilters} />
          {list.hasFilters && <Button onClick={list.clear}>{t('common.resetFilters')}</Button>}
        </Flex>
        {searchKind && (
          <Typography.Paragraph type="secondary" style={{ marginTop: -8 }} data-testid="customers-search-kind">
            {t(`customers.searchKinds.${searchKind}`)}
          </Typography.Paragraph>
        )}
        {customers.isError ? (
          <LoadFailedResult error={customers.error} onRetry={() => void customers.refetch()} />
        ) : (
          <Table<CustomerSummary>
            rowKey="id"
            columns={columns}
            dataSource={customers.data?.items}
            loading={customers.isFetching}
            scroll={{ x: 1130 }}
            locale={{ emptyText: list.hasFilters ? t('customers.emptyFiltered') : t('customers.empty') }}
            pagination={{
              current: list.page,
              pageSize: list.pageSize,
              total: customers.data?.total ?? 0,
              pageSizeOptions: list.pageSizeOptions,
              showSizeChanger: true,
              showTotal: (total) => t('common.total', { total }),
              onChange: (page, pageSize) => list.update({ page, pageSize }),
            }}
          />
        )}
      </Card>
      <CustomerFormDrawer
        key={`editor-${editor.key}`}
        open={editor.open}
        onClose={editor.hide}
        onCreated={(customer) => navigate(customerPath(customer.id))}
      />
      <CustomerImportWizard key={`import-${importer.key}`} open={importer.open} onClose={importer.hide} />
      <CustomFieldsModal key={`custom-fields-${customFields.key}`} open={customFields.open} onClose={customFields.hide} />
      <CompletenessSettingsModal key={`completeness-${completenessSettings.key}`} open={completenessSettings.open} onClose={completenessSettings.hide} />
    </PageContainer>
  );
}
