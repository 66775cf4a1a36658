import { App, Button, Card, Empty, Flex, Popconfirm, Typography } from 'antd';
import { BellOutlined, DeleteOutlined, DisconnectOutlined, LinkOutlined, MergeCellsOutlined, SwapOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { WorkOrder } from '@kefu/contracts';
import { useT } from '../../../i18n/useT';
import { useUnlinkMutation, useWorkOrderAttachments } from '../../../api/work-order-detail';
import { workOrderPath } from '../../../app/navigation';
import { LoadFailedResult, SectionLoading } from '../../../components/StatusResults';
import { useReportError } from '../../../components/useReportError';
import { StatusTag } from '../shared/WorkOrderTags';
import { AttachmentLink } from './AttachmentLink';

export type SideAction = 'assign' | 'owner' | 'remind' | 'link' | 'merge' | 'delete';

interface SideActionsCardProps {
  order: WorkOrder;
  /** Linking and merging need the handle permission, which `can` does not spell out. */
  mayHandle: boolean;
  onOpen: (action: SideAction) => void;
}

/** What else can be done with the order, each offered only to those the server lets do it. */
export function SideActionsCard({ order, mayHandle, onOpen }: SideActionsCardProps) {
  const { t } = useT();
  const live = order.deletedAt === null && order.mergedInto === null;
  const buttons: { action: SideAction; show: boolean; icon: React.ReactNode; label: string; danger?: boolean; testId: string }[] = [
    { action: 'assign', show: live && order.can.assign, icon: <SwapOutlined />, label: t('workOrder.side.assign'), testId: 'wo-assign' },
    { action: 'owner', show: live && order.can.changeOwner, icon: <UserSwitchOutlined />, label: t('workOrder.side.changeOwner'), testId: 'wo-change-owner' },
    { action: 'remind', show: live && order.can.remind, icon: <BellOutlined />, label: t('workOrder.side.remind'), testId: 'wo-remind' },
    { action: 'link', show: live && mayHandle, icon: <LinkOutlined />, label: t('workOrder.side.link'), testId: 'wo-link' },
    { action: 'merge', show: live && mayHandle, icon: <MergeCellsOutlined />, label: t('workOrder.side.merge'), testId: 'wo-merge' },
    { action: 'delete', show: live && order.can.delete, icon: <DeleteOutlined />, label: t('workOrder.side.delete'), danger: true, testId: 'wo-delete' },
  ];
  const shown = buttons.filter((button) => button.show);
  if (shown.length === 0) return null;
  return (
    <Card title={t('workOrder.side.title')} size="small">
      <Flex wrap gap={8}>
        {shown.map((button) => (
          <Button key={button.action} icon={button.icon} danger={button.danger} onClick={() => onOpen(button.action)} data-testid={button.testId}>
            {button.label}
          </Button>
        ))}
      </Flex>
    </Card>
  );
}

/** Related orders (WO-6), each a link, with unlinking for those who handle the order. */
export function LinksCard({ order, mayHandle }: { order: WorkOrder; mayHandle: boolean }) {
  const { t } = useT();
  const { message } = App.useApp();
  const unlink = useUnlinkMutation(order.id);
  const reportError = useReportError();
  return (
    <Card title={t('workOrder.links.title')} size="small" data-testid="wo-links">
      {order.links.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workOrder.links.empty')} />
      ) : (
        <Flex vertical gap={8}>
          {order.links.map((linked) => (
            <Flex key={linked.id} gap={8} align="center" justify="space-between" data-testid="wo-link-item">
              <Flex vertical style={{ minWidth: 0 }}>
                <Link to={workOrderPath(linked.id)}>{linked.number}</Link>
                <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
                  {linked.title}
                </Typography.Text>
              </Flex>
              <Flex gap={4} align="center">
                <StatusTag status={linked.status} />
                {mayHandle && (
                  <Popconfirm
                    title={t('workOrder.links.unlinkConfirm', { number: linked.number })}
                    okText={t('workOrder.links.unlink')}
                    cancelText={t('common.cancel')}
                    onConfirm={() =>
                      unlink.mutateAsync(linked.id).then(
                        () => void message.success(t('workOrder.links.unlinked')),
                        (error: unknown) => reportError(error),
                      )
                    }
                  >
                    <Button type="text" size="small" icon={<DisconnectOutlined />} aria-label={t('workOrder.links.unlink')} data-testid={`wo-unlink-${linked.id}`} />
                  </Popconfirm>
                )}
              </Flex>
            </Flex>
          ))}
        </Flex>
      )}
    </Card>
  );
}

/** Every file on the order, from whichever message it came with. */
export function AttachmentsCard({ orderId }: { orderId: number }) {
  const { t } = useT();
  const attachments = useWorkOrderAttachments(orderId);
  if (attachments.isSuccess && attachments.data.length === 0) return null;
  return (
    <Card title={t('workOrder.attachments.title')} size="small" data-testid="wo-attachments">
      {attachments.isError ? (
        <LoadFailedResult error={attachments.error} onRetry={() => void attachments.refetch()} />
      ) : attachments.isPending ? (
        <SectionLoading />
      ) : (
        <Flex vertical gap={6}>
          {attachments.data.map((attachment) => (
            <Flex key={attachment.id} vertical>
              <AttachmentLink attachment={attachment} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {attachment.uploadedBy.name}
              </Typography.Text>
            </Flex>
          ))}
        </Flex>
      )}
    </Card>
  );
}
