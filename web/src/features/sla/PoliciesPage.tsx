import { Button, Flex, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { SLA_TARGET_KINDS, type SlaPolicy } from '@kefu/contracts';
import { useT } from '../../i18n/useT';
import { useDeletePolicyMutation, useReorderPoliciesMutation, useSlaCalendars, useSlaPolicies } from '../../api/sla';
import { useWorkOrderCategories } from '../../api/work-orders';
import { SLA_POLICIES_PATH, slaPolicyPath } from '../../app/navigation';
import { useReportError } from '../../components/useReportError';
import { categoryPathLabel } from '../work-orders/shared/category-tree';
import { DurationText } from './DurationText';
import { ListPage, RowActions } from './ListPage';
import { moveId } from './policy-form';

/** Each non-empty condition as tags; no conditions at all matches every order. */
function ConditionsSummary({ policy }: { policy: SlaPolicy }) {
  const { t } = useT();
  const categories = useWorkOrderCategories();
  const { conditions } = policy;
  const categoryName = (id: number) => {
    const category = categories.data?.find((candidate) => candidate.id === id);
    return category ? categoryPathLabel(category) : `#${id}`;
  };
  const tags = [
    ...conditions.types.map((value) => t(`shared:workOrders.types.${value}`)),
    ...conditions.categoryIds.map(categoryName),
    ...conditions.channels.map((value) => t(`shared:workOrders.channels.${value}`)),
    ...conditions.tiers.map((value) => t(`shared:customers.tiers.${value}`)),
    ...conditions.priorities.map((value) => t(`shared:workOrders.priorities.${value}`)),
  ];
  if (tags.length === 0) return <Typography.Text type="secondary">{t('slaPolicies.matchesAll')}</Typography.Text>;
  return (
    <Flex wrap gap={4}>
      {tags.map((tag) => (
        <Tag key={tag} style={{ marginInlineEnd: 0 }}>
          {tag}
        </Tag>
      ))}
    </Flex>
  );
}

function TargetsSummary({ policy }: { policy: SlaPolicy }) {
  const { t } = useT();
  return (
    <Flex vertical gap={2}>
      {SLA_TARGET_KINDS.map((kind) => {
        const target = policy.targets[kind];
        if (!target) return null;
        return (
          <Typography.Text key={kind} style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            {t(`shared:sla.targetKinds.${kind}`)}
            {t('common.colon')}
            {target.averageMinutes !== null && (
              <>
                {t('slaPolicies.averageShort')} <DurationText minutes={target.averageMinutes} />
                {t('slaPolicies.listSeparator')}
              </>
            )}
            {t('slaPolicies.maxShort')} <DurationText minutes={target.maxMinutes} /> · {t(`shared:sla.bases.${target.basis}`)}
          </Typography.Text>
        );
      })}
    </Flex>
  );
}

/** 服务时限策略 (SLA-2): tried top to bottom, the first whose conditions match sets the order's targets. */
export function PoliciesPage() {
  const { t } = useT();
  const policies = useSlaPolicies();
  const calendars = useSlaCalendars();
  const reorder = useReorderPoliciesMutation();
  const remove = useDeletePolicyMutation();
  const reportError = useReportError();
  const ordered = [...(policies.data ?? [])].sort((a, b) => a.position - b.position);
  const ids = ordered.map((policy) => policy.id);
  const calendarName = (id: number | null) =>
    id === null ? t('slaPolicies.defaultCalendar') : (calendars.data?.find((calendar) => calendar.id === id)?.name ?? `#${id}`);

  const move = (index: number, step: -1 | 1) => reorder.mutate(moveId(ids, index, step), { onError: (error) => reportError(error) });

  const columns: TableColumnsType<SlaPolicy> = [
    {
      title: t('slaPolicies.columns.order'),
      key: 'order',
      width: 110,
      render: (_, policy, index) => (
        <Flex gap={4} align="center">
          <Typography.Text strong style={{ width: 24 }}>
            {index + 1}
          </Typography.Text>
          <Tooltip title={t('slaPolicies.moveUp')}>
            <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => move(index, -1)} aria-label={t('slaPolicies.moveUp')} data-testid={`sla-policy-up-${policy.id}`} />
          </Tooltip>
          <Tooltip title={t('slaPolicies.moveDown')}>
            <Button
              size="small"
              type="text"
              icon={<ArrowDownOutlined />}
              disabled={index === ordered.length - 1}
              onClick={() => move(index, 1)}
              aria-label={t('slaPolicies.moveDown')}
              data-testid={`sla-policy-down-${policy.id}`}
            />
          </Tooltip>
        </Flex>
      ),
    },
    {
      title: t('slaPolicies.fields.name'),
      dataIndex: 'name',
      render: (name: string, policy) => (
        <Flex gap={8} align="center">
          <Link to={slaPolicyPath(policy.id)} data-testid={`sla-policy-${policy.id}`}>
            {name}
          </Link>
          {!policy.active && <Tag>{t('slaPolicies.inactive')}</Tag>}
        </Flex>
      ),
    },
    { title: t('slaPolicies.columns.conditions'), key: 'conditions', render: (_, policy) => <ConditionsSummary policy={policy} /> },
    { title: t('slaPolicies.columns.targets'), key: 'targets', render: (_, policy) => <TargetsSummary policy={policy} /> },
    { title: t('slaPolicies.fields.calendar'), dataIndex: 'calendarId', width: 140, render: (id: number | null) => calendarName(id) },
    { title: t('slaPolicies.fields.warnAtPercent'), dataIndex: 'warnAtPercent', width: 90, align: 'right', render: (value: number) => `${value}%` },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_, policy) => (
        <RowActions
          editTo={slaPolicyPath(policy.id)}
          deletion={{
            confirmTitle: t('slaPolicies.deleteConfirm', { name: policy.name }),
            doneMessage: t('slaPolicies.deleted', { name: policy.name }),
            run: () => remove.mutateAsync(policy.id),
          }}
        />
      ),
    },
  ];

  return (
    <ListPage
      title={t('nav.slaPolicies')}
      description={t('slaPolicies.description')}
      createTo={`${SLA_POLICIES_PATH}/new`}
      createLabel={t('slaPolicies.create')}
      createTestId="sla-policy-create"
      list={policies}
    >
      <Table<SlaPolicy>
        rowKey="id"
        columns={columns}
        dataSource={ordered}
        loading={policies.isLoading || reorder.isPending}
        pagination={false}
        scroll={{ x: 1000 }}
        onRow={(policy) => ({ style: policy.active ? undefined : { opacity: 0.55 } })}
        data-testid="sla-policies-table"
      />
    </ListPage>
  );
}
