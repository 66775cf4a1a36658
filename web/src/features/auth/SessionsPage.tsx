import { App, Button, Card, Popconfirm, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useT } from '../../i18n/useT';
import type { SessionSummary } from '@kefu/contracts';
import { useMySessions, useRevokeSessionMutation } from '../../api/auth';
import { DateTimeText } from '../../components/DateTimeText';
import { PageContainer } from '../../components/PageContainer';
import { LoadFailedResult } from '../../components/StatusResults';
import { useReportError } from '../../components/useReportError';
import { describeUserAgent } from './user-agent';

export function SessionsPage() {
  const { t } = useT();
  const { message } = App.useApp();
  const sessions = useMySessions();
  const revoke = useRevokeSessionMutation();
  const reportError = useReportError();
  const others = (sessions.data ?? []).filter((session) => !session.current);

  const revokeOne = (session: SessionSummary) =>
    revoke.mutate(session.id, {
      onSuccess: () => void message.success(t('sessions.revoked')),
      onError: (error) => reportError(error),
    });

  const revokeOthers = async () => {
    const results = await Promise.allSettled(others.map((session) => revoke.mutateAsync(session.id)));
    const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failure) reportError(failure.reason);
    else void message.success(t('sessions.revokedOthers', { count: others.length }));
  };

  const columns: TableColumnsType<SessionSummary> = [
    {
      title: t('sessions.device'),
      key: 'device',
      render: (_, session) => (
        <Tooltip title={session.userAgent}>
          <span>
            {describeUserAgent(session.userAgent) ?? t('sessions.unknownDevice')}
            {session.current && (
              <Tag color="green" style={{ marginLeft: 8 }}>
                {t('sessions.current')}
              </Tag>
            )}
          </span>
        </Tooltip>
      ),
    },
    {
      title: t('sessions.ip'),
      dataIndex: 'ip',
      width: 160,
      render: (ip: string | null) => ip ?? <Typography.Text type="secondary">-</Typography.Text>,
    },
    { title: t('sessions.createdAt'), dataIndex: 'createdAt', width: 180, render: (value: number) => <DateTimeText value={value} /> },
    { title: t('sessions.lastSeenAt'), dataIndex: 'lastSeenAt', width: 180, render: (value: number) => <DateTimeText value={value} /> },
    { title: t('sessions.expiresAt'), dataIndex: 'expiresAt', width: 180, render: (value: number) => <DateTimeText value={value} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_, session) =>
        session.current ? (
          <Typography.Text type="secondary">{t('sessions.thisDevice')}</Typography.Text>
        ) : (
          <Popconfirm
            title={t('sessions.revokeConfirm')}
            okText={t('sessions.revoke')}
            okButtonProps={{ danger: true }}
            onConfirm={() => revokeOne(session)}
          >
            <Button type="link" danger size="small" style={{ padding: 0 }}>
              {t('sessions.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <PageContainer
      title={t('sessions.title')}
      description={t('sessions.description')}
      extra={
        <Popconfirm
          title={t('sessions.revokeOthersConfirm', { count: others.length })}
          okButtonProps={{ danger: true }}
          onConfirm={revokeOthers}
          disabled={others.length === 0}
        >
          <Button danger disabled={others.length === 0} loading={revoke.isPending}>
            {t('sessions.revokeOthers')}
          </Button>
        </Popconfirm>
      }
    >
      <Card styles={{ body: { padding: 0 } }}>
        {sessions.isError ? (
          <LoadFailedResult error={sessions.error} onRetry={() => void sessions.refetch()} />
        ) : (
          <Table<SessionSummary>
            rowKey="id"
            columns={columns}
            dataSource={sessions.data}
            loading={sessions.isLoading}
            pagination={false}
            scroll={{ x: 900 }}
          />
        )}
      </Card>
    </PageContainer>
  );
}
