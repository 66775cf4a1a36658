import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import { useWorkOrderDirectory } from '../../../api/work-orders';
import { buildTree, toTreeOptions } from './category-tree';

interface TeamTreeSelectProps {
  value?: number | null;
  onChange?: (value: number | null) => void;
  placeholder?: string;
  allowClear?: boolean;
  /** Teams that cannot be picked, e.g. ones already listed elsewhere in the form. */
  disabledIds?: ReadonlySet<number>;
  style?: React.CSSProperties;
  id?: string;
  'data-testid'?: string;
}

/**
 * Picks a department or team from the work-order directory, which every work-order user
 * may read (the admin department list needs departments.read, which agents lack).
 */
export function TeamTreeSelect({ value, onChange, disabledIds, ...rest }: TeamTreeSelectProps) {
  const directory = useWorkOrderDirectory();
  const treeData = useMemo(
    () => toTreeOptions(buildTree(directory.data?.departments ?? []), (node) => disabledIds?.has(node.id) ?? false),
    [directory.data, disabledIds],
  );
  return (
    <TreeSelect<number | null>
      {...rest}
      treeData={treeData}
      loading={directory.isLoading}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      treeDefaultExpandAll
      showSearch={{ treeNodeFilterProp: 'title' }}
      virtual={false}
      listHeight={280}
    />
  );
}

/** Department names by id, for labels such as the per-team overrides. */
export function useTeamNames(): Map<number, string> {
  const directory = useWorkOrderDirectory();
  return useMemo(() => new Map((directory.data?.departments ?? []).map((department) => [department.id, department.name])), [directory.data]);
}
