import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role, RoleCreate, RoleUpdate } from '@kefu/contracts';
import { api } from './client';
import { authKeys } from './auth';

export const roleKeys = { all: ['roles'] as const };

export function useRoles(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: roleKeys.all,
    queryFn: ({ signal }) => api.get<Role[]>('/roles', undefined, signal),
    enabled: options.enabled ?? true,
  });
}

/** Editing a role may change the signed-in user's own permissions. */
function useInvalidateRoles() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: roleKeys.all }),
      queryClient.invalidateQueries({ queryKey: authKeys.session }),
    ]);
}

export function useCreateRoleMutation() {
  const invalidate = useInvalidateRoles();
  return useMutation({ mutationFn: (body: RoleCreate) => api.post<Role>('/roles', body), onSuccess: invalidate });
}

export function useUpdateRoleMutation() {
  const invalidate = useInvalidateRoles();
  return useMutation({
    mutationFn: ({ id, changes }: { id: number; changes: RoleUpdate }) => api.patch<Role>(`/roles/${id}`, changes),
    onSuccess: invalidate,
  });
}

export function useDeleteRoleMutation() {
  const invalidate = useInvalidateRoles();
  return useMutation({ mutationFn: (id: number) => api.delete(`/roles/${id}`), onSuccess: invalidate });
}
