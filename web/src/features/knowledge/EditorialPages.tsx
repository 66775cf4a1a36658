import { useState } from 'react';
import { App, Button, Card, Flex, Input, List, Space, Table, Tabs, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { ArticleStatus, ReportArticle } from '@kefu/contracts';
import { useArticles, useCategoryMutations, useKnowledgeCategories, useKnowledgeReport, useSaveSynonyms, useSynonyms } from '../../api/knowledge';
import { useAuth } from '../../app/auth-context';
import { DateTimeText } from '../../components/DateTimeText';
import { PageContainer } from '../../components/PageContainer';
import { LoadFailedResult, SectionLoading } from '../../components/StatusResults';
import { useReportError } from '../../components/useReportError';
import { useT } from '../../i18n/useT';
import { ArticleKindTag, ArticleStatusTag, KnowledgeCategorySelect, articlePath } from './shared';

function StatusList({ status, mine }: { status: ArticleStatus; mine?: boolean }) {
  const { t } = useT();
  const [offset, setOffset] = useState(0);
  const articles = useArticles({ status, mine, limit: 50, offset, validity: 'all' });
  if (articles.isError) return <LoadFailedResult error={articles.error} onRetry={() => void articles.refetch()} />;
  return (
    <Table
      size="small"
      rowKey="id"
      loading={articles.isPending}
      dataSource={articles.data?.items ?? []}
      data-testid={`knowledge-list-${status}`}
      pagination={{ pageSize: 50, total: articles.data?.total ?? 0, current: offset / 50 + 1, onChange: (page) => setOffset((page - 1) * 50), showSizeChanger: false }}
      columns={[
        {
          title: t('knowledge.fields.title'),
          dataIndex: 'title',
          render: (title: string, row) => (
            <Link to={articlePath(row.id)} data-testid="knowledge-list-item">
              {title}
            </Link>
          ),
        },
        { title: t('knowledge.fields.kind'), dataIndex: 'kind', render: (kind) => <ArticleKindTag kind={kind} /> },
        { title: t('knowledge.fields.status'), dataIndex: 'status', render: (value) => <ArticleStatusTag status={value} /> },
        { title: t('knowledge.fields.category'), dataIndex: 'categoryName', render: (value: string | null) => value ?? '-' },
        { title: t('knowledge.fields.updatedAt'), dataIndex: 'updatedAt', render: (value: number) => <DateTimeText value={value} /> },
      ]}
    />
  );
}

/** KB-2: the reviewer's queue of submitted articles. */
export function ReviewQueuePage() {
  const { t } = useT();
  return (
    <PageContainer title={t('knowledge.review.title')}>
      <Card size="small">
        <StatusList status="in_review" />
      </Card>
    </PageContainer>
  );
}

function ReportList({ title, items }: { title: string; items: ReportArticle[] }) {
  const { t } = useT();
  return (
    <Card size="small" title={title}>
      <List
        size="small"
        dataSource={items}
        locale={{ emptyText: t('knowledge.report.none') }}
        renderItem={(item) => (
          <List.Item>
            <Link to={articlePath(item.id)}>{item.title}</Link>
            <Space size={4}>
              <Tag>{t('knowledge.report.views', { count: item.viewCount })}</Tag>
              <Tag>{t('knowledge.report.uses', { count: item.useCount })}</Tag>
              <Tag color="green">{item.helpfulCount}</Tag>
              <Tag color="red">{item.unhelpfulCount}</Tag>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

function ReportTab() {
  const { t } = useT();
  const report = useKnowledgeReport();
  if (report.isError) return <LoadFailedResult error={report.error} onRetry={() => void report.refetch()} />;
  if (!report.data) return <SectionLoading />;
  return (
    <Flex vertical gap={16}>
      <ReportList title={t('knowledge.report.expired')} items={report.data.expired} />
      <ReportList title={t('knowledge.report.stale', { days: report.data.staleDays })} items={report.data.stale} />
      <ReportList title={t('knowledge.report.unhelpful')} items={report.data.unhelpful} />
      <ReportList title={t('knowledge.report.mostUsed')} items={report.data.mostUsed} />
      <Card size="small" title={t('knowledge.report.editors')}>
        <Table
          size="small"
          rowKey="userId"
          pagination={false}
          dataSource={report.data.editors}
          columns={[
            { title: t('knowledge.report.editor'), dataIndex: 'name' },
            { title: t('knowledge.report.published'), dataIndex: 'published' },
            { title: t('knowledge.report.returned'), dataIndex: 'returned' },
            { title: t('knowledge.report.helpful'), dataIndex: 'helpful' },
            { title: t('knowledge.report.unhelpfulVotes'), dataIndex: 'unhelpful' },
            { title: t('knowledge.report.score'), dataIndex: 'score', render: (value: number | null) => value ?? '-' },
          ]}
        />
      </Card>
    </Flex>
  );
}

function SynonymsTab() {
  const { t } = useT();
  const { message } = App.useApp();
  const synonyms = useSynonyms();
  const save = useSaveSynonyms();
  const reportError = useReportError();
  const [text, setText] = useState<string | null>(null);
  if (!synonyms.data) return <SectionLoading />;
  const shown = text ?? synonyms.data.groups.map((group) => group.join(' ')).join('\n');
  const submit = () => {
    const groups = shown
      .split('\n')
      .map((line) => line.split(/[\s,\uff0c=\u3001]+/).filter(Boolean))
      .filter((group) => group.length >= 2);
    save.mutate({ groups }, { onSuccess: () => void message.success(t('knowledge.synonyms.saved')), onError: (error) => reportError(error) });
  };
  return (
    <Flex vertical gap={8}>
      <Typography.Text type="secondary">{t('knowledge.synonyms.help')}</Typography.Text>
      <Input.TextArea rows={10} value={shown} onChange={(event) => setText(event.target.value)} data-testid="synonyms-text" />
      <Button type="primary" onClick={submit} loading={save.isPending} style={{ alignSelf: 'flex-start' }}>
        {t('knowledge.synonyms.save')}
      </Button>
    </Flex>
  );
}

function CategoriesTab() {
  const { t } = useT();
  const categories = useKnowledgeCategories();
  const { create, remove } = useCategoryMutations();
  const reportError = useReportError();
  const [name, setName] = useState('');
  const [parentId, setParentId] = useState<number | null>(null);
  const names = new Map((categories.data ?? []).map((category) => [category.id, category.name]));
  return (
    <Flex vertical gap={12}>
      <Space wrap>
        <Input value={name} onChange={(event) => setName(event.target.value)} placeholder={t('knowledge.categories.name')} maxLength={50} />
        <KnowledgeCategorySelect value={parentId} onChange={setParentId} placeholder={t('knowledge.categories.parent')} style={{ minWidth: 180 }} />
        <Button
          type="primary"
          disabled={name.trim() === ''}
          loading={create.isPending}
          onClick={() => create.mutate({ name: name.trim(), parentId }, { onSuccess: () => setName(''), onError: (error) => reportError(error) })}
        >
          {t('knowledge.categories.add')}
        </Button>
      </Space>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        loading={categories.isPending}
        dataSource={categories.data ?? []}
        columns={[
          { title: t('knowledge.categories.name'), dataIndex: 'name' },
          { title: t('knowledge.categories.parent'), dataIndex: 'parentId', render: (value: number | null) => (value === null ? '-' : (names.get(value) ?? '-')) },
          {
            title: '',
            key: 'remove',
            render: (_: unknown, row) => (
              <Button size="small" danger onClick={() => remove.mutate(row.id, { onError: (error) => reportError(error) })}>
                {t('common.delete')}
              </Button>
            ),
          },
        ]}
      />
    </Flex>
  );
}

/** KB-2 and KB-5 for editors: articles by status, the report, synonyms and categories. */
export function EditorialPage() {
  const { t } = useT();
  const { can } = useAuth();
  const manager = can('knowledge.manage');
  return (
    <PageContainer title={t('knowledge.editorial.title')}>
      <Card size="small">
        <Tabs
          items={[
            { key: 'mine', label: t('knowledge.editorial.myDrafts'), children: <StatusList status="draft" mine /> },
            { key: 'draft', label: t('shared:knowledge.statuses.draft'), children: <StatusList status="draft" /> },
            { key: 'in_review', label: t('shared:knowledge.statuses.in_review'), children: <StatusList status="in_review" /> },
            { key: 'published', label: t('shared:knowledge.statuses.published'), children: <StatusList status="published" /> },
            { key: 'archived', label: t('shared:knowledge.statuses.archived'), children: <StatusList status="archived" /> },
            ...(manager
              ? [
                  { key: 'report', label: t('knowledge.report.title'), children: <ReportTab /> },
                  { key: 'synonyms', label: t('knowledge.synonyms.title'), children: <SynonymsTab /> },
                  { key: 'categories', label: t('knowledge.categories.title'), children: <CategoriesTab /> },
                ]
              : []),
          ]}
        />
      </Card>
    </PageContainer>
  );
}
