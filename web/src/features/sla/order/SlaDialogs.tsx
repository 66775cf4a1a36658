import { useState } from 'react';
import { Alert, App, Checkbox, DatePicker, Form, Input, Modal, Radio, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ESCALATION_LEVELS, POSTPONE_NOTICE_METHODS, SUPERIOR_LEVELS, type Escalation, type OrderSla, type PostponeNoticeMethod } from '@kefu/contracts';
import { useT } from '../../../i18n/useT';
import { isApiError } from '../../../api/client';
import { useEscalateMutation, useInstructMutation, usePostponeMutation } from '../../../api/sla';
import { formatInTimeZone } from '../../../components/datetime';
import { requiredTextRules } from '../../../components/form-rules';
import { useReportError } from '../../../components/useReportError';

interface SlaModalProps {
  open: boolean;
  orderId: number;
  orderNumber: string;
  sla: OrderSla;
  onClose: () => void;
}

const TEXT_MAX = 2000;
const REASON_MAX = 1000;
const NOTE_MAX = 500;
const PICKER_FORMAT = 'YYYY-MM-DD HH:mm';

// ---- 延期 (SLA-3) ----

interface PostponeValues {
  until: Dayjs;
  reason: string;
  method: PostponeNoticeMethod;
  note?: string;
  override: boolean;
}

/**
 * One postponement with a reason and the notice given to the customer. A second one is
 * refused (422 sla.second_postponement) unless a supervisor overrides, which counts as a violation.
 */
