import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { KnowledgeDatabase } from './schema-knowledge.js';

/** Epoch milliseconds (UTC). Stored as INTEGER on SQLite and BIGINT on PostgreSQL. */
type Millis = number;

export interface OrganizationTable {
  id: number;
  name: string;
  time_zone: string;
  default_locale: string;
  setup_completed_at: Millis | null;
  updated_at: Millis;
}

export interface DepartmentTable {
  id: Generated<number>;
  parent_id: number | null;
  name: string;
  kind: string;
  sort_order: number;
  /** Materialised path of ids, e.g. `/1/4/9/`; subtree queries are one LIKE on an index. */
  path: string;
  created_at: Millis;
  updated_at: Millis;
}

export interface RoleTable {
  id: Generated<number>;
  code: string;
  /** Empty for built-in roles, whose names come from the locale files. */
  name: string;
  description: string;
  builtin: number;
  data_scope: string;
  created_at: Millis;
  updated_at: Millis;
}

export interface RolePermissionTable {
  role_id: number;
  permission: string;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  email: string | null;
  phone: string | null;
  password_hash: string;
  department_id: number | null;
  status: string;
  locale: string;
  failed_login_count: number;
  locked_until: Millis | null;
  password_changed_at: Millis;
  last_login_at: Millis | null;
  created_at: Millis;
  updated_at: Millis;
}

export interface UserRoleTable {
  user_id: number;
  role_id: number;
}

export interface SessionTable {
  id: Generated<number>;
  /** Public handle shown in "my sessions"; never the secret. */
  public_id: string;
  /** SHA-256 of the cookie secret; the secret itself is never stored. */
  token_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: Millis;
  last_seen_at: Millis;
  expires_at: Millis;
  ip: string | null;
  user_agent: string | null;
  revoked_at: Millis | null;
}

export interface ApiTokenTable {
  id: Generated<number>;
  owner_id: number;
  name: string;
  prefix: string;
  token_hash: string;
  /** JSON array of permission codes. */
  permissions: string;
  created_at: Millis;
  expires_at: Millis | null;
  last_used_at: Millis | null;
  revoked_at: Millis | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Millis;
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  outcome: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  /** JSON object. */
  details: string;
  prev_hash: string;
  hash: string;
}

/** One row: the tip of the audit hash chain, locked while appending so the chain never forks. */
export interface AuditChainHeadTable {
  id: number;
  last_id: number;
  last_hash: string;
}

export interface IdempotencyKeyTable {
  /** `user:<id>` or `token:<id>`: keys are per caller, so two callers never collide. */
  principal: string;
  key: string;
  route: string;
  request_hash: string;
  /** Null while the first request is still running. */
  status_code: number | null;
  response_body: string | null;
  created_at: Millis;
}

/**
 * One searchable field of one entity (platform/search), with its text normalised for the
 * exact substring check. The token index differs per database: on SQLite the FTS5 table
 * `search_fts` shares `id` as its rowid; on PostgreSQL `tokens` is a GIN-indexed text[].
 * Only search.repository.ts reads or writes these tables.
 */
export interface SearchEntryTable {
  /** SQLite only: type code · 2^46 + entity id · 16 + field slot (migration 0009_search_speed). */
  id: number;
  entity_type: string;
  entity_id: number;
  field: string;
  content: string;
  /** PostgreSQL only. */
  tokens: ColumnType<string[], string[] | undefined, string[]>;
}

/** SQLite only: each entity type's code in search_entry.id. */
export interface SearchEntityTypeTable {
  code: Generated<number>;
  entity_type: string;
}

/** SQLite only: contentless FTS5 index over search_entry (rowid = search_entry.id). */
export interface SearchFtsTable {
  rowid: number;
  /** Space-separated tokens; not stored, only indexed. */
  tokens: string;
}

