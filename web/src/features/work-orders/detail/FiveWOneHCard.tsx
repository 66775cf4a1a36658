import type { ReactNode } from 'react';
import { Alert, Card, Descriptions, Flex, Typography } from 'antd';
import { Link } from 'react-router';
import type { WorkOrder } from '@kefu/contracts';
import { useT } from '../../../i18n/useT';
import { useWorkOrderCategories } from '../../../api/work-orders';
import { customerPath } from '../../../app/navigation';
import { DateTimeText } from '../../../components/DateTimeText';
import { ChannelText, TypeText } from '../shared/WorkOrderTags';

function Dash() {
  return <Typography.Text type="secondary">-</Typography.Text>;
}

function orDash(value: ReactNode) {
  return value === null || value === undefined || value === '' ? <Dash /> : value;
}

function Multiline({ text, testId }: { text: string | null; testId?: string }) {
  if (!text) return <Dash />;
  return (
    <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} data-testid={testId}>
      {text}
    </span>
  );
}

/** The category's own form fields by key, so answers show under their labels. */
function useFormLabels(order: WorkOrder): Map<string, string> {
  const categories = useWorkOrderCategories();
  const category = categories.data?.find((candidate) => candidate.id === order.category.id);
  return new Map((category?.fields ?? []).map((field) => [field.key, field.label]));
}

/** WO-1: when, who, where, what, why and how, as recorded at intake. */
export function FiveWOneHCard({ order }: { order: WorkOrder }) {
  const { t } = useT();
  const formLabels = useFormLabels(order);
  const formEntries = Object.entries(order.formData);

  const who = (
    <Flex vertical gap={2}>
      {order.customer ? (
        <Link to={customerPath(order.customer.id)} data-testid="wo-customer-link">
          {order.customer.name}
        </Link>
      ) : (
        <Typography.Text type="secondary">{t('workOrder.fiveW.anonymous')}</Typography.Text>
      )}
      {(order.contactName || order.contactPhone) && (
        <Typography.Text type="secondary">
          {t('workOrder.fiveW.contact')}
          {[order.contactName, order.contactPhone].filter(Boolean).join(' · ')}
        </Typography.Text>
      )}
    </Flex>
  );

  return (
    <Card title={t('workOrder.fiveW.title')} size="small" data-testid="wo-5w1h">
      <Descriptions
        size="small"
        bordered
        column={1}
        styles={{ label: { width: 132 } }}
        items={[
          { key: 'when', label: t('workOrder.fiveW.when'), children: <DateTimeText value={order.occurredAt} /> },
          { key: 'who', label: t('workOrder.fiveW.who'), children: who },
          {
            key: 'where',
            label: t('workOrder.fiveW.where'),
            children: (
              <Flex gap={8} wrap>
                <ChannelText channel={order.channel} />
                {order.location && <Typography.Text type="secondary">{order.location}</Typography.Text>}
              </Flex>
            ),
          },
          {
            key: 'what',
            label: t('workOrder.fiveW.what'),
            children: (
              <Flex vertical gap={4}>
                <Typography.Text strong>
                  <TypeText type={order.type} /> · {order.title}
                </Typography.Text>
                <Multiline text={order.description} testId="wo-description" />
              </Flex>
            ),
          },
          { key: 'why', label: t('workOrder.fiveW.why'), children: <Multiline text={order.reason} /> },
          { key: 'how', label: t('workOrder.fiveW.how'), children: <Multiline text={order.requestedHandling} /> },
          ...formEntries.map(([key, value]) => ({
            key: `form-${key}`,
            label: formLabels.get(key) ?? key,
            children: orDash(value),
          })),
          ...(order.result
            ? [{ key: 'result', label: t('workOrder.fiveW.result'), children: <Multiline text={order.result} testId="wo-result" /> }]
            : []),
          ...(order.confirmation
            ? [
                {
                  key: 'confirmation',
                  label: t('workOrder.fiveW.confirmation'),
                  children: (
                    <Flex vertical gap={2} data-testid="wo-confirmation">
                      <span>
                        {t(`shared:workOrders.confirmationMethods.${order.confirmation.method}`)} · {order.confirmation.by.name} ·{' '}
                        <DateTimeText value={order.confirmation.at} />
                      </span>
                      {order.confirmation.note && <Typography.Text type="secondary">{order.confirmation.note}</Typography.Text>}
                    </Flex>
                  ),
                },
              ]
            : []),
        ]}
      />
      {order.firstContactResolution && (
        <Alert type="success" showIcon title={t('workOrder.fiveW.firstContactResolution')} style={{ marginTop: 12 }} />
      )}
    </Card>
  );
}
