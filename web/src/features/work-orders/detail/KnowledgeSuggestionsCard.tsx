import { Button, Card, Empty, Flex, Tag, Typography } from 'antd';
import { BookOutlined, EnterOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { Suggestion } from '@kefu/contracts';
import { recordArticleUse, useSuggestions } from '../../../api/knowledge';
import { LoadFailedResult, SectionLoading } from '../../../components/StatusResults';
import { useT } from '../../../i18n/useT';
import { articlePath } from '../../knowledge/shared';
import { HighlightText } from '../shared/HighlightText';

function SuggestionItem({ item, onInsert }: { item: Suggestion; onInsert?: (text: string) => void }) {
  const { t } = useT();
  return (
    <Flex vertical gap={2} data-testid={`suggestion-${item.kind}`}>
      <Flex justify="space-between" align="center" gap={8}>
        <Link to={articlePath(item.id)} target="_blank" style={{ fontWeight: 600 }}>
          {item.title}
        </Link>
        {onInsert && (
          <Button
            size="small"
            icon={<EnterOutlined />}
            data-testid="suggestion-insert"
            onClick={() => {
              onInsert(item.text);
              void recordArticleUse(item.id).catch(() => undefined);
            }}
          >
            {t('knowledge.suggestions.insert')}
          </Button>
        )}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        <HighlightText html={item.excerptHtml} />
      </Typography.Text>
    </Flex>
  );
}

/** KB-4: the unified answers and articles matching this order; one click puts an answer into the reply. */
export function KnowledgeSuggestionsCard({ orderId, onInsert }: { orderId: number; onInsert?: (text: string) => void }) {
  const { t } = useT();
  const suggestions = useSuggestions(orderId, true);
  return (
    <Card size="small" title={<Flex gap={6}><BookOutlined />{t('knowledge.suggestions.title')}</Flex>} data-testid="wo-knowledge">
      {suggestions.isError ? (
        <LoadFailedResult error={suggestions.error} onRetry={() => void suggestions.refetch()} />
      ) : !suggestions.data ? (
        <SectionLoading />
      ) : suggestions.data.answers.length + suggestions.data.articles.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('knowledge.suggestions.none')} />
      ) : (
        <Flex vertical gap={12}>
          {suggestions.data.keywords.length > 0 && (
            <Flex gap={4} wrap>
              {suggestions.data.keywords.map((keyword) => (
                <Tag key={keyword}>{keyword}</Tag>
              ))}
            </Flex>
          )}
          {suggestions.data.answers.length > 0 && <Typography.Text strong>{t('knowledge.suggestions.answers')}</Typography.Text>}
          {suggestions.data.answers.map((item) => (
            <SuggestionItem key={item.id} item={item} onInsert={onInsert} />
          ))}
          {suggestions.data.articles.length > 0 && <Typography.Text strong>{t('knowledge.suggestions.articles')}</Typography.Text>}
          {suggestions.data.articles.map((item) => (
            <SuggestionItem key={item.id} item={item} onInsert={onInsert} />
          ))}
        </Flex>
      )}
    </Card>
  );
}
