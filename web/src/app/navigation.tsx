import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import {
  ApartmentOutlined,
  AuditOutlined,
  ContactsOutlined,
  KeyOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { Permission } from '@kefu/contracts';

export interface PageRoute {
  path: string;
  permission: Permission;
  Page: LazyExoticComponent<ComponentType>;
}

export interface MenuPage extends PageRoute {
  labelKey: 'nav.customers' | 'nav.users' | 'nav.departments' | 'nav.roles' | 'nav.audit' | 'nav.apiTokens' | 'nav.settings';
  icon: ReactNode;
}

export const CUSTOMERS_PATH = '/customers';

export function customerPath(id: number): string {
  return `${CUSTOMERS_PATH}/${id}`;
}

/*
 * These lists drive both the side menu and the routes, so they cannot disagree.
 * Work pages are the daily tools and come first; admin pages form their own group.
 */
export const WORK_PAGES: readonly MenuPage[] = [
  {
    path: CUSTOMERS_PATH,
    permission: 'customers.read',
    labelKey: 'nav.customers',
    icon: <ContactsOutlined />,
    Page: lazy(() => import('../features/customers/CustomersPage').then((m) => ({ default: m.CustomersPage }))),
  },
];

/** Pages reached from another page (a profile from its list), not from the menu. */
export const DETAIL_PAGES: readonly PageRoute[] = [
  {
    path: `${CUSTOMERS_PATH}/:id`,
    permission: 'customers.read',
    Page: lazy(() => import('../features/customers/CustomerProfilePage').then((m) => ({ default: m.CustomerProfilePage }))),
  },
];

export const ADMIN_PAGES: readonly MenuPage[] = [
  {
    path: '/admin/users',
    permission: 'users.read',
    labelKey: 'nav.users',
    icon: <TeamOutlined />,
    Page: lazy(() => import('../features/admin/users/UsersPage').then((m) => ({ default: m.UsersPage }))),
  },
  {
    path: '/admin/departments',
    permission: 'departments.read',
    labelKey: 'nav.departments',
    icon: <ApartmentOutlined />,
    Page: lazy(() => import('../features/admin/departments/DepartmentsPage').then((m) => ({ default: m.DepartmentsPage }))),
  },
  {
    path: '/admin/roles',
    permission: 'roles.read',
    labelKey: 'nav.roles',
    icon: <SafetyCertificateOutlined />,
    Page: lazy(() => import('../features/admin/roles/RolesPage').then((m) => ({ default: m.RolesPage }))),
  },
  {
    path: '/admin/audit',
    permission: 'audit.read',
    labelKey: 'nav.audit',
    icon: <AuditOutlined />,
    Page: lazy(() => import('../features/admin/audit/AuditPage').then((m) => ({ default: m.AuditPage }))),
  },
  {
    path: '/admin/api-tokens',
    permission: 'api_tokens.manage',
    labelKey: 'nav.apiTokens',
    icon: <KeyOutlined />,
    Page: lazy(() => import('../features/admin/api-tokens/ApiTokensPage').then((m) => ({ default: m.ApiTokensPage }))),
  },
  {
    path: '/admin/settings',
    permission: 'settings.manage',
    labelKey: 'nav.settings',
    icon: <SettingOutlined />,
    Page: lazy(() => import('../features/admin/settings/SettingsPage').then((m) => ({ default: m.SettingsPage }))),
  },
];

export const SESSIONS_PATH = '/account/sessions';
