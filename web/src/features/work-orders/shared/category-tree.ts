import type { Category } from '@kefu/contracts';
import { buildTree, type TreeNode } from '../../../components/tree';

export interface CategoryTreeOption {
  value: number;
  title: string;
  /** The whole path (宽带 / 故障 / 断线), shown once chosen and searched on. */
  pathLabel: string;
  disabled?: boolean;
  children?: CategoryTreeOption[];
}

/**
 * The flat category list as a tree for a TreeSelect, ordered by sort order then name.
 * Inactive categories are left out with everything below them, unless `includeInactive`
 * or one of them is `keepId` (an order filed under a since-retired category still shows
 * its name). A node whose parent is missing becomes a root.
 */
export function buildCategoryTree(categories: readonly Category[], options: { includeInactive?: boolean; keepId?: number | null } = {}): CategoryTreeOption[] {
  const toOptions = (nodes: readonly TreeNode<Category>[]): CategoryTreeOption[] =>
    nodes.flatMap((category) => {
      const children = toOptions(category.children ?? []);
      const shown = options.includeInactive || category.active || category.id === options.keepId;
      // A retired branch stays only as the way to the kept category below it.
      if (!shown && !containsValue(children, options.keepId)) return [];
      return [
        {
          value: category.id,
          title: category.name,
          pathLabel: categoryPathLabel(category),
          ...(category.active ? {} : { disabled: true }),
          ...(children.length > 0 ? { children } : {}),
        },
      ];
    });
  return toOptions(buildTree(categories));
}

function containsValue(nodes: readonly CategoryTreeOption[], value: number | null | undefined): boolean {
  if (value === null || value === undefined) return false;
  return nodes.some((node) => node.value === value || containsValue(node.children ?? [], value));
}

export function categoryPathLabel(category: Pick<Category, 'name' | 'pathNames'>): string {
  return (category.pathNames.length > 0 ? category.pathNames : [category.name]).join(' / ');
}
