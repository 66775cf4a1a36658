import { Button, Card, Descriptions, Divider, Empty, Flex, Tag, Timeline, Typography } from 'antd';
import { AuditOutlined, ClockCircleOutlined, PauseCircleOutlined, RiseOutlined } from '@ant-design/icons';
import type { Escalation, OrderSla, WorkOrder } from '@kefu/contracts';
import { useT } from '../../../i18n/useT';
import { isApiError } from '../../../api/client';
import { useOrderSla } from '../../../api/sla';
import { formatInTimeZone } from '../../../components/datetime';
import { LoadFailedResult, SectionLoading } from '../../../components/StatusResults';
import { useOverlayState } from '../../../components/useOverlayState';
import { ClockRow } from './ClockRow';
import { EscalateModal, InstructModal, PostponeModal } from './SlaDialogs';

const ESCALATION_STATUS_COLORS: Record<Escalation['status'], string> = { awaiting: 'orange', instructed: 'green', superseded: 'default' };

function EscalationHistory({ sla, onInstruct }: { sla: OrderSla; onInstruct: (escalation: Escalation) => void }) {
  const { t } = useT();
  const at = (value: number) => formatInTimeZone(value, sla.timeZone);
  return (
    <Timeline
      data-testid="sla-escalations"
      items={sla.escalations.map((escalation) => ({
        key: escalation.id,
        color: escalation.kind === 'emergency' || escalation.kind === 'breach' ? 'red' : 'blue',
        content: (
          <Flex vertical gap={2} data-testid="sla-escalation">
            <Flex gap={6} wrap align="center">
              <Typography.Text strong>{t(`shared:sla.escalationKinds.${escalation.kind}`)}</Typography.Text>
              <Tag color={ESCALATION_STATUS_COLORS[escalation.status]} style={{ marginInlineEnd: 0 }}>
                {t(`slaCard.escalationStatuses.${escalation.status}`)}
              </Tag>
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('slaCard.escalationRoute', {
                from: t(`shared:sla.levels.${escalation.fromLevel}`),
                to: t(`shared:sla.levels.${escalation.toLevel}`),
                by: escalation.raisedBy?.name ?? t('slaCard.system'),
                at: at(escalation.raisedAt),
              })}
            </Typography.Text>
            {escalation.skippedLevels.length > 0 && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('slaCard.skippedInformed', { levels: escalation.skippedLevels.map((level) => t(`shared:sla.levels.${level}`)).join(t('slaDialogs.listSeparator')) })}
              </Typography.Text>
            )}
            {escalation.proposedHandling && (
              <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>
                <Typography.Text type="secondary">{t('slaCard.proposed')}</Typography.Text>
                {escalation.proposedHandling}
              </Typography.Text>
            )}
            {escalation.instruction ? (
              <Typography.Text style={{ whiteSpace: 'pre-wrap' }} data-testid="sla-escalation-instruction">
                <Typography.Text type="secondary">{t('slaCard.instruction', { name: escalation.instructedBy?.name ?? '-' })}</Typography.Text>
                {escalation.instruction}
              </Typography.Text>
            ) : (
              escalation.status === 'awaiting' && (
                <Flex gap={8} align="center" wrap>
                  <Typography.Text type="warning" style={{ fontSize: 12 }}>
                    {t('slaCard.respondBy', { at: at(escalation.respondBy) })}
                  </Typography.Text>
                  {escalation.canInstruct && (
                    <Button size="small" type="primary" icon={<AuditOutlined />} onClick={() => onInstruct(escalation)} data-testid={`sla-instruct-${escalation.id}`}>
                      {t('slaCard.instruct')}
                    </Button>
                  )}
                </Flex>
              )
            )}
          </Flex>
        ),
      }))}
    />
  );
}

type SlaDialog = { kind: 'postpone' } | { kind: 'escalate' } | { kind: 'instruct'; escalation: Escalation };

/**
 * 限时服务承诺 on the order page (SLA-3 … SLA-5): each clock counting down, the promise and its
 * postponements, violations and the escalation ladder, with 延期, 上报 and 批示.
 * Test ids: wo-sla, sla-paused, sla-promised, sla-violations, sla-level, sla-postpone, sla-escalate,
 * sla-postponements, sla-escalations, sla-instruct-<escalationId>, and ClockRow's.
 */
