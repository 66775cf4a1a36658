import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import {
  ApartmentOutlined,
  FileSearchOutlined,
  BookOutlined,
  EditOutlined,
  NotificationOutlined,
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
    | 'nav.workOrderSettings'
    | 'knowledgeNav.search'
    | 'knowledgeNav.editorial'
    | 'knowledgeNav.review'
    | 'knowledgeNav.announcements';
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
  {
    path: '/knowledge',
    permission: 'knowledge.read',
    labelKey: 'knowledgeNav.search',
    icon: <BookOutlined />,
    Page: lazy(() => import('../features/knowledge/KnowledgeSearchPage').then((m) => ({ default: m.KnowledgeSearchPage }))),
  },
  {
    path: '/knowledge/editorial',
    permission: 'knowledge.edit',
    labelKey: 'knowledgeNav.editorial',
    icon: <EditOutlined />,
    Page: lazy(() => import('../features/knowledge/EditorialPages').then((m) => ({ default: m.EditorialPage }))),
  },
  {
    path: '/knowledge/review',
    permission: 'knowledge.review',
    labelKey: 'knowledgeNav.review',
    icon: <FileSearchOutlined />,
    Page: lazy(() => import('../features/knowledge/EditorialPages').then((m) => ({ default: m.ReviewQueuePage }))),
  },
  {
    path: '/announcements',
    permission: 'knowledge.read',
    labelKey: 'knowledgeNav.announcements',
    icon: <NotificationOutlined />,
    Page: lazy(() => import('../features/announcements/AnnouncementsPage').then((m) => ({ default: m.AnnouncementsPage }))),
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
  {
    path: '/knowledge/new',
    permission: 'knowledge.edit',
    Page: lazy(() => import('../features/knowledge/ArticleEditorPage').then((m) => ({ default: m.ArticleNewPage }))),
  },
  {
    path: '/knowledge/articles/:id',
    permission: 'knowledge.read',
    Page: lazy(() => import('../features/knowledge/ArticlePage').then((m) => ({ default: m.ArticlePage }))),
  },
  {
    path: '/knowledge/articles/:id/edit',
    permission: 'knowledge.edit',
    Page: lazy(() => import('../features/knowledge/ArticleEditorPage').then((m) => ({ default: m.ArticleEditPage }))),
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