export function PostponeModal({ open, orderId, orderNumber, sla, onClose }: SlaModalProps) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<PostponeValues>();
  const postpone = usePostponeMutation(orderId);
  const reportError = useReportError();
  const [refusal, setRefusal] = useState<string | null>(null);
  const alreadyPostponed = sla.postponements.length > 0;
  const current = sla.promisedAt ?? sla.clocks.find((clock) => clock.kind === 'resolution')?.dueAt ?? null;

  const submit = (values: PostponeValues) => {
    setRefusal(null);
    postpone.mutate(
      {
        until: values.until.valueOf(),
        reason: values.reason.trim(),
        notice: { method: values.method, ...(values.note?.trim() ? { note: values.note.trim() } : {}) },
        override: values.override,
      },
      {
        onSuccess: () => {
          void message.success(t('slaDialogs.postpone.done'));
          onClose();
        },
        onError: (error) => {
          if (isApiError(error) && (error.code === 'sla.second_postponement' || error.code === 'sla.override_forbidden')) setRefusal(error.message);
          else reportError(error, form, { 'sla.postpone_not_later': 'until' });
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('slaDialogs.postpone.title', { number: orderNumber })}
      okText={t('slaDialogs.postpone.submit')}
      okButtonProps={{ 'data-testid': 'postpone-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={postpone.isPending}
      destroyOnHidden
    >
      {current !== null && (
        <Typography.Paragraph type="secondary">{t('slaDialogs.postpone.current', { at: formatInTimeZone(current, sla.timeZone) })}</Typography.Paragraph>
      )}
      {alreadyPostponed && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={sla.canOverride ? t('slaDialogs.postpone.secondSupervisor') : t('slaDialogs.postpone.secondRefused')}
        />
      )}
      {refusal && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={refusal} data-testid="postpone-refusal" />}
      <Form<PostponeValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        requiredMark={false}
        initialValues={{ method: 'phone', override: false, until: current !== null ? dayjs(current).add(1, 'day') : dayjs().add(1, 'day') }}
      >
        <Form.Item name="until" label={t('slaDialogs.postpone.until')} rules={[{ required: true, message: t('slaDialogs.postpone.untilRequired') }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format={PICKER_FORMAT} disabledDate={(date) => date.isBefore(dayjs(), 'day')} style={{ width: '100%' }} data-testid="postpone-until" />
        </Form.Item>
        <Form.Item name="reason" label={t('slaDialogs.postpone.reason')} rules={requiredTextRules(t, t('slaDialogs.postpone.reasonRequired'), REASON_MAX)}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={REASON_MAX} showCount data-testid="postpone-reason" />
        </Form.Item>
        <Form.Item name="method" label={t('slaDialogs.postpone.noticeMethod')} extra={t('slaDialogs.postpone.noticeHelp')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" data-testid="postpone-method">
            {POSTPONE_NOTICE_METHODS.map((method) => (
              <Radio.Button key={method} value={method}>
                <span data-testid={`postpone-method-${method}`}>{t(`shared:sla.noticeMethods.${method}`)}</span>
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="note" label={t('slaDialogs.postpone.noticeNote')} rules={[{ max: NOTE_MAX, message: t('shared:validation.too_big_string', { maximum: NOTE_MAX }) }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={NOTE_MAX} data-testid="postpone-note" />
        </Form.Item>
        {sla.canOverride && (
          <Form.Item name="override" valuePropName="checked" extra={t('slaDialogs.postpone.overrideHelp')} style={{ marginBottom: 0 }}>
            <Checkbox data-testid="postpone-override">{t('slaDialogs.postpone.override')}</Checkbox>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

// ---- 上报 / 请示报告 (SLA-5) ----

/** The level above `level` on the ladder, or null at the top. */
export function nextLevel(level: OrderSla['escalationLevel']): (typeof SUPERIOR_LEVELS)[number] | null {
  const next = ESCALATION_LEVELS[ESCALATION_LEVELS.indexOf(level) + 1];
  return next && next !== 'agent' ? next : null;
}

export function EscalateModal({ open, orderId, orderNumber, sla, onClose }: SlaModalProps) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ proposedHandling: string; emergency: boolean }>();
  const escalate = useEscalateMutation(orderId);
  const reportError = useReportError();
  const emergency = Form.useWatch('emergency', form) ?? false;
  const next = nextLevel(sla.escalationLevel);
  const target = emergency ? 'center_director' : next;
  const skipped = emergency && next ? SUPERIOR_LEVELS.slice(SUPERIOR_LEVELS.indexOf(next), -1) : [];

  const submit = (values: { proposedHandling: string; emergency: boolean }) =>
    escalate.mutate(
      { proposedHandling: values.proposedHandling.trim(), emergency: values.emergency },
      {
        onSuccess: () => {
          void message.success(t('slaDialogs.escalate.done'));
          onClose();
        },
        onError: (error) => reportError(error, form),
      },
    );

  return (
    <Modal
      open={open}
      title={t('slaDialogs.escalate.title', { number: orderNumber })}
      okText={t('slaDialogs.escalate.submit')}
      okButtonProps={{ danger: emergency, 'data-testid': 'escalate-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={escalate.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t('slaDialogs.escalate.route', {
          from: t(`shared:sla.levels.${sla.escalationLevel}`),
          to: target ? t(`shared:sla.levels.${target}`) : '-',
        })}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} initialValues={{ emergency: false }}>
        <Form.Item
          name="proposedHandling"
          label={t('slaDialogs.escalate.proposedHandling')}
          extra={t('slaDialogs.escalate.proposedHandlingHelp')}
          rules={requiredTextRules(t, t('slaDialogs.escalate.proposedHandlingRequired'), TEXT_MAX)}
        >
          <Input.TextArea autoFocus autoSize={{ minRows: 3, maxRows: 8 }} maxLength={TEXT_MAX} showCount data-testid="escalate-proposed" />
        </Form.Item>
        <Form.Item name="emergency" label={t('slaDialogs.escalate.emergency')} valuePropName="checked" extra={t('slaDialogs.escalate.emergencyHelp')} style={{ marginBottom: 0 }}>
          <Switch data-testid="escalate-emergency" />
        </Form.Item>
        {skipped.length > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 12 }}
            title={t('slaDialogs.escalate.skippedInformed', { levels: skipped.map((level) => t(`shared:sla.levels.${level}`)).join(t('slaDialogs.listSeparator')) })}
          />
        )}
      </Form>
    </Modal>
  );
}

// ---- 批示 ----

export function InstructModal({ open, orderId, orderNumber, sla, escalation, onClose }: SlaModalProps & { escalation: Escalation | undefined }) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ instruction: string }>();
  const instruct = useInstructMutation(orderId);
  const reportError = useReportError();
  if (!escalation) return null;

  const submit = ({ instruction }: { instruction: string }) =>
    instruct.mutate(
      { escalationId: escalation.id, instruction: instruction.trim() },
      {
        onSuccess: () => {
          void message.success(t('slaDialogs.instruct.done'));
          onClose();
        },
        onError: (error) => reportError(error, form),
      },
    );

  return (
    <Modal
      open={open}
      title={t('slaDialogs.instruct.title', { number: orderNumber })}
      okText={t('slaDialogs.instruct.submit')}
      okButtonProps={{ 'data-testid': 'instruct-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={instruct.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t('slaDialogs.instruct.raisedBy', {
          name: escalation.raisedBy?.name ?? t('slaCard.system'),
          at: formatInTimeZone(escalation.raisedAt, sla.timeZone),
        })}
      </Typography.Paragraph>
      {escalation.proposedHandling && (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
          <Typography.Text strong>{t('slaDialogs.escalate.proposedHandling')}</Typography.Text>
          {t('common.colon')}
          {escalation.proposedHandling}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="instruction" label={t('slaDialogs.instruct.instruction')} rules={requiredTextRules(t, t('slaDialogs.instruct.instructionRequired'), TEXT_MAX)}>
          <Input.TextArea autoFocus autoSize={{ minRows: 3, maxRows: 8 }} maxLength={TEXT_MAX} showCount data-testid="instruct-text" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
