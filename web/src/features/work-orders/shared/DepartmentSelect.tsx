import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import { useWorkOrderDirectory } from '../../../api/work-orders';
import { buildDirectoryTree } from './directory-tree';

interface DepartmentSelectProps {
  value?: number | null;
  onChange?: (value: number | null) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  disabled?: boolean;
  id?: string;
  'data-testid'?: string;
}

/**
 * Picks a department or team from the work-order directory (readable by everyone who
 * reads orders, unlike the admin department list). Clearing gives null.
 */
export function DepartmentSelect({ value, onChange, ...rest }: DepartmentSelectProps) {
  const directory = useWorkOrderDirectory();
  const treeData = useMemo(() => buildDirectoryTree(directory.data?.departments ?? []), [directory.data]);
  return (
    <TreeSelect<number | null>
      {...rest}
      treeData={treeData}
      loading={directory.isPending}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      treeDefaultExpandAll
      showSearch={{ treeNodeFilterProp: 'title' }}
      popupMatchSelectWidth={false}
      listHeight={300}
    />
  );
}
