import { useUserPage } from '../../api/users';
import { useAuth } from '../../app/auth-context';

/** The API's page limit; a service center has far fewer staff who manage accounts. */
const MAX_USERS = 200;

/**
 * Active users as account manager choices. Only users who may list users get them
 * (users.read); others see the assigned manager's name but cannot pick one.
 */
export function useAccountManagerOptions() {
  const { can } = useAuth();
  const enabled = can('users.read');
  const users = useUserPage({ limit: MAX_USERS, offset: 0, status: 'active' }, { enabled });
  return {
    enabled,
    loading: users.isLoading && enabled,
    options: (users.data?.items ?? []).map((user) => ({ value: user.id, label: user.displayName })),
  };
}
