/**
 * The permission catalogue. Each module adds its own permissions here when it lands,
 * and grants them to the built-in roles in a migration (organisations may have edited
 * the roles, so a later release never silently rewrites them).
 */
export const PERMISSIONS = [
  'users.read',
  'users.manage',
  'departments.read',
  'departments.manage',
  'roles.read',
  'roles.manage',
  'audit.read',
  'api_tokens.manage',
  'settings.manage',
  'pii.view',
  'customers.read',
  'customers.write',
  'customers.merge',
  'customers.import',
  'customers.export',
  'customers.erase',
  'work_orders.read',
  'work_orders.create',
  'work_orders.handle',
  'work_orders.supervise',
  'work_orders.delete',
  'work_orders.purge',
  'work_orders.configure',
  'sla.configure',
  'sla.figures',
  'complaints.read',
  'complaints.manage',
  'knowledge.read',
  'knowledge.edit',
  'knowledge.review',
  'knowledge.manage',
  'announcements.publish',
  'announcements.receipts',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}

/**
 * How far a role reaches over records that belong to an organisational unit:
 * `self` — only the user's own; `department` — the user's department/team and
 * everything below it in the tree; `all` — the whole organisation.
 */
export const DATA_SCOPES = ['self', 'department', 'all'] as const;
export type DataScope = (typeof DATA_SCOPES)[number];

export const BUILTIN_ROLE_CODES = [
  'agent',
  'team_leader',
  'qa_inspector',
  'department_head',
  'center_director',
  'back_office',
  'account_manager',
  'knowledge_editor',
  'administrator',
] as const;
export type BuiltinRoleCode = (typeof BUILTIN_ROLE_CODES)[number];

export interface BuiltinRoleDefinition {
  code: BuiltinRoleCode;
  dataScope: DataScope;
  permissions: readonly Permission[];
}

/** Every work-order right: the director's and the administrator's share. */
export const WORK_ORDER_PERMISSIONS: readonly Permission[] = PERMISSIONS.filter((permission) => permission.startsWith('work_orders.'));

/**
 * Work-order rights of the built-in roles; migration 0006 grants exactly these to existing
 * organisations' built-in roles. Back office (repair crews, second line) receive and handle
 * dispatched steps; supervisors reassign owners and bulk-assign; only the director purges.
 */
export const WORK_ORDER_GRANTS: Record<Exclude<BuiltinRoleCode, 'administrator'>, readonly Permission[]> = {
  agent: ['work_orders.read', 'work_orders.create', 'work_orders.handle'],
  team_leader: ['work_orders.read', 'work_orders.create', 'work_orders.handle', 'work_orders.supervise', 'work_orders.delete'],
  qa_inspector: ['work_orders.read'],
  department_head: ['work_orders.read', 'work_orders.create', 'work_orders.handle', 'work_orders.supervise', 'work_orders.delete', 'work_orders.configure'],
  center_director: WORK_ORDER_PERMISSIONS,
  back_office: ['work_orders.read', 'work_orders.handle'],
  account_manager: ['work_orders.read', 'work_orders.create', 'work_orders.handle'],
  knowledge_editor: [],
};

/** Every SLA and complaint right: the director's share. */
export const SLA_PERMISSIONS: readonly Permission[] = PERMISSIONS.filter((permission) => permission.startsWith('sla.') || permission.startsWith('complaints.'));

/**
 * SLA and complaint rights of the built-in roles; migration 0007 grants exactly these to
 * existing organisations' built-in roles. Front-line staff receive and record complaints;
 * leaders read the compliance figures; department heads and the director set calendars and
 * policies.
 */
export const SLA_GRANTS: Record<Exclude<BuiltinRoleCode, 'administrator'>, readonly Permission[]> = {
  agent: ['complaints.read', 'complaints.manage'],
  team_leader: ['complaints.read', 'complaints.manage', 'sla.figures'],
  qa_inspector: ['complaints.read', 'sla.figures'],
  department_head: ['complaints.read', 'complaints.manage', 'sla.figures', 'sla.configure'],
  center_director: SLA_PERMISSIONS,
  back_office: ['complaints.read'],
  account_manager: ['complaints.read', 'complaints.manage'],
  knowledge_editor: [],
};

