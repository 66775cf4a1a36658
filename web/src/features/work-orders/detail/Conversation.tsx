import { useMemo, useState, type RefObject } from 'react';
import { App, Button, Card, Empty, Flex, Mentions, Radio, Tag, Typography, Upload, theme, type MentionsRef } from 'antd';
import { LockOutlined, MessageOutlined, PaperClipOutlined, SendOutlined } from '@ant-design/icons';
import type { Attachment, Message, MessageKind, WorkOrder } from '@kefu/contracts';
import { useT } from '../../../i18n/useT';
import { useWorkOrderDirectory } from '../../../api/work-orders';
import { usePostMessageMutation, useUploadAttachmentMutation, useWorkOrderMessages } from '../../../api/work-order-detail';
import { DateTimeText } from '../../../components/DateTimeText';
import { LoadFailedResult, SectionLoading } from '../../../components/StatusResults';
import { useReportError } from '../../../components/useReportError';
import { AttachmentLink } from './AttachmentLink';
import { mentionedUsers, textToHtml } from './composer';

const MAX_ATTACHMENTS = 10;
const BODY_MAX = 20_000;

/** Internal notes look different at a glance: the customer never sees them. */
function useKindStyle(kind: MessageKind) {
  const { token } = theme.useToken();
  return kind === 'note'
    ? { background: token.colorWarningBg, border: `1px dashed ${token.colorWarningBorder}` }
    : { background: token.colorFillQuaternary, border: `1px solid ${token.colorBorderSecondary}` };
}

function MessageItem({ message }: { message: Message }) {
  const { t } = useT();
  const style = useKindStyle(message.kind);
  return (
    <div style={{ ...style, borderRadius: 8, padding: '10px 12px' }} data-testid={`message-${message.kind}`}>
      <Flex gap={8} align="center" wrap style={{ marginBottom: 6 }}>
        <Typography.Text strong>{message.author.name}</Typography.Text>
        <Tag color={message.kind === 'note' ? 'gold' : 'blue'} icon={message.kind === 'note' ? <LockOutlined /> : <MessageOutlined />} style={{ marginInlineEnd: 0 }}>
          {t(`shared:workOrders.messageKinds.${message.kind}`)}
        </Tag>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <DateTimeText value={message.createdAt} />
        </Typography.Text>
      </Flex>
      {/* The server sanitises every body to a few formatting tags; nothing else is ever rendered as HTML. */}
      <div className="wo-message-body" style={{ wordBreak: 'break-word' }} dangerouslySetInnerHTML={{ __html: message.bodyHtml }} />
      {message.mentions.length > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('workOrder.conversation.mentioned', { names: message.mentions.map((user) => user.name).join(t('workOrder.listSeparator')) })}
        </Typography.Text>
      )}
      {message.attachments.length > 0 && (
        <Flex gap={12} wrap style={{ marginTop: 6 }}>
          {message.attachments.map((attachment) => (
            <AttachmentLink key={attachment.id} attachment={attachment} />
          ))}
        </Flex>
      )}
    </div>
  );
}

interface ComposerProps {
  order: WorkOrder;
  composerRef: RefObject<MentionsRef | null>;
  /** Text to add to the reply (a unified answer picked from the suggestions); a new key adds it again. */
  insertion?: { text: string; key: number };
}

