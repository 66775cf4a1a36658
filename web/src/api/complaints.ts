import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Complaint,
  ComplaintCreateInput,
  ComplaintLevel,
  ComplaintSettings,
  ComplaintSeverity,
  ComplaintSource,
  ComplaintUpdateInput,
  SatisfactionLevel,
} from '@kefu/contracts';
import { api, isApiError } from './client';

export interface ComplaintListParams {
  level?: ComplaintLevel;
  severity?: ComplaintSeverity;
  source?: ComplaintSource;
  open?: 'true' | 'false';
  limit: number;
  offset: number;
}

export interface ComplaintPage {
  items: Complaint[];
  total: number;
}

/*
 * A complaint is a work order with its own record: the keys sit under 'work-orders', so a
 * live change of the order (the server reports complaint changes as order changes) refreshes
 * the register and the complaint page too.
 */
export const complaintKeys = {
  all: ['work-orders', 'complaints'] as const,
  list: (params: ComplaintListParams) => ['work-orders', 'complaints', 'list', params] as const,
  detail: (id: number) => ['work-orders', 'complaints', 'detail', id] as const,
  ofOrder: (orderId: number) => ['work-orders', 'complaints', 'order', orderId] as const,
  settings: ['complaint-settings'] as const,
};

export function useComplaintPage(params: ComplaintListParams) {
  return useQuery({
    queryKey: complaintKeys.list(params),
    queryFn: ({ signal }) => api.get<ComplaintPage>('/complaints', { ...params }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useComplaint(id: number) {
  return useQuery({
    queryKey: complaintKeys.detail(id),
    queryFn: ({ signal }) => api.get<Complaint>(`/complaints/${id}`, undefined, signal),
  });
}

/** The order's complaint, or null when the order is not a complaint (404). */
export function useOrderComplaint(orderId: number, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: complaintKeys.ofOrder(orderId),
    queryFn: async ({ signal }) => {
      try {
        return await api.get<Complaint>(`/work-orders/${orderId}/complaint`, undefined, signal);
      } catch (error) {
        if (isApiError(error) && error.status === 404) return null;
        throw error;
      }
    },
    enabled: options.enabled ?? true,
  });
}

export function useCreateComplaintMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: ComplaintCreateInput; idempotencyKey: string }) =>
      api.post<Complaint>('/complaints', body, { idempotencyKey }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['work-orders'] }),
  });
}

function useComplaintChange<Variables>(id: number, request: (variables: Variables) => Promise<Complaint>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (complaint) => {
      queryClient.setQueryData(complaintKeys.detail(id), complaint);
      return queryClient.invalidateQueries({ queryKey: ['work-orders'] });
    },
  });
}

export function useUpdateComplaintMutation(id: number) {
  return useComplaintChange(id, (changes: ComplaintUpdateInput) => api.patch<Complaint>(`/complaints/${id}`, changes));
}

export function useLevelUpMutation(id: number) {
  return useComplaintChange(id, (input: { reason: string; source?: ComplaintSource }) => api.post<Complaint>(`/complaints/${id}/level`, input));
}

export function useSatisfactionMutation(id: number) {
  return useComplaintChange(id, (input: { satisfaction: SatisfactionLevel; note?: string }) => api.post<Complaint>(`/complaints/${id}/satisfaction`, input));
}

/** CMP-5: the resolved case becomes a draft 统一答复口径; the complaint is read again to show the link to it. */
export function useCaseArticleMutation(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { title: string; body: string }) => api.post<unknown>(`/complaints/${id}/case-article`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['work-orders'] }),
  });
}

export function useComplaintSettings() {
  return useQuery({
    queryKey: complaintKeys.settings,
    queryFn: ({ signal }) => api.get<ComplaintSettings>('/complaints/settings', undefined, signal),
  });
}

export function useUpdateComplaintSettingsMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: ComplaintSettings) => api.put<ComplaintSettings>('/complaints/settings', settings),
    onSuccess: (settings) => queryClient.setQueryData(complaintKeys.settings, settings),
  });
}
