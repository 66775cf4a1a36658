import { App, Button, Card, Flex, Popconfirm, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useT } from '../../../i18n/useT';
import type { ApiToken } from '@kefu/contracts';
import { useApiTokens, useRevokeApiTokenMutation, type CreatedApiToken } from '../../../api/api-tokens';
import { DateTimeText } from '../../../components/DateTimeText';
import { PageContainer } from '../../../components/PageContainer';
import { LoadFailedResult } from '../../../components/StatusResults';
import { useOverlayState } from '../../../components/useOverlayState';
import { useReportError } from '../../../components/useReportError';
import { ApiTokenSecretModal } from './ApiTokenSecretModal';
import { CreateApiTokenModal } from './CreateApiTokenModal';

type TokenState = 'active' | 'expired' | 'revoked';
const STATE_COLORS: Record<TokenState, string> = { active: 'green', expired: 'orange', revoked: 'default' };

function tokenState(token: ApiToken, now = Date.now()): TokenState {
  if (token.revokedAt !== null) return 'revoked';
  if (token.expiresAt !== null && token.expiresAt <= now) return 'expired';
  return 'active';
}

function RevokeTokenLink({ token }: { token: ApiToken }) {
  const { t } = useT();
  const { message } = App.useApp();
  const revoke = useRevokeApiTokenMutation();
  const reportError = useReportError();
  return (
    <Popconfirm
      title={t('apiTokens.revokeConfirm', { name: token.name })}
      description={t('apiTokens.revokeConfirmDetail')}
      okText={t('apiTokens.revoke')}
      okButtonProps={{ danger: true }}
      onConfirm={() =>
        revoke.mutate(token.id, {
          onSuccess: () => void message.success(t('apiTokens.revoked', { name: token.name })),
          onError: (error) => reportError(error),
        })
      }
    >
      <Typography.Link type="danger">{t('apiTokens.revoke')}</Typography.Link>
    </Popconfirm>
  );
}

export function ApiTokensPage() {
  const { t } = useT();
  const tokens = useApiTokens();
  const creator = useOverlayState<void>();
  const secret = useOverlayState<CreatedApiToken>();

  const columns: TableColumnsType<ApiToken> = [
    {
      title: t('apiTokens.fields.name'),
      key: 'name',
      width: 200,
      render: (_, token) => (
        <div>
          <Typography.Text strong>{token.name}</Typography.Text>
          <br />
          <Typography.Text code>{token.prefix}</Typography.Text>
        </div>
      ),
    },
    {
      title: t('apiTokens.fields.permissions'),
      dataIndex: 'permissions',
      render: (permissions: ApiToken['permissions']) => (
        <Flex wrap gap={4}>
          {permissions.map((permission) => (
            <Tag key={permission} style={{ marginInlineEnd: 0 }}>
              {t(`shared:permissions.${permission}`)}
            </Tag>
          ))}
        </Flex>
      ),
    },
    {
      title: t('apiTokens.fields.created'),
      key: 'created',
      width: 180,
      render: (_, token) => (
        <div>
          <div>{token.ownerName}</div>
          <Typography.Text type="secondary">
            <DateTimeText value={token.createdAt} />
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('apiTokens.fields.state'),
      key: 'state',
      width: 100,
      render: (_, token) => {
        const state = tokenState(token);
        const tag = <Tag color={STATE_COLORS[state]}>{t(`apiTokens.states.${state}`)}</Tag>;
        return token.revokedAt === null ? tag : <Tooltip title={<DateTimeText value={token.revokedAt} />}>{tag}</Tooltip>;
      },
    },
    {
      title: t('apiTokens.fields.expiresAt'),
      dataIndex: 'expiresAt',
      width: 170,
      render: (value: number | null) =>
        value === null ? <Typography.Text type="secondary">{t('apiTokens.neverExpires')}</Typography.Text> : <DateTimeText value={value} />,
    },
    {
      title: t('apiTokens.fields.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      width: 170,
      render: (value: number | null) =>
        value === null ? <Typography.Text type="secondary">{t('apiTokens.neverUsed')}</Typography.Text> : <DateTimeText value={value} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 80,
      render: (_, token) =>
        token.revokedAt === null ? <RevokeTokenLink token={token} /> : <Typography.Text type="secondary">-</Typography.Text>,
    },
  ];

  return (
    <PageContainer
      title={t('nav.apiTokens')}
      description={t('apiTokens.description')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => creator.show()} data-testid="api-tokens-create">
          {t('apiTokens.create')}
        </Button>
      }
    >
      <Card styles={{ body: { padding: 0 } }}>
        {tokens.isError ? (
          <LoadFailedResult error={tokens.error} onRetry={() => void tokens.refetch()} />
        ) : (
          <Table<ApiToken>
            rowKey="id"
            columns={columns}
            dataSource={tokens.data}
            loading={tokens.isLoading}
            pagination={false}
            scroll={{ x: 1100 }}
            locale={{ emptyText: t('apiTokens.empty') }}
          />
        )}
      </Card>
      <CreateApiTokenModal key={`creator-${creator.key}`} open={creator.open} onClose={creator.hide} onCreated={secret.show} />
      <ApiTokenSecretModal open={secret.open} created={secret.payload} onClose={secret.hide} />
    </PageContainer>
  );
}
