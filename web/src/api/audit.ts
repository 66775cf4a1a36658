import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { AuditEntry, AuditQuery, AuditVerification } from '@kefu/contracts';
import { api } from './client';

export interface AuditPage {
  items: AuditEntry[];
  total: number;
}

export function useAuditPage(query: AuditQuery) {
  return useQuery({
    queryKey: ['audit', query] as const,
    queryFn: ({ signal }) => api.get<AuditPage>('/audit', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useVerifyAuditMutation() {
  return useMutation({ mutationFn: () => api.post<AuditVerification>('/audit/verify') });
}
