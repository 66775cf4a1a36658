import { describe, expect, it } from 'vitest';
import { categoryFieldSchema, type Category } from '@kefu/contracts';
import { buildCategoryTree, buildTree, duplicateFieldKeys, fieldRowsToInput, filterTree, idsWithChildren, subtreeIds, toTreeOptions } from './category-tree';

function category(id: number, name: string, parentId: number | null, extra: Partial<Category> = {}): Category {
  return {
    id,
    name,
    parentId,
    pathNames: [name],
    defaultDepartment: null,
    defaultPriority: 'normal',
    requiresConfirmation: false,
    fields: [],
    sortOrder: 0,
    active: true,
    ...extra,
  };
}

const flat = [
  category(3, '断线', 2),
  category(1, '宽带', null, { sortOrder: 10 }),
  category(2, '故障', 1),
  category(4, '移动业务', null, { sortOrder: 5 }),
  category(5, '旧套餐', 4, { active: false }),
  category(6, '资费', 1, { sortOrder: -1 }),
];

describe('buildCategoryTree', () => {
  it('nests by parentId, ordered by sort order then name, inactive ones kept', () => {
    const tree = buildCategoryTree(flat);
    expect(tree.map((node) => node.name)).toEqual(['移动业务', '宽带']);
    expect(tree[1]?.children?.map((node) => node.name)).toEqual(['资费', '故障']);
    expect(tree[1]?.children?.[1]?.children?.map((node) => node.id)).toEqual([3]);
    expect(tree[0]?.children?.[0]).toMatchObject({ id: 5, active: false });
  });

  it('leaves no empty children arrays (the table would show an expander)', () => {
    const leaf = buildCategoryTree(flat)[0]?.children?.[0];
    expect(leaf && 'children' in leaf).toBe(false);
  });

  it('makes an orphan a root and survives a cycle in bad data', () => {
    expect(buildTree([{ id: 1, name: 'a', parentId: 99 }]).map((node) => node.id)).toEqual([1]);
    const cyclic = [
      { id: 1, name: 'a', parentId: 2 },
      { id: 2, name: 'b', parentId: 1 },
    ];
    expect(buildTree(cyclic)).toEqual([]);
  });
});

describe('subtreeIds', () => {
  it('is the category and everything below it', () => {
    expect([...subtreeIds(flat, 1)].sort()).toEqual([1, 2, 3, 6]);
    expect([...subtreeIds(flat, 3)]).toEqual([3]);
  });
});

describe('toTreeOptions / idsWithChildren / filterTree', () => {
  const tree = buildCategoryTree(flat);

  it('marks forbidden parents disabled', () => {
    const forbidden = subtreeIds(flat, 2);
    const options = toTreeOptions(tree, (node) => forbidden.has(node.id));
    const broadband = options[1];
    expect(broadband).toMatchObject({ value: 1, title: '宽带' });
    expect(broadband?.disabled).toBeUndefined();
    expect(broadband?.children?.[1]).toMatchObject({ value: 2, disabled: true, children: [{ value: 3, disabled: true }] });
  });

  it('lists the expandable nodes', () => {
    expect(idsWithChildren(tree).sort()).toEqual([1, 2, 4]);
  });

  it('keeps matches and the path down to them', () => {
    const filtered = filterTree(tree, '断线');
    expect(filtered.map((node) => node.id)).toEqual([1]);
    expect(filtered[0]?.children?.map((node) => node.id)).toEqual([2]);
    expect(filterTree(tree, '  ')).toHaveLength(2);
  });
});

describe('intake field rows', () => {
  it('become valid API fields: trimmed, options only for select and without duplicates', () => {
    const fields = fieldRowsToInput([
      { key: ' account ', label: ' 宽带账号 ', type: 'text', required: true, options: ['left over'] },
      { key: 'fault_kind', label: '故障类型', type: 'select', options: ['断线', ' 断线', '', '网速慢'] },
      { key: 'since', label: '开始时间' },
    ]);
    expect(fields).toEqual([
      { key: 'account', label: '宽带账号', type: 'text', required: true, options: [] },
      { key: 'fault_kind', label: '故障类型', type: 'select', required: false, options: ['断线', '网速慢'] },
      { key: 'since', label: '开始时间', type: 'text', required: false, options: [] },
    ]);
    for (const field of fields) expect(categoryFieldSchema.safeParse(field).success).toBe(true);
  });

  it('report duplicate keys', () => {
    expect([...duplicateFieldKeys([{ key: 'a' }, { key: 'b' }, { key: ' a' }, { key: '' }, { key: '' }])]).toEqual(['a']);
    expect(duplicateFieldKeys(undefined).size).toBe(0);
  });
});
