import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import {
  ApartmentOutlined,
  AuditOutlined,
  ClusterOutlined,
  ContactsOutlined,
  DeleteOutlined,
  FieldTimeOutlined,
  FileAddOutlined,
  ProfileOutlined,
  ScheduleOutlined,
  UserSwitchOutlined,
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
  labelKey:
    | 'nav.workOrders'
    | 'nav.intake'
    | 'nav.backlog'
    | 'nav.agents'
    | 'nav.recycleBin'
    | 'nav.customers'
    | 'nav.users'
    | 'nav.departments'
    | 'nav.roles'
    | 'nav.audit'
    | 'nav.apiTokens'
    | 'nav.settings'
    | 'nav.categories'
    | 'nav.workOrderSettings';
  icon: ReactNode;
}

export const CUSTOMERS_PATH = '/customers';
export const WORK_ORDERS_PATH = '/work-orders';
export const INTAKE_PATH = '/work-orders/new';

export function workOrderPath(id: number): string {
  return `${WORK_ORDERS_PATH}/${id}`;
}

export function customerPath(id: number): string {
  return `${CUSTOMERS_PATH}/${id}`;
}

/*
 * These lists drive both the side menu and the routes, so they cannot disagree.
 * Work pages are the daily tools and come first; admin pages form their own group.
 */
export const WORK_PAGES: readonly MenuPage[] = [
  {
    path: WORK_ORDERS_PATH,
    permission: 'work_orders.read',
    labelKey: 'nav.workOrders',
    icon: <ProfileOutlined />,
    Page: lazy(() => import('../features/work-orders/workspace/WorkspacePage').then((m) => ({ default: m.WorkspacePage }))),
  },
  {
    path: INTAKE_PATH,
    permission: 'work_orders.create',
    labelKey: 'nav.intake',
    icon: <FileAddOutlined />,
    Page: lazy(() => import('../features/work-orders/intake/IntakePage').then((m) => ({ default: m.IntakePage }))),
  },
  {
    path: '/work-orders/backlog',
    permission: 'work_orders.read',
    labelKey: 'nav.backlog',
    icon: <FieldTimeOutlined />,
    Page: lazy(() => import('../features/work-orders/backlog/BacklogPage').then((m) => ({ default: m.BacklogPage }))),
  },
  {
    path: '/work-orders/agents',
    permission: 'work_orders.read',
    labelKey: 'nav.agents',
    icon: <UserSwitchOutlined />,
    Page: lazy(() => import('../features/work-orders/agents/AgentsPage').then((m) => ({ default: m.AgentsPage }))),
  },
  {
    path: '/work-orders/bin',
    permission: 'work_orders.delete',
    labelKey: 'nav.recycleBin',
    icon: <DeleteOutlined />,
    Page: lazy(() => import('../features/work-orders/bin/RecycleBinPage').then((m) => ({ default: m.RecycleBinPage }))),
  },
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
    path: `${WORK_ORDERS_PATH}/:id`,
    permission: 'work_orders.read',
    Page: lazy(() => import('../features/work-orders/detail/WorkOrderPage').then((m) => ({ default: m.WorkOrderPage }))),
  },
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
    path: '/admin/work-order-categories',
    permission: 'work_orders.configure',
    labelKey: 'nav.categories',
    icon: <ClusterOutlined />,
    Page: lazy(() => import('../features/work-orders/admin/CategoriesPage').then((m) => ({ default: m.CategoriesPage }))),
  },
  {
    path: '/admin/work-order-settings',
    permission: 'work_orders.configure',
    labelKey: 'nav.workOrderSettings',
    icon: <ScheduleOutlined />,
    Page: lazy(() => import('../features/work-orders/admin/WorkOrderSettingsPage').then((m) => ({ default: m.WorkOrderSettingsPage }))),
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
