import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { Permission } from '@kefu/contracts';
import { ForbiddenResult } from '../components/StatusResults';
import { useAuth } from './auth-context';

/** Where the login page sends the user back to. */
export interface LoginRedirectState {
  from?: { pathname: string; search: string };
}

export function RequireAuth({ children }: { children: ReactNode }) {
  const { setupStatus, user } = useAuth();
  const location = useLocation();
  if (setupStatus.needsSetup) return <Navigate to="/setup" replace />;
  if (!user) {
    const state: LoginRedirectState = { from: { pathname: location.pathname, search: location.search } };
    return <Navigate to="/login" replace state={state} />;
  }
  return children;
}

export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { can } = useAuth();
  return can(permission) ? children : <ForbiddenResult />;
}
