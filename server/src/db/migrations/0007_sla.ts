import { sql, type Kysely, type Migration } from 'kysely';
import { SLA_GRANTS, SLA_PERMISSIONS } from '@kefu/contracts';
import type { DbDialect } from '../database.js';
import { withIdColumn, grantToBuiltinRoles } from '../ddl.js';

export const DEFAULT_COMPLAINT_SETTINGS = {
  repeatWindowDays: 30,
  levelLimitHours: { complaint: 48, escalated: 24, appeal: 120 },
};

/** Mon–Sat 08:00–20:00, Sun 09:00–17:30: the service hall hours the seeds describe. */
const STANDARD_HOURS = {
  timeZone: 'Asia/Shanghai',
  alwaysOpen: false,
  weeklyHours: {
    mon: [{ start: '08:00', end: '20:00' }],
    tue: [{ start: '08:00', end: '20:00' }],
    wed: [{ start: '08:00', end: '20:00' }],
    thu: [{ start: '08:00', end: '20:00' }],
    fri: [{ start: '08:00', end: '20:00' }],
    sat: [{ start: '08:00', end: '20:00' }],
    sun: [{ start: '09:00', end: '17:30' }],
  },
  holidays: [],
  adjustedWorkdays: [],
};

/**
 * Service commitments (SLA-1 … SLA-6) and complaints (CMP-1 … CMP-5).
 *
 * Each order's clocks live in `work_order_sla`, one row per order with a policy. The sweeper
 * finds work through `next_check_at` (the earliest moment something may be due: a warning,
 * a breach, a superior's deadline) and claims rows with `claimed_until` so several nodes can
 * sweep one database without doing the same work twice; the per-clock `*_warned`/`*_breached`
 * flags are set in the same transaction as the notifications they cause, so even a
 * lease that expires mid-way cannot send one twice.
 */
