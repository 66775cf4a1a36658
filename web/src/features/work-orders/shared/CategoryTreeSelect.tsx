import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import type { Category } from '@kefu/contracts';
import { useWorkOrderCategories } from '../../../api/work-orders';
import { buildCategoryTree } from './category-tree';

interface CategoryTreeSelectProps {
  value?: number | null;
  onChange?: (value: number | null, category: Category | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  /** Filters may pick inactive categories (old orders use them); forms may not. */
  includeInactive?: boolean;
  style?: React.CSSProperties;
  size?: 'small' | 'middle' | 'large';
  disabled?: boolean;
  status?: 'error' | 'warning';
  id?: string;
  'data-testid'?: string;
}

/** Picks one business category (业务分类) from the organisation's tree; clearing gives null. */
export function CategoryTreeSelect({ value, onChange, includeInactive, ...rest }: CategoryTreeSelectProps) {
  const categories = useWorkOrderCategories();
  const treeData = useMemo(
    () => buildCategoryTree(categories.data ?? [], { includeInactive, keepId: value }),
    [categories.data, includeInactive, value],
  );
  return (
    <TreeSelect<number | null>
      {...rest}
      treeData={treeData}
      loading={categories.isPending}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null, categories.data?.find((category) => category.id === next))}
      treeNodeLabelProp="pathLabel"
      showSearch={{ treeNodeFilterProp: 'pathLabel' }}
      treeDefaultExpandAll
      popupMatchSelectWidth={false}
      listHeight={320}
    />
  );
}
