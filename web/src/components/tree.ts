/** Anything kept as a flat list with parent links: departments and teams, business categories. */
export interface TreeItem {
  id: number;
  parentId: number | null;
  name: string;
  /** Where the list carries one (the work-order directory does not), it orders siblings before the name. */
  sortOrder?: number;
}

export type TreeNode<T extends TreeItem> = T & { children?: TreeNode<T>[] };

export interface TreeOption {
  value: number;
  title: string;
  disabled?: boolean;
  children?: TreeOption[];
}

/** Siblings in the order the organisation set (sort order, then name). */
export function bySortOrderThenName(a: TreeItem, b: TreeItem): number {
  return (a.sortOrder ?? 0) - (b.sortOrder ?? 0) || a.name.localeCompare(b.name, 'zh-CN');
}

/** The flat list from the API as a tree; an item whose parent is missing becomes a root. */
export function buildTree<T extends TreeItem>(items: readonly T[], compare: (a: T, b: T) => number = bySortOrderThenName): TreeNode<T>[] {
  const ids = new Set(items.map((item) => item.id));
  const childrenOf = new Map<number | null, T[]>();
  for (const item of items) {
    const parent = item.parentId !== null && ids.has(item.parentId) ? item.parentId : null;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), item]);
  }
  // `seen` guards against a cycle in bad data: each item appears once.
  const seen = new Set<number>();
  const build = (parentId: number | null): TreeNode<T>[] =>
    [...(childrenOf.get(parentId) ?? [])]
      .sort(compare)
      .filter((item) => !seen.has(item.id) && seen.add(item.id))
      .map((item) => {
        const children = build(item.id);
        return children.length > 0 ? { ...item, children } : { ...item };
      });
  return build(null);
}

/** The item and everything below it, e.g. the places it cannot be moved under. */
export function subtreeIds(items: readonly TreeItem[], rootId: number): Set<number> {
  const result = new Set<number>([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const item of items) {
      if (item.parentId !== null && result.has(item.parentId) && !result.has(item.id)) {
        result.add(item.id);
        grew = true;
      }
    }
  }
  return result;
}

/** The tree as TreeSelect options; `disabled` marks the nodes that cannot be picked. */
export function toTreeOptions<T extends TreeItem>(
  nodes: readonly TreeNode<T>[],
  disabled: (node: T) => boolean = () => false,
): TreeOption[] {
  return nodes.map((node) => ({
    value: node.id,
    title: node.name,
    ...(disabled(node) ? { disabled: true } : {}),
    ...(node.children ? { children: toTreeOptions(node.children, disabled) } : {}),
  }));
}

/** The nodes that can be expanded. */
export function idsWithChildren<T extends TreeItem>(nodes: readonly TreeNode<T>[]): number[] {
  return nodes.flatMap((node) => (node.children ? [node.id, ...idsWithChildren(node.children)] : []));
}

/** Keeps the nodes whose name matches and the path down to them. */
export function filterTree<T extends TreeItem>(nodes: readonly TreeNode<T>[], keyword: string): TreeNode<T>[] {
  const needle = keyword.trim().toLowerCase();
  if (!needle) return [...nodes];
  return nodes.flatMap((node) => {
    const children = node.children ? filterTree(node.children, needle) : [];
    if (node.name.toLowerCase().includes(needle)) return [node];
    return children.length > 0 ? [{ ...node, children }] : [];
  });
}
