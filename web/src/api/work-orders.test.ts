import { describe, expect, it, vi } from 'vitest';
import { workOrderListPath } from './work-orders';

// The real client loads i18next, which needs a browser document.
vi.mock('./client', () => ({ api: {} }));

describe('work-order list request', () => {
  it('repeats status for several statuses and leaves out empty filters', () => {
    expect(workOrderListPath({ limit: 20, offset: 0, view: 'team', status: ['new', 'suspended'], q: '宽带', type: undefined })).toBe(
      `/work-orders?limit=20&offset=0&view=team&status=new&status=suspended&q=${encodeURIComponent('宽带')}`,
    );
    expect(workOrderListPath({ limit: 50, offset: 100, q: '' })).toBe('/work-orders?limit=50&offset=100');
  });
});
