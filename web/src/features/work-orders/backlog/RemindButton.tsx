import { useState } from 'react';
import { App, Button, Form, Input, Modal, Space, Tooltip } from 'antd';
import { BellOutlined, EditOutlined } from '@ant-design/icons';
import type { WorkOrderSummary } from '@kefu/contracts';
import { useT } from '../../../i18n/useT';
import { useSendReminderMutation } from '../../../api/work-order-admin';
import { useReportError } from '../../../components/useReportError';

const MAX_NOTE = 500;

/** 催单 in one click; the pen beside it adds a note for the handler first. */
export function RemindButton({ order }: { order: Pick<WorkOrderSummary, 'id' | 'number'> }) {
  const { t } = useT();
  const { message } = App.useApp();
  const remind = useSendReminderMutation();
  const reportError = useReportError();
  const [noteOpen, setNoteOpen] = useState(false);
  const [form] = Form.useForm<{ note?: string }>();

  const send = (note?: string) =>
    remind.mutate(
      { id: order.id, note: note?.trim() || undefined },
      {
        onSuccess: () => {
          void message.success(t('backlog.reminded', { number: order.number }));
          setNoteOpen(false);
        },
        onError: (error) => reportError(error),
      },
    );

  return (
    <>
      <Space.Compact size="small">
        <Button icon={<BellOutlined />} loading={remind.isPending && !noteOpen} onClick={() => send()} data-testid={`backlog-remind-${order.id}`}>
          {t('backlog.remind')}
        </Button>
        <Tooltip title={t('backlog.remindWithNote')}>
          <Button
            icon={<EditOutlined />}
            aria-label={t('backlog.remindWithNote')}
            onClick={() => {
              form.resetFields();
              setNoteOpen(true);
            }}
            data-testid={`backlog-remind-note-${order.id}`}
          />
        </Tooltip>
      </Space.Compact>
      <Modal
        open={noteOpen}
        title={t('backlog.remindTitle', { number: order.number })}
        okText={t('backlog.remind')}
        onOk={() => form.submit()}
        onCancel={() => setNoteOpen(false)}
        confirmLoading={remind.isPending}
        okButtonProps={{ 'data-testid': 'backlog-remind-submit' }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(values) => send(values.note)}>
          <Form.Item
            name="note"
            label={t('backlog.remindNote')}
            extra={t('backlog.remindNoteHelp')}
            rules={[{ max: MAX_NOTE, message: t('shared:validation.too_big_string', { maximum: MAX_NOTE }) }]}
          >
            <Input.TextArea rows={3} maxLength={MAX_NOTE} showCount autoFocus data-testid="backlog-remind-note-input" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
