import { useState } from 'react';
import { InputNumber, Select, Space } from 'antd';
import { useT } from '../../i18n/useT';
import { DURATION_UNITS, splitDuration, toMinutes, type DurationUnit } from './duration';

interface DurationInputProps {
  /** Whole minutes, as the API stores them. */
  value?: number | null;
  onChange?: (minutes: number | null) => void;
  id?: string;
  disabled?: boolean;
  'data-testid'?: string;
}

/** A duration typed as the seeds state it (24 hours, 7 days), kept in minutes. */
export function DurationInput({ value, onChange, id, disabled, 'data-testid': testId }: DurationInputProps) {
  const { t } = useT();
  const [unit, setUnit] = useState<DurationUnit>(() => (value ? splitDuration(value).unit : 'hours'));
  const amount = value === null || value === undefined ? null : value / toMinutes({ amount: 1, unit });
  return (
    <Space.Compact>
      <InputNumber<number>
        id={id}
        min={0}
        step={unit === 'minutes' ? 5 : 1}
        precision={unit === 'minutes' ? 0 : undefined}
        value={amount}
        disabled={disabled}
        onChange={(next) => onChange?.(next === null ? null : toMinutes({ amount: next, unit }))}
        style={{ width: 110 }}
        data-testid={testId}
      />
      <Select<DurationUnit>
        value={unit}
        disabled={disabled}
        onChange={(next) => {
          setUnit(next);
          // The number stays as typed; it now counts in the new unit.
          if (amount !== null) onChange?.(toMinutes({ amount, unit: next }));
        }}
        options={DURATION_UNITS.map((option) => ({ value: option, label: t(`slaCommon.units.${option}`) }))}
        style={{ width: 90 }}
        data-testid={testId ? `${testId}-unit` : undefined}
      />
    </Space.Compact>
  );
}
