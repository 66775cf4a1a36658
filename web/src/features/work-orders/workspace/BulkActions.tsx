import { useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, Modal, Select, Typography } from 'antd';
import { SwapOutlined, UserAddOutlined } from '@ant-design/icons';
import { CONFIRMATION_METHODS, WORK_ORDER_ACTIONS, type ConfirmationMethod, type WorkOrderAction } from '@kefu/contracts';
import { useT } from '../../../i18n/useT';
import { useBulkWorkOrderMutation, type BulkOperation, type BulkResult } from '../../../api/work-orders';
import { useReportError } from '../../../components/useReportError';
import { UserSelect } from '../shared/UserSelect';
import { needsReason, needsResult } from '../shared/transition-rules';

type BulkKind = BulkOperation['kind'];

interface BulkActionsProps {
  selectedIds: number[];
  /** Order numbers by id, to name the orders that failed. */
  numberOf: (id: number) => string;
  /** After a run: the selection keeps only the orders that failed, so they can be retried. */
  onFinished: (failedIds: number[]) => void;
  onClear: () => void;
}

interface TransitionValues {
  action: WorkOrderAction;
  reason?: string;
  result?: string;
  confirmationMethod?: ConfirmationMethod;
}

function BulkResultAlert({ result, numberOf, onClose }: { result: BulkResult; numberOf: (id: number) => string; onClose: () => void }) {
  const { t } = useT();
  if (result.failed.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      closable={{ onClose }}
      data-testid="workspace-bulk-failures"
      title={t('workspace.bulk.partial', { succeeded: result.succeeded.length, failed: result.failed.length })}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18, maxHeight: 160, overflowY: 'auto' }}>
          {result.failed.map((failure) => (
            <li key={failure.id} data-testid="workspace-bulk-failure">
              <Typography.Text strong>{numberOf(failure.id)}</Typography.Text>
              <Typography.Text type="secondary">{t('workspace.bulk.failureSeparator')}</Typography.Text>
              {failure.message}
            </li>
          ))}
        </ul>
      }
    />
  );
}

/** The bar over the list while orders are selected: assign them or move them through the lifecycle together. */
export function BulkActions({ selectedIds, numberOf, onFinished, onClear }: BulkActionsProps) {
  const { t } = useT();
  const { message } = App.useApp();
  const reportError = useReportError();
  const bulk = useBulkWorkOrderMutation();
  const [dialog, setDialog] = useState<BulkKind | null>(null);
  const [result, setResult] = useState<BulkResult | null>(null);
  const [assigneeId, setAssigneeId] = useState<number | null>(null);
  const [form] = Form.useForm<TransitionValues>();
  const action = Form.useWatch('action', form);

  const run = async (operation: BulkOperation) => {
    setResult(null);
    try {
      const outcome = await bulk.mutateAsync({ ids: selectedIds, operation });
      setDialog(null);
      setResult(outcome);
      if (outcome.failed.length === 0) void message.success(t('workspace.bulk.done', { count: outcome.succeeded.length }));
      onFinished(outcome.failed.map((failure) => failure.id));
    } catch (error) {
      reportError(error);
    }
  };

  const submitTransition = async () => {
    const values = await form.validateFields();
    await run({
      kind: 'transition',
      transition: {
        action: values.action,
        ...(needsReason(values.action) ? { reason: values.reason?.trim() } : {}),
        ...(needsResult(values.action) ? { result: values.result?.trim() } : {}),
        ...(values.action === 'confirm' && values.confirmationMethod ? { confirmation: { method: values.confirmationMethod } } : {}),
      },
    });
  };

  return (
    <Flex vertical gap={8}>
      {selectedIds.length > 0 && (
        <Flex align="center" gap={8} wrap data-testid="workspace-bulk-bar">
          <Typography.Text strong>{t('workspace.bulk.selected', { count: selectedIds.length })}</Typography.Text>
          <Button size="small" icon={<UserAddOutlined />} onClick={() => setDialog('assign')} data-testid="workspace-bulk-assign">
            {t('workspace.bulk.assign')}
          </Button>
          <Button size="small" icon={<SwapOutlined />} onClick={() => setDialog('transition')} data-testid="workspace-bulk-transition">
            {t('workspace.bulk.transition')}
          </Button>
          <Button size="small" type="link" onClick={onClear}>
            {t('workspace.bulk.clear')}
          </Button>
        </Flex>
      )}
      {result && <BulkResultAlert result={result} numberOf={numberOf} onClose={() => setResult(null)} />}

      <Modal
        open={dialog === 'assign'}
        title={t('workspace.bulk.assignTitle', { count: selectedIds.length })}
        onCancel={() => setDialog(null)}
        okText={t('workspace.bulk.assignSubmit')}
        okButtonProps={{ disabled: assigneeId === null, loading: bulk.isPending, 'data-testid': 'workspace-bulk-assign-submit' }}
        onOk={() => assigneeId !== null && run({ kind: 'assign', userId: assigneeId })}
        destroyOnHidden
      >
        <UserSelect
          value={assigneeId}
          onChange={setAssigneeId}
          placeholder={t('workspace.bulk.assignee')}
          style={{ width: '100%' }}
          autoFocus
          data-testid="workspace-bulk-assignee"
        />
      </Modal>

      <Modal
        open={dialog === 'transition'}
        title={t('workspace.bulk.transitionTitle', { count: selectedIds.length })}
        onCancel={() => setDialog(null)}
        okText={t('workspace.bulk.transitionSubmit')}
        okButtonProps={{ loading: bulk.isPending, 'data-testid': 'workspace-bulk-transition-submit' }}
        onOk={() => void submitTransition()}
        afterClose={() => form.resetFields()}
      >
        <Form form={form} layout="vertical" requiredMark={false}>
          <Form.Item name="action" label={t('workspace.bulk.action')} rules={[{ required: true }]}>
            <Select<WorkOrderAction>
              options={WORK_ORDER_ACTIONS.map((value) => ({ value, label: t(`shared:workOrders.actions.${value}`) }))}
              data-testid="workspace-bulk-action"
            />
          </Form.Item>
          {needsReason(action) && (
            <Form.Item name="reason" label={t('workspace.bulk.reason')} rules={[{ required: true, whitespace: true }, { max: 1000 }]}>
              <Input.TextArea rows={3} maxLength={1000} data-testid="workspace-bulk-reason" />
            </Form.Item>
          )}
          {needsResult(action) && (
            <Form.Item name="result" label={t('workspace.bulk.result')} rules={[{ required: true, whitespace: true }, { max: 5000 }]}>
              <Input.TextArea rows={4} maxLength={5000} data-testid="workspace-bulk-result" />
            </Form.Item>
          )}
          {action === 'confirm' && (
            <Form.Item name="confirmationMethod" label={t('workspace.bulk.confirmationMethod')} extra={t('workspace.bulk.confirmationHelp')}>
              <Select<ConfirmationMethod>
                allowClear
                options={CONFIRMATION_METHODS.map((value) => ({ value, label: t(`shared:workOrders.confirmationMethods.${value}`) }))}
              />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Flex>
  );
}
