import { type CATEGORY_FIELD_TYPES, type Category, type CategoryField } from '@kefu/contracts';

export interface TreeItem {
  id: number;
  parentId: number | null;
  name: string;
}

export type TreeNode<T extends TreeItem> = T & { children?: TreeNode<T>[] };

export interface TreeOption {
  value: number;
  title: string;
  disabled?: boolean;
  children?: TreeOption[];
}

const byName = (a: TreeItem, b: TreeItem) => a.name.localeCompare(b.name, 'zh-CN');

/** The flat list from the API as a tree; an item whose parent is missing becomes a root. */
export function buildTree<T extends TreeItem>(items: readonly T[], compare: (a: T, b: T) => number = byName): TreeNode<T>[] {
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

/** Categories in the order the organisation set (sort order, then name). */
export function buildCategoryTree(categories: readonly Category[]): TreeNode<Category>[] {
  return buildTree(categories, (a, b) => a.sortOrder - b.sortOrder || byName(a, b));
}

/** The item and everything below it, e.g. the places a category cannot be moved under. */
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

// ---- the category's own intake form fields ----

export const FIELD_KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
export const MAX_CATEGORY_FIELDS = 20;
export const MAX_FIELD_OPTIONS = 50;
export const MAX_OPTION_LENGTH = 40;
export type CategoryFieldType = (typeof CATEGORY_FIELD_TYPES)[number];

/** One row of the field editor as the form holds it (options only matter for select). */
export interface CategoryFieldRow {
  key?: string;
  label?: string;
  type?: CategoryFieldType;
  required?: boolean;
  options?: string[];
}

/** Form rows → the API's field list: trimmed, options de-duplicated and only kept for select. */
export function fieldRowsToInput(rows: readonly CategoryFieldRow[] | undefined): CategoryField[] {
  return (rows ?? []).map((row) => {
    const type = row.type ?? 'text';
    const options = type === 'select' ? [...new Set((row.options ?? []).map((option) => option.trim()).filter(Boolean))] : [];
    return { key: (row.key ?? '').trim(), label: (row.label ?? '').trim(), type, required: row.required ?? false, options };
  });
}

/** Keys used by more than one row (an intake form answers by key, so each must be unique). */
export function duplicateFieldKeys(rows: readonly CategoryFieldRow[] | undefined): Set<string> {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const row of rows ?? []) {
    const key = (row.key ?? '').trim();
    if (!key) continue;
    if (seen.has(key)) duplicates.add(key);
    seen.add(key);
  }
  return duplicates;
}
