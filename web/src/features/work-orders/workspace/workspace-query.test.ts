import { describe, expect, it } from 'vitest';
import { buildWorkOrderQuery, defaultView, formatStatuses, parseStatuses, type WorkspaceUrlKey } from './workspace-query';

const page = { limit: 20, offset: 40 };
const reader = (values: Partial<Record<WorkspaceUrlKey, string>>) => (key: WorkspaceUrlKey) => values[key];

describe('workspace URL → list query', () => {
  it('starts agents on their accountable queue and others on everything', () => {
    expect(defaultView(true)).toBe('accountable');
    expect(defaultView(false)).toBe('all');
    expect(buildWorkOrderQuery(reader({}), page, 'accountable')).toEqual({
      limit: 20,
      offset: 40,
      view: 'accountable',
      type: undefined,
      channel: undefined,
      priority: undefined,
      categoryId: undefined,
      sort: 'updated_desc',
    });
  });

  it('takes every valid filter', () => {
    const query = buildWorkOrderQuery(
      reader({ view: 'team', q: ' 宽带 断线 ', status: 'new,in_progress', type: 'fault', channel: 'wechat', priority: 'urgent', categoryId: '12', sort: 'due_asc' }),
      page,
      'accountable',
    );
    expect(query).toMatchObject({
      view: 'team',
      q: '宽带 断线',
      status: ['new', 'in_progress'],
      type: 'fault',
      channel: 'wechat',
      priority: 'urgent',
      categoryId: 12,
      sort: 'due_asc',
    });
  });

  it('drops what a hand-edited link got wrong instead of sending it', () => {
    const query = buildWorkOrderQuery(
      reader({ view: 'mine', status: 'new,bogus', type: 'x', channel: 'fax', priority: 'meh', categoryId: '-3', sort: 'random', q: '   ' }),
      page,
      'all',
    );
    expect(query).toMatchObject({ view: 'all', status: ['new'], type: undefined, channel: undefined, priority: undefined, categoryId: undefined, sort: 'updated_desc' });
    expect(query).not.toHaveProperty('q');
  });

  it('caps the search at the API limit of 64 characters', () => {
    expect(buildWorkOrderQuery(reader({ q: '话'.repeat(80) }), page, 'all').q).toHaveLength(64);
  });

  it('round-trips statuses in lifecycle order', () => {
    expect(parseStatuses('closed,new')).toEqual(['new', 'closed']);
    expect(parseStatuses(undefined)).toEqual([]);
    expect(formatStatuses(['new', 'suspended'])).toBe('new,suspended');
    expect(formatStatuses([])).toBeUndefined();
  });
});
