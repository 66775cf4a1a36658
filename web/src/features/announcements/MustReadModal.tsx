import { App, Button, Modal, Space, Typography } from 'antd';
import { useAnnouncementActions, useMustReadAnnouncements } from '../../api/knowledge';
import { formatDateTime } from '../../components/datetime';
import { useReportError } from '../../components/useReportError';
import { useT } from '../../i18n/useT';
import { AnnouncementBody } from './AnnouncementBody';

/**
 * KB-6: unacknowledged must-read announcements, one after the other, at login (and whenever
 * a new one arrives) until each is acknowledged. It cannot be dismissed otherwise.
 */
export function MustReadModal() {
  const { t } = useT();
  const { message } = App.useApp();
  const pending = useMustReadAnnouncements(true);
  const { acknowledge } = useAnnouncementActions();
  const reportError = useReportError();
  const items = pending.data?.items ?? [];
  const current = items[0];
  if (!current) return null;
  return (
    <Modal
      open
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      title={
        <Space orientation="vertical" size={0}>
          <Typography.Text type="danger">{t('announcements.mustReadTitle', { count: items.length })}</Typography.Text>
          <span data-testid="must-read-title">{current.title}</span>
        </Space>
      }
      footer={
        <Button
          type="primary"
          data-testid="must-read-acknowledge"
          loading={acknowledge.isPending}
          onClick={() =>
            acknowledge.mutate(current.id, {
              onSuccess: () => void message.success(t('announcements.acknowledgedToast')),
              onError: (error) => reportError(error),
            })
          }
        >
          {t('announcements.acknowledge')}
        </Button>
      }
      data-testid="must-read-modal"
    >
      <Typography.Text type="secondary">{t('announcements.byLine', { name: current.publishedBy, at: formatDateTime(current.publishedAt) })}</Typography.Text>
      <AnnouncementBody announcement={current} />
    </Modal>
  );
}
