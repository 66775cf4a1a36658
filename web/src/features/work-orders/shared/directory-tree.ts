import type { DirectoryDepartment } from '../../../api/work-orders';

export interface DirectoryTreeOption {
  value: number;
  title: string;
  children?: DirectoryTreeOption[];
}

/** The directory's flat unit list as a tree; a unit whose parent is missing becomes a root. */
export function buildDirectoryTree(departments: readonly DirectoryDepartment[]): DirectoryTreeOption[] {
  const ids = new Set(departments.map((department) => department.id));
  const childrenOf = new Map<number | null, DirectoryDepartment[]>();
  for (const department of departments) {
    const parent = department.parentId !== null && ids.has(department.parentId) ? department.parentId : null;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), department]);
  }
  const build = (parentId: number | null): DirectoryTreeOption[] =>
    (childrenOf.get(parentId) ?? []).map((department) => {
      const children = build(department.id);
      return { value: department.id, title: department.name, ...(children.length > 0 ? { children } : {}) };
    });
  return build(null);
}
