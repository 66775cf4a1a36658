import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Availability,
  AvailabilityStatus,
  Category,
  CategoryInput,
  WorkOrder,
  WorkOrderSettings,
} from '@kefu/contracts';
import { api } from './client';
import { workOrderKeys, type WorkOrderPage } from './work-orders';

/*
 * Configuration writes, backlog (WO-9), agents (WO-10) and the recycle bin (WO-12); the
 * category, settings and directory reads live in ./work-orders with the same keys.
 * Every key starts with 'work-orders': the live-events hook invalidates that prefix
 * whenever the server reports a change, so these pages refresh on their own.
 */
export const workOrderAdminKeys = {
  all: workOrderKeys.all,
  categories: workOrderKeys.categories,
  settings: workOrderKeys.settings,
  backlogAll: ['work-orders', 'backlog'] as const,
  backlog: (query: BacklogParams) => ['work-orders', 'backlog', query] as const,
  /** Under 'availability' with the agent's own status, so a change to either refreshes both. */
  agentsAll: ['work-orders', 'availability'] as const,
  agents: (departmentId: number | undefined) => ['work-orders', 'availability', 'board', { departmentId }] as const,
  binAll: ['work-orders', 'bin'] as const,
  bin: (query: PageParams) => ['work-orders', 'bin', query] as const,
};

export interface PageParams {
  limit: number;
  offset: number;
}

// ---- categories ----

export function useCreateCategoryMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CategoryInput) => api.post<Category>('/work-orders/categories', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workOrderAdminKeys.categories }),
  });
}

export function useUpdateCategoryMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: number; changes: Partial<CategoryInput> }) =>
      api.patch<Category>(`/work-orders/categories/${id}`, changes),
    // A renamed or moved category changes the path names of everything below it.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workOrderAdminKeys.categories }),
  });
}

// ---- settings ----

export function useUpdateWorkOrderSettingsMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: Partial<WorkOrderSettings>) => api.patch<WorkOrderSettings>('/work-orders/settings', changes),
    onSuccess: async (settings) => {
      queryClient.setQueryData(workOrderAdminKeys.settings, settings);
      // Thresholds decide what counts as backlog; capacities what an agent may take.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: workOrderAdminKeys.backlogAll }),
        queryClient.invalidateQueries({ queryKey: workOrderAdminKeys.agentsAll }),
      ]);
    },
  });
}

// ---- backlog (工单滞留, WO-9) ----

export interface BacklogParams extends PageParams {
  departmentId?: number;
}

export interface BacklogTeam {
  department: { id: number; name: string } | null;
  thresholdHours: number;
  count: number;
  oldestActivityAt: number | null;
}

export interface Backlog {
  teams: BacklogTeam[];
  orders: WorkOrderPage;
}

export function useBacklog(query: BacklogParams) {
  return useQuery({
    queryKey: workOrderAdminKeys.backlog(query),
    queryFn: ({ signal }) => api.get<Backlog>('/work-orders/backlog', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

/** 催单: anyone who can read the order may chase it; the handler is notified. */
export function useSendReminderMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, note }: { id: number; note?: string }) =>
      api.post<WorkOrder>(`/work-orders/${id}/reminders`, note ? { note } : {}),
    onSuccess: async (order) => {
      // Show the new count at once; the refetch below brings everything else.
      queryClient.setQueriesData<Backlog>({ queryKey: workOrderAdminKeys.backlogAll }, (backlog) =>
        backlog && {
          ...backlog,
          orders: {
            ...backlog.orders,
            items: backlog.orders.items.map((item) => (item.id === order.id ? { ...item, reminderCount: order.reminderCount } : item)),
          },
        },
      );
      await queryClient.invalidateQueries({ queryKey: workOrderAdminKeys.all });
    },
  });
}

// ---- agents (WO-10) ----

export function useAgentAvailability(departmentId: number | undefined) {
  return useQuery({
    queryKey: workOrderAdminKeys.agents(departmentId),
    queryFn: ({ signal }) => api.get<Availability[]>('/agents/availability', { departmentId }, signal),
    placeholderData: keepPreviousData,
    // Agents change their own status without touching an order, so no live event reports it.
    refetchInterval: 30_000,
  });
}

export interface AvailabilityChanges {
  status?: AvailabilityStatus;
  /** null: back to the organisation's default capacity. */
  capacity?: number | null;
}

export function useUpdateAvailabilityMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    /** `self`: the caller's own row goes through /me, which needs no supervisor permission. */
    mutationFn: ({ userId, self, changes }: { userId: number; self: boolean; changes: AvailabilityChanges }) =>
      api.put<Availability>(`/agents/${self ? 'me' : userId}/availability`, changes),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workOrderAdminKeys.agentsAll }),
  });
}

// ---- recycle bin (WO-12) ----

export function useRecycleBin(query: PageParams) {
  return useQuery({
    queryKey: workOrderAdminKeys.bin(query),
    queryFn: ({ signal }) => api.get<WorkOrderPage>('/work-orders/bin', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useRestoreWorkOrderMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<WorkOrder>(`/work-orders/${id}/restore`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workOrderAdminKeys.all }),
  });
}

export function usePurgeWorkOrderMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete<{ ok: true }>(`/work-orders/${id}/purge`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workOrderAdminKeys.binAll }),
  });
}
