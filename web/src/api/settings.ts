import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OrganizationSettings } from '@kefu/contracts';
import { api } from './client';

const settingsKeys = { all: ['settings'] as const };

export function useOrganizationSettings() {
  return useQuery({
    queryKey: settingsKeys.all,
    queryFn: ({ signal }) => api.get<OrganizationSettings>('/settings', undefined, signal),
  });
}

export function useUpdateSettingsMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: Partial<OrganizationSettings>) => api.patch<OrganizationSettings>('/settings', changes),
    onSuccess: (settings) => queryClient.setQueryData(settingsKeys.all, settings),
  });
}
