import { Card, Empty, Flex, Typography } from 'antd';
import type { ArticleDiff } from '@kefu/contracts';
import { useArticleDiff } from '../../api/knowledge';
import { formatDateTime } from '../../components/datetime';
import { LoadFailedResult, SectionLoading } from '../../components/StatusResults';
import { useT, type AppT } from '../../i18n/useT';

type Change = ArticleDiff['changes'][number];

/** Codes and times read as words and dates; free text as written. */
function readable(t: AppT, change: Change, value: string | null): string {
  if (value === null) return t('knowledge.diff.none');
  if (change.field === 'audience') return t(`shared:knowledge.audiences.${value as 'internal'}`);
  if (change.field === 'scope') return t(`shared:knowledge.scopes.${value as 'national'}`);
  if (change.field === 'validFrom' || change.field === 'validUntil') return formatDateTime(Number(value));
  return value;
}

/** Text fields as one text with insertions and deletions marked; other fields as before → after. */
function ChangeView({ change }: { change: Change }) {
  const { t } = useT();
  return (
    <Flex vertical gap={4} data-testid={`diff-${change.field}`}>
      <Typography.Text strong>{t(`knowledge.diff.fields.${change.field}`)}</Typography.Text>
      {change.parts ? (
        <div style={{ whiteSpace: 'pre-wrap', lineHeight: 1.8 }}>
          {change.parts.map((part, index) =>
            part.added ? (
              <ins key={index} data-testid="diff-added" style={{ background: '#d9f7be', textDecoration: 'none' }}>
                {part.value}
              </ins>
            ) : part.removed ? (
              <del key={index} data-testid="diff-removed" style={{ background: '#ffccc7' }}>
                {part.value}
              </del>
            ) : (
              <span key={index}>{part.value}</span>
            ),
          )}
        </div>
      ) : (
        <Typography.Text>
          <del style={{ background: '#ffccc7' }}>{readable(t, change, change.before)}</del>
          {' → '}
          <ins style={{ background: '#d9f7be', textDecoration: 'none' }}>{readable(t, change, change.after)}</ins>
        </Typography.Text>
      )}
    </Flex>
  );
}

export function VersionDiff({ articleId, from, to }: { articleId: number; from: number | undefined; to: number | undefined }) {
  const { t } = useT();
  const diff = useArticleDiff(articleId, from, to);
  if (from === undefined || to === undefined || from === to) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('knowledge.diff.pick')} />;
  }
  if (diff.isError) return <LoadFailedResult error={diff.error} />;
  if (!diff.data) return <SectionLoading />;
  return (
    <Card size="small" title={t('knowledge.diff.title', { from: diff.data.from.version, to: diff.data.to.version })} data-testid="article-diff">
      {diff.data.changes.length === 0 ? (
        <Typography.Text type="secondary">{t('knowledge.diff.same')}</Typography.Text>
      ) : (
        <Flex vertical gap={12}>
          {diff.data.changes.map((change) => (
            <ChangeView key={change.field} change={change} />
          ))}
        </Flex>
      )}
    </Card>
  );
}
