import { App, Button, Card, Empty, Flex, Popconfirm, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { Customer } from '@kefu/contracts';
import { useT } from '../../i18n/useT';
import { useCustomerDuplicates, useMergeCustomerMutation, type DuplicateCandidate } from '../../api/customers';
import { useAuth } from '../../app/auth-context';
import { customerPath } from '../../app/navigation';
import { LoadFailedResult, SectionLoading } from '../../components/StatusResults';
import { useReportError } from '../../components/useReportError';
import { TierTag } from './CustomerTags';
import { maskPhone } from './pii-mask';

function Candidate({ target, candidate }: { target: Customer; candidate: DuplicateCandidate }) {
  const { t } = useT();
  const { can } = useAuth();
  const { message } = App.useApp();
  const merge = useMergeCustomerMutation();
  const reportError = useReportError();
  const { customer } = candidate;

  const mergeIntoTarget = () =>
    merge.mutate(
      { id: target.id, sourceId: customer.id },
      {
        onSuccess: () => void message.success(t('customers.duplicates.merged', { name: customer.name })),
        onError: (error) => reportError(error),
      },
    );

  return (
    <Flex vertical gap={6} style={{ padding: '10px 0' }} data-testid="duplicate-candidate">
      <Flex justify="space-between" align="center" gap={8}>
        <Flex gap={8} align="center" wrap>
          <Link to={customerPath(customer.id)}>
            <Typography.Text strong style={{ color: 'inherit' }}>
              {customer.name}
            </Typography.Text>
          </Link>
          <TierTag tier={customer.tier} />
        </Flex>
        {can('customers.merge') && (
          <Popconfirm
            title={t('customers.duplicates.mergeConfirm', { source: customer.name, target: target.name })}
            description={<div style={{ maxWidth: 320 }}>{t('customers.duplicates.mergeConfirmDetail', { source: customer.name })}</div>}
            okText={t('customers.duplicates.merge')}
            onConfirm={mergeIntoTarget}
          >
            <Button size="small" loading={merge.isPending} data-testid="duplicate-merge">
              {t('customers.duplicates.merge')}
            </Button>
          </Popconfirm>
        )}
      </Flex>
      {customer.primaryPhone && <Typography.Text type="secondary">{maskPhone(customer.primaryPhone)}</Typography.Text>}
      <Flex wrap gap={4}>
        {candidate.reasons.map((reason) => (
          <Tag key={reason} color="orange" style={{ marginInlineEnd: 0 }}>
            {t(`shared:customers.duplicateReasons.${reason}`)}
          </Tag>
        ))}
      </Flex>
    </Flex>
  );
}

/** Same phone, same ID or same name (CUS-5): candidates to fold into this profile. */
export function DuplicatesCard({ customer }: { customer: Customer }) {
  const { t } = useT();
  const duplicates = useCustomerDuplicates(customer.id);
  const candidates = duplicates.data ?? [];

  return (
    <Card title={t('customers.duplicates.title')} extra={candidates.length > 0 && <Tag color="orange">{candidates.length}</Tag>}>
      {duplicates.isError ? (
        <LoadFailedResult error={duplicates.error} onRetry={() => void duplicates.refetch()} />
      ) : duplicates.isPending ? (
        <SectionLoading />
      ) : candidates.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customers.duplicates.none')} />
      ) : (
        <Flex vertical>
          <Typography.Text type="secondary">{t('customers.duplicates.help')}</Typography.Text>
          {candidates.map((candidate) => (
            <Candidate key={candidate.customer.id} target={customer} candidate={candidate} />
          ))}
        </Flex>
      )}
    </Card>
  );
}
