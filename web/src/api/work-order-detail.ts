import { useCallback } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Attachment,
  AssignmentMode,
  Category,
  ConfirmationMethod,
  DispatchInput,
  Message,
  MessageKind,
  Step,
  StepAction,
  WorkOrder,
  WorkOrderAction,
  WorkOrderEvent,
  WorkOrderSummary,
  CustomerTier,
  PersonalityType,
  WorkOrderStatus,
} from '@kefu/contracts';
import { api } from './client';

/** Who can receive a dispatch, be assigned or be @mentioned: active users and the organisation's units. */
export interface WorkOrderDirectory {
  departments: { id: number; name: string; parentId: number | null }[];
  users: { id: number; name: string; username: string; departmentId: number | null }[];
}

export type DirectoryUser = WorkOrderDirectory['users'][number];
export type DirectoryDepartment = WorkOrderDirectory['departments'][number];

/** customerCardSchema: what the agent needs to know about the caller beside the order. */
export interface CustomerCard {
  id: number;
  name: string;
  tier: CustomerTier;
  personality: PersonalityType | null;
  /** Masked unless the caller holds pii.view. */
  primaryPhone: string | null;
  tags: string[];
  openOrders: number;
  recentOrders: { id: number; number: string; title: string; status: WorkOrderStatus; createdAt: number }[];
}

export interface TransitionRequest {
  action: WorkOrderAction;
  reason?: string;
  result?: string;
  confirmation?: { method: ConfirmationMethod; note?: string };
  /** accept only: the time told to the customer (承诺时限). */
  promisedAt?: number;
}

export interface StepActionRequest {
  action: StepAction;
  reason?: string;
  result?: string;
}

export type AssignRequest = { mode: Extract<AssignmentMode, 'manual'>; userId: number } | { mode: Exclude<AssignmentMode, 'manual'>; departmentId?: number };

/**
 * Every key starts with 'work-orders': the live-events hook invalidates that prefix whenever
 * the server reports a change, so this page refreshes without its own event stream.
 */
export const workOrderDetailKeys = {
  all: ['work-orders'] as const,
  detail: (id: number) => ['work-orders', 'detail', id] as const,
  steps: (id: number) => ['work-orders', 'steps', id] as const,
  messages: (id: number) => ['work-orders', 'messages', id] as const,
  events: (id: number) => ['work-orders', 'events', id] as const,
  attachments: (id: number) => ['work-orders', 'attachments', id] as const,
  customerCard: (customerId: number) => ['work-orders', 'customer-card', customerId] as const,
  directory: ['work-orders', 'directory'] as const,
  categories: ['work-orders', 'categories'] as const,
};

export function useWorkOrder(id: number) {
  return useQuery({
    queryKey: workOrderDetailKeys.detail(id),
    queryFn: ({ signal }) => api.get<WorkOrder>(`/work-orders/${id}`, undefined, signal),
  });
}

export function useWorkOrderSteps(id: number) {
  return useQuery({
    queryKey: workOrderDetailKeys.steps(id),
    queryFn: ({ signal }) => api.get<Step[]>(`/work-orders/${id}/steps`, undefined, signal),
  });
}

export function useWorkOrderMessages(id: number) {
  return useQuery({
    queryKey: workOrderDetailKeys.messages(id),
    queryFn: ({ signal }) => api.get<Message[]>(`/work-orders/${id}/messages`, undefined, signal),
  });
}

export function useWorkOrderEvents(id: number) {
  return useQuery({
    queryKey: workOrderDetailKeys.events(id),
    queryFn: ({ signal }) => api.get<WorkOrderEvent[]>(`/work-orders/${id}/events`, undefined, signal),
  });
}

export function useWorkOrderAttachments(id: number) {
  return useQuery({
    queryKey: workOrderDetailKeys.attachments(id),
    queryFn: ({ signal }) => api.get<Attachment[]>(`/work-orders/${id}/attachments`, undefined, signal),
  });
}

export function useCustomerCard(customerId: number | undefined) {
  return useQuery({
    queryKey: workOrderDetailKeys.customerCard(customerId ?? 0),
    queryFn: ({ signal }) => api.get<CustomerCard>(`/work-orders/customer-card/${customerId}`, undefined, signal),
    enabled: customerId !== undefined,
  });
}