/** Every knowledge-base and announcement right: the director's and the administrator's share. */
export const KNOWLEDGE_PERMISSIONS: readonly Permission[] = PERMISSIONS.filter((permission) => permission.startsWith('knowledge.') || permission.startsWith('announcements.'));

/**
 * Knowledge and announcement rights of the built-in roles (KB-1 … KB-6); migration 0008
 * grants exactly these to existing organisations' built-in roles. Everyone reads; the
 * knowledge editor writes and curates (categories, synonyms, archive); quality inspectors
 * and heads review, so nobody publishes unchecked wording; leaders publish announcements
 * and see who has not read them.
 */
export const KNOWLEDGE_GRANTS: Record<Exclude<BuiltinRoleCode, 'administrator'>, readonly Permission[]> = {
  agent: ['knowledge.read'],
  team_leader: ['knowledge.read', 'knowledge.edit', 'announcements.publish', 'announcements.receipts'],
  qa_inspector: ['knowledge.read', 'knowledge.review'],
  department_head: ['knowledge.read', 'knowledge.edit', 'knowledge.review', 'knowledge.manage', 'announcements.publish', 'announcements.receipts'],
  center_director: KNOWLEDGE_PERMISSIONS,
  back_office: ['knowledge.read'],
  account_manager: ['knowledge.read'],
  // Reading departments and roles lets the editor address announcements to teams and roles.
  knowledge_editor: ['knowledge.read', 'knowledge.edit', 'knowledge.manage', 'announcements.publish', 'departments.read', 'roles.read'],
};

/** Default roles of PRODUCT.md (ROLE table); names come from the locale files. */
export const BUILTIN_ROLES: readonly BuiltinRoleDefinition[] = [
  { code: 'agent', dataScope: 'self', permissions: ['customers.read', 'customers.write', ...WORK_ORDER_GRANTS.agent, ...SLA_GRANTS.agent, ...KNOWLEDGE_GRANTS.agent] },
  { code: 'team_leader', dataScope: 'department', permissions: ['users.read', 'departments.read', 'roles.read', 'customers.read', 'customers.write', 'customers.merge', ...WORK_ORDER_GRANTS.team_leader, ...SLA_GRANTS.team_leader, ...KNOWLEDGE_GRANTS.team_leader] },
  { code: 'qa_inspector', dataScope: 'all', permissions: ['users.read', 'departments.read', 'roles.read', 'customers.read', ...WORK_ORDER_GRANTS.qa_inspector, ...SLA_GRANTS.qa_inspector, ...KNOWLEDGE_GRANTS.qa_inspector] },
  {
    code: 'department_head',
    dataScope: 'department',
    permissions: [
      'users.read',
      'departments.read',
      'roles.read',
      'pii.view',
      'customers.read',
      'customers.write',
      'customers.merge',
      'customers.import',
      'customers.export',
      ...WORK_ORDER_GRANTS.department_head,
      ...SLA_GRANTS.department_head,
      ...KNOWLEDGE_GRANTS.department_head,
    ],
  },
  {
    code: 'center_director',
    dataScope: 'all',
    permissions: [
      'users.read',
      'departments.read',
      'roles.read',
      'audit.read',
      'pii.view',
      'customers.read',
      'customers.write',
      'customers.merge',
      'customers.import',
      'customers.export',
      'customers.erase',
      ...WORK_ORDER_GRANTS.center_director,
      ...SLA_GRANTS.center_director,
      ...KNOWLEDGE_GRANTS.center_director,
    ],
  },
  { code: 'back_office', dataScope: 'department', permissions: ['customers.read', ...WORK_ORDER_GRANTS.back_office, ...SLA_GRANTS.back_office, ...KNOWLEDGE_GRANTS.back_office] },
  { code: 'account_manager', dataScope: 'self', permissions: ['pii.view', 'customers.read', 'customers.write', 'customers.export', ...WORK_ORDER_GRANTS.account_manager, ...SLA_GRANTS.account_manager, ...KNOWLEDGE_GRANTS.account_manager] },
  { code: 'knowledge_editor', dataScope: 'all', permissions: [...KNOWLEDGE_GRANTS.knowledge_editor] },
  { code: 'administrator', dataScope: 'all', permissions: [...PERMISSIONS] },
];