export function slaMigration(dialect: DbDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await withIdColumn(db.schema.createTable('sla_calendar'), dialect)
        .addColumn('name', 'text', (col) => col.notNull())
        /** JSON: time zone, 7×24 flag, weekly hours, holidays, adjusted workdays. */
        .addColumn('body', 'text', (col) => col.notNull())
        .addColumn('is_default', 'integer', (col) => col.notNull())
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .addColumn('updated_at', 'bigint', (col) => col.notNull())
        .execute();

      await withIdColumn(db.schema.createTable('sla_policy'), dialect)
        .addColumn('name', 'text', (col) => col.notNull())
        .addColumn('position', 'integer', (col) => col.notNull())
        .addColumn('active', 'integer', (col) => col.notNull())
        /** JSON lists per dimension; an empty list matches everything. */
        .addColumn('conditions', 'text', (col) => col.notNull())
        .addColumn('calendar_id', 'integer', (col) => col.references('sla_calendar.id'))
        /** JSON: firstResponse / resolution / callback, each { maxMinutes, averageMinutes, basis } or null. */
        .addColumn('targets', 'text', (col) => col.notNull())
        .addColumn('warn_at_percent', 'integer', (col) => col.notNull())
        .addColumn('notify_outside_hours', 'integer', (col) => col.notNull())
        .addColumn('escalation_minutes', 'text', (col) => col.notNull())
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .addColumn('updated_at', 'bigint', (col) => col.notNull())
        .execute();

      let table = db.schema
        .createTable('work_order_sla')
        .addColumn('order_id', 'integer', (col) => col.primaryKey().references('work_order.id'))
        .addColumn('policy_id', 'integer', (col) => col.references('sla_policy.id'))
        /** The clocks' start: the order's creation (or the latest complaint level change). */
        .addColumn('started_at', 'bigint', (col) => col.notNull())
        /** JSON [{ from, to }] of closed pauses (挂起). */
        .addColumn('pauses', 'text', (col) => col.notNull())
        .addColumn('paused_since', 'bigint');
      for (const clock of ['response', 'resolution', 'callback']) {
        table = table
          .addColumn(`${clock}_max_minutes`, 'integer')
          .addColumn(`${clock}_average_minutes`, 'integer')
          .addColumn(`${clock}_basis`, 'text')
          .addColumn(`${clock}_started_at`, 'bigint')
          .addColumn(`${clock}_due_at`, 'bigint')
          .addColumn(`${clock}_warn_at`, 'bigint')
          .addColumn(`${clock}_done_at`, 'bigint')
          .addColumn(`${clock}_warned`, 'integer', (col) => col.notNull().defaultTo(0))
          .addColumn(`${clock}_breached`, 'integer', (col) => col.notNull().defaultTo(0));
      }
      await table
        /** 承诺时限 told to the customer; the resolution clock runs to it. */
        .addColumn('promised_at', 'bigint')
        /** 1 when a person named the promise (kept through a policy change); 0 for the policy's own default. */
        .addColumn('promise_explicit', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('postpone_count', 'integer', (col) => col.notNull().defaultTo(0))
        /** Supervisor overrides of the one-postponement rule: each is a violation. */
        .addColumn('violations', 'integer', (col) => col.notNull().defaultTo(0))
        /** 0 agent … 3 center director. */
        .addColumn('escalation_level', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('next_check_at', 'bigint')
        .addColumn('claimed_until', 'bigint')
        .addColumn('claim_token', 'text')
        .addColumn('updated_at', 'bigint', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('work_order_sla_next_check_idx').on('work_order_sla').columns(['next_check_at']).execute();
      await db.schema.createIndex('work_order_sla_policy_idx').on('work_order_sla').columns(['policy_id']).execute();

      await withIdColumn(db.schema.createTable('work_order_postponement'), dialect)
        .addColumn('order_id', 'integer', (col) => col.notNull().references('work_order.id'))
        .addColumn('at', 'bigint', (col) => col.notNull())
        .addColumn('by_id', 'integer', (col) => col.notNull().references('app_user.id'))
        .addColumn('from_at', 'bigint', (col) => col.notNull())
        .addColumn('to_at', 'bigint', (col) => col.notNull())
        .addColumn('reason', 'text', (col) => col.notNull())
        .addColumn('notice_method', 'text', (col) => col.notNull())
        .addColumn('notice_note', 'text')
        .addColumn('override', 'integer', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('work_order_postponement_order_idx').on('work_order_postponement').columns(['order_id', 'id']).execute();

      await withIdColumn(db.schema.createTable('work_order_escalation'), dialect)
        .addColumn('order_id', 'integer', (col) => col.notNull().references('work_order.id'))
        .addColumn('kind', 'text', (col) => col.notNull())
        .addColumn('from_level', 'integer', (col) => col.notNull())
        .addColumn('to_level', 'integer', (col) => col.notNull())
        /** JSON list of levels an emergency escalation passed over (they are informed). */
        .addColumn('skipped_levels', 'text', (col) => col.notNull())
        .addColumn('raised_by', 'integer', (col) => col.references('app_user.id'))
        .addColumn('raised_at', 'bigint', (col) => col.notNull())
        .addColumn('proposed_handling', 'text')
        .addColumn('respond_by', 'bigint', (col) => col.notNull())
        .addColumn('instruction', 'text')
        .addColumn('instructed_by', 'integer', (col) => col.references('app_user.id'))
        .addColumn('instructed_at', 'bigint')
        .addColumn('status', 'text', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('work_order_escalation_order_idx').on('work_order_escalation').columns(['order_id', 'id']).execute();

      await withIdColumn(db.schema.createTable('complaint'), dialect)
        .addColumn('order_id', 'integer', (col) => col.notNull().unique().references('work_order.id'))
        .addColumn('customer_id', 'integer', (col) => col.references('customer.id'))
        .addColumn('category_id', 'integer', (col) => col.notNull().references('work_order_category.id'))
        .addColumn('level', 'text', (col) => col.notNull())
        .addColumn('source', 'text', (col) => col.notNull())
        .addColumn('severity', 'text', (col) => col.notNull())
        .addColumn('severity_reasons', 'text', (col) => col.notNull())
        .addColumn('customer_seeks', 'text', (col) => col.notNull())
        .addColumn('responsible_department_id', 'integer', (col) => col.references('department.id'))
        .addColumn('root_cause', 'text')
        .addColumn('remedy', 'text')
        .addColumn('compensation_fen', 'integer', (col) => col.notNull())
        .addColumn('satisfaction', 'text')
        .addColumn('satisfaction_note', 'text')
        .addColumn('repeat_of_id', 'integer', (col) => col.references('complaint.id'))
        .addColumn('repeat_count', 'integer', (col) => col.notNull())
        .addColumn('level_due_at', 'bigint', (col) => col.notNull())
        /** JSON [{ level, at, byId, reason }]. */
        .addColumn('level_history', 'text', (col) => col.notNull())
        .addColumn('case_article_id', 'integer')
        .addColumn('case_article_title', 'text')
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .addColumn('updated_at', 'bigint', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('complaint_repeat_idx').on('complaint').columns(['customer_id', 'category_id', 'created_at']).execute();
      await db.schema.createIndex('complaint_created_idx').on('complaint').columns(['created_at']).execute();

      await db.schema
        .createTable('complaint_settings')
        .addColumn('id', 'integer', (col) => col.primaryKey())
        .addColumn('data', 'text', (col) => col.notNull())
        .addColumn('updated_at', 'bigint', (col) => col.notNull())
        .execute();
      const now = Date.now();
      await sql`insert into complaint_settings (id, data, updated_at) values (1, ${JSON.stringify(DEFAULT_COMPLAINT_SETTINGS)}, ${now})`.execute(db);
      // Two calendars every center needs: the service hall's hours (the default) and 7×24.
      await sql`insert into sla_calendar (name, body, is_default, created_at, updated_at)
                values ('标准营业时间', ${JSON.stringify(STANDARD_HOURS)}, 1, ${now}, ${now}),
                       ('7×24 小时', ${JSON.stringify({ ...STANDARD_HOURS, alwaysOpen: true })}, 0, ${now}, ${now})`.execute(db);

      await grantToBuiltinRoles(db, { ...SLA_GRANTS, administrator: SLA_PERMISSIONS });
    },
  };
}
