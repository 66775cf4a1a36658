import { App, Button, Card, Empty, Flex, Form, Input, Modal, Tag, Timeline, Typography } from 'antd';
import { TeamOutlined, UserOutlined } from '@ant-design/icons';
import type { Step, StepAction, StepStatus } from '@kefu/contracts';
import { useT } from '../../../i18n/useT';
import { useStepActionMutation, useWorkOrderSteps } from '../../../api/work-order-detail';
import { DateTimeText } from '../../../components/DateTimeText';
import { requiredTextRules } from '../../../components/form-rules';
import { LoadFailedResult, SectionLoading } from '../../../components/StatusResults';
import { useOverlayState } from '../../../components/useOverlayState';
import { useReportError } from '../../../components/useReportError';
import { isStepOverdue } from './page-helpers';
import { useNow } from '../shared/useNow';

const STEP_COLORS: Record<StepStatus, string> = {
  queued: 'default',
  pending: 'blue',
  accepted: 'processing',
  returned: 'warning',
  completed: 'success',
  cancelled: 'default',
};

const TIMELINE_COLORS: Record<StepStatus, string> = {
  queued: 'gray',
  pending: 'blue',
  accepted: 'blue',
  returned: 'orange',
  completed: 'green',
  cancelled: 'gray',
};

/** Which receiver actions a step offers in its state (a pending step may be completed at once); the server has the last word. */
const ACTIONS_BY_STATUS: Partial<Record<StepStatus, StepAction[]>> = {
  pending: ['accept', 'complete', 'return'],
  accepted: ['complete', 'return'],
};

type StepFormAction = Exclude<StepAction, 'accept'>;

const TEXT_MAX: Record<StepFormAction, number> = { return: 1000, complete: 5000 };

