import {
  CHANNELS,
  PRIORITIES,
  WORK_ORDER_SORTS,
  WORK_ORDER_STATUSES,
  WORK_ORDER_TYPES,
  WORK_ORDER_VIEWS,
  type WorkOrderStatus,
  type WorkOrderView,
} from '@kefu/contracts';
import type { WorkOrderListParams } from '../../../api/work-orders';

/** The workspace's URL parameters besides the page. */
export const WORKSPACE_URL_KEYS = ['view', 'q', 'status', 'type', 'channel', 'priority', 'categoryId', 'sort'] as const;
export type WorkspaceUrlKey = (typeof WORKSPACE_URL_KEYS)[number];

/** Agents start on their own accountable queue; people who do not handle orders on everything. */
export function defaultView(canHandle: boolean): WorkOrderView {
  return canHandle ? 'accountable' : 'all';
}

function oneOf<T extends string>(values: readonly T[], value: string | undefined): T | undefined {
  return (values as readonly string[]).includes(value ?? '') ? (value as T) : undefined;
}

/** `status=new,accepted` in the URL: unknown entries are dropped, the order is kept. */
export function parseStatuses(value: string | undefined): WorkOrderStatus[] {
  if (!value) return [];
  const wanted = new Set(value.split(','));
  return WORK_ORDER_STATUSES.filter((status) => wanted.has(status));
}

export function formatStatuses(statuses: readonly WorkOrderStatus[]): string | undefined {
  return statuses.length > 0 ? statuses.join(',') : undefined;
}

export function parseView(value: string | undefined, fallback: WorkOrderView): WorkOrderView {
  return oneOf(WORK_ORDER_VIEWS, value) ?? fallback;
}

/**
 * The list request for what the URL says. Anything invalid (hand-edited or from an older
 * link) is ignored rather than sent, so the server never answers a shared link with 400.
 */
export function buildWorkOrderQuery(
  read: (key: WorkspaceUrlKey) => string | undefined,
  page: { limit: number; offset: number },
  fallbackView: WorkOrderView,
): WorkOrderListParams {
  const q = read('q')?.trim().slice(0, 64);
  const categoryId = Number(read('categoryId'));
  const statuses = parseStatuses(read('status'));
  return {
    limit: page.limit,
    offset: page.offset,
    view: parseView(read('view'), fallbackView),
    ...(q ? { q } : {}),
    ...(statuses.length > 0 ? { status: statuses } : {}),
    type: oneOf(WORK_ORDER_TYPES, read('type')),
    channel: oneOf(CHANNELS, read('channel')),
    priority: oneOf(PRIORITIES, read('priority')),
    categoryId: Number.isInteger(categoryId) && categoryId > 0 ? categoryId : undefined,
    sort: oneOf(WORK_ORDER_SORTS, read('sort')) ?? 'updated_desc',
  };
}
