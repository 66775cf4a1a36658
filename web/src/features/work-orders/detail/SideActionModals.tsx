import { App, Form, Input, Modal, Radio, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { ASSIGNMENT_MODES, type AssignmentMode, type WorkOrder } from '@kefu/contracts';
import { useT } from '../../../i18n/useT';
import { isApiError } from '../../../api/client';
import {
  findWorkOrderByNumber,
  useAssignMutation,
  useChangeOwnerMutation,
  useDeleteWorkOrderMutation,
  useLinkMutation,
  useMergeMutation,
  useReminderMutation,
  type AssignRequest,
} from '../../../api/work-order-detail';
import { WORK_ORDERS_PATH } from '../../../app/navigation';
import { requiredTextRules } from '../../../components/form-rules';
import { useReportError } from '../../../components/useReportError';
import { UserSelect } from '../shared/UserSelect';
import { DirectoryDepartmentSelect } from '../shared/DirectoryDepartmentSelect';
import { parseOrderReference } from './order-reference';

interface OrderModalProps {
  open: boolean;
  order: WorkOrder;
  onClose: () => void;
}

const REASON_MAX = 500;

// ---- assignment (WO-10) ----

interface AssignValues {
  mode: AssignmentMode;
  userId?: number | null;
  departmentId?: number | null;
}

function toAssignRequest(values: AssignValues): AssignRequest {
  if (values.mode === 'manual') return { mode: 'manual', userId: values.userId ?? 0 };
  return { mode: values.mode, ...(values.departmentId ? { departmentId: values.departmentId } : {}) };
}

/** A named handler, or the next free agent of a team by turn or by load (skipping those off shift or full). */
export function AssignModal({ open, order, onClose }: OrderModalProps) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<AssignValues>();
  const assign = useAssignMutation(order.id);
  const reportError = useReportError();
  const mode = Form.useWatch('mode', form) ?? 'manual';

  const submit = (values: AssignValues) =>
    assign.mutate(toAssignRequest(values), {
      onSuccess: (updated) => {
        void message.success(t('workOrder.assign.done', { name: updated.handler?.name ?? '-' }));
        onClose();
      },
      onError: (error) => reportError(error, form),
    });

  return (
    <Modal
      open={open}
      title={t('workOrder.assign.title', { number: order.number })}
      okText={t('workOrder.assign.submit')}
      okButtonProps={{ 'data-testid': 'assign-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={assign.isPending}
      destroyOnHidden
    >
      <Form<AssignValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        requiredMark={false}
        initialValues={{ mode: 'manual', userId: order.handler?.id ?? null, departmentId: order.department?.id ?? null }}
      >
        <Form.Item name="mode" label={t('workOrder.assign.mode')}>
          <Radio.Group
            optionType="button"
            options={ASSIGNMENT_MODES.map((value) => ({ value, label: t(`shared:workOrders.assignmentModes.${value}`) }))}
            data-testid="assign-mode"
          />
        </Form.Item>
        {mode === 'manual' ? (
          <Form.Item name="userId" label={t('workOrder.assign.user')} rules={[{ required: true, message: t('workOrder.assign.userRequired') }]}>
            <UserSelect placeholder={t('workOrder.assign.userPlaceholder')} data-testid="assign-user" />
          </Form.Item>
        ) : (
          <Form.Item name="departmentId" label={t('workOrder.assign.department')} extra={t('workOrder.assign.departmentHelp')}>
            <DirectoryDepartmentSelect allowClear placeholder={t('workOrder.assign.departmentPlaceholder')} data-testid="assign-department" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

// ---- owner change (WO-4) ----

interface OwnerValues {
  ownerId: number | null;
  reason: string;
}

/** Ownership moves only by a supervisor, with a reason that stays on the record. */
export function OwnerModal({ open, order, onClose }: OrderModalProps) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<OwnerValues>();
  const change = useChangeOwnerMutation(order.id);
  const reportError = useReportError();

  const submit = (values: OwnerValues) =>
    change.mutate(
      { ownerId: values.ownerId ?? 0, reason: values.reason.trim() },
      {
        onSuccess: (updated) => {
          void message.success(t('workOrder.owner.done', { name: updated.owner.name }));
          onClose();
        },
        onError: (error) => reportError(error, form),
      },
    );

  return (
    <Modal
      open={open}
      title={t('workOrder.owner.title', { number: order.number })}
      okText={t('workOrder.owner.submit')}
      okButtonProps={{ 'data-testid': 'owner-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={change.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('workOrder.owner.current', { name: order.owner.name })}</Typography.Paragraph>
      <Form<OwnerValues> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="ownerId" label={t('workOrder.owner.newOwner')} rules={[{ required: true, message: t('workOrder.owner.newOwnerRequired') }]}>
          <UserSelect placeholder={t('workOrder.owner.newOwnerPlaceholder')} data-testid="owner-user" />
        </Form.Item>
        <Form.Item name="reason" label={t('workOrder.owner.reason')} rules={requiredTextRules(t, t('workOrder.owner.reasonRequired'), REASON_MAX)}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={REASON_MAX} showCount data-testid="owner-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// ---- reminder 催单 (WO-9) ----

export function ReminderModal({ open, order, onClose }: OrderModalProps) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note?: string }>();
  const remind = useReminderMutation(order.id);
  const reportError = useReportError();

  const submit = ({ note }: { note?: string }) =>
    remind.mutate(note?.trim() ? { note: note.trim() } : {}, {
      onSuccess: () => {
        void message.success(t('workOrder.reminder.done'));
        onClose();
      },
      onError: (error) => reportError(error, form),
    });

  return (
    <Modal
      open={open}
      title={t('workOrder.reminder.title', { number: order.number })}
      okText={t('workOrder.reminder.submit')}
      okButtonProps={{ 'data-testid': 'reminder-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={remind.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('workOrder.reminder.help', { count: order.reminderCount })}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="note" label={t('workOrder.reminder.note')} rules={[{ max: REASON_MAX, message: t('shared:validation.too_big_string', { maximum: REASON_MAX }) }]}>
          <Input.TextArea autoFocus autoSize={{ minRows: 2, maxRows: 5 }} maxLength={REASON_MAX} data-testid="reminder-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// ---- link and merge (WO-6) ----

type ReferencePurpose = 'link' | 'merge';

/**
 * Names another order by number or id, then links it or merges it into this one. A number is
 * looked up through the list search; only an exact match counts.
 */
export function OrderReferenceModal({ open, order, onClose, purpose }: OrderModalProps & { purpose: ReferencePurpose }) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reference: string }>();
  const link = useLinkMutation(order.id);
  const merge = useMergeMutation(order.id);
  const reportError = useReportError();
  const mutation = purpose === 'link' ? link : merge;
  const notFound = () => form.setFields([{ name: 'reference', errors: [t('workOrder.reference.notFound')] }]);

  const submit = async ({ reference }: { reference: string }) => {
    const parsed = parseOrderReference(reference);
    if (!parsed) return form.setFields([{ name: 'reference', errors: [t('workOrder.reference.invalid')] }]);
    let otherId: number;
    if (parsed.kind === 'id') {
      otherId = parsed.id;
    } else {
      try {
        const found = await findWorkOrderByNumber(parsed.number);
        if (!found) return notFound();
        otherId = found.id;
      } catch (error) {
        return reportError(error);
      }
    }
    mutation.mutate(otherId, {
      onSuccess: () => {
        void message.success(t(purpose === 'link' ? 'workOrder.reference.linked' : 'workOrder.reference.merged'));
        onClose();
      },
      onError: (error) => {
        if (isApiError(error) && error.status === 404) return notFound();
        form.setFields([{ name: 'reference', errors: [isApiError(error) ? error.message : t('common.unexpectedError')] }]);
      },
    });
  };

  return (
    <Modal
      open={open}
      title={t(purpose === 'link' ? 'workOrder.reference.linkTitle' : 'workOrder.reference.mergeTitle', { number: order.number })}
      okText={t(purpose === 'link' ? 'workOrder.reference.linkSubmit' : 'workOrder.reference.mergeSubmit')}
      okButtonProps={{ danger: purpose === 'merge', 'data-testid': `${purpose}-submit` }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      {purpose === 'merge' && <Typography.Paragraph type="secondary">{t('workOrder.reference.mergeHelp', { number: order.number })}</Typography.Paragraph>}
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} requiredMark={false}>
        <Form.Item name="reference" label={t('workOrder.reference.label')} rules={[{ required: true, whitespace: true, message: t('workOrder.reference.required') }]}>
          <Input autoFocus placeholder={t('workOrder.reference.placeholder')} data-testid={`${purpose}-input`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// ---- recycle bin (WO-12) ----

export function DeleteModal({ open, order, onClose }: OrderModalProps) {
  const { t } = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ reason: string }>();
  const remove = useDeleteWorkOrderMutation(order.id);
  const reportError = useReportError();

  const submit = ({ reason }: { reason: string }) =>
    remove.mutate(reason.trim(), {
      onSuccess: () => {
        void message.success(t('workOrder.delete.done', { number: order.number }));
        onClose();
        void navigate(WORK_ORDERS_PATH);
      },
      onError: (error) => reportError(error, form),
    });

  return (
    <Modal
      open={open}
      title={t('workOrder.delete.title', { number: order.number })}
      okText={t('workOrder.delete.submit')}
      okButtonProps={{ danger: true, 'data-testid': 'delete-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={remove.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('workOrder.delete.help')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="reason" label={t('workOrder.delete.reason')} rules={requiredTextRules(t, t('workOrder.delete.reasonRequired'), REASON_MAX)}>
          <Input.TextArea autoFocus autoSize={{ minRows: 2, maxRows: 5 }} maxLength={REASON_MAX} showCount data-testid="delete-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
