import { z } from 'zod';
import { DATA_SCOPES, PERMISSIONS } from './permissions.js';
import { localeSchema, pageOf, pageQuerySchema, timestampSchema, nullableText } from './common.js';
import { passwordSchema, usernameSchema } from './auth.js';

// ---- departments and teams (ADM-1) ----
export const DEPARTMENT_KINDS = ['center', 'department', 'team'] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];

export const departmentSchema = z
  .object({
    id: z.number().int(),
    parentId: z.number().int().nullable(),
    name: z.string(),
    kind: z.enum(DEPARTMENT_KINDS),
    sortOrder: z.number().int(),
    memberCount: z.number().int(),
  })
  .meta({ id: 'Department' });
export type Department = z.infer<typeof departmentSchema>;

export const departmentInputSchema = z.object({
  parentId: z.number().int().positive().nullable(),
  name: z.string().trim().min(1).max(64),
  kind: z.enum(DEPARTMENT_KINDS),
  sortOrder: z.number().int().min(0).max(10_000).default(0),
});
export type DepartmentInput = z.infer<typeof departmentInputSchema>;

// ---- roles ----
export const roleSchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    description: z.string(),
    builtin: z.boolean(),
    dataScope: z.enum(DATA_SCOPES),
    permissions: z.array(z.enum(PERMISSIONS)),
    userCount: z.number().int(),
  })
  .meta({ id: 'Role' });
export type Role = z.infer<typeof roleSchema>;

export const roleCreateSchema = z.object({
  code: z
    .string()
    .trim()
    .min(2)
    .max(40)
    .regex(/^[a-z][a-z0-9_]*$/, { message: 'i18n:validation.role_code_chars' }),
  name: z.string().trim().min(1).max(64),
  description: z.string().trim().max(500).default(''),
  dataScope: z.enum(DATA_SCOPES),
  permissions: z.array(z.enum(PERMISSIONS)).max(200),
});
export type RoleCreate = z.infer<typeof roleCreateSchema>;

export const roleUpdateSchema = roleCreateSchema.omit({ code: true });
export type RoleUpdate = z.infer<typeof roleUpdateSchema>;

// ---- users ----
export const USER_STATUSES = ['active', 'disabled'] as const;

export const userSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    departmentId: z.number().int().nullable(),
    departmentName: z.string().nullable(),
    status: z.enum(USER_STATUSES),
    locale: localeSchema,
    roleIds: z.array(z.number().int()),
    lockedUntil: timestampSchema.nullable(),
    lastLoginAt: timestampSchema.nullable(),
    createdAt: timestampSchema,
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof userSchema>;


export const userCreateSchema = z.object({
  username: usernameSchema,
  displayName: z.string().trim().min(1).max(64),
  email: nullableText(200).pipe(z.email().nullable()).default(null),
  phone: nullableText(32).default(null),
  departmentId: z.number().int().positive().nullable(),
  roleIds: z.array(z.number().int().positive()).min(1).max(20),
  password: passwordSchema,
  /** Omitted: the organisation's default language. */
  locale: localeSchema.optional(),
});
export type UserCreate = z.input<typeof userCreateSchema>;

export const userUpdateSchema = z.object({
  displayName: z.string().trim().min(1).max(64).optional(),
  email: nullableText(200).pipe(z.email().nullable()).optional(),
  phone: nullableText(32).optional(),
  departmentId: z.number().int().positive().nullable().optional(),
  roleIds: z.array(z.number().int().positive()).min(1).max(20).optional(),
  status: z.enum(USER_STATUSES).optional(),
  locale: localeSchema.optional(),
});
export type UserUpdate = z.input<typeof userUpdateSchema>;

export const resetPasswordRequestSchema = z.object({ password: passwordSchema });

export const userListQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(64).optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  roleId: z.coerce.number().int().positive().optional(),
  status: z.enum(USER_STATUSES).optional(),
});
export type UserListQuery = z.infer<typeof userListQuerySchema>;
export const userPageSchema = pageOf(userSchema);

