import { describe, expect, it } from 'vitest';
import type { Category } from '@kefu/contracts';
import { buildCategoryTree, categoryPathLabel } from './category-tree';

function category(id: number, name: string, parentId: number | null, extra: Partial<Category> = {}): Category {
  return {
    id,
    name,
    parentId,
    pathNames: [],
    defaultDepartment: null,
    defaultPriority: 'normal',
    requiresConfirmation: false,
    fields: [],
    sortOrder: 0,
    active: true,
    ...extra,
  };
}

describe('category tree', () => {
  const categories = [
    category(2, '话费', null, { sortOrder: 2, pathNames: ['话费'] }),
    category(1, '宽带', null, { sortOrder: 1, pathNames: ['宽带'] }),
    category(3, '故障', 1, { pathNames: ['宽带', '故障'] }),
    category(4, '旧业务', 1, { active: false, pathNames: ['宽带', '旧业务'] }),
    category(5, '旧子类', 4, { active: false, pathNames: ['宽带', '旧业务', '旧子类'] }),
    category(6, '孤儿', 99, { sortOrder: 3, pathNames: [] }),
  ];

  it('nests by parent, sorted, with the full path as the label', () => {
    const tree = buildCategoryTree(categories);
    expect(tree.map((node) => node.title)).toEqual(['宽带', '话费', '孤儿']);
    expect(tree[0]?.children?.map((node) => node.pathLabel)).toEqual(['宽带 / 故障']);
    expect(tree[2]?.pathLabel).toBe('孤儿');
  });

  it('hides inactive branches unless asked, or unless the current value is one', () => {
    expect(buildCategoryTree(categories)[0]?.children).toHaveLength(1);
    const all = buildCategoryTree(categories, { includeInactive: true });
    const retired = all[0]?.children?.find((node) => node.value === 4);
    expect(retired).toMatchObject({ disabled: true, children: [{ value: 5 }] });
    const kept = buildCategoryTree(categories, { keepId: 4 });
    expect(kept[0]?.children?.map((node) => node.value)).toEqual([3, 4]);
    const keptBelow = buildCategoryTree(categories, { keepId: 5 });
    expect(keptBelow[0]?.children?.[1]).toMatchObject({ value: 4, disabled: true, children: [{ value: 5, disabled: true }] });
  });

  it('labels a category by its path', () => {
    expect(categoryPathLabel({ name: '断线', pathNames: ['宽带', '故障', '断线'] })).toBe('宽带 / 故障 / 断线');
    expect(categoryPathLabel({ name: '断线', pathNames: [] })).toBe('断线');
  });
});
