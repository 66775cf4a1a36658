import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import type { Department } from '@kefu/contracts';
import { buildDepartmentTree, toTreeSelectOptions } from './department-tree';

interface DepartmentTreeSelectProps {
  departments: readonly Department[] | undefined;
  loading?: boolean;
  value?: number | null;
  onChange?: (value: number | null) => void;
  placeholder?: string;
  allowClear?: boolean;
  disabledIds?: ReadonlySet<number>;
  style?: React.CSSProperties;
  id?: string;
  'data-testid'?: string;
}

/** Picks one department or team from the organisation tree; clearing gives null. */
export function DepartmentTreeSelect({ departments, loading, value, onChange, disabledIds, ...rest }: DepartmentTreeSelectProps) {
  const treeData = useMemo(
    () => toTreeSelectOptions(buildDepartmentTree(departments ?? []), disabledIds),
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