export interface CustomerTable {
  id: Generated<number>;
  name: string;
  type: string;
  tier: string;
  segment: string | null;
  source: string | null;
  email: string | null;
  address: string | null;
  id_number: string | null;
  id_suffix: string | null;
  birthday: string | null;
  personality: string | null;
  account_manager_id: number | null;
  organization_id: number | null;
  family_id: number | null;
  notes: string | null;
  completeness: number;
  /** JSON array of completeness field names. */
  missing_fields: string;
  status: string;
  merged_into_id: number | null;
  created_by: number | null;
  import_id: number | null;
  /** JSON object: organisation-defined field key → value. */
  custom_fields: Generated<string>;
  created_at: Millis;
  updated_at: Millis;
}

export interface CustomerFieldTable {
  id: Generated<number>;
  key: string;
  label: string;
  type: string;
  options: string;
  sort_order: number;
  archived_at: Millis | null;
  created_at: Millis;
}

export interface SavedViewTable {
  id: Generated<number>;
  user_id: number;
  scope: string;
  name: string;
  query: string;
  created_at: Millis;
}

export interface CustomerImportTable {
  id: Generated<number>;
  created_by: number;
  file_name: string;
  status: string;
  total_rows: number;
  error_count: number;
  errors: string;
  rows: string;
  processed: number;
  created_at: Millis;
  finished_at: Millis | null;
}

export interface CustomerPhoneTable {
  id: Generated<number>;
  customer_id: number;
  /** Normalised digits (see normalizePhone in the contracts). */
  number: string;
  label: string | null;
  is_primary: number;
}

export interface CustomerTagTable {
  customer_id: number;
  tag: string;
}

export interface CustomerEventTable {
  id: Generated<number>;
  customer_id: number;
  at: Millis;
  kind: string;
  source_type: string | null;
  source_id: string | null;
  actor_id: number | null;
  actor_name: string | null;
  /** JSON object. */
  data: string;
}

export interface CustomerSettingsTable {
  id: number;
  /** JSON array of completeness field names. */
  required_fields: string;
  updated_at: Millis;
}

export interface WorkOrderCategoryTable {
  id: Generated<number>;
  parent_id: number | null;
  name: string;
  default_department_id: number | null;
  default_priority: string;
  requires_confirmation: number;
  fields: string;
  sort_order: number;
  active: number;
  created_at: Millis;
  updated_at: Millis;
}

export interface WorkOrderTable {
  id: Generated<number>;
  number: string;
  type: string;
  category_id: number;
  channel: string;
  priority: string;
  priority_rank: number;
  status: string;
  title: string;
  description: string;
  reason: string;
  requested_handling: string;
  location: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  customer_id: number | null;
  occurred_at: Millis;
  owner_id: number;
  owner_department_id: number | null;
  handler_id: number | null;
  department_id: number | null;
  due_at: Millis | null;
  form_data: string;
  first_contact_resolution: number;
  result: string | null;
  confirmation_method: string | null;
  confirmation_note: string | null;
  confirmed_at: Millis | null;
  confirmed_by: number | null;
  resolved_at: Millis | null;
  closed_at: Millis | null;
  suspended_from: string | null;
  reopen_count: number;
  reminder_count: number;
  last_activity_at: Millis;
  merged_into_id: number | null;
  unclosed: number;
  deleted_at: Millis | null;
  deleted_by: number | null;
  delete_reason: string | null;
  created_by: number;
  created_at: Millis;
  updated_at: Millis;
}

export interface WorkOrderSequenceTable {
  day: string;
  last_value: number;
}

export interface WorkOrderEventTable {
  id: Generated<number>;
  order_id: number;
  at: Millis;
  kind: string;
  actor_id: number | null;
  actor_name: string | null;
  from_status: string | null;
  to_status: string | null;
  data: string;
}

export interface WorkOrderStepTable {
  id: Generated<number>;
  order_id: number;
  batch: number;
  sequence: number;
  mode: string;
  department_id: number | null;
  assignee_id: number | null;
  instructions: string;
  due_at: Millis | null;
  status: string;
  result: string | null;
  return_reason: string | null;
  created_by: number;
  created_at: Millis;
  accepted_at: Millis | null;
  finished_at: Millis | null;
}

