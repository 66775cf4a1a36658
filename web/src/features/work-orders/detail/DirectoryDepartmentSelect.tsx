import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import { useWorkOrderDirectory } from '../../../api/work-orders';

interface DirectoryDepartmentSelectProps {
  value?: number | null;
  onChange?: (value: number | null) => void;
  placeholder?: string;
  allowClear?: boolean;
  id?: string;
  'data-testid'?: string;
}

/** Picks a department or team from the work-order directory (dispatch targets, assignment pools). */
export function DirectoryDepartmentSelect({ value, onChange, ...rest }: DirectoryDepartmentSelectProps) {
  const directory = useWorkOrderDirectory();
  const treeData = useMemo(() => {
    const departments = directory.data?.departments ?? [];
    const ids = new Set(departments.map((department) => department.id));
    return departments.map((department) => ({
      id: department.id,
      // A unit whose parent is not listed becomes a root rather than disappearing.
      pId: department.parentId !== null && ids.has(department.parentId) ? department.parentId : 0,
      value: department.id,
      title: department.name,
    }));
  }, [directory.data]);
  return (
    <TreeSelect<number | null>
      {...rest}
      treeData={treeData}
      treeDataSimpleMode={{ id: 'id', pId: 'pId', rootPId: 0 }}
      loading={directory.isPending}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      treeDefaultExpandAll
      showSearch={{ treeNodeFilterProp: 'title' }}
      virtual={false}
      listHeight={280}
    />
  );
}
