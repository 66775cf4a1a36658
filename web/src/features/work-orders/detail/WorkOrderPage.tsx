/*
 * The work-order detail page (PRODUCT.md WO-3…WO-7, WO-9).
 *
 * Stable data-testid attributes for the end-to-end flows:
 *   header      wo-number, wo-status, wo-priority, wo-owner, wo-handler, wo-category, wo-due,
 *               wo-reopen-count, wo-reminder-count, wo-merged-into, wo-deleted
 *   actions     wo-action-<action> (one per allowed action), wo-dispatch
 *   transition  transition-reason, transition-result, confirm-method, confirm-method-<method>,
 *               confirm-note, transition-submit
 *   dispatch    dispatch-target-kind, dispatch-department, dispatch-user, dispatch-instructions,
 *               dispatch-due, dispatch-mode, dispatch-add-target, dispatch-submit
 *               (a second, third… target adds -1, -2… to its controls)
 *   steps       wo-steps, step-<stepId>, step-<stepId>-status, step-<stepId>-accept|return|complete,
 *               step-reason, step-result, step-submit
 *   5W1H        wo-5w1h, wo-description, wo-result, wo-confirmation, wo-customer-link
 *   customer    wo-customer-card, wo-personality-hint, wo-customer-open-orders, wo-customer-recent-order
 *   messages    wo-conversation, message-reply, message-note, reply-composer, reply-kind,
 *               reply-kind-reply, reply-kind-note, reply-box, reply-mentions, reply-attach,
 *               reply-attachments, reply-send, wo-attachments, wo-attachment
 *   events      wo-events, wo-event, wo-event-kind, wo-event-status
 *   SLA         wo-sla and the ids listed in features/sla/order/SlaCard.tsx; accept asks transition-promised-at
 *   complaint   wo-complaint, wo-complaint-link
 *   side        wo-assign, assign-mode, assign-user, assign-department, assign-submit,
 *               wo-change-owner, owner-user, owner-reason, owner-submit,
 *               wo-remind, reminder-note, reminder-submit,
 *               wo-link, link-input, link-submit, wo-links, wo-link-item, wo-unlink-<otherId>,
 *               wo-merge, merge-input, merge-submit, wo-delete, delete-reason, delete-submit
 * Shortcuts: r focuses the reply box, a opens the first allowed action (ignored while typing).
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Col, Flex, Row, Typography, type MentionsRef } from 'antd';
import { ArrowLeftOutlined, SendOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import type { WorkOrder, WorkOrderAction } from '@kefu/contracts';
import { useT } from '../../../i18n/useT';
import { isApiError } from '../../../api/client';
import { useTransitionMutation, useWorkOrder } from '../../../api/work-order-detail';
import { useAuth } from '../../../app/auth-context';
import { WORK_ORDERS_PATH, workOrderPath } from '../../../app/navigation';
import { PageContainer } from '../../../components/PageContainer';
import { LoadFailedResult, NotFoundResult, SectionLoading } from '../../../components/StatusResults';
import { useOverlayState } from '../../../components/useOverlayState';
import { useReportError } from '../../../components/useReportError';
import { PriorityTag, StatusTag } from '../shared/WorkOrderTags';
import { Conversation } from './Conversation';
import { CustomerCardPanel } from './CustomerCardPanel';
import { DispatchModal } from './DispatchModal';
import { EventsCard } from './EventsCard';
import { FiveWOneHCard } from './FiveWOneHCard';
import { KnowledgeSuggestionsCard } from './KnowledgeSuggestionsCard';
import { isShortcut } from './page-helpers';
import { AssignModal, DeleteModal, OrderReferenceModal, OwnerModal, ReminderModal } from './SideActionModals';
import { AttachmentsCard, LinksCard, SideActionsCard, type SideAction } from './SideCards';
import { StepsCard } from './StepsCard';
import { OrderComplaintCard } from '../../complaints/OrderComplaintCard';
import { SlaCard } from '../../sla/order/SlaCard';
import { TransitionButtons, WorkOrderSummaryCard } from './WorkOrderHeader';
import { TransitionModal } from './TransitionModal';
import { opensDialog, orderActions } from './transition-fields';

/** Why the order is no longer worked on here, and where it went. */
function RetiredNotice({ order }: { order: WorkOrder }) {
  const { t } = useT();
  if (order.mergedInto) {
    return (
      <Alert
        type="warning"
        showIcon
        title={t('workOrder.merged.title', { number: order.mergedInto.number })}
        description={t('workOrder.merged.description')}
        action={
          <Link to={workOrderPath(order.mergedInto.id)} data-testid="wo-merged-into">
            <Button type="primary" size="small">
              {t('workOrder.merged.open', { number: order.mergedInto.number })}
            </Button>
          </Link>
        }
      />
    );
  }
  if (order.deletedAt !== null) {
    return <Alert type="error" showIcon title={t('workOrder.deleted.title')} description={t('workOrder.deleted.description')} data-testid="wo-deleted" />;
  }
  return null;
}

