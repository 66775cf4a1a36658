import { useState } from 'react';
import { Button, Card, Empty, Flex, Input, List, Pagination, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { ARTICLE_AUDIENCES, ARTICLE_KINDS, ARTICLE_SCOPES, ARTICLE_VALIDITIES, type ArticleListQuery, type ArticleSummary } from '@kefu/contracts';
import { useArticles } from '../../api/knowledge';
import { useAuth } from '../../app/auth-context';
import { PageContainer } from '../../components/PageContainer';
import { LoadFailedResult } from '../../components/StatusResults';
import { useT } from '../../i18n/useT';
import { HighlightText } from '../work-orders/shared/HighlightText';
import { ArticleKindTag, KNOWLEDGE_PATH, KnowledgeCategorySelect, articlePath } from './shared';

const PAGE_SIZE = 20;

function ResultItem({ item }: { item: ArticleSummary }) {
  const { t } = useT();
  return (
    <List.Item data-testid="knowledge-result">
      <Flex vertical gap={4} style={{ width: '100%' }}>
        <Flex gap={8} align="center" wrap>
          <ArticleKindTag kind={item.kind} />
          <Link to={articlePath(item.id)} data-testid="knowledge-result-title" style={{ fontSize: 16, fontWeight: 600 }}>
            <HighlightText html={item.titleHtml} />
          </Link>
          {item.expired && <Tag color="red">{t('knowledge.expired')}</Tag>}
        </Flex>
        <Typography.Text type="secondary">
          <HighlightText html={item.excerptHtml} />
        </Typography.Text>
        <Flex gap={6} wrap>
          {item.categoryName && <Tag>{item.categoryName}</Tag>}
          <Tag>{t(`shared:knowledge.audiences.${item.audience}`)}</Tag>
          <Tag>{[t(`shared:knowledge.scopes.${item.scope}`), item.region].filter(Boolean).join(' · ')}</Tag>
          {item.tags.map((tag) => (
            <Tag key={tag} color="cyan">
              {tag}
            </Tag>
          ))}
        </Flex>
      </Flex>
    </List.Item>
  );
}

/** KB-3: search with highlights and filters; readers see published, current articles. */
export function KnowledgeSearchPage() {
  const { t } = useT();
  const { can } = useAuth();
  const editor = can('knowledge.edit');
  const [text, setText] = useState('');
  const [query, setQuery] = useState<ArticleListQuery>({ limit: PAGE_SIZE, offset: 0, validity: 'valid' });
  const articles = useArticles(query);
  const change = (changes: Partial<ArticleListQuery>) => setQuery((previous) => ({ ...previous, ...changes, offset: 0 }));

  return (
    <PageContainer
      title={t('knowledge.search.title')}
      extra={
        editor && (
          <Link to={`${KNOWLEDGE_PATH}/new`}>
            <Button type="primary" icon={<PlusOutlined />} data-testid="knowledge-new">
              {t('knowledge.editor.new')}
            </Button>
          </Link>
        )
      }
    >
      <Card size="small">
        <Flex vertical gap={12}>
          <Input.Search
            data-testid="knowledge-search"
            value={text}
            onChange={(event) => setText(event.target.value)}
            onSearch={(value) => change({ q: value.trim() || undefined })}
            placeholder={t('knowledge.search.placeholder')}
            enterButton
            allowClear
            size="large"
          />
          <Space wrap>
            <KnowledgeCategorySelect value={query.categoryId ?? null} onChange={(value) => change({ categoryId: value ?? undefined })} placeholder={t('knowledge.fields.category')} style={{ minWidth: 180 }} />
            <Select
              allowClear
              placeholder={t('knowledge.fields.kind')}
              style={{ minWidth: 140 }}
              value={query.kind}
              onChange={(kind) => change({ kind })}
              options={ARTICLE_KINDS.map((value) => ({ value, label: t(`shared:knowledge.kinds.${value}`) }))}
            />
            <Select
              allowClear
              placeholder={t('knowledge.fields.scope')}
              style={{ minWidth: 120 }}
              value={query.scope}
              onChange={(scope) => change({ scope })}
              options={ARTICLE_SCOPES.map((value) => ({ value, label: t(`shared:knowledge.scopes.${value}`) }))}
            />
            <Select
              allowClear
              placeholder={t('knowledge.fields.audience')}
              style={{ minWidth: 140 }}
              value={query.audience}
              onChange={(audience) => change({ audience })}
              options={ARTICLE_AUDIENCES.map((value) => ({ value, label: t(`shared:knowledge.audiences.${value}`) }))}
            />
            {editor && (
              <Select
                style={{ minWidth: 120 }}
                value={query.validity}
                onChange={(validity) => change({ validity })}
                options={ARTICLE_VALIDITIES.map((value) => ({ value, label: t(`knowledge.validity.${value}`) }))}
              />
            )}
          </Space>
        </Flex>
      </Card>
      <Card size="small">
        {articles.isError ? (
          <LoadFailedResult error={articles.error} onRetry={() => void articles.refetch()} />
        ) : (
          <>
            <List
              loading={articles.isPending}
              dataSource={articles.data?.items ?? []}
              locale={{ emptyText: <Empty description={t('knowledge.search.empty')} /> }}
              renderItem={(item) => <ResultItem item={item} />}
            />
            {(articles.data?.total ?? 0) > PAGE_SIZE && (
              <Pagination
                style={{ marginTop: 12, textAlign: 'right' }}
                current={Math.floor((query.offset ?? 0) / PAGE_SIZE) + 1}
                pageSize={PAGE_SIZE}
                total={articles.data?.total ?? 0}
                showSizeChanger={false}
                onChange={(page) => setQuery((previous) => ({ ...previous, offset: (page - 1) * PAGE_SIZE }))}
              />
            )}
          </>
        )}
      </Card>
    </PageContainer>
  );
}
