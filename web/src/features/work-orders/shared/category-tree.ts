import type { Category } from '@kefu/contracts';

export interface CategoryTreeOption {
  value: number;
  title: string;
  /** The whole path (宽带 / 故障 / 断线), shown once chosen and searched on. */
  pathLabel: string;
  disabled?: boolean;
  children?: CategoryTreeOption[];
}

function bySortOrderThenName(a: Category, b: Category): number {
  return a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN');
}

/**
 * The flat category list as a tree for a TreeSelect. Inactive categories are left out
 * with everything below them, unless `includeInactive` or one of them is `keepId` (an
 * order filed under a since-retired category still shows its name). A node whose parent
 * is missing becomes a root.
 */
export function buildCategoryTree(categories: readonly Category[], options: { includeInactive?: boolean; keepId?: number | null } = {}): CategoryTreeOption[] {
  const ids = new Set(categories.map((category) => category.id));
  const childrenOf = new Map<number | null, Category[]>();
  for (const category of categories) {
    const parent = category.parentId !== null && ids.has(category.parentId) ? category.parentId : null;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), category]);
  }
  const build = (parentId: number | null): CategoryTreeOption[] =>
    [...(childrenOf.get(parentId) ?? [])].sort(bySortOrderThenName).flatMap((category) => {
      const children = build(category.id);
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
  return build(null);
}

function containsValue(nodes: readonly CategoryTreeOption[], value: number | null | undefined): boolean {
  if (value === null || value === undefined) return false;
  return nodes.some((node) => node.value === value || containsValue(node.children ?? [], value));
}

export function categoryPathLabel(category: Pick<Category, 'name' | 'pathNames'>): string {
  return (category.pathNames.length > 0 ? category.pathNames : [category.name]).join(' / ');
}