export function SlaCard({ order }: { order: WorkOrder }) {
  const { t } = useT();
  const slaQuery = useOrderSla(order.id);
  const dialog = useOverlayState<SlaDialog>();
  const live = order.deletedAt === null && order.mergedInto === null;

  if (slaQuery.isError) {
    // No policy applies to this order: nothing to show.
    if (isApiError(slaQuery.error) && slaQuery.error.status === 404) return null;
    return (
      <Card size="small" title={t('slaCard.title')}>
        <LoadFailedResult error={slaQuery.error} onRetry={() => void slaQuery.refetch()} />
      </Card>
    );
  }
  if (!slaQuery.data) {
    return (
      <Card size="small" title={t('slaCard.title')}>
        <SectionLoading />
      </Card>
    );
  }
  const sla = slaQuery.data;
  if (sla.policy === null && sla.clocks.length === 0) return null;
  const at = (value: number) => formatInTimeZone(value, sla.timeZone);

  return (
    <Card
      size="small"
      title={
        <Flex gap={6} align="center">
          <ClockCircleOutlined />
          {t('slaCard.title')}
        </Flex>
      }
      extra={sla.policy && <Typography.Text type="secondary" ellipsis style={{ maxWidth: 160 }}>{sla.policy.name}</Typography.Text>}
      data-testid="wo-sla"
    >
      <Flex vertical gap={12}>
        {sla.paused && (
          <Tag icon={<PauseCircleOutlined />} color="default" style={{ alignSelf: 'flex-start' }} data-testid="sla-paused">
            {t('slaCard.paused')}
          </Tag>
        )}
        {sla.clocks.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('slaCard.noClocks')} />
        ) : (
          sla.clocks.map((clock) => <ClockRow key={clock.kind} clock={clock} fetchedAt={slaQuery.dataUpdatedAt} timeZone={sla.timeZone} />)
        )}
        <Descriptions
          size="small"
          column={1}
          items={[
            {
              key: 'promised',
              label: t('slaCard.promisedAt'),
              children: <span data-testid="sla-promised">{sla.promisedAt === null ? '-' : at(sla.promisedAt)}</span>,
            },
            {
              key: 'violations',
              label: t('slaCard.violations'),
              children: (
                <Tag color={sla.violations > 0 ? 'red' : undefined} style={{ marginInlineEnd: 0 }} data-testid="sla-violations">
                  {sla.violations}
                </Tag>
              ),
            },
            {
              key: 'level',
              label: t('slaCard.level'),
              children: <span data-testid="sla-level">{t(`shared:sla.levels.${sla.escalationLevel}`)}</span>,
            },
          ]}
        />
        {sla.postponements.length > 0 && (
          <Flex vertical gap={6} data-testid="sla-postponements">
            <Typography.Text strong>{t('slaCard.postponements')}</Typography.Text>
            {sla.postponements.map((postponement) => (
              <Flex key={postponement.at} vertical gap={0} style={{ fontSize: 12 }}>
                <Flex gap={6} wrap align="center">
                  <Typography.Text>{t('slaCard.postponedTo', { from: at(postponement.from), to: at(postponement.to) })}</Typography.Text>
                  {postponement.override && (
                    <Tag color="red" style={{ marginInlineEnd: 0 }}>
                      {t('slaCard.override')}
                    </Tag>
                  )}
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('slaCard.postponedBy', { name: postponement.by.name, at: at(postponement.at), method: t(`shared:sla.noticeMethods.${postponement.noticeMethod}`) })}
                </Typography.Text>
                <Typography.Text style={{ fontSize: 12, whiteSpace: 'pre-wrap' }}>{postponement.reason}</Typography.Text>
                {postponement.noticeNote && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {postponement.noticeNote}
                  </Typography.Text>
                )}
              </Flex>
            ))}
          </Flex>
        )}
        {sla.escalations.length > 0 && (
          <>
            <Divider style={{ margin: 0 }} />
            <Typography.Text strong>{t('slaCard.escalations')}</Typography.Text>
            <EscalationHistory sla={sla} onInstruct={(escalation) => dialog.show({ kind: 'instruct', escalation })} />
          </>
        )}
        {live && (sla.canPostpone || sla.canEscalate) && (
          <Flex gap={8} wrap>
            {sla.canPostpone && (
              <Button icon={<ClockCircleOutlined />} onClick={() => dialog.show({ kind: 'postpone' })} data-testid="sla-postpone">
                {t('slaCard.postpone')}
              </Button>
            )}
            {sla.canEscalate && (
              <Button icon={<RiseOutlined />} onClick={() => dialog.show({ kind: 'escalate' })} data-testid="sla-escalate">
                {t('slaCard.escalate')}
              </Button>
            )}
          </Flex>
        )}
      </Flex>
      {dialog.payload?.kind === 'postpone' && (
        <PostponeModal key={dialog.key} open={dialog.open} orderId={order.id} orderNumber={order.number} sla={sla} onClose={dialog.hide} />
      )}
      {dialog.payload?.kind === 'escalate' && (
        <EscalateModal key={dialog.key} open={dialog.open} orderId={order.id} orderNumber={order.number} sla={sla} onClose={dialog.hide} />
      )}
      {dialog.payload?.kind === 'instruct' && (
        <InstructModal key={dialog.key} open={dialog.open} orderId={order.id} orderNumber={order.number} sla={sla} escalation={dialog.payload.escalation} onClose={dialog.hide} />
      )}
    </Card>
  );
}