function StepActionModal({ orderId, step, action, open, onClose }: { orderId: number; step: Step; action: StepFormAction; open: boolean; onClose: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ text: string }>();
  const stepAction = useStepActionMutation(orderId);
  const reportError = useReportError();
  const isReturn = action === 'return';

  const submit = ({ text }: { text: string }) =>
    stepAction.mutate(
      { stepId: step.id, action, ...(isReturn ? { reason: text.trim() } : { result: text.trim() }) },
      {
        onSuccess: () => {
          void message.success(t('workOrder.steps.done', { action: t(`shared:workOrders.stepActions.${action}`) }));
          onClose();
        },
        onError: (error) => reportError(error, form, { 'work_order.reason_required': 'text', 'work_order.result_required': 'text' }),
      },
    );

  return (
    <Modal
      open={open}
      title={t(isReturn ? 'workOrder.steps.returnTitle' : 'workOrder.steps.completeTitle', { target: step.department?.name ?? step.assignee?.name ?? '' })}
      okText={t(`shared:workOrders.stepActions.${action}`)}
      okButtonProps={{ danger: isReturn, 'data-testid': 'step-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={stepAction.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
        {t('workOrder.steps.instructionsWere', { instructions: step.instructions })}
      </Typography.Paragraph>
      <Form<{ text: string }> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="text"
          label={t(isReturn ? 'workOrder.steps.returnReason' : 'workOrder.steps.result')}
          rules={requiredTextRules(t, t(isReturn ? 'workOrder.steps.returnReasonRequired' : 'workOrder.steps.resultRequired'), TEXT_MAX[action])}
        >
          <Input.TextArea autoFocus autoSize={{ minRows: 3, maxRows: 8 }} maxLength={TEXT_MAX[action]} showCount data-testid={isReturn ? 'step-reason' : 'step-result'} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function StepTarget({ step }: { step: Step }) {
  return (
    <Flex gap={10} wrap>
      {step.department && (
        <Typography.Text strong>
          <TeamOutlined style={{ marginInlineEnd: 4 }} />
          {step.department.name}
        </Typography.Text>
      )}
      {step.assignee && (
        <Typography.Text strong={!step.department}>
          <UserOutlined style={{ marginInlineEnd: 4 }} />
          {step.assignee.name}
        </Typography.Text>
      )}
    </Flex>
  );
}

function StepItem({ step, now, onAccept, onOpen, accepting }: { step: Step; now: number; onAccept: () => void; onOpen: (action: StepFormAction) => void; accepting: boolean }) {
  const { t } = useT();
  const overdue = isStepOverdue(step, now);
  const actions = step.actionable ? (ACTIONS_BY_STATUS[step.status] ?? []) : [];
  return (
    <Flex vertical gap={4} data-testid={`step-${step.id}`}>
      <Flex gap={8} align="center" wrap>
        <StepTarget step={step} />
        <Tag color={STEP_COLORS[step.status]} style={{ marginInlineEnd: 0 }} data-testid={`step-${step.id}-status`}>
          {t(`shared:workOrders.stepStatuses.${step.status}`)}
        </Tag>
        {overdue && (
          <Tag color="error" style={{ marginInlineEnd: 0 }}>
            {t('workOrder.steps.overdue')}
          </Tag>
        )}
      </Flex>
      <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{step.instructions}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('workOrder.steps.dispatchedBy', { name: step.createdBy.name })} · <DateTimeText value={step.createdAt} />
        {step.dueAt !== null && (
          <>
            {' · '}
            <Typography.Text type={overdue ? 'danger' : 'secondary'} strong={overdue} style={{ fontSize: 12 }}>
              {t('workOrder.steps.due')}
              <DateTimeText value={step.dueAt} />
            </Typography.Text>
          </>
        )}
      </Typography.Text>
      {step.status === 'completed' && step.result && (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
          <Typography.Text type="success">{t('workOrder.steps.resultLabel')}</Typography.Text>
          {step.result}
        </Typography.Paragraph>
      )}
      {step.returnReason && (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
          <Typography.Text type="warning">{t('workOrder.steps.returnReasonLabel')}</Typography.Text>
          {step.returnReason}
        </Typography.Paragraph>
      )}
      {actions.length > 0 && (
        <Flex gap={8} wrap style={{ marginTop: 4 }}>
          {actions.map((action) =>
            action === 'accept' ? (
              <Button key={action} type="primary" size="small" loading={accepting} onClick={onAccept} data-testid={`step-${step.id}-accept`}>
                {t('shared:workOrders.stepActions.accept')}
              </Button>
            ) : (
              <Button
                key={action}
                size="small"
                type={action === 'complete' && step.status === 'accepted' ? 'primary' : 'default'}
                danger={action === 'return'}
                onClick={() => onOpen(action)}
                data-testid={`step-${step.id}-${action}`}
              >
                {t(`shared:workOrders.stepActions.${action}`)}
              </Button>
            ),
          )}
        </Flex>
      )}
    </Flex>
  );
}

/** Groups steps by dispatch, in order: each dispatch is one batch with its own mode. */
function batchesOf(steps: Step[]): { batch: number; steps: Step[] }[] {
  const byBatch = new Map<number, Step[]>();
  for (const step of [...steps].sort((a, b) => a.batch - b.batch || a.sequence - b.sequence || a.id - b.id)) {
    byBatch.set(step.batch, [...(byBatch.get(step.batch) ?? []), step]);
  }
  return [...byBatch].map(([batch, batchSteps]) => ({ batch, steps: batchSteps }));
}

/** WO-5: every dispatch step with its receiver, instructions, deadline and outcome. */
export function StepsCard({ orderId, extra }: { orderId: number; extra?: React.ReactNode }) {
  const { t } = useT();
  const steps = useWorkOrderSteps(orderId);
  const stepAction = useStepActionMutation(orderId);
  const reportError = useReportError();
  const { message } = App.useApp();
  const dialog = useOverlayState<{ step: Step; action: StepFormAction }>();
  const now = useNow(30_000);

  const accept = (step: Step) =>
    stepAction.mutate(
      { stepId: step.id, action: 'accept' },
      {
        onSuccess: () => void message.success(t('workOrder.steps.done', { action: t('shared:workOrders.stepActions.accept') })),
        onError: (error) => reportError(error),
      },
    );

  return (
    <Card title={t('workOrder.steps.title')} size="small" extra={extra} data-testid="wo-steps">
      {steps.isError ? (
        <LoadFailedResult error={steps.error} onRetry={() => void steps.refetch()} />
      ) : steps.isPending ? (
        <SectionLoading />
      ) : steps.data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workOrder.steps.empty')} />
      ) : (
        <Flex vertical gap={12}>
          {batchesOf(steps.data).map(({ batch, steps: batchSteps }) => (
            <div key={batch}>
              <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
                {t('workOrder.steps.batch', { batch, mode: t(`shared:workOrders.dispatchModes.${batchSteps[0]?.mode ?? 'sequence'}`) })}
              </Typography.Text>
              <Timeline
                items={batchSteps.map((step) => ({
                  key: step.id,
                  color: isStepOverdue(step, now) ? 'red' : TIMELINE_COLORS[step.status],
                  content: (
                    <StepItem
                      step={step}
                      now={now}
                      accepting={stepAction.isPending && stepAction.variables.stepId === step.id}
                      onAccept={() => accept(step)}
                      onOpen={(action) => dialog.show({ step, action })}
                    />
                  ),
                }))}
              />
            </div>
          ))}
        </Flex>
      )}
      {dialog.payload && (
        <StepActionModal key={dialog.key} orderId={orderId} step={dialog.payload.step} action={dialog.payload.action} open={dialog.open} onClose={dialog.hide} />
      )}
    </Card>
  );
}
