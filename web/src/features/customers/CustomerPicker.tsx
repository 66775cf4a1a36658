import { useEffect, useState } from 'react';
import { Select } from 'antd';
import type { CustomerType } from '@kefu/contracts';
import { useCustomerPage } from '../../api/customers';

const SEARCH_DELAY_MS = 300;
const OPTION_COUNT = 20;

interface CustomerPickerProps {
  /** Only customers of this type are offered, e.g. groups (集团) for "belongs to". */
  type: CustomerType;
  /** The customer already chosen, shown before any search has run. */
  current?: { id: number; name: string } | null;
  value?: number | null;
  onChange?: (value: number | null) => void;
  placeholder?: string;
  disabled?: boolean;
  id?: string;
}

/** Picks one customer by name, searching the server as the user types. */
export function CustomerPicker({ type, current, value, onChange, ...rest }: CustomerPickerProps) {
  const [input, setInput] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSearch(input.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [input]);
  const customers = useCustomerPage({ limit: OPTION_COUNT, offset: 0, type, q: search || undefined });
  const options = (customers.data?.items ?? []).map((customer) => ({ value: customer.id, label: customer.name }));
  if (current && !options.some((option) => option.value === current.id)) options.unshift({ value: current.id, label: current.name });

  return (
    <Select<number>
      {...rest}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      allowClear
      showSearch={{ filterOption: false, onSearch: setInput }}
      loading={customers.isFetching}
      options={options}
    />
  );
}
