import { DatePicker, Empty, Flex, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useT } from '../../i18n/useT';

const ISO_DATE = 'YYYY-MM-DD';

interface HolidaysInputProps {
  /** ISO dates, sorted. */
  value?: string[];
  onChange?: (dates: string[]) => void;
  'data-testid'?: string;
}

/**
 * A year's holidays are some thirty dates: picked (or typed) one at a time, listed as tags
 * that can be removed. Imports add many at once.
 */
export function HolidaysInput({ value = [], onChange, 'data-testid': testId }: HolidaysInputProps) {
  const { t } = useT();
  const add = (date: string) => onChange?.([...new Set([...value, date])].sort());
  return (
    <Flex vertical gap={8}>
      <DatePicker
        value={null}
        format={ISO_DATE}
        placeholder={t('slaCalendars.addHoliday')}
        onChange={(date: Dayjs | null) => {
          if (date) add(date.format(ISO_DATE));
        }}
        disabledDate={(date) => value.includes(date.format(ISO_DATE))}
        style={{ width: 200 }}
        data-testid={testId}
      />
      {value.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('slaCalendars.noHolidays')} style={{ margin: 0 }} />
      ) : (
        <Flex wrap gap={4} data-testid={testId ? `${testId}-list` : undefined}>
          {value.map((date) => (
            <Tag key={date} closable onClose={() => onChange?.(value.filter((other) => other !== date))} style={{ marginInlineEnd: 0 }}>
              {date} {t(`slaCommon.weekdays.${(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const)[dayjs(date, ISO_DATE).day()] ?? 'mon'}`)}
            </Tag>
          ))}
        </Flex>
      )}
    </Flex>
  );
}