export interface WorkOrderMessageTable {
  id: Generated<number>;
  order_id: number;
  kind: string;
  body_html: string;
  body_text: string;
  author_id: number;
  mentions: string;
  created_at: Millis;
}

export interface WorkOrderAttachmentTable {
  id: Generated<number>;
  order_id: number;
  message_id: number | null;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  inline: number;
  token: string;
  storage: string;
  storage_key: string | null;
  content: Buffer | null;
  uploaded_by: number;
  created_at: Millis;
}

export interface WorkOrderLinkTable {
  order_id: number;
  other_id: number;
  created_by: number;
  created_at: Millis;
}

export interface WorkOrderSettingsTable {
  id: number;
  data: string;
  updated_at: Millis;
}

export interface AgentAvailabilityTable {
  user_id: number;
  status: string;
  capacity: number | null;
  updated_at: Millis;
}

export interface AssignmentCursorTable {
  department_id: number;
  last_user_id: number;
}

export interface NotificationTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  work_order_id: number | null;
  actor_id: number | null;
  data: string;
  created_at: Millis;
  read_at: Millis | null;
}

export interface SlaCalendarTable {
  id: Generated<number>;
  name: string;
  body: string;
  is_default: number;
  created_at: Millis;
  updated_at: Millis;
}

export interface SlaPolicyTable {
  id: Generated<number>;
  name: string;
  position: number;
  active: number;
  conditions: string;
  calendar_id: number | null;
  targets: string;
  warn_at_percent: number;
  notify_outside_hours: number;
  escalation_minutes: string;
  created_at: Millis;
  updated_at: Millis;
}

export interface WorkOrderSlaTable {
  order_id: number;
  policy_id: number | null;
  started_at: Millis;
  pauses: string;
  paused_since: Millis | null;
  response_max_minutes: number | null;
  response_average_minutes: number | null;
  response_basis: string | null;
  response_started_at: Millis | null;
  response_due_at: Millis | null;
  response_warn_at: Millis | null;
  response_done_at: Millis | null;
  response_warned: number;
  response_breached: number;
  resolution_max_minutes: number | null;
  resolution_average_minutes: number | null;
  resolution_basis: string | null;
  resolution_started_at: Millis | null;
  resolution_due_at: Millis | null;
  resolution_warn_at: Millis | null;
  resolution_done_at: Millis | null;
  resolution_warned: number;
  resolution_breached: number;
  callback_max_minutes: number | null;
  callback_average_minutes: number | null;
  callback_basis: string | null;
  callback_started_at: Millis | null;
  callback_due_at: Millis | null;
  callback_warn_at: Millis | null;
  callback_done_at: Millis | null;
  callback_warned: number;
  callback_breached: number;
  promised_at: Millis | null;
  promise_explicit: number;
  postpone_count: number;
  violations: number;
  escalation_level: number;
  next_check_at: Millis | null;
  claimed_until: Millis | null;
  claim_token: string | null;
  updated_at: Millis;
}

export interface WorkOrderPostponementTable {
  id: Generated<number>;
  order_id: number;
  at: Millis;
  by_id: number;
  from_at: Millis;
  to_at: Millis;
  reason: string;
  notice_method: string;
  notice_note: string | null;
  override: number;
}

export interface WorkOrderEscalationTable {
  id: Generated<number>;
  order_id: number;
  kind: string;
  from_level: number;
  to_level: number;
  skipped_levels: string;
  raised_by: number | null;
  raised_at: Millis;
  proposed_handling: string | null;
  respond_by: Millis;
  instruction: string | null;
  instructed_by: number | null;
  instructed_at: Millis | null;
  status: string;
}

