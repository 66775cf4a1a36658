import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ChangePasswordRequest,
  LoginRequest,
  SessionInfo,
  SessionSummary,
  SetupRequest,
  SetupStatus,
  UpdateProfileRequest,
} from '@kefu/contracts';
import { api, isApiError } from './client';

export const authKeys = {
  setup: ['setup'] as const,
  session: ['auth', 'session'] as const,
  sessions: ['auth', 'sessions'] as const,
};

export function fetchSetupStatus(): Promise<SetupStatus> {
  return api.get<SetupStatus>('/setup');
}

/** The current session, or null when nobody is signed in. */
export async function fetchSession(): Promise<SessionInfo | null> {
  try {
    return await api.get<SessionInfo>('/auth/session');
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

export function useLoginMutation() {
  return useMutation({ mutationFn: (body: LoginRequest) => api.post<SessionInfo>('/auth/login', body) });
}

export function useSetupMutation() {
  return useMutation({ mutationFn: (body: SetupRequest) => api.post<SessionInfo>('/setup', body) });
}

export function useLogoutMutation() {
  return useMutation({ mutationFn: () => api.post<void>('/auth/logout') });
}

export function useChangePasswordMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ChangePasswordRequest) => api.post<void>('/auth/password', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: authKeys.sessions }),
  });
}

export function useUpdateProfileMutation() {
  return useMutation({ mutationFn: (body: UpdateProfileRequest) => api.patch<SessionInfo>('/auth/profile', body) });
}

export function useMySessions() {
  return useQuery({ queryKey: authKeys.sessions, queryFn: ({ signal }) => api.get<SessionSummary[]>('/auth/sessions', undefined, signal) });
}

export function useRevokeSessionMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (sessionId: string) => api.delete(`/auth/sessions/${encodeURIComponent(sessionId)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: authKeys.sessions }),
  });
}
