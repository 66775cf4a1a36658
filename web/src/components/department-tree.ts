import type { Department } from '@kefu/contracts';

export interface DepartmentNode extends Department {
  children?: DepartmentNode[];
}

export interface DepartmentTreeOption {
  value: number;
  title: string;
  disabled?: boolean;
  children?: DepartmentTreeOption[];
}

function bySortOrderThenName(a: Department, b: Department): number {
  return a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN');
}

/** The flat list from the API as a tree; a node whose parent is missing becomes a root. */
export function buildDepartmentTree(departments: readonly Department[]): DepartmentNode[] {
  const ids = new Set(departments.map((department) => department.id));
  const childrenOf = new Map<number | null, Department[]>();
  for (const department of departments) {
    const parent = department.parentId !== null && ids.has(department.parentId) ? department.parentId : null;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), department]);
  }
  const build = (parentId: number | null): DepartmentNode[] =>
    [...(childrenOf.get(parentId) ?? [])].sort(bySortOrderThenName).map((department) => {
      const children = build(department.id);
      return children.length > 0 ? { ...department, children } : { ...department };
    });
  return build(null);
}

/** The department and everything below it, e.g. the places it cannot be moved under. */
export function subtreeIds(departments: readonly Department[], rootId: number): Set<number> {
  const result = new Set<number>([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const department of departments) {
      if (department.parentId !== null && result.has(department.parentId) && !result.has(department.id)) {
        result.add(department.id);
        grew = true;
      }
    }
  }
  return result;
}

export function toTreeSelectOptions(nodes: readonly DepartmentNode[], disabledIds?: ReadonlySet<number>): DepartmentTreeOption[] {
  return nodes.map((node) => ({
    value: node.id,
    title: node.name,
    ...(disabledIds?.has(node.id) ? { disabled: true } : {}),
    ...(node.children ? { children: toTreeSelectOptions(node.children, disabledIds) } : {}),
  }));
}

export function nodesWithChildren(nodes: readonly DepartmentNode[]): number[] {
  return nodes.flatMap((node) => (node.children ? [node.id, ...nodesWithChildren(node.children)] : []));
}
