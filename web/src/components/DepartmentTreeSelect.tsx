import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import { buildTree, toTreeOptions, type TreeItem } from './tree';

export interface DepartmentTreeSelectProps {
  /** The admin department list, or the work-order directory's (see DirectoryDepartmentSelect). */
  departments: readonly TreeItem[] | undefined;
  loading?: boolean;
  value?: number | null;
  onChange?: (value: number | null) => void;
  placeholder?: string;
  allowClear?: boolean;
  /** Units that cannot be picked, e.g. a department's own subtree or teams already listed elsewhere in the form. */
  disabledIds?: ReadonlySet<number>;
  disabled?: boolean;
  popupMatchSelectWidth?: boolean;
  style?: React.CSSProperties;
  id?: string;
  'data-testid'?: string;
}

/** Picks one department or team from the organisation tree; clearing gives null. */
export function DepartmentTreeSelect({ departments, loading, value, onChange, disabledIds, ...rest }: DepartmentTreeSelectProps) {
  const treeData = useMemo(
    () => toTreeOptions(buildTree(departments ?? []), (node) => disabledIds?.has(node.id) ?? false),
    [departments, disabledIds],
  );
  return (
    <TreeSelect<number | null>
      {...rest}
      treeData={treeData}
      loading={loading}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      treeDefaultExpandAll
      showSearch={{ treeNodeFilterProp: 'title' }}
      // An organisation has tens of units, not thousands: plain rendering keeps every node
      // reachable without the jumps of a virtual list.
      virtual={false}
      listHeight={280}
    />
  );
}
