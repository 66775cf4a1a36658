import { App, DatePicker, Form, Input, Modal, Radio, Spin, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { CONFIRMATION_METHODS, type ConfirmationMethod, type WorkOrder, type WorkOrderAction } from '@kefu/contracts';
import { useT } from '../../../i18n/useT';
import { isApiError } from '../../../api/client';
import { useOrderSla } from '../../../api/sla';
import { useTransitionMutation, type TransitionRequest } from '../../../api/work-order-detail';
import { formatInTimeZone } from '../../../components/datetime';
import { requiredTextRules } from '../../../components/form-rules';
import { useReportError } from '../../../components/useReportError';
import { isDestructiveAction, transitionFields } from './transition-fields';

interface TransitionValues {
  reason?: string;
  result?: string;
  method?: ConfirmationMethod;
  note?: string;
  promisedAt?: Dayjs | null;
}

interface TransitionModalProps {
  open: boolean;
  order: WorkOrder;
  action: WorkOrderAction | undefined;
  onClose: () => void;
}

const REASON_MAX = 1000;
const RESULT_MAX = 5000;
const NOTE_MAX = 500;

/** Builds the request from what the form holds, leaving out what this action does not take. */
function toRequest(action: WorkOrderAction, values: TransitionValues): TransitionRequest {
  const request: TransitionRequest = { action };
  if (values.reason?.trim()) request.reason = values.reason.trim();
  if (values.result?.trim()) request.result = values.result.trim();
  if (values.promisedAt) request.promisedAt = values.promisedAt.valueOf();
  if (values.method) request.confirmation = { method: values.method, ...(values.note?.trim() ? { note: values.note.trim() } : {}) };
  return request;
}

/**
 * 承诺时限 at acceptance (SLA-3): defaults to the resolution clock's due time; later than the
 * policy allows only for a supervisor (the server has the last word).
 */
function PromiseField({ orderId }: { orderId: number }) {
  const { t } = useT();
  const sla = useOrderSla(orderId);
  if (sla.isPending) return <Spin size="small" />;
  const data = sla.data;
  const due = data?.clocks.find((clock) => clock.kind === 'resolution')?.dueAt ?? data?.latestPromiseAt ?? null;
  const latest = data?.latestPromiseAt ?? null;
  const zone = data?.timeZone;
  const limited = latest !== null && !data?.canOverride;
  return (
    <Form.Item
      name="promisedAt"
      label={t('workOrder.transition.promisedAt')}
      initialValue={due !== null ? dayjs(due) : undefined}
      extra={
        latest !== null && zone
          ? t(limited ? 'workOrder.transition.promiseLimit' : 'workOrder.transition.promiseLimitSupervisor', { latest: formatInTimeZone(latest, zone) })
          : t('workOrder.transition.promiseHelp')
      }
      rules={[
        {
          validator: async (_rule, value: Dayjs | null | undefined) => {
            if (!value) return;
            if (value.isBefore(dayjs())) throw new Error(t('workOrder.transition.promiseInPast'));
            if (limited && zone && value.valueOf() > latest) throw new Error(t('workOrder.transition.promiseTooLate', { latest: formatInTimeZone(latest, zone) }));
          },
        },
      ]}
    >
      <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={(date) => date.isBefore(dayjs(), 'day')} style={{ width: '100%' }} data-testid="transition-promised-at" />
    </Form.Item>
  );
}

/**
 * One status action (WO-3, WO-7): asks for what the server requires — a reason, the result
 * told to the customer, or how the customer confirmed — or, when nothing is needed, just
 * for a confirmation that the action is meant.
 */
export function TransitionModal({ open, order, action, onClose }: TransitionModalProps) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<TransitionValues>();
  const transition = useTransitionMutation(order.id);
  const reportError = useReportError();
  if (!action) return null;
  const fields = transitionFields(action, order.requiresConfirmation);
  const label = t(`shared:workOrders.actions.${action}`);

  const submit = (values: TransitionValues) =>
    transition.mutate(toRequest(action, values), {
      onSuccess: () => {
        void message.success(t('workOrder.transition.done', { action: label }));
        onClose();
      },
      onError: (error) =>
        reportError(error, form, isApiError(error) && error.code.startsWith('sla.promise') ? { [error.code]: 'promisedAt' } : {}),
    });

  return (
    <Modal
      open={open}
      title={t('workOrder.transition.title', { action: label, number: order.number })}
      okText={label}
      okButtonProps={{ danger: isDestructiveAction(action), 'data-testid': 'transition-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={transition.isPending}
      destroyOnHidden
    >
      <Form<TransitionValues> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        {fields.promise && <PromiseField orderId={order.id} />}
        {!fields.reason && !fields.result && !fields.confirmation && !fields.promise && (
          <Typography.Paragraph>{t('workOrder.transition.confirmPlain', { action: label })}</Typography.Paragraph>
        )}
        {fields.reason && (
          <Form.Item name="reason" label={t('workOrder.transition.reason')} rules={requiredTextRules(t, t('workOrder.transition.reasonRequired'), REASON_MAX)}>
            <Input.TextArea autoFocus autoSize={{ minRows: 2, maxRows: 6 }} maxLength={REASON_MAX} showCount data-testid="transition-reason" />
          </Form.Item>
        )}
        {fields.result && (
          <Form.Item
            name="result"
            label={t('workOrder.transition.result')}
            extra={t('workOrder.transition.resultHelp')}
            rules={requiredTextRules(t, t('workOrder.transition.resultRequired'), RESULT_MAX)}
          >
            <Input.TextArea autoFocus autoSize={{ minRows: 3, maxRows: 10 }} maxLength={RESULT_MAX} showCount data-testid="transition-result" />
          </Form.Item>
        )}
        {fields.confirmation && (
          <>
            {order.result && (
              <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
                {t('workOrder.transition.resultToConfirm', { result: order.result })}
              </Typography.Paragraph>
            )}
            <Form.Item
              name="method"
              label={t('workOrder.transition.method')}
              extra={fields.confirmation === 'required' ? t('workOrder.transition.methodRequiredHelp') : t('workOrder.transition.methodOptionalHelp')}
              rules={fields.confirmation === 'required' ? [{ required: true, message: t('workOrder.transition.methodRequired') }] : []}
            >
              <Radio.Group optionType="button" data-testid="confirm-method">
                {CONFIRMATION_METHODS.map((method) => (
                  <Radio.Button key={method} value={method}>
                    {/* On the visible label: a radio button's own props land on its hidden input. */}
                    <span data-testid={`confirm-method-${method}`}>{t(`shared:workOrders.confirmationMethods.${method}`)}</span>
                  </Radio.Button>
                ))}
              </Radio.Group>
            </Form.Item>
            <Form.Item name="note" label={t('workOrder.transition.note')} rules={[{ max: NOTE_MAX, message: t('shared:validation.too_big_string', { maximum: NOTE_MAX }) }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={NOTE_MAX} data-testid="confirm-note" />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