/** Users and units change rarely; one copy serves every picker on the page. */
export function useWorkOrderDirectory(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: workOrderDetailKeys.directory,
    queryFn: ({ signal }) => api.get<WorkOrderDirectory>('/work-orders/directory', undefined, signal),
    staleTime: 5 * 60_000,
    enabled: options.enabled ?? true,
  });
}

export function useWorkOrderCategories() {
  return useQuery({
    queryKey: workOrderDetailKeys.categories,
    queryFn: ({ signal }) => api.get<Category[]>('/work-orders/categories', undefined, signal),
    staleTime: 5 * 60_000,
  });
}

/** Finds an order by its number (GD20261127-0001) for linking and merging: the list search, exact match only. */
export async function findWorkOrderByNumber(number: string): Promise<WorkOrderSummary | undefined> {
  const page = await api.get<{ items: WorkOrderSummary[]; total: number }>('/work-orders', { q: number, limit: 20, offset: 0 });
  return page.items.find((item) => item.number.toUpperCase() === number.toUpperCase());
}

/**
 * Any change to an order may move its status, steps, messages, events and every list it is
 * in: the answer replaces the cached order at once, then all work-order views refresh.
 */
function useOrderChange<Variables>(request: (variables: Variables) => Promise<WorkOrder>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (order) => {
      queryClient.setQueryData(workOrderDetailKeys.detail(order.id), order);
      return queryClient.invalidateQueries({ queryKey: workOrderDetailKeys.all });
    },
  });
}

function useInvalidateWorkOrders() {
  const queryClient = useQueryClient();
  return useCallback(() => queryClient.invalidateQueries({ queryKey: workOrderDetailKeys.all }), [queryClient]);
}

export function useTransitionMutation(id: number) {
  return useOrderChange((transition: TransitionRequest) => api.post<WorkOrder>(`/work-orders/${id}/transitions`, transition));
}

export function useChangeOwnerMutation(id: number) {
  return useOrderChange((change: { ownerId: number; reason: string }) => api.post<WorkOrder>(`/work-orders/${id}/owner`, change));
}

export function useAssignMutation(id: number) {
  return useOrderChange((assignment: AssignRequest) => api.post<WorkOrder>(`/work-orders/${id}/assign`, assignment));
}

export function useReminderMutation(id: number) {
  return useOrderChange((reminder: { note?: string }) => api.post<WorkOrder>(`/work-orders/${id}/reminders`, reminder));
}

export function useLinkMutation(id: number) {
  return useOrderChange((otherId: number) => api.post<WorkOrder>(`/work-orders/${id}/links`, { otherId }));
}

export function useUnlinkMutation(id: number) {
  return useOrderChange((otherId: number) => api.delete<WorkOrder>(`/work-orders/${id}/links/${otherId}`));
}

export function useMergeMutation(id: number) {
  return useOrderChange((sourceId: number) => api.post<WorkOrder>(`/work-orders/${id}/merge`, { sourceId }));
}

/** To the recycle bin (WO-12), with the reason for the audit log. */
export function useDeleteWorkOrderMutation(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => api.delete(`/work-orders/${id}`, { reason }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workOrderDetailKeys.all }),
  });
}

export function useDispatchMutation(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (dispatch: DispatchInput) => api.post<Step[]>(`/work-orders/${id}/dispatch`, dispatch),
    onSuccess: (steps) => {
      queryClient.setQueryData(workOrderDetailKeys.steps(id), steps);
      return queryClient.invalidateQueries({ queryKey: workOrderDetailKeys.all });
    },
  });
}

export function useStepActionMutation(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ stepId, ...body }: StepActionRequest & { stepId: number }) => api.post<Step[]>(`/work-orders/${id}/steps/${stepId}`, body),
    onSuccess: (steps) => {
      queryClient.setQueryData(workOrderDetailKeys.steps(id), steps);
      return queryClient.invalidateQueries({ queryKey: workOrderDetailKeys.all });
    },
  });
}

export function usePostMessageMutation(id: number) {
  const invalidate = useInvalidateWorkOrders();
  return useMutation({
    mutationFn: (message: { kind: MessageKind; body: string; attachmentIds: number[] }) => api.post<Message>(`/work-orders/${id}/messages`, message),
    onSuccess: invalidate,
  });
}

/** The file goes as the raw request body; the server names it from the query. */
export function useUploadAttachmentMutation(id: number) {
  return useMutation({
    mutationFn: (file: File) => api.upload<Attachment>(`/work-orders/${id}/attachments`, file, file.type || 'application/octet-stream', { fileName: file.name }),
  });
}
