import { Typography } from 'antd';
import { formatDateTime } from './datetime';

/** A timestamp cell; a dash for "never". */
export function DateTimeText({ value }: { value: number | null | undefined }) {
  if (value === null || value === undefined) return <Typography.Text type="secondary">-</Typography.Text>;
  return <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(value)}</span>;
}
