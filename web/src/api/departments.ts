import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Department, DepartmentInput } from '@kefu/contracts';
import { api } from './client';

export const departmentKeys = { all: ['departments'] as const };

export function useDepartments(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: departmentKeys.all,
    queryFn: ({ signal }) => api.get<Department[]>('/departments', undefined, signal),
    enabled: options.enabled ?? true,
  });
}

/** Departments change member counts and user rows, so both caches refresh together. */
function useInvalidateDepartments() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: departmentKeys.all }),
      queryClient.invalidateQueries({ queryKey: ['users'] }),
    ]);
}

export function useCreateDepartmentMutation() {
  const invalidate = useInvalidateDepartments();
  return useMutation({
    mutationFn: (body: DepartmentInput) => api.post<Department>('/departments', body),
    onSuccess: invalidate,
  });
}

export function useUpdateDepartmentMutation() {
  const invalidate = useInvalidateDepartments();
  return useMutation({
    mutationFn: ({ id, changes }: { id: number; changes: Partial<DepartmentInput> }) =>
      api.patch<Department>(`/departments/${id}`, changes),
    onSuccess: invalidate,
  });
}

export function useDeleteDepartmentMutation() {
  const invalidate = useInvalidateDepartments();
  return useMutation({ mutationFn: (id: number) => api.delete(`/departments/${id}`), onSuccess: invalidate });
}
