import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { User, UserCreate, UserListQuery, UserUpdate } from '@kefu/contracts';
import { api } from './client';
import { authKeys } from './auth';
import { departmentKeys } from './departments';
import { roleKeys } from './roles';

export interface UserPage {
  items: User[];
  total: number;
}

export const userKeys = {
  all: ['users'] as const,
  list: (query: UserListQuery) => ['users', 'list', query] as const,
};

export function useUserPage(query: UserListQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: userKeys.list(query),
    queryFn: ({ signal }) => api.get<UserPage>('/users', { ...query }, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

/** User changes move member counts (departments), user counts (roles) and maybe the current session. */
function useInvalidateUsers() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: userKeys.all }),
      queryClient.invalidateQueries({ queryKey: departmentKeys.all }),
      queryClient.invalidateQueries({ queryKey: roleKeys.all }),
      queryClient.invalidateQueries({ queryKey: authKeys.session }),
    ]);
}

export function useCreateUserMutation() {
  const invalidate = useInvalidateUsers();
  return useMutation({ mutationFn: (body: UserCreate) => api.post<User>('/users', body), onSuccess: invalidate });
}

export function useUpdateUserMutation() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, changes }: { id: number; changes: UserUpdate }) => api.patch<User>(`/users/${id}`, changes),
    onSuccess: invalidate,
  });
}

export function useResetUserPasswordMutation() {
  return useMutation({
    mutationFn: ({ id, password }: { id: number; password: string }) => api.post<void>(`/users/${id}/password`, { password }),
  });
}

export function useUnlockUserMutation() {
  const invalidate = useInvalidateUsers();
  return useMutation({ mutationFn: (id: number) => api.post<void>(`/users/${id}/unlock`), onSuccess: invalidate });
}
