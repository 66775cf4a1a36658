import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import {
  ApartmentOutlined,
  FileSearchOutlined,
  BookOutlined,
  EditOutlined,
  NotificationOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  ControlOutlined,
  ExceptionOutlined,
  FormOutlined,
  OrderedListOutlined,
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
    | 'nav.complaints'
    | 'nav.complaintIntake'
    | 'nav.slaFigures'
    | 'nav.slaCalendars'
    | 'nav.slaPolicies'
    | 'nav.complaintSettings'
    | 'knowledgeNav.search'
    | 'knowledgeNav.editorial'
    | 'knowledgeNav.review'
    | 'knowledgeNav.announcements';
  icon: ReactNode;
}

export const CUSTOMERS_PATH = '/customers';
export const WORK_ORDERS_PATH = '/work-orders';
export const INTAKE_PATH = '/work-orders/new';

export const COMPLAINTS_PATH = '/complaints';
export const COMPLAINT_INTAKE_PATH = '/complaints/new';
export const SLA_CALENDARS_PATH = '/admin/sla-calendars';
export const SLA_POLICIES_PATH = '/admin/sla-policies';

export function complaintPath(id: number): string {
  return `${COMPLAINTS_PATH}/${id}`;
}

/** A saved calendar's editor; `${SLA_CALENDARS_PATH}/new` creates one. */
export function slaCalendarPath(id: number): string {
  return `${SLA_CALENDARS_PATH}/${id}`;
}

export function slaPolicyPath(id: number): string {
  return `${SLA_POLICIES_PATH}/${id}`;
}

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
    path: COMPLAINTS_PATH,
    permission: 'complaints.read',
    labelKey: 'nav.complaints',
    icon: <ExceptionOutlined />,
    Page: lazy(() => import('../features/complaints/ComplaintsPage').then((m) => ({ default: m.ComplaintsPage }))),
  },
  {
    path: COMPLAINT_INTAKE_PATH,
    permission: 'complaints.manage',
    labelKey: 'nav.complaintIntake',
    icon: <FormOutlined />,
    Page: lazy(() => import('../features/complaints/ComplaintIntakePage').then((m) => ({ default: m.ComplaintIntakePage }))),
  },
  {
    path: '/sla/figures',
    permission: 'sla.figures',
    labelKey: 'nav.slaFigures',
    icon: <BarChartOutlined />,
    Page: lazy(() => import('../features/sla/FiguresPage').then((m) => ({ default: m.FiguresPage }))),
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
    path: `${COMPLAINTS_PATH}/:id`,
    permission: 'complaints.read',
    Page: lazy(() => import('../features/complaints/ComplaintPage').then((m) => ({ default: m.ComplaintPage }))),
  },
  {
    path: `${SLA_CALENDARS_PATH}/:id`,
    permission: 'sla.configure',
    Page: lazy(() => import('../features/sla/CalendarEditorPage').then((m) => ({ default: m.CalendarEditorPage }))),
  },
  {
    path: `${SLA_POLICIES_PATH}/:id`,
    permission: 'sla.configure',
    Page: lazy(() => import('../features/sla/PolicyEditorPage').then((m) => ({ default: m.PolicyEditorPage }))),
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
    path: SLA_CALENDARS_PATH,
    permission: 'sla.configure',
    labelKey: 'nav.slaCalendars',
    icon: <CalendarOutlined />,
    Page: lazy(() => import('../features/sla/CalendarsPage').then((m) => ({ default: m.CalendarsPage }))),
  },
  {
    path: SLA_POLICIES_PATH,
    permission: 'sla.configure',
    labelKey: 'nav.slaPolicies',
    icon: <OrderedListOutlined />,
    Page: lazy(() => import('../features/sla/PoliciesPage').then((m) => ({ default: m.PoliciesPage }))),
  },
  {
    path: '/admin/complaint-settings',
    // Saving needs sla.configure (with the calendars and policies); reading only complaints.read.
    permission: 'sla.configure',
    labelKey: 'nav.complaintSettings',
    icon: <ControlOutlined />,
    Page: lazy(() => import('../features/complaints/ComplaintSettingsPage').then((m) => ({ default: m.ComplaintSettingsPage }))),
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
