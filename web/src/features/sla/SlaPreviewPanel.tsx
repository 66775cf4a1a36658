import { useState, type ReactNode } from 'react';
import { Alert, Card, Descriptions, Flex, Input, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { SlaPreviewInput, SlaPreviewResult } from '@kefu/contracts';
import { useT } from '../../i18n/useT';
import { useSlaPreview } from '../../api/sla';
import { formatInTimeZone } from '../../components/datetime';
import { useDebouncedValue } from '../../components/useDebouncedValue';

interface SlaPreviewPanelProps {
  /** What to preview, without the start time (the panel owns it); null while the form cannot be previewed. */
  request: Omit<SlaPreviewInput, 'at'> | null;
  /** Zone the due times are shown in: the calendar's. */
  timeZone: string;
  /** Controls above the answer, e.g. the target to try. */
  children?: ReactNode;
}

const DUE_ROWS = [
  { key: 'firstResponseDueAt', labelKey: 'slaPreview.firstResponseDue', testId: 'sla-preview-first-response-due' },
  { key: 'resolutionDueAt', labelKey: 'slaPreview.resolutionDue', testId: 'sla-preview-resolution-due' },
  { key: 'resolutionAverageDueAt', labelKey: 'slaPreview.resolutionAverageDue', testId: 'sla-preview-resolution-average-due' },
  { key: 'callbackDueAt', labelKey: 'slaPreview.callbackDue', testId: 'sla-preview-callback-due' },
] as const satisfies readonly { key: keyof SlaPreviewResult; labelKey: string; testId: string }[];

/**
 * "An order created now (or at the picked time) would be due at …", asked of the server
 * whenever the editor's form settles, so the same calendar arithmetic answers as for real orders.
 */
export function SlaPreviewPanel({ request, timeZone, children }: SlaPreviewPanelProps) {
  const { t } = useT();
  // YYYY-MM-DDTHH:mm in the browser's zone; empty means now.
  const [at, setAt] = useState('');
  const atMs = at && dayjs(at).isValid() ? dayjs(at).valueOf() : null;
  const input = useDebouncedValue(request === null ? null : { ...request, ...(atMs !== null ? { at: atMs } : {}) });
  const preview = useSlaPreview(input);
  const result = preview.data;
  const show = (value: number | null) => (value === null ? '-' : formatInTimeZone(value, timeZone));

  return (
    <Card size="small" title={t('slaPreview.title')} data-testid="sla-preview">
      <Flex vertical gap={12}>
        {children}
        <div>
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 4 }}>
            {t('slaPreview.startLabel')}
          </Typography.Text>
          {/* A native date-time field: typed or picked, it takes the value at once (no confirm step). */}
          <Input
            type="datetime-local"
            value={at}
            onChange={(event) => setAt(event.target.value)}
            allowClear
            style={{ width: '100%' }}
            data-testid="sla-preview-at"
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('slaPreview.now')}
          </Typography.Text>
        </div>
        {request === null ? (
          <Typography.Text type="secondary">{t('slaPreview.incomplete')}</Typography.Text>
        ) : preview.isError ? (
          <Alert type="warning" showIcon title={preview.error.message} data-testid="sla-preview-error" />
        ) : !result ? (
          <Spin />
        ) : (
          <Spin spinning={preview.isFetching} delay={300}>
            <Typography.Paragraph style={{ marginBottom: 8 }}>
              {t(atMs !== null ? 'slaPreview.sentenceAt' : 'slaPreview.sentenceNow', { at: show(result.at) })}
            </Typography.Paragraph>
            <Descriptions
              size="small"
              column={1}
              bordered
              items={[
                {
                  key: 'open',
                  label: t('slaPreview.openAtStart'),
                  children: result.openNow ? (
                    <Tag color="green">{t('slaPreview.open')}</Tag>
                  ) : (
                    <Flex gap={6} wrap align="center">
                      <Tag>{t('slaPreview.closed')}</Tag>
                      {result.nextOpening !== null && <span>{t('slaPreview.nextOpening', { at: show(result.nextOpening) })}</span>}
                    </Flex>
                  ),
                },
                ...DUE_ROWS.filter((row) => result[row.key] !== null).map((row) => ({
                  key: row.key,
                  label: t(row.labelKey),
                  children: (
                    <Typography.Text strong data-testid={row.testId}>
                      {show(result[row.key])}
                    </Typography.Text>
                  ),
                })),
              ]}
            />
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 6, fontSize: 12 }}>
              {t('slaPreview.zoneNote', { zone: timeZone })}
            </Typography.Text>
          </Spin>
        )}
      </Flex>
    </Card>
  );
}
