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

/** Default roles of PRODUCT.md (ROLE table); names come from the locale files. */
export const BUILTIN_ROLES: readonly BuiltinRoleDefinition[] = [
  { code: 'agent', dataScope: 'self', permissions: ['customers.read', 'customers.write'] },
  { code: 'team_leader', dataScope: 'department', permissions: ['users.read', 'departments.read', 'roles.read', 'customers.read', 'customers.write', 'customers.merge'] },
  { code: 'qa_inspector', dataScope: 'all', permissions: ['users.read', 'departments.read', 'roles.read', 'customers.read'] },
  {
    code: 'department_head',
    dataScope: 'department',
    permissions: ['users.read', 'departments.read', 'roles.read', 'pii.view', 'customers.read', 'customers.write', 'customers.merge', 'customers.import', 'customers.export'],
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
    ],
  },
  { code: 'back_office', dataScope: 'department', permissions: ['customers.read'] },
  { code: 'account_manager', dataScope: 'self', permissions: ['pii.view', 'customers.read', 'customers.write', 'customers.export'] },
  { code: 'knowledge_editor', dataScope: 'all', permissions: [] },
  { code: 'administrator', dataScope: 'all', permissions: [...PERMISSIONS] },
];