function WorkOrderDetail({ id }: { id: number }) {
  const { t } = useT();
  const { can } = useAuth();
  const { message } = App.useApp();
  const orderQuery = useWorkOrder(id);
  const transition = useTransitionMutation(id);
  const reportError = useReportError();
  const transitionDialog = useOverlayState<WorkOrderAction>();
  const dispatchDialog = useOverlayState<undefined>();
  const sideDialog = useOverlayState<SideAction>();
  const composerRef = useRef<MentionsRef | null>(null);
  const [insertion, setInsertion] = useState<{ text: string; key: number } | undefined>(undefined);
  const order = orderQuery.data;
  const anyDialogOpen = transitionDialog.open || dispatchDialog.open || sideDialog.open;
  const firstAction = order ? orderActions(order.allowedActions)[0] : undefined;
  const showTransition = transitionDialog.show;

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (anyDialogOpen) return;
      if (isShortcut(event, 'r') && composerRef.current) {
        event.preventDefault();
        composerRef.current.focus();
      } else if (isShortcut(event, 'a') && firstAction) {
        event.preventDefault();
        showTransition(firstAction);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [anyDialogOpen, firstAction, showTransition]);

  if (orderQuery.isError) {
    if (isApiError(orderQuery.error) && orderQuery.error.status === 404) return <NotFoundResult />;
    return <LoadFailedResult error={orderQuery.error} onRetry={() => void orderQuery.refetch()} />;
  }
  if (!order) return <SectionLoading />;

  const mayHandle = can('work_orders.handle');
  const live = order.deletedAt === null && order.mergedInto === null;

  /** Plain steps forward go with one click; anything needing input or hard to undo asks first. */
  const startAction = (action: WorkOrderAction) => {
    if (opensDialog(action, order.requiresConfirmation)) {
      transitionDialog.show(action);
      return;
    }
    const label = t(`shared:workOrders.actions.${action}`);
    transition.mutate(
      { action },
      {
        onSuccess: () => void message.success(t('workOrder.transition.done', { action: label })),
        onError: (error) => reportError(error),
      },
    );
  };

  return (
    <PageContainer
      title={order.title}
      description={
        <Flex gap={8} align="center" wrap style={{ marginTop: 4 }} data-testid="wo-header">
          <Typography.Text copyable strong data-testid="wo-number">
            {order.number}
          </Typography.Text>
          <span data-testid="wo-status">
            <StatusTag status={order.status} />
          </span>
          <span data-testid="wo-priority">
            <PriorityTag priority={order.priority} />
          </span>
        </Flex>
      }
      extra={
        <>
          <Link to={WORK_ORDERS_PATH}>
            <Button icon={<ArrowLeftOutlined />}>{t('workOrder.backToList')}</Button>
          </Link>
          {live && order.can.dispatch && (
            <Button icon={<SendOutlined />} onClick={() => dispatchDialog.show()} data-testid="wo-dispatch">
              {t('workOrder.dispatch.open')}
            </Button>
          )}
          <TransitionButtons order={order} pendingAction={transition.isPending ? transition.variables.action : undefined} onAction={startAction} />
        </>
      }
    >
      <RetiredNotice order={order} />
      <WorkOrderSummaryCard order={order} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Flex vertical gap={16}>
            <FiveWOneHCard order={order} />
            <StepsCard orderId={order.id} />
            <Conversation order={order} composerRef={composerRef} insertion={insertion} />
          </Flex>
        </Col>
        <Col xs={24} xl={8}>
          <Flex vertical gap={16}>
            <SlaCard order={order} />
            {order.type === 'complaint' && can('complaints.read') && <OrderComplaintCard orderId={order.id} />}
            <CustomerCardPanel customerId={order.customer?.id} currentOrderId={order.id} />
            {can('knowledge.read') && (
              <KnowledgeSuggestionsCard
                orderId={order.id}
                onInsert={order.can.reply && live ? (text) => setInsertion((previous) => ({ text, key: (previous?.key ?? 0) + 1 })) : undefined}
              />
            )}
            <SideActionsCard order={order} mayHandle={mayHandle} onOpen={sideDialog.show} />
            <LinksCard order={order} mayHandle={mayHandle && live} />
            <AttachmentsCard orderId={order.id} />
            <EventsCard orderId={order.id} />
          </Flex>
        </Col>
      </Row>

      <TransitionModal key={`transition-${transitionDialog.key}`} open={transitionDialog.open} order={order} action={transitionDialog.payload} onClose={transitionDialog.hide} />
      {order.can.dispatch && <DispatchModal key={`dispatch-${dispatchDialog.key}`} open={dispatchDialog.open} order={order} onClose={dispatchDialog.hide} />}
      {sideDialog.payload === 'assign' && <AssignModal key={sideDialog.key} open={sideDialog.open} order={order} onClose={sideDialog.hide} />}
      {sideDialog.payload === 'owner' && <OwnerModal key={sideDialog.key} open={sideDialog.open} order={order} onClose={sideDialog.hide} />}
      {sideDialog.payload === 'remind' && <ReminderModal key={sideDialog.key} open={sideDialog.open} order={order} onClose={sideDialog.hide} />}
      {(sideDialog.payload === 'link' || sideDialog.payload === 'merge') && (
        <OrderReferenceModal key={sideDialog.key} open={sideDialog.open} order={order} onClose={sideDialog.hide} purpose={sideDialog.payload} />
      )}
      {sideDialog.payload === 'delete' && <DeleteModal key={sideDialog.key} open={sideDialog.open} order={order} onClose={sideDialog.hide} />}
    </PageContainer>
  );
}

/** A fresh detail component per id: nothing typed into one order's composer carries over to the next. */
export function WorkOrderPage() {
  const { id } = useParams();
  const orderId = Number(id);
  if (!Number.isInteger(orderId) || orderId <= 0) return <NotFoundResult />;
  return <WorkOrderDetail key={orderId} id={orderId} />;
}