/** Reply or note, with @mentions of colleagues and attachments uploaded before sending. */
function Composer({ order, composerRef, insertion }: ComposerProps) {
  const { t } = useT();
  const { message } = App.useApp();
  const directory = useWorkOrderDirectory();
  const post = usePostMessageMutation(order.id);
  const upload = useUploadAttachmentMutation(order.id);
  const reportError = useReportError();
  const [kind, setKind] = useState<MessageKind>('reply');
  const [text, setText] = useState('');
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const [uploading, setUploading] = useState(0);
  const [insertedKey, setInsertedKey] = useState(insertion?.key);
  const style = useKindStyle(kind);
  // A new insertion is added to what is typed (state adjusted while rendering, not in an effect).
  if (insertion && insertion.key !== insertedKey) {
    setInsertedKey(insertion.key);
    setText((previous) => (previous.trim() === '' ? insertion.text : `${previous.trimEnd()}\n${insertion.text}`));
    setKind('reply');
  }

  const users = useMemo(() => directory.data?.users ?? [], [directory.data]);
  const options = useMemo(
    () => users.map((user) => ({ key: String(user.id), value: user.username, label: [user.name, user.username].join(' · ') })),
    [users],
  );
  // Agents type a colleague's name as often as the username: both find the person.
  const searchText = useMemo(() => new Map(users.map((user) => [user.username, `${user.name} ${user.username}`.toLowerCase()])), [users]);
  const mentioned = useMemo(() => mentionedUsers(text, users), [text, users]);
  const blank = text.trim() === '';

  const attach = (file: File) => {
    if (attachments.length + uploading >= MAX_ATTACHMENTS) {
      void message.warning(t('workOrder.conversation.tooManyAttachments', { max: MAX_ATTACHMENTS }));
      return false;
    }
    setUploading((count) => count + 1);
    // mutateAsync: several files may upload at once, and each needs its own result.
    upload
      .mutateAsync(file)
      .then((attachment) => setAttachments((previous) => [...previous, attachment]))
      .catch((error: unknown) => reportError(error))
      .finally(() => setUploading((count) => count - 1));
    return false;
  };

  const send = () => {
    if (blank || uploading > 0 || post.isPending) return;
    post.mutate(
      { kind, body: textToHtml(text), attachmentIds: attachments.map((attachment) => attachment.id) },
      {
        onSuccess: () => {
          setText('');
          setAttachments([]);
          void message.success(t(kind === 'note' ? 'workOrder.conversation.noteSaved' : 'workOrder.conversation.replySent'));
        },
        onError: (error) => reportError(error),
      },
    );
  };

  return (
    <Flex vertical gap={8} style={{ ...style, borderRadius: 8, padding: 12 }} data-testid="reply-composer">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          size="small"
          value={kind}
          onChange={(event) => setKind(event.target.value as MessageKind)}
          data-testid="reply-kind"
        >
          {/* The test ids sit on the visible labels: antd puts a button's own props on its hidden input. */}
          <Radio.Button value="reply">
            <span data-testid="reply-kind-reply">
              <MessageOutlined /> {t('shared:workOrders.messageKinds.reply')}
            </span>
          </Radio.Button>
          <Radio.Button value="note">
            <span data-testid="reply-kind-note">
              <LockOutlined /> {t('shared:workOrders.messageKinds.note')}
            </span>
          </Radio.Button>
        </Radio.Group>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(kind === 'note' ? 'workOrder.conversation.noteHint' : 'workOrder.conversation.replyHint')}
        </Typography.Text>
      </Flex>
      <Mentions
        ref={composerRef}
        prefix="@"
        value={text}
        onChange={setText}
        options={options}
        filterOption={(input, option) => (searchText.get(option.value ?? '') ?? '').includes(input.toLowerCase())}
        autoSize={{ minRows: 3, maxRows: 12 }}
        maxLength={BODY_MAX}
        placeholder={t('workOrder.conversation.placeholder')}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            send();
          }
        }}
        data-testid="reply-box"
      />
      {mentioned.length > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="reply-mentions">
          {t('workOrder.conversation.willNotify', { names: mentioned.map((user) => user.name).join(t('workOrder.listSeparator')) })}
        </Typography.Text>
      )}
      {attachments.length > 0 && (
        <Flex gap={6} wrap data-testid="reply-attachments">
          {attachments.map((attachment) => (
            <Tag
              key={attachment.id}
              icon={<PaperClipOutlined />}
              closable
              onClose={() => setAttachments((previous) => previous.filter((candidate) => candidate.id !== attachment.id))}
              style={{ marginInlineEnd: 0 }}
            >
              {attachment.fileName}
            </Tag>
          ))}
        </Flex>
      )}
      <Flex justify="space-between" align="center" gap={8}>
        <span data-testid="reply-attach">
          <Upload beforeUpload={attach} showUploadList={false} multiple>
            <Button size="small" icon={<PaperClipOutlined />} loading={uploading > 0}>
              {t('workOrder.conversation.attach')}
            </Button>
          </Upload>
        </span>
        <Flex gap={8} align="center">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('workOrder.conversation.sendShortcut')}
          </Typography.Text>
          <Button type="primary" icon={<SendOutlined />} disabled={blank || uploading > 0} loading={post.isPending} onClick={send} data-testid="reply-send">
            {t(kind === 'note' ? 'workOrder.conversation.saveNote' : 'workOrder.conversation.sendReply')}
          </Button>
        </Flex>
      </Flex>
    </Flex>
  );
}

/** WO-6: the order's conversation, oldest first, with the composer below. */
export function Conversation({ order, composerRef, insertion }: ComposerProps) {
  const { t } = useT();
  const messages = useWorkOrderMessages(order.id);
  return (
    <Card title={t('workOrder.conversation.title')} size="small" data-testid="wo-conversation">
      <Flex vertical gap={12}>
        {messages.isError ? (
          <LoadFailedResult error={messages.error} onRetry={() => void messages.refetch()} />
        ) : messages.isPending ? (
          <SectionLoading />
        ) : messages.data.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workOrder.conversation.empty')} />
        ) : (
          messages.data.map((item) => <MessageItem key={item.id} message={item} />)
        )}
        {order.can.reply && order.mergedInto === null && order.deletedAt === null ? (
          <Composer order={order} composerRef={composerRef} insertion={insertion} />
        ) : (
          <Typography.Text type="secondary">{t('workOrder.conversation.readOnly')}</Typography.Text>
        )}
      </Flex>
    </Card>
  );
}
