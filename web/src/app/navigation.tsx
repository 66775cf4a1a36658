import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import {
  ApartmentOutlined,
  AuditOutlined,
  KeyOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { Permission } from '@kefu/contracts';

export interface AdminPage {
  path: string;
  permission: Permission;
  labelKey: 'nav.users' | 'nav.departments' | 'nav.roles' | 'nav.audit' | 'nav.apiTokens' | 'nav.settings';
  icon: ReactNode;
  Page: LazyExoticComponent<ComponentType>;
}

/** One list drives both the side menu and the routes, so they cannot disagree. */
export const ADMIN_PAGES: readonly AdminPage[] = [
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
