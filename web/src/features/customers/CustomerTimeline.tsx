import { Button, Card, Empty, Flex, Timeline, Typography, type TimelineProps } from 'antd';
import { Link } from 'react-router';
import { CUSTOMER_TIERS, type CustomerTier, type TimelineEntry } from '@kefu/contracts';
import { useT, type AppT } from '../../i18n/useT';
import { useCustomerTimeline } from '../../api/customers';
import { customerPath } from '../../app/navigation';
import { DateTimeText } from '../../components/DateTimeText';
import { LoadFailedResult, SectionLoading } from '../../components/StatusResults';

type TimelineItem = NonNullable<TimelineProps['items']>[number];

const KIND_COLORS: Record<string, string> = {
  'customer.created': 'green',
  'customer.tier_changed': 'orange',
  'customer.merged': 'purple',
  'customer.erased': 'red',
};

/** Later modules add kinds the web may not know yet: those show their raw code. */
function kindLabel(t: AppT, kind: string): string {
  return t(`shared:timeline.${kind}`, { defaultValue: kind });
}

function fieldLabel(t: AppT, field: string): string {
  return t(`customers.fields.${field}`, { defaultValue: field });
}

function isTier(value: unknown): value is CustomerTier {
  return (CUSTOMER_TIERS as readonly unknown[]).includes(value);
}

function EntryDetail({ entry }: { entry: TimelineEntry }) {
  const { t } = useT();
  const { data } = entry;
  if (entry.kind === 'customer.updated' && Array.isArray(data.fields) && data.fields.length > 0) {
    const fields = data.fields.map((field) => fieldLabel(t, String(field)));
    return <Typography.Text type="secondary">{t('customers.timeline.changedFields', { fields: fields.join(t('customers.listSeparator')) })}</Typography.Text>;
  }
  if (entry.kind === 'customer.tier_changed' && isTier(data.from) && isTier(data.to)) {
    const change = t('customers.timeline.tierChange', { from: t(`shared:customers.tiers.${data.from}`), to: t(`shared:customers.tiers.${data.to}`) });
    return (
      <Typography.Text type="secondary">
        {typeof data.reason === 'string' && data.reason ? t('customers.timeline.tierChangeWithReason', { change, reason: data.reason }) : change}
      </Typography.Text>
    );
  }
  if (entry.kind === 'customer.merged' && typeof data.sourceId === 'number') {
    return (
      <Typography.Text type="secondary">
        {t('customers.timeline.mergedFrom')}{' '}
        <Link to={customerPath(data.sourceId)}>{typeof data.sourceName === 'string' && data.sourceName ? data.sourceName : `#${data.sourceId}`}</Link>
      </Typography.Text>
    );
  }
  return null;
}

function toItem(entry: TimelineEntry, t: AppT): TimelineItem {
  return {
    key: entry.id,
    color: KIND_COLORS[entry.kind] ?? 'blue',
    content: (
      <Flex vertical gap={2} data-testid="timeline-entry">
        <Typography.Text strong>{kindLabel(t, entry.kind)}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <DateTimeText value={entry.at} />
          {entry.actorName && ` · ${entry.actorName}`}
        </Typography.Text>
        <EntryDetail entry={entry} />
      </Flex>
    ),
  };
}

/** The 360° view (CUS-4): everything that happened with the customer, newest first. */
export function CustomerTimeline({ customerId }: { customerId: number }) {
  const { t } = useT();
  const timeline = useCustomerTimeline(customerId);
  const seen = new Set<number>();
  // Pages continue "before" a timestamp; an entry sharing the boundary millisecond may come twice.
  const entries = (timeline.data?.pages ?? []).flat().filter((entry) => !seen.has(entry.id) && seen.add(entry.id));

  return (
    <Card title={t('customers.timeline.title')}>
      {timeline.isError ? (
        <LoadFailedResult error={timeline.error} onRetry={() => void timeline.refetch()} />
      ) : timeline.isPending ? (
        <SectionLoading />
      ) : entries.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customers.timeline.empty')} />
      ) : (
        <>
          <Timeline items={entries.map((entry) => toItem(entry, t))} />
          {timeline.hasNextPage && (
            <Flex justify="center">
              <Button onClick={() => void timeline.fetchNextPage()} loading={timeline.isFetchingNextPage} data-testid="timeline-load-more">
                {t('customers.timeline.loadMore')}
              </Button>
            </Flex>
          )}
        </>
      )}
    </Card>
  );
}
