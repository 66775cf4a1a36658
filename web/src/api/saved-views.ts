import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SAVED_VIEW_SCOPES, SavedView } from '@kefu/contracts';
import { api } from './client';

export type SavedViewScope = (typeof SAVED_VIEW_SCOPES)[number];

export const savedViewKeys = {
  scope: (scope: SavedViewScope) => ['saved-views', scope] as const,
};

/** The signed-in user's own saved list filters (常用筛选). */
export function useSavedViews(scope: SavedViewScope) {
  return useQuery({
    queryKey: savedViewKeys.scope(scope),
    queryFn: ({ signal }) => api.get<SavedView[]>('/saved-views', { scope }, signal),
  });
}

export function useCreateSavedViewMutation(scope: SavedViewScope) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ name, query }: { name: string; query: Record<string, string> }) => api.post<SavedView>('/saved-views', { scope, name, query }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: savedViewKeys.scope(scope) }),
  });
}

export function useDeleteSavedViewMutation(scope: SavedViewScope) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete(`/saved-views/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: savedViewKeys.scope(scope) }),
  });
}