export interface ComplaintTable {
  id: Generated<number>;
  order_id: number;
  customer_id: number | null;
  category_id: number;
  level: string;
  source: string;
  severity: string;
  severity_reasons: string;
  customer_seeks: string;
  responsible_department_id: number | null;
  root_cause: string | null;
  remedy: string | null;
  compensation_fen: number;
  satisfaction: string | null;
  satisfaction_note: string | null;
  repeat_of_id: number | null;
  repeat_count: number;
  level_due_at: Millis;
  level_history: string;
  case_article_id: number | null;
  case_article_title: string | null;
  created_at: Millis;
  updated_at: Millis;
}

export interface ComplaintSettingsTable {
  id: number;
  data: string;
  updated_at: Millis;
}

export interface Database extends KnowledgeDatabase {
  organization: OrganizationTable;
  department: DepartmentTable;
  role: RoleTable;
  role_permission: RolePermissionTable;
  app_user: UserTable;
  user_role: UserRoleTable;
  session: SessionTable;
  api_token: ApiTokenTable;
  audit_log: AuditLogTable;
  audit_chain_head: AuditChainHeadTable;
  idempotency_key: IdempotencyKeyTable;
  customer: CustomerTable;
  customer_phone: CustomerPhoneTable;
  customer_tag: CustomerTagTable;
  customer_event: CustomerEventTable;
  customer_settings: CustomerSettingsTable;
  customer_import: CustomerImportTable;
  customer_field: CustomerFieldTable;
  saved_view: SavedViewTable;
  search_entry: SearchEntryTable;
  search_fts: SearchFtsTable;
  search_entity_type: SearchEntityTypeTable;
  work_order_category: WorkOrderCategoryTable;
  work_order: WorkOrderTable;
  work_order_sequence: WorkOrderSequenceTable;
  work_order_event: WorkOrderEventTable;
  work_order_step: WorkOrderStepTable;
  work_order_message: WorkOrderMessageTable;
  work_order_attachment: WorkOrderAttachmentTable;
  work_order_link: WorkOrderLinkTable;
  work_order_settings: WorkOrderSettingsTable;
  agent_availability: AgentAvailabilityTable;
  assignment_cursor: AssignmentCursorTable;
  notification: NotificationTable;
  sla_calendar: SlaCalendarTable;
  sla_policy: SlaPolicyTable;
  work_order_sla: WorkOrderSlaTable;
  work_order_postponement: WorkOrderPostponementTable;
  work_order_escalation: WorkOrderEscalationTable;
  complaint: ComplaintTable;
  complaint_settings: ComplaintSettingsTable;
}

export type UserRow = Selectable<UserTable>;
export type NewUserRow = Insertable<UserTable>;
export type UserRowUpdate = Updateable<UserTable>;
export type SessionRow = Selectable<SessionTable>;
export type DepartmentRow = Selectable<DepartmentTable>;
export type RoleRow = Selectable<RoleTable>;
export type ApiTokenRow = Selectable<ApiTokenTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
export type CustomerRow = Selectable<CustomerTable>;
export type CustomerEventRow = Selectable<CustomerEventTable>;
export type WorkOrderRow = Selectable<WorkOrderTable>;
export type WorkOrderCategoryRow = Selectable<WorkOrderCategoryTable>;
export type WorkOrderStepRow = Selectable<WorkOrderStepTable>;
export type WorkOrderEventRow = Selectable<WorkOrderEventTable>;
export type WorkOrderMessageRow = Selectable<WorkOrderMessageTable>;
export type WorkOrderAttachmentRow = Selectable<WorkOrderAttachmentTable>;
export type SlaCalendarRow = Selectable<SlaCalendarTable>;
export type SlaPolicyRow = Selectable<SlaPolicyTable>;
export type WorkOrderSlaRow = Selectable<WorkOrderSlaTable>;
export type WorkOrderEscalationRow = Selectable<WorkOrderEscalationTable>;
export type WorkOrderPostponementRow = Selectable<WorkOrderPostponementTable>;
export type ComplaintRow = Selectable<ComplaintTable>;
