import { Button, Card, Descriptions, Flex } from 'antd';
import { ExceptionOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useT } from '../../i18n/useT';
import { useOrderComplaint } from '../../api/complaints';
import { complaintPath } from '../../app/navigation';
import { DateTimeText } from '../../components/DateTimeText';
import { LevelTag, SeverityTag } from './ComplaintTags';

/** On a complaint's work order: its level, severity and time limit, and the way to its page. */
export function OrderComplaintCard({ orderId }: { orderId: number }) {
  const { t } = useT();
  const complaint = useOrderComplaint(orderId);
  if (!complaint.data) return null;
  const data = complaint.data;
  return (
    <Card
      size="small"
      title={
        <Flex gap={6} align="center">
          <ExceptionOutlined />
          {t('complaints.card.title')}
        </Flex>
      }
      extra={
        <Link to={complaintPath(data.id)} data-testid="wo-complaint-link">
          <Button size="small" type="link">
            {t('complaints.card.open')}
          </Button>
        </Link>
      }
      data-testid="wo-complaint"
    >
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'level',
            label: t('complaints.fields.level'),
            children: (
              <Flex gap={6}>
                <LevelTag level={data.level} />
                <SeverityTag severity={data.severity} />
              </Flex>
            ),
          },
          { key: 'source', label: t('complaints.fields.source'), children: t(`shared:complaints.sources.${data.source}`) },
          { key: 'due', label: t('complaints.fields.levelDueAt'), children: <DateTimeText value={data.levelDueAt} /> },
          ...(data.repeatOf ? [{ key: 'repeat', label: t('complaints.fields.repeatOf'), children: data.repeatOf.orderNumber }] : []),
        ]}
      />
    </Card>
  );
}
