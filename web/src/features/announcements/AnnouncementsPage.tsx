import { useState } from 'react';
import { App, Badge, Button, Card, DatePicker, Drawer, Flex, Form, Input, List, Modal, Progress, Select, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { NotificationOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { ANNOUNCEMENT_KINDS, type Announcement, type AnnouncementKind } from '@kefu/contracts';
import { useAnnouncementActions, useAnnouncementReceipts, useManagedAnnouncements, useMyAnnouncements, usePublishAnnouncement } from '../../api/knowledge';
import { useDepartments } from '../../api/departments';
import { useRoles } from '../../api/roles';
import { useAuth } from '../../app/auth-context';
import { DateTimeText } from '../../components/DateTimeText';
import { PageContainer } from '../../components/PageContainer';
import { LoadFailedResult } from '../../components/StatusResults';
import { useReportError } from '../../components/useReportError';
import { useT } from '../../i18n/useT';
import { textToHtml } from '../work-orders/detail/composer';
import { AnnouncementBody } from './AnnouncementBody';


function KindTag({ kind }: { kind: AnnouncementKind }) {
  const { t } = useT();
  return <Tag color={kind === 'promotion' ? 'magenta' : kind === 'business_change' ? 'orange' : 'blue'}>{t(`shared:knowledge.announcementKinds.${kind}`)}</Tag>;
}

function MyAnnouncements() {
  const { t } = useT();
  const mine = useMyAnnouncements();
  const { open, acknowledge } = useAnnouncementActions();
  const reportError = useReportError();
  const [shown, setShown] = useState<Announcement | null>(null);
  if (mine.isError) return <LoadFailedResult error={mine.error} onRetry={() => void mine.refetch()} />;
  const show = (item: Announcement) => {
    setShown(item);
    open.mutate(item.id, { onSuccess: setShown, onError: (error) => reportError(error) });
  };
  return (
    <>
      <List
        loading={mine.isPending}
        dataSource={mine.data?.items ?? []}
        locale={{ emptyText: t('announcements.empty') }}
        renderItem={(item) => (
          <List.Item
            data-testid="announcement-item"
            actions={[
              item.mustRead && !item.acknowledgedAt ? (
                <Tag key="state" color="red">
                  {t('announcements.unacknowledged')}
                </Tag>
              ) : item.readAt ? (
                <Tag key="state" color="green">
                  {t('announcements.read')}
                </Tag>
              ) : (
                <Tag key="state">{t('announcements.unread')}</Tag>
              ),
            ]}
          >
            <List.Item.Meta
              title={
                <Space>
                  <Badge dot={!item.readAt}>
                    <a onClick={() => show(item)}>{item.title}</a>
                  </Badge>
                  <KindTag kind={item.kind} />
                  {item.mustRead && <Tag color="red">{t('announcements.mustRead')}</Tag>}
                </Space>
              }
              description={
                <Typography.Text type="secondary">
                  {item.publishedBy} · <DateTimeText value={item.publishedAt} />
                </Typography.Text>
              }
            />
          </List.Item>
        )}
      />
      <Modal
        open={shown !== null}
        title={shown?.title}
        onCancel={() => setShown(null)}
        footer={
          shown?.mustRead && !shown.acknowledgedAt ? (
            <Button type="primary" loading={acknowledge.isPending} onClick={() => acknowledge.mutate(shown.id, { onSuccess: setShown, onError: (error) => reportError(error) })}>
              {t('announcements.acknowledge')}
            </Button>
          ) : null
        }
      >
        {shown && <AnnouncementBody announcement={shown} />}
      </Modal>
    </>
  );
}

interface PublishValues {
  title: string;
  body: string;
  kind: AnnouncementKind;
  mustRead: boolean;
  validity?: [Dayjs | null, Dayjs | null] | null;
  departmentIds: number[];
  roleIds: number[];
}

function PublishForm({ onDone }: { onDone: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<PublishValues>();
  const publish = usePublishAnnouncement();
  const { can } = useAuth();
  // Targets are picked from the organisation's units and roles, which need their read rights.
  const departments = useDepartments({ enabled: can('departments.read') });
  const roles = useRoles({ enabled: can('roles.read') });
  const reportError = useReportError();
  const submit = (values: PublishValues) => {
    const [from, until] = values.validity ?? [null, null];
    publish.mutate(
      {
        title: values.title,
        bodyHtml: textToHtml(values.body),
        kind: values.kind,
        mustRead: values.mustRead,
        validFrom: from ? from.valueOf() : null,
        validUntil: until ? until.valueOf() : null,
        departmentIds: values.departmentIds,
        roleIds: values.roleIds,
      },
      {
        onSuccess: () => {
          void message.success(t('announcements.published'));
          form.resetFields();
          onDone();
        },
        onError: (error) => reportError(error, form),
      },
    );
  };
  return (
    <Form<PublishValues> form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'notice', mustRead: false, departmentIds: [], roleIds: [] }}>
      <Form.Item name="title" label={t('announcements.fields.title')} rules={[{ required: true, message: t('announcements.titleRequired') }]}>
        <Input maxLength={200} data-testid="announcement-title" />
      </Form.Item>
      <Form.Item name="body" label={t('announcements.fields.body')} rules={[{ required: true, message: t('announcements.bodyRequired') }]}>
        <Input.TextArea rows={6} data-testid="announcement-body-input" />
      </Form.Item>
      <Space wrap>
        <Form.Item name="kind" label={t('announcements.fields.kind')}>
          <Select style={{ width: 160 }} options={ANNOUNCEMENT_KINDS.map((value) => ({ value, label: t(`shared:knowledge.announcementKinds.${value}`) }))} />
        </Form.Item>
        <Form.Item name="mustRead" label={t('announcements.mustRead')} valuePropName="checked">
          <Switch data-testid="announcement-must-read" />
        </Form.Item>
      </Space>
      <Form.Item name="validity" label={t('announcements.fields.validity')}>
        <DatePicker.RangePicker showTime allowEmpty={[true, true]} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="departmentIds" label={t('announcements.fields.departments')} extra={t('announcements.targetsHelp')}>
        <Select mode="multiple" optionFilterProp="label" options={(departments.data ?? []).map((department) => ({ value: department.id, label: department.name }))} data-testid="announcement-departments" />
      </Form.Item>
      <Form.Item name="roleIds" label={t('announcements.fields.roles')}>
        <Select
          mode="multiple"
          optionFilterProp="label"
          options={(roles.data ?? []).map((role) => ({ value: role.id, label: role.builtin ? t(`shared:roles.${role.code as 'agent'}.name`) : role.name }))}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={publish.isPending} data-testid="announcement-publish">
        {t('announcements.publish')}
      </Button>
    </Form>
  );
}

function Receipts({ announcement, onClose }: { announcement: Announcement | null; onClose: () => void }) {
  const { t } = useT();
  const receipts = useAnnouncementReceipts(announcement?.id);
  const data = receipts.data;
  return (
    <Drawer open={announcement !== null} onClose={onClose} size="large" title={t('announcements.receipts.title', { title: announcement?.title ?? '' })}>
      {receipts.isError ? (
        <LoadFailedResult error={receipts.error} />
      ) : (
        <Flex vertical gap={12} data-testid="announcement-receipts">
          {data && (
            <Space size={24}>
              <Progress type="circle" size={72} percent={data.targeted ? Math.round((100 * data.acknowledged) / data.targeted) : 0} />
              <Typography.Text data-testid="receipts-summary">{t('announcements.receipts.summary', { targeted: data.targeted, read: data.read, acknowledged: data.acknowledged })}</Typography.Text>
            </Space>
          )}
          <Table
            size="small"
            rowKey="userId"
            loading={receipts.isPending}
            dataSource={data?.items ?? []}
            pagination={{ pageSize: 50 }}
            columns={[
              { title: t('announcements.receipts.user'), dataIndex: 'name', render: (name: string, row) => <span data-testid={`receipt-${row.username}`}>{name}</span> },
              { title: t('announcements.receipts.department'), dataIndex: 'departmentName', render: (value: string | null) => value ?? '-' },
              {
                title: t('announcements.receipts.state'),
                key: 'state',
                render: (_: unknown, row) =>
                  row.acknowledgedAt ? (
                    <Tag color="green" data-testid={`receipt-state-${row.username}`}>
                      {t('announcements.acknowledged')}
                    </Tag>
                  ) : row.readAt ? (
                    <Tag color="gold" data-testid={`receipt-state-${row.username}`}>
                      {t('announcements.read')}
                    </Tag>
                  ) : (
                    <Tag color="red" data-testid={`receipt-state-${row.username}`}>
                      {t('announcements.unread')}
                    </Tag>
                  ),
              },
              { title: t('announcements.receipts.acknowledgedAt'), dataIndex: 'acknowledgedAt', render: (value: number | null) => <DateTimeText value={value} /> },
            ]}
          />
        </Flex>
      )}
    </Drawer>
  );
}

function ManagedAnnouncements() {
  const { t } = useT();
  const { can } = useAuth();
  const managed = useManagedAnnouncements(true);
  const { withdraw } = useAnnouncementActions();
  const reportError = useReportError();
  const [receiptsOf, setReceiptsOf] = useState<Announcement | null>(null);
  const [publishing, setPublishing] = useState(false);
  return (
    <Flex vertical gap={12}>
      <Button type="primary" icon={<NotificationOutlined />} onClick={() => setPublishing(true)} style={{ alignSelf: 'flex-start' }} data-testid="announcement-new">
        {t('announcements.new')}
      </Button>
      <Table
        size="small"
        rowKey="id"
        loading={managed.isPending}
        dataSource={managed.data?.items ?? []}
        data-testid="announcements-managed"
        columns={[
          { title: t('announcements.fields.title'), dataIndex: 'title', render: (title: string, row) => <span data-testid={`managed-${row.id}`}>{title}</span> },
          { title: t('announcements.fields.kind'), dataIndex: 'kind', render: (kind: AnnouncementKind) => <KindTag kind={kind} /> },
          { title: t('announcements.mustRead'), dataIndex: 'mustRead', render: (value: boolean) => (value ? <Tag color="red">{t('announcements.mustRead')}</Tag> : '-') },
          { title: t('announcements.fields.publishedAt'), dataIndex: 'publishedAt', render: (value: number) => <DateTimeText value={value} /> },
          { title: t('announcements.fields.withdrawnAt'), dataIndex: 'withdrawnAt', render: (value: number | null) => <DateTimeText value={value} /> },
          {
            title: '',
            key: 'actions',
            render: (_: unknown, row) => (
              <Space>
                {can('announcements.receipts') && (
                  <Button size="small" onClick={() => setReceiptsOf(row)} data-testid={`receipts-${row.id}`}>
                    {t('announcements.receipts.open')}
                  </Button>
                )}
                {row.withdrawnAt === null && (
                  <Button size="small" danger onClick={() => withdraw.mutate(row.id, { onError: (error) => reportError(error) })}>
                    {t('announcements.withdraw')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal open={publishing} title={t('announcements.new')} footer={null} onCancel={() => setPublishing(false)} width={720} destroyOnHidden>
        <PublishForm onDone={() => setPublishing(false)} />
      </Modal>
      <Receipts announcement={receiptsOf} onClose={() => setReceiptsOf(null)} />
    </Flex>
  );
}

/** KB-6: the announcement centre — what is addressed to me, and for publishers what they sent and who read it. */
export function AnnouncementsPage() {
  const { t } = useT();
  const { can } = useAuth();
  return (
    <PageContainer title={t('announcements.title')}>
      <Card size="small">
        <Tabs
          items={[
            { key: 'mine', label: t('announcements.mine'), children: <MyAnnouncements /> },
            ...(can('announcements.publish') ? [{ key: 'managed', label: t('announcements.managed'), children: <ManagedAnnouncements /> }] : []),
          ]}
        />
      </Card>
    </PageContainer>
  );
}
