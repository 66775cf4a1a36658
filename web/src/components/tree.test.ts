import { describe, expect, it } from 'vitest';
import { buildTree, filterTree, idsWithChildren, subtreeIds, toTreeOptions, type TreeItem } from './tree';

function item(id: number, name: string, parentId: number | null, sortOrder?: number): TreeItem {
  return { id, name, parentId, ...(sortOrder === undefined ? {} : { sortOrder }) };
}

const flat = [
  item(3, '断线', 2, 0),
  item(1, '宽带', null, 10),
  item(2, '故障', 1, 0),
  item(4, '移动业务', null, 5),
  item(5, '旧套餐', 4, 0),
  item(6, '资费', 1, -1),
];

describe('buildTree', () => {
  it('nests by parentId, ordered by sort order then name', () => {
    const tree = buildTree(flat);
    expect(tree.map((node) => node.name)).toEqual(['移动业务', '宽带']);
    expect(tree[1]?.children?.map((node) => node.name)).toEqual(['资费', '故障']);
    expect(tree[1]?.children?.[1]?.children?.map((node) => node.id)).toEqual([3]);
  });

  it('orders by name where the list has no sort order (the work-order directory)', () => {
    const tree = buildTree([item(1, '客服中心', null), item(3, '二班', 1), item(2, '一班', 1)]);
    expect(tree[0]?.children?.map((node) => node.name)).toEqual(['二班', '一班']);
  });

  it('leaves no empty children arrays (the table would show an expander)', () => {
    const leaf = buildTree(flat)[0]?.children?.[0];
    expect(leaf && 'children' in leaf).toBe(false);
  });

  it('makes an orphan a root and survives a cycle in bad data', () => {
    expect(buildTree([item(1, 'a', 99)]).map((node) => node.id)).toEqual([1]);
    expect(buildTree([item(1, 'a', 2), item(2, 'b', 1)])).toEqual([]);
  });
});

describe('subtreeIds', () => {
  it('is the item and everything below it', () => {
    expect([...subtreeIds(flat, 1)].sort()).toEqual([1, 2, 3, 6]);
    expect([...subtreeIds(flat, 3)]).toEqual([3]);
  });
});

describe('toTreeOptions / idsWithChildren / filterTree', () => {
  const tree = buildTree(flat);

  it('marks forbidden parents disabled', () => {
    const forbidden = subtreeIds(flat, 2);
    const options = toTreeOptions(tree, (node) => forbidden.has(node.id));
    const broadband = options[1];
    expect(broadband).toMatchObject({ value: 1, title: '宽带' });
    expect(broadband?.disabled).toBeUndefined();
    expect(broadband?.children?.[1]).toMatchObject({ value: 2, disabled: true, children: [{ value: 3, disabled: true }] });
  });

  it('gives plain options without a disabled mark when nothing is forbidden', () => {
    expect(toTreeOptions(buildTree([item(1, '客服中心', null), item(2, '一班', 1), item(3, '外部', 42)]))).toEqual([
      { value: 1, title: '客服中心', children: [{ value: 2, title: '一班' }] },
      { value: 3, title: '外部' },
    ]);
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
