import { Card, Descriptions, Empty, Flex, Tag, Typography } from 'antd';
import { BulbOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useT } from '../../../i18n/useT';
import { useCustomerCard } from '../../../api/work-order-detail';
import { customerPath, workOrderPath } from '../../../app/navigation';
import { DateTimeText } from '../../../components/DateTimeText';
import { LoadFailedResult, SectionLoading } from '../../../components/StatusResults';
import { CustomerTagList, TierTag } from '../../customers/CustomerTags';
import { StatusTag } from '../shared/WorkOrderTags';

/**
 * The caller beside the order (WO-8): graded service starts with the tier, the personality
 * hint tells the agent how to talk, and the history shows whether this is a repeat call.
 */
export function CustomerCardPanel({ customerId, currentOrderId }: { customerId: number | undefined; currentOrderId: number }) {
  const { t } = useT();
  const card = useCustomerCard(customerId);

  if (customerId === undefined) {
    return (
      <Card title={t('workOrder.customer.title')} size="small" data-testid="wo-customer-card">
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workOrder.customer.anonymous')} />
      </Card>
    );
  }
  const customer = card.data;
  return (
    <Card
      title={t('workOrder.customer.title')}
      size="small"
      extra={<Link to={customerPath(customerId)}>{t('workOrder.customer.openProfile')}</Link>}
      data-testid="wo-customer-card"
    >
      {card.isError ? (
        <LoadFailedResult error={card.error} onRetry={() => void card.refetch()} />
      ) : !customer ? (
        <SectionLoading />
      ) : (
        <Flex vertical gap={12}>
          <Flex gap={8} align="center" wrap>
            <Typography.Text strong style={{ fontSize: 16 }}>
              {customer.name}
            </Typography.Text>
            <TierTag tier={customer.tier} />
          </Flex>
          {customer.personality ? (
            <div data-testid="wo-personality-hint">
              <Tag color="blue" icon={<BulbOutlined />} style={{ marginBottom: 4 }}>
                {t(`shared:customers.personalities.${customer.personality}`)}
              </Tag>
              <Typography.Paragraph style={{ marginBottom: 0 }}>{t(`shared:customers.personalityHints.${customer.personality}`)}</Typography.Paragraph>
            </div>
          ) : (
            <Typography.Text type="secondary" data-testid="wo-personality-hint">
              {t('customers.personalityHint.unknownTitle')}
            </Typography.Text>
          )}
          <Descriptions
            size="small"
            column={1}
            items={[
              {
                key: 'phone',
                label: t('workOrder.customer.phone'),
                children: customer.primaryPhone ?? <Typography.Text type="secondary">-</Typography.Text>,
              },
              {
                key: 'tags',
                label: t('workOrder.customer.tags'),
                children: <CustomerTagList tags={customer.tags} />,
              },
              {
                key: 'open',
                label: t('workOrder.customer.openOrders'),
                children: (
                  <Typography.Text strong type={customer.openOrders > 1 ? 'warning' : undefined} data-testid="wo-customer-open-orders">
                    {customer.openOrders}
                  </Typography.Text>
                ),
              },
            ]}
          />
          <div>
            <Typography.Text type="secondary">{t('workOrder.customer.recentOrders')}</Typography.Text>
            {customer.recentOrders.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workOrder.customer.noRecentOrders')} />
            ) : (
              <Flex vertical gap={6} style={{ marginTop: 6 }}>
                {customer.recentOrders.map((recent) => (
                  <Flex key={recent.id} gap={8} align="center" justify="space-between" data-testid="wo-customer-recent-order">
                    <Flex vertical style={{ minWidth: 0 }}>
                      {recent.id === currentOrderId ? (
                        <Typography.Text strong>{recent.number}</Typography.Text>
                      ) : (
                        <Link to={workOrderPath(recent.id)}>{recent.number}</Link>
                      )}
                      <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
                        {recent.title} · <DateTimeText value={recent.createdAt} />
                      </Typography.Text>
                    </Flex>
                    <StatusTag status={recent.status} />
                  </Flex>
                ))}
              </Flex>
            )}
          </div>
        </Flex>
      )}
    </Card>
  );
}
