import { useCallback } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Availability,
  AvailabilityStatus,
  Category,
  IntakeInput,
  Notification,
  TransitionInput,
  WorkOrder,
  WorkOrderListQuery,
  WorkOrderSettings,
  WorkOrderSummary,
  WorkOrderView,
} from '@kefu/contracts';
import { api } from './client';

export interface WorkOrderPage {
  items: WorkOrderSummary[];
  total: number;
}

export type WorkOrderViewCounts = Record<WorkOrderView, number>;

/** The list filters the API takes; `limit` and `offset` always come from the page. */
export type WorkOrderListParams = Partial<WorkOrderListQuery> & Pick<WorkOrderListQuery, 'limit' | 'offset'>;

export interface DirectoryDepartment {
  id: number;
  name: string;
  parentId: number | null;
}

export interface DirectoryUser {
  id: number;
  name: string;
  username: string;
  departmentId: number | null;
}

/** Dispatch targets, assignees and @mentions: active users and every unit. */
export interface WorkOrderDirectory {
  departments: DirectoryDepartment[];
  users: DirectoryUser[];
}

export type BulkOperation = { kind: 'assign'; userId: number } | { kind: 'transition'; transition: TransitionInput };

export interface BulkResult {
  succeeded: number[];
  failed: { id: number; code: string; message: string }[];
}

export interface NotificationPage {
  items: Notification[];
  unread: number;
}

/**
 * Every key starts with 'work-orders' so one live event (or a write) refreshes them all;
 * notifications are separate because they change on their own.
 */
export const workOrderKeys = {
  all: ['work-orders'] as const,
  list: (query: WorkOrderListParams) => ['work-orders', 'list', query] as const,
  counts: ['work-orders', 'counts'] as const,
  categories: ['work-orders', 'categories'] as const,
  settings: ['work-orders', 'settings'] as const,
  directory: ['work-orders', 'directory'] as const,
  myAvailability: ['work-orders', 'availability', 'me'] as const,
};

export const notificationKeys = { all: ['notifications'] as const };

/**
 * The list query as a path with its query string. Several statuses repeat the `status`
 * key, which the client's flat parameters cannot express, so the whole string is built here.
 */
export function workOrderListPath(query: WorkOrderListParams): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query) as [string, unknown][]) {
    if (Array.isArray(value)) for (const item of value) params.append(key, String(item));
    else if ((typeof value === 'string' && value !== '') || typeof value === 'number' || typeof value === 'boolean') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `/work-orders?${search}` : '/work-orders';
}

export function fetchWorkOrderPage(query: WorkOrderListParams, signal?: AbortSignal): Promise<WorkOrderPage> {
  return api.get<WorkOrderPage>(workOrderListPath(query), undefined, signal);
}

export function useWorkOrderPage(query: WorkOrderListParams) {
  return useQuery({
    queryKey: workOrderKeys.list(query),
    queryFn: ({ signal }) => fetchWorkOrderPage(query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useWorkOrderCounts() {
  return useQuery({
    queryKey: workOrderKeys.counts,
    queryFn: ({ signal }) => api.get<WorkOrderViewCounts>('/work-orders/counts', undefined, signal),
    placeholderData: keepPreviousData,
  });
}

/** Flat, inactive ones included; the tree is built by parentId. Changes rarely. */
export function useWorkOrderCategories(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: workOrderKeys.categories,
    queryFn: ({ signal }) => api.get<Category[]>('/work-orders/categories', undefined, signal),
    staleTime: 5 * 60_000,
    enabled: options.enabled ?? true,
  });
}

export function useWorkOrderSettings(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: workOrderKeys.settings,
    queryFn: ({ signal }) => api.get<WorkOrderSettings>('/work-orders/settings', undefined, signal),
    staleTime: 5 * 60_000,
    enabled: options.enabled ?? true,
  });
}

export function useWorkOrderDirectory(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: workOrderKeys.directory,
    queryFn: ({ signal }) => api.get<WorkOrderDirectory>('/work-orders/directory', undefined, signal),
    staleTime: 5 * 60_000,
    enabled: options.enabled ?? true,
  });
}

function useInvalidateWorkOrders() {
  const queryClient = useQueryClient();
  return useCallback(() => queryClient.invalidateQueries({ queryKey: workOrderKeys.all }), [queryClient]);
}

/** The intake (WO-1); a retry with the same key gets the first order back instead of a second one. */
export function useCreateWorkOrderMutation() {
  const invalidate = useInvalidateWorkOrders();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: IntakeInput; idempotencyKey: string }) =>
      api.post<WorkOrder>('/work-orders', body, { idempotencyKey }),
    onSuccess: invalidate,
  });
}

/** Per-id outcome: some orders may refuse (illegal transition, not yours) while the rest go through. */
export function useBulkWorkOrderMutation() {
  const invalidate = useInvalidateWorkOrders();
  return useMutation({
    mutationFn: ({ ids, operation }: { ids: number[]; operation: BulkOperation }) =>
      api.post<BulkResult>('/work-orders/bulk', { ids, operation }),
    onSettled: invalidate,
  });
}

// ---- notifications ----

export function useNotifications(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: notificationKeys.all,
    queryFn: ({ signal }) => api.get<NotificationPage>('/notifications', undefined, signal),
    enabled: options.enabled ?? true,
  });
}

/** No ids: every notification of the user. */
export function useMarkNotificationsReadMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids?: number[]) => api.post<{ ok: true }>('/notifications/read', ids ? { ids } : {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

// ---- the agent's own availability (WO-10) ----

/** The agent's own row from the team list: the API has no GET for "me" alone. */
export function useMyAvailability(user: { id: number; departmentId: number | null }, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: workOrderKeys.myAvailability,
    queryFn: async ({ signal }) => {
      const rows = await api.get<Availability[]>('/agents/availability', { departmentId: user.departmentId }, signal);
      return rows.find((row) => row.userId === user.id) ?? null;
    },
    enabled: options.enabled ?? true,
  });
}

export function useSetMyAvailabilityMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (status: AvailabilityStatus) => api.put<Availability>('/agents/me/availability', { status }),
    onSuccess: (availability) => {
      queryClient.setQueryData(workOrderKeys.myAvailability, availability);
      return queryClient.invalidateQueries({ queryKey: ['work-orders', 'availability'] });
    },
  });
}
