import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { CurrentUser, Permission, SessionInfo, SetupStatus } from '@kefu/contracts';
import { authKeys, fetchSession, fetchSetupStatus } from '../api/auth';
import { setCsrfToken, setUnauthenticatedHandler } from '../api/client';
import i18n, { rememberLocale } from '../i18n';
import { FullPageLoading, LoadFailedResult } from '../components/StatusResults';

interface AuthContextValue {
  setupStatus: SetupStatus;
  session: SessionInfo | null;
  user: CurrentUser | null;
  can: (permission: Permission) => boolean;
  /** Adopt a session returned by login, setup or a profile update. */
  acceptSession: (session: SessionInfo) => void;
  /** Forget the session locally (after logout, or when the server says it is gone). */
  clearSession: () => void;
  markSetupDone: (organizationName: string) => void;
}

const AuthContext = createContext<AuthContextValue | null>(null);

/** The signed-in user's own language wins over the device's remembered choice. */
function adoptSession(session: SessionInfo | null): SessionInfo | null {
  setCsrfToken(session?.csrfToken ?? null);
  if (session && session.user.locale !== i18n.language) {
    rememberLocale(session.user.locale);
    void i18n.changeLanguage(session.user.locale);
  }
  return session;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();

  const setupQuery = useQuery({ queryKey: authKeys.setup, queryFn: fetchSetupStatus, staleTime: Infinity });
  const needsSetup = setupQuery.data?.needsSetup;
  const sessionQuery = useQuery({
    queryKey: authKeys.session,
    queryFn: async () => adoptSession(await fetchSession()),
    enabled: needsSetup === false,
    staleTime: Infinity,
  });

  const clearSession = useCallback(() => {
    setCsrfToken(null);
    queryClient.removeQueries({ predicate: (query) => !['setup', 'auth'].includes(String(query.queryKey[0])) });
    queryClient.removeQueries({ queryKey: authKeys.sessions });
    queryClient.setQueryData(authKeys.session, null);
  }, [queryClient]);

  const acceptSession = useCallback(
    (session: SessionInfo) => queryClient.setQueryData(authKeys.session, adoptSession(session)),
    [queryClient],
  );

  const markSetupDone = useCallback(
    (organizationName: string) =>
      queryClient.setQueryData<SetupStatus>(authKeys.setup, { needsSetup: false, organizationName }),
    [queryClient],
  );

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      if (queryClient.getQueryData(authKeys.session)) clearSession();
    });
    return () => setUnauthenticatedHandler(null);
  }, [queryClient, clearSession]);

  const session = sessionQuery.data ?? null;
  const value = useMemo<AuthContextValue | null>(() => {
    if (!setupQuery.data) return null;
    const permissions = new Set<Permission>(session?.user.permissions ?? []);
    return {
      setupStatus: setupQuery.data,
      session,
      user: session?.user ?? null,
      can: (permission) => permissions.has(permission),
      acceptSession,
      clearSession,
      markSetupDone,
    };
  }, [setupQuery.data, session, acceptSession, clearSession, markSetupDone]);

  if (setupQuery.isError) return <LoadFailedResult error={setupQuery.error} onRetry={() => void setupQuery.refetch()} />;
  if (sessionQuery.isError) return <LoadFailedResult error={sessionQuery.error} onRetry={() => void sessionQuery.refetch()} />;
  const sessionPending = needsSetup === false && sessionQuery.isPending;
  if (!value || sessionPending) return <FullPageLoading />;
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/** For pages inside the signed-in layout, where a user is guaranteed. */
export function useCurrentUser(): CurrentUser {
  const { user } = useAuth();
  if (!user) throw new Error('useCurrentUser must be used behind <RequireAuth>');
  return user;
}