// ---- API tokens ----
export const apiTokenSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    prefix: z.string(),
    permissions: z.array(z.enum(PERMISSIONS)),
    ownerId: z.number().int(),
    ownerName: z.string(),
    createdAt: timestampSchema,
    expiresAt: timestampSchema.nullable(),
    lastUsedAt: timestampSchema.nullable(),
    revokedAt: timestampSchema.nullable(),
  })
  .meta({ id: 'ApiToken' });
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const apiTokenCreateSchema = z.object({
  name: z.string().trim().min(1).max(64),
  permissions: z.array(z.enum(PERMISSIONS)).min(1).max(200),
  expiresInDays: z.number().int().min(1).max(3650).nullable().default(365),
});
export type ApiTokenCreate = z.input<typeof apiTokenCreateSchema>;

/** The secret appears in this response only; the server keeps a hash. */
export const apiTokenCreatedSchema = z.object({ token: apiTokenSchema, secret: z.string() });

// ---- audit log (ADM-3) ----
export const AUDIT_ACTIONS = [
  'auth.login_succeeded',
  'auth.login_failed',
  'auth.login_locked',
  'auth.logout',
  'auth.password_changed',
  'auth.session_revoked',
  'access.denied',
  'setup.completed',
  'user.created',
  'user.updated',
  'user.password_reset',
  'user.unlocked',
  'role.created',
  'role.updated',
  'role.deleted',
  'department.created',
  'department.updated',
  'department.deleted',
  'api_token.created',
  'api_token.revoked',
  'settings.updated',
  'customer.created',
  'customer.updated',
  'customer.pii_revealed',
  'customer.merged',
  'customer.erased',
  'customer.exported',
  'customer.imported',
  'customer.field_defined',
  'customer.field_changed',
  'customer.bulk_viewed',
  'customer.completeness_settings_updated',
  'work_order.owner_changed',
  'work_order.deleted',
  'work_order.restored',
  'work_order.purged',
  'work_order.merged',
  'work_order.settings_updated',
  'work_order.category_created',
  'work_order.category_updated',
  'sla.calendar_created',
  'sla.calendar_updated',
  'sla.calendar_deleted',
  'sla.policy_created',
  'sla.policy_updated',
  'sla.policy_deleted',
  'sla.policies_reordered',
  'sla.postponement_overridden',
  'complaint.settings_updated',
  'complaint.compensation_recorded',
  'work_order.bulk_changed',
  'knowledge.article_published',
  'knowledge.article_returned',
  'knowledge.article_archived',
  'knowledge.category_changed',
  'knowledge.synonyms_updated',
  'announcement.published',
  'announcement.withdrawn',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export const auditEntrySchema = z
  .object({
    id: z.number().int(),
    at: timestampSchema,
    actorId: z.number().int().nullable(),
    actorName: z.string().nullable(),
    action: z.enum(AUDIT_ACTIONS),
    outcome: z.enum(AUDIT_OUTCOMES),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    ip: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
    hash: z.string(),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditQuerySchema = pageQuerySchema.extend({
  action: z.enum(AUDIT_ACTIONS).optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  actorId: z.coerce.number().int().positive().optional(),
  /** Free text over actor name, target and details. */
  q: z.string().trim().max(100).optional(),
  from: z.coerce.number().int().optional(),
  to: z.coerce.number().int().optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;
export const auditPageSchema = pageOf(auditEntrySchema);

export const auditVerificationSchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  /** The first entry whose stored hash does not match its recomputed hash or link. */
  firstBrokenId: z.number().int().nullable(),
});
export type AuditVerification = z.infer<typeof auditVerificationSchema>;

// ---- organisation settings ----
export const organizationSettingsSchema = z.object({
  name: z.string(),
  timeZone: z.string(),
  defaultLocale: localeSchema,
});
export type OrganizationSettings = z.infer<typeof organizationSettingsSchema>;
export const organizationSettingsUpdateSchema = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  timeZone: z
    .string()
    .refine((tz) => isValidTimeZone(tz), { message: 'i18n:validation.time_zone' })
    .optional(),
  defaultLocale: localeSchema.optional(),
});

function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
