import { useState } from 'react';
import { Alert, Button, Empty, Flex, Input, Radio, Spin, Typography } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import type { CustomerSummary } from '@kefu/contracts';
import { useT } from '../../../i18n/useT';
import { useCustomerPage } from '../../../api/customers';
import { PersonalityTag, TierTag } from '../../customers/CustomerTags';
import { parseCustomerSearch, type CustomerSearch } from '../../customers/customer-search';

const RESULT_COUNT = 8;

interface CustomerLookupProps {
  /** The chosen customer's id (a form control: Form.Item passes value/onChange). */
  value?: number;
  onChange?: (value: number | undefined) => void;
  /** The full row of the chosen customer, for the hint beside the form. */
  onPick: (customer: CustomerSummary | undefined) => void;
  /** Nobody found: offer a new profile carrying the number that was searched. */
  onCreate: (phone: string | undefined) => void;
  /** A searched phone number, to fill in the contact number. */
  onPhoneSearched: (phone: string) => void;
}

/** Finds the caller by phone number (any spelling), ID suffix or name, and picks one profile. */
export function CustomerLookup({ value, onChange, onPick, onCreate, onPhoneSearched }: CustomerLookupProps) {
  const { t } = useT();
  const [search, setSearch] = useState<CustomerSearch>({});
  const searching = Boolean(search.phone || search.idSuffix || search.q);
  const customers = useCustomerPage({ limit: RESULT_COUNT, offset: 0, ...search }, { enabled: searching });
  const items = searching ? (customers.data?.items ?? []) : [];

  const pick = (customer: CustomerSummary | undefined) => {
    onChange?.(customer?.id);
    onPick(customer);
  };

  const runSearch = (text: string) => {
    const next = parseCustomerSearch(text);
    setSearch(next);
    pick(undefined);
    if (next.phone) onPhoneSearched(next.phone);
  };

  return (
    <Flex vertical gap={8}>
      <Input.Search
        placeholder={t('intake.lookup.placeholder')}
        enterButton={t('intake.lookup.search')}
        allowClear
        onSearch={runSearch}
        data-testid="intake-phone"
        autoFocus
      />
      {searching && customers.isFetching && <Spin size="small" />}
      {searching && customers.isError && <Alert type="error" showIcon title={customers.error.message} />}
      {searching && customers.isSuccess && !customers.isFetching && items.length === 0 && (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('intake.lookup.none')}
          style={{ margin: '4px 0' }}
          data-testid="intake-lookup-empty"
        >
          <Button icon={<UserAddOutlined />} onClick={() => onCreate(search.phone)} data-testid="intake-lookup-create">
            {t('intake.lookup.create')}
          </Button>
        </Empty>
      )}
      {items.length > 0 && (
        <Radio.Group
          value={value}
          onChange={(event) => pick(items.find((customer) => customer.id === event.target.value))}
          style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
          data-testid="intake-lookup-results"
        >
          {items.map((customer) => (
            <Radio key={customer.id} value={customer.id} data-testid="intake-customer-option">
              <Flex gap={6} align="center" wrap>
                <Typography.Text strong>{customer.name}</Typography.Text>
                <TierTag tier={customer.tier} />
                {customer.personality && <PersonalityTag personality={customer.personality} />}
                <Typography.Text type="secondary">{customer.primaryPhone ?? t('intake.lookup.noPhone')}</Typography.Text>
                <Typography.Text type="secondary">{t(`shared:customers.types.${customer.type}`)}</Typography.Text>
              </Flex>
            </Radio>
          ))}
        </Radio.Group>
      )}
    </Flex>
  );
}
