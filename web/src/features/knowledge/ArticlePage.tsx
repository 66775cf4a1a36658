import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Flex, Input, Modal, Space, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import { DislikeOutlined, EditOutlined, LikeOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import type { Article, ArticleAction } from '@kefu/contracts';
import { isApiError } from '../../api/client';
import { useArticle, useArticleEvents, useArticleFeedback, useArticleFeedbackMutation, useArticleTransition, useArticleVersions } from '../../api/knowledge';
import { useAuth } from '../../app/auth-context';
import { DateTimeText } from '../../components/DateTimeText';
import { formatDateTime } from '../../components/datetime';
import { PageContainer } from '../../components/PageContainer';
import { LoadFailedResult, NotFoundResult, SectionLoading } from '../../components/StatusResults';
import { useReportError } from '../../components/useReportError';
import { useT } from '../../i18n/useT';
import { ArticleKindTag, ArticleStatusTag, articleEditPath } from './shared';
import { VersionDiff } from './VersionDiff';

/** The workflow's buttons; returning asks for the reviewer's comment. */
function WorkflowButtons({ article }: { article: Article }) {
  const { t } = useT();
  const { message } = App.useApp();
  const transition = useArticleTransition(article.id);
  const reportError = useReportError();
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  const run = (action: ArticleAction, text?: string) =>
    transition.mutate(
      { action, comment: text },
      {
        onSuccess: () => {
          setReturning(false);
          setComment('');
          void message.success(t('knowledge.workflow.done', { action: t(`shared:knowledge.actions.${action}`) }));
        },
        onError: (error) => reportError(error),
      },
    );
  return (
    <>
      {article.allowedActions.map((action) => (
        <Button
          key={action}
          data-testid={`article-action-${action}`}
          type={action === 'approve' || action === 'submit' ? 'primary' : 'default'}
          danger={action === 'archive'}
          loading={transition.isPending && transition.variables.action === action}
          onClick={() => (action === 'return' ? setReturning(true) : run(action))}
        >
          {t(`shared:knowledge.actions.${action}`)}
        </Button>
      ))}
      <Modal
        open={returning}
        title={t('knowledge.workflow.returnTitle')}
        okText={t('shared:knowledge.actions.return')}
        okButtonProps={{ disabled: comment.trim() === '', loading: transition.isPending, ...({ 'data-testid': 'return-submit' } as object) }}
        onOk={() => run('return', comment)}
        onCancel={() => setReturning(false)}
      >
        <Input.TextArea data-testid="return-comment" rows={4} maxLength={1000} value={comment} onChange={(event) => setComment(event.target.value)} placeholder={t('knowledge.workflow.commentPlaceholder')} />
      </Modal>
    </>
  );
}

function FeedbackBar({ article }: { article: Article }) {
  const { t } = useT();
  const { message } = App.useApp();
  const feedback = useArticleFeedbackMutation(article.id);
  const reportError = useReportError();
  const [comment, setComment] = useState(article.myFeedback?.comment ?? '');
  const vote = (helpful: boolean) =>
    feedback.mutate({ helpful, comment: comment.trim() || null }, { onSuccess: () => void message.success(t('knowledge.feedback.thanks')), onError: (error) => reportError(error) });
  return (
    <Card size="small" title={t('knowledge.feedback.title')} data-testid="article-feedback">
      <Flex vertical gap={8}>
        <Input.TextArea rows={2} maxLength={500} value={comment} onChange={(event) => setComment(event.target.value)} placeholder={t('knowledge.feedback.commentPlaceholder')} />
        <Space>
          <Button icon={<LikeOutlined />} type={article.myFeedback?.helpful === true ? 'primary' : 'default'} onClick={() => vote(true)} data-testid="feedback-helpful">
            {t('knowledge.feedback.helpful', { count: article.helpfulCount })}
          </Button>
          <Button icon={<DislikeOutlined />} type={article.myFeedback?.helpful === false ? 'primary' : 'default'} onClick={() => vote(false)} data-testid="feedback-unhelpful">
            {t('knowledge.feedback.unhelpful', { count: article.unhelpfulCount })}
          </Button>
        </Space>
      </Flex>
    </Card>
  );
}

function HistoryTab({ article }: { article: Article }) {
  const { t } = useT();
  const versions = useArticleVersions(article.id);
  const events = useArticleEvents(article.id);
  const [from, setFrom] = useState<number | undefined>(undefined);
  const [to, setTo] = useState<number | undefined>(undefined);
  if (versions.isError) return <LoadFailedResult error={versions.error} />;
  const list = versions.data ?? [];
  const newest = list[0]?.version;
  const previous = list[1]?.version;
  return (
    <Flex vertical gap={16}>
      <Table
        size="small"
        rowKey="version"
        loading={versions.isPending}
        dataSource={list}
        pagination={false}
        data-testid="article-versions"
        columns={[
          { title: t('knowledge.history.version'), dataIndex: 'version', render: (value: number) => `v${value}` },
          { title: t('knowledge.history.author'), dataIndex: 'author' },
          { title: t('knowledge.history.at'), dataIndex: 'createdAt', render: (value: number) => <DateTimeText value={value} /> },
          { title: t('knowledge.history.note'), dataIndex: 'changeNote', render: (value: string | null) => value ?? '-' },
          { title: t('knowledge.history.published'), dataIndex: 'publishedAt', render: (value: number | null) => (value ? <Tag color="success">{formatDateTime(value)}</Tag> : '-') },
          {
            title: t('knowledge.history.compare'),
            key: 'compare',
            render: (_: unknown, row) => (
              <Space>
                <Button size="small" type={from === row.version ? 'primary' : 'default'} onClick={() => setFrom(row.version)}>
                  {t('knowledge.history.from')}
                </Button>
                <Button size="small" type={to === row.version ? 'primary' : 'default'} onClick={() => setTo(row.version)}>
                  {t('knowledge.history.to')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <VersionDiff articleId={article.id} from={from ?? previous} to={to ?? newest} />
      <Card size="small" title={t('knowledge.history.workflow')}>
        <Timeline
          items={(events.data ?? []).map((event) => ({
            content: (
              <Flex vertical>
                <Typography.Text>
                  {t('knowledge.history.event', { actor: event.actorName, action: t(`shared:knowledge.actions.${event.action}`), version: event.version })}
                </Typography.Text>
                {event.comment && <Typography.Text type="secondary">{event.comment}</Typography.Text>}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(event.at)}
                </Typography.Text>
              </Flex>
            ),
          }))}
        />
      </Card>
    </Flex>
  );
}

function FeedbackTab({ article }: { article: Article }) {
  const { t } = useT();
  const entries = useArticleFeedback(article.id, true);
  return (
    <Table
      size="small"
      rowKey={(row) => `${row.userName}-${row.createdAt}`}
      loading={entries.isPending}
      dataSource={entries.data ?? []}
      pagination={false}
      columns={[
        { title: t('knowledge.feedback.vote'), dataIndex: 'helpful', render: (value: boolean) => (value ? <LikeOutlined /> : <DislikeOutlined />) },
        { title: t('knowledge.feedback.comment'), dataIndex: 'comment', render: (value: string | null) => value ?? '-' },
        { title: t('knowledge.history.author'), dataIndex: 'userName' },
        { title: t('knowledge.history.version'), dataIndex: 'version', render: (value: number) => `v${value}` },
        { title: t('knowledge.history.at'), dataIndex: 'createdAt', render: (value: number) => <DateTimeText value={value} /> },
      ]}
    />
  );
}

function ArticleView({ article, working }: { article: Article; working: boolean }) {
  const { t } = useT();
  return (
    <Flex vertical gap={16}>
      {working && article.reviewComment && article.status === 'draft' && (
        <Alert type="warning" showIcon title={t('knowledge.workflow.returnedWith')} description={article.reviewComment} data-testid="article-review-comment" />
      )}
      {working && article.publishedVersion !== null && article.version !== article.publishedVersion && (
        <Alert type="info" showIcon title={t('knowledge.workflow.revising', { version: article.publishedVersion })} />
      )}
      {article.expired && <Alert type="error" showIcon title={t('knowledge.expiredNotice')} />}
      <Card size="small">
        {article.summary && (
          <Typography.Paragraph strong data-testid="article-summary">
            {article.summary}
          </Typography.Paragraph>
        )}
        {/* The server sanitises every body to a small allow-list; nothing else is rendered as HTML. */}
        <div className="kb-article-body" data-testid="article-body" dangerouslySetInnerHTML={{ __html: article.bodyHtml }} />
      </Card>
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
        <Descriptions.Item label={t('knowledge.fields.category')}>{article.categoryName ?? '-'}</Descriptions.Item>
        <Descriptions.Item label={t('knowledge.fields.audience')}>{t(`shared:knowledge.audiences.${article.audience}`)}</Descriptions.Item>
        <Descriptions.Item label={t('knowledge.fields.scope')}>{[t(`shared:knowledge.scopes.${article.scope}`), article.region].filter(Boolean).join(' · ')}</Descriptions.Item>
        <Descriptions.Item label={t('knowledge.fields.validity')}>
          {article.validFrom ? formatDateTime(article.validFrom) : t('knowledge.validity.open')} ~ {article.validUntil ? formatDateTime(article.validUntil) : t('knowledge.validity.open')}
        </Descriptions.Item>
        <Descriptions.Item label={t('knowledge.fields.department')}>{article.departmentName ?? '-'}</Descriptions.Item>
        <Descriptions.Item label={t('knowledge.fields.contactPerson')}>{article.contactPerson ?? '-'}</Descriptions.Item>
        <Descriptions.Item label={t('knowledge.fields.tags')}>
          {article.tags.map((tag) => (
            <Tag key={tag} color="cyan">
              {tag}
            </Tag>
          ))}
        </Descriptions.Item>
        <Descriptions.Item label={t('knowledge.fields.version')}>
          {t('knowledge.versionLine', { version: article.version, author: article.versionAuthor, at: formatDateTime(article.versionAt) })}
        </Descriptions.Item>
      </Descriptions>
    </Flex>
  );
}

function ArticleDetail({ id }: { id: number }) {
  const { t } = useT();
  const { can } = useAuth();
  const working = can('knowledge.edit') || can('knowledge.review') || can('knowledge.manage');
  const query = useArticle(id);
  if (query.isError) {
    if (isApiError(query.error) && query.error.status === 404) return <NotFoundResult />;
    return <LoadFailedResult error={query.error} onRetry={() => void query.refetch()} />;
  }
  const article = query.data;
  if (!article) return <SectionLoading />;
  const live = article.publishedVersion !== null && article.status !== 'archived';
  return (
    <PageContainer
      title={article.title}
      description={
        <Flex gap={8} style={{ marginTop: 4 }}>
          <ArticleKindTag kind={article.kind} />
          {working && <ArticleStatusTag status={article.status} />}
        </Flex>
      }
      extra={
        <>
          {article.canEdit && (
            <Link to={articleEditPath(article.id)}>
              <Button icon={<EditOutlined />} data-testid="article-edit">
                {t('knowledge.editor.edit')}
              </Button>
            </Link>
          )}
          <WorkflowButtons article={article} />
        </>
      }
    >
      {working ? (
        <Tabs
          items={[
            { key: 'article', label: t('knowledge.tabs.article'), children: <ArticleView article={article} working /> },
            { key: 'history', label: t('knowledge.tabs.history'), children: <HistoryTab article={article} /> },
            { key: 'feedback', label: t('knowledge.tabs.feedback'), children: <FeedbackTab article={article} /> },
          ]}
        />
      ) : (
        <ArticleView article={article} working={false} />
      )}
      {live && article.version === article.publishedVersion && <FeedbackBar article={article} />}
    </PageContainer>
  );
}

export function ArticlePage() {
  const { id } = useParams();
  const articleId = Number(id);
  if (!Number.isInteger(articleId) || articleId <= 0) return <NotFoundResult />;
  return <ArticleDetail key={articleId} id={articleId} />;
}
