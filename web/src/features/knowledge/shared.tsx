import { useMemo } from 'react';
import { Tag, TreeSelect } from 'antd';
import type { ArticleKind, ArticleStatus, KnowledgeCategory } from '@kefu/contracts';
import { useKnowledgeCategories } from '../../api/knowledge';
import { useT } from '../../i18n/useT';

export const KNOWLEDGE_PATH = '/knowledge';

export function articlePath(id: number): string {
  return `${KNOWLEDGE_PATH}/articles/${id}`;
}

export function articleEditPath(id: number): string {
  return `${KNOWLEDGE_PATH}/articles/${id}/edit`;
}

const STATUS_COLORS: Record<ArticleStatus, string> = { draft: 'default', in_review: 'processing', published: 'success', archived: 'warning' };

export function ArticleStatusTag({ status }: { status: ArticleStatus }) {
  const { t } = useT();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="article-status">
      {t(`shared:knowledge.statuses.${status}`)}
    </Tag>
  );
}

export function ArticleKindTag({ kind }: { kind: ArticleKind }) {
  const { t } = useT();
  return <Tag color={kind === 'unified_answer' ? 'purple' : 'blue'}>{t(`shared:knowledge.kinds.${kind}`)}</Tag>;
}

interface TreeNode {
  value: number;
  title: string;
  children: TreeNode[];
}

/** The category list as a tree (parents before children in any order). */
export function categoryTree(categories: readonly KnowledgeCategory[]): TreeNode[] {
  const nodes = new Map(categories.map((category) => [category.id, { value: category.id, title: category.name, children: [] as TreeNode[] }]));
  const roots: TreeNode[] = [];
  for (const category of categories) {
    const node = nodes.get(category.id)!;
    const parent = category.parentId === null ? undefined : nodes.get(category.parentId);
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

export function KnowledgeCategorySelect(props: { value?: number | null; onChange?: (value: number | null) => void; placeholder?: string; style?: React.CSSProperties; 'data-testid'?: string }) {
  const categories = useKnowledgeCategories();
  const treeData = useMemo(() => categoryTree(categories.data ?? []), [categories.data]);
  return (
    <TreeSelect<number | null>
      data-testid={props['data-testid']}
      treeData={treeData}
      loading={categories.isPending}
      value={props.value ?? undefined}
      onChange={(next) => props.onChange?.(next ?? null)}
      allowClear
      treeDefaultExpandAll
      placeholder={props.placeholder}
      style={props.style}
      popupMatchSelectWidth={false}
    />
  );
}
