import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CalendarInput,
  EscalateInput,
  HolidayImportResult,
  OrderSla,
  PolicyInput,
  PostponeInput,
  SlaCalendar,
  SlaFigures,
  SlaPolicy,
  SlaPreviewInput,
  SlaPreviewResult,
} from '@kefu/contracts';
import { api, isApiError } from './client';

export interface SlaFiguresParams {
  from: number;
  to: number;
  departmentId?: number;
}

/*
 * Configuration (calendars, policies) and figures live under 'sla'; an order's clocks live
 * under 'work-orders' so the live-events hook refreshes them with the rest of the order.
 */
export const slaKeys = {
  all: ['sla'] as const,
  calendars: ['sla', 'calendars'] as const,
  policies: ['sla', 'policies'] as const,
  preview: (input: SlaPreviewInput) => ['sla', 'preview', input] as const,
  figures: (params: SlaFiguresParams) => ['sla', 'figures', params] as const,
  order: (orderId: number) => ['work-orders', orderId, 'sla'] as const,
};

// ---- calendars (SLA-1) ----

export function useSlaCalendars(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: slaKeys.calendars,
    queryFn: ({ signal }) => api.get<SlaCalendar[]>('/sla/calendars', undefined, signal),
    enabled: options.enabled ?? true,
  });
}

function useInvalidateSla() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: slaKeys.all });
}

export function useSaveCalendarMutation(id: number | undefined) {
  const invalidate = useInvalidateSla();
  return useMutation({
    mutationFn: (input: CalendarInput) => (id === undefined ? api.post<SlaCalendar>('/sla/calendars', input) : api.put<SlaCalendar>(`/sla/calendars/${id}`, input)),
    onSuccess: invalidate,
  });
}

export function useDeleteCalendarMutation() {
  const invalidate = useInvalidateSla();
  return useMutation({ mutationFn: (id: number) => api.delete(`/sla/calendars/${id}`), onSuccess: invalidate });
}

export function useImportIcsMutation() {
  return useMutation({ mutationFn: (ics: string) => api.post<HolidayImportResult>('/sla/calendars/import-ics', { ics }) });
}

/** "An order created at … would be due at …"; the editors ask again whenever their form changes. */
export function useSlaPreview(input: SlaPreviewInput | null) {
  return useQuery({
    queryKey: slaKeys.preview(input ?? { targets: {} }),
    queryFn: ({ signal }) => api.post<SlaPreviewResult>('/sla/preview', input, { signal }),
    enabled: input !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

// ---- policies (SLA-2) ----

export function useSlaPolicies(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: slaKeys.policies,
    queryFn: ({ signal }) => api.get<SlaPolicy[]>('/sla/policies', undefined, signal),
    enabled: options.enabled ?? true,
  });
}

export function useSavePolicyMutation(id: number | undefined) {
  const invalidate = useInvalidateSla();
  return useMutation({
    mutationFn: (input: PolicyInput) => (id === undefined ? api.post<SlaPolicy>('/sla/policies', input) : api.put<SlaPolicy>(`/sla/policies/${id}`, input)),
    onSuccess: invalidate,
  });
}

export function useDeletePolicyMutation() {
  const invalidate = useInvalidateSla();
  return useMutation({ mutationFn: (id: number) => api.delete(`/sla/policies/${id}`), onSuccess: invalidate });
}

/** First match wins: the new order is shown at once and rolled back if the server refuses it. */
export function useReorderPoliciesMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids: number[]) => api.put<SlaPolicy[] | undefined>('/sla/policies/order', { ids }),
    onMutate: async (ids) => {
      await queryClient.cancelQueries({ queryKey: slaKeys.policies });
      const previous = queryClient.getQueryData<SlaPolicy[]>(slaKeys.policies);
      if (previous) {
        const byId = new Map(previous.map((policy) => [policy.id, policy]));
        const reordered = ids.flatMap((id, position) => {
          const policy = byId.get(id);
          return policy ? [{ ...policy, position }] : [];
        });
        queryClient.setQueryData(slaKeys.policies, reordered);
      }
      return { previous };
    },
    onError: (_error, _ids, context) => {
      if (context?.previous) queryClient.setQueryData(slaKeys.policies, context.previous);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: slaKeys.policies }),
  });
}

// ---- figures (SLA-6) ----

export function useSlaFigures(params: SlaFiguresParams) {
  return useQuery({
    queryKey: slaKeys.figures(params),
    queryFn: ({ signal }) => api.get<SlaFigures>('/sla/figures', { ...params }, signal),
    placeholderData: keepPreviousData,
  });
}

// ---- an order's clocks (SLA-3 … SLA-5) ----

/**
 * The order's clocks. Also refetched every minute: a business-time clock's remaining time
 * is only known to the server (the calendar may be closed), so the page's own tick is
 * corrected regularly, besides on every live change of the order.
 */
export function useOrderSla(orderId: number) {
  return useQuery({
    queryKey: slaKeys.order(orderId),
    queryFn: ({ signal }) => api.get<OrderSla>(`/work-orders/${orderId}/sla`, undefined, signal),
    refetchInterval: 60_000,
    // 404: no policy applies to this order; nothing to retry.
    retry: (count, error) => count < 2 && !(isApiError(error) && error.status === 404),
  });
}

function useOrderSlaChange<Variables>(orderId: number, request: (variables: Variables) => Promise<OrderSla>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (sla) => {
      queryClient.setQueryData(slaKeys.order(orderId), sla);
      return queryClient.invalidateQueries({ queryKey: ['work-orders'] });
    },
  });
}

export function usePostponeMutation(orderId: number) {
  return useOrderSlaChange(orderId, (input: PostponeInput) => api.post<OrderSla>(`/work-orders/${orderId}/sla/postpone`, input));
}

export function useEscalateMutation(orderId: number) {
  return useOrderSlaChange(orderId, (input: EscalateInput) => api.post<OrderSla>(`/work-orders/${orderId}/escalations`, input));
}

export function useInstructMutation(orderId: number) {
  return useOrderSlaChange(orderId, ({ escalationId, instruction }: { escalationId: number; instruction: string }) =>
    api.post<OrderSla>(`/work-orders/${orderId}/escalations/${escalationId}/instruction`, { instruction }),
  );
}
