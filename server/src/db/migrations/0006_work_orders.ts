import { sql, type Kysely, type Migration } from 'kysely';
import { WORK_ORDER_GRANTS, WORK_ORDER_PERMISSIONS } from '@kefu/contracts';
import type { DbDialect } from '../database.js';
import { withIdColumn, grantToBuiltinRoles } from '../ddl.js';

export const DEFAULT_WORK_ORDER_SETTINGS = {
  numberPrefix: 'GD',
  reopenWindowDays: 7,
  backlogThresholdHours: 24,
  backlogThresholdByDepartment: {},
  breachingWindowHours: 4,
  defaultAgentCapacity: 20,
};

/**
 * Work orders (WO-1 … WO-10, WO-12): orders, their event history, dispatch steps,
 * conversation, attachments, links, categories, numbering, agent availability and
 * in-app notifications.
 *
 * The list views must answer in milliseconds at a million orders, so each view has an
 * index that starts with its equality column and ends with its default sort
 * (`updated_at`, or `due_at` for "breaching soon"), and `unclosed` (1 until an order is
 * closed, cancelled or binned) lets every open-work view skip the closed majority without
 * reading it.
 */
export function workOrdersMigration(dialect: DbDialect): Migration {
  const blob = dialect === 'sqlite' ? 'blob' : sql`bytea`;
  return {
    async up(db: Kysely<unknown>) {
      await withIdColumn(db.schema.createTable('work_order_category'), dialect)
        .addColumn('parent_id', 'integer', (col) => col.references('work_order_category.id'))
        .addColumn('name', 'text', (col) => col.notNull())
        .addColumn('default_department_id', 'integer', (col) => col.references('department.id'))
        .addColumn('default_priority', 'text', (col) => col.notNull())
        .addColumn('requires_confirmation', 'integer', (col) => col.notNull())
        /** JSON array of the category's own intake fields. */
        .addColumn('fields', 'text', (col) => col.notNull())
        .addColumn('sort_order', 'integer', (col) => col.notNull())
        .addColumn('active', 'integer', (col) => col.notNull())
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .addColumn('updated_at', 'bigint', (col) => col.notNull())
        .execute();

      await withIdColumn(db.schema.createTable('work_order'), dialect)
        .addColumn('number', 'text', (col) => col.notNull().unique())
        .addColumn('type', 'text', (col) => col.notNull())
        .addColumn('category_id', 'integer', (col) => col.notNull().references('work_order_category.id'))
        .addColumn('channel', 'text', (col) => col.notNull())
        .addColumn('priority', 'text', (col) => col.notNull())
        /** 0 low … 3 urgent, so "most urgent first" is an index order. */
        .addColumn('priority_rank', 'integer', (col) => col.notNull())
        .addColumn('status', 'text', (col) => col.notNull())
        .addColumn('title', 'text', (col) => col.notNull())
        .addColumn('description', 'text', (col) => col.notNull())
        .addColumn('reason', 'text', (col) => col.notNull())
        .addColumn('requested_handling', 'text', (col) => col.notNull())
        .addColumn('location', 'text')
        .addColumn('contact_name', 'text')
        /** Normalised digits. */
        .addColumn('contact_phone', 'text')
        .addColumn('customer_id', 'integer', (col) => col.references('customer.id'))
        .addColumn('occurred_at', 'bigint', (col) => col.notNull())
        /** 首问责任人: the receiving agent, for the order's whole life (WO-4). */
        .addColumn('owner_id', 'integer', (col) => col.notNull().references('app_user.id'))
        .addColumn('owner_department_id', 'integer', (col) => col.references('department.id'))
        .addColumn('handler_id', 'integer', (col) => col.references('app_user.id'))
        /** The team handling the order now. */
        .addColumn('department_id', 'integer', (col) => col.references('department.id'))
        .addColumn('due_at', 'bigint')
        .addColumn('form_data', 'text', (col) => col.notNull())
        .addColumn('first_contact_resolution', 'integer', (col) => col.notNull())
        .addColumn('result', 'text')
        .addColumn('confirmation_method', 'text')
        .addColumn('confirmation_note', 'text')
        .addColumn('confirmed_at', 'bigint')
        .addColumn('confirmed_by', 'integer', (col) => col.references('app_user.id'))
        .addColumn('resolved_at', 'bigint')
        .addColumn('closed_at', 'bigint')
        /** While suspended: the status to resume to. */
        .addColumn('suspended_from', 'text')
        .addColumn('reopen_count', 'integer', (col) => col.notNull())
        .addColumn('reminder_count', 'integer', (col) => col.notNull())
        .addColumn('last_activity_at', 'bigint', (col) => col.notNull())
        .addColumn('merged_into_id', 'integer', (col) => col.references('work_order.id'))
        .addColumn('unclosed', 'integer', (col) => col.notNull())
        .addColumn('deleted_at', 'bigint')
        .addColumn('deleted_by', 'integer', (col) => col.references('app_user.id'))
        .addColumn('delete_reason', 'text')
        .addColumn('created_by', 'integer', (col) => col.notNull().references('app_user.id'))
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .addColumn('updated_at', 'bigint', (col) => col.notNull())
        .execute();
      const orderIndexes: Array<[string, string[]]> = [
        ['work_order_owner_view_idx', ['owner_id', 'unclosed', 'updated_at']],
        ['work_order_handler_view_idx', ['handler_id', 'unclosed', 'updated_at']],
        ['work_order_team_view_idx', ['department_id', 'unclosed', 'updated_at']],
        ['work_order_owner_team_view_idx', ['owner_department_id', 'unclosed', 'updated_at']],
        ['work_order_status_updated_idx', ['status', 'updated_at']],
        ['work_order_team_priority_idx', ['department_id', 'unclosed', 'priority_rank', 'updated_at']],
        ['work_order_status_view_idx', ['status', 'department_id', 'updated_at']],
        ['work_order_status_owner_team_idx', ['status', 'owner_department_id', 'updated_at']],
        ['work_order_due_idx', ['unclosed', 'due_at']],
        // Status rides along so "breaching soon" can leave out resolved orders without
        // reading the table; handler_id likewise for "unassigned".
        ['work_order_team_due_idx', ['department_id', 'unclosed', 'due_at', 'status']],
        ['work_order_owner_team_due_idx', ['owner_department_id', 'unclosed', 'due_at', 'status']],
        ['work_order_team_unassigned_idx', ['department_id', 'unclosed', 'handler_id', 'updated_at']],
        ['work_order_owner_team_unassigned_idx', ['owner_department_id', 'unclosed', 'handler_id', 'updated_at']],
        ['work_order_backlog_idx', ['unclosed', 'last_activity_at']],
        ['work_order_customer_idx', ['customer_id', 'created_at']],
        ['work_order_created_idx', ['created_at']],
        ['work_order_updated_idx', ['updated_at']],
        ['work_order_deleted_idx', ['deleted_at']],
      ];
      for (const [name, columns] of orderIndexes) {
        await db.schema.createIndex(name).on('work_order').columns(columns).execute();
      }

      await db.schema
        .createTable('work_order_sequence')
        .addColumn('day', 'text', (col) => col.primaryKey())
        .addColumn('last_value', 'integer', (col) => col.notNull())
        .execute();

      await withIdColumn(db.schema.createTable('work_order_event'), dialect)
        .addColumn('order_id', 'integer', (col) => col.notNull().references('work_order.id'))
        .addColumn('at', 'bigint', (col) => col.notNull())
        .addColumn('kind', 'text', (col) => col.notNull())
        .addColumn('actor_id', 'integer')
        .addColumn('actor_name', 'text')
        .addColumn('from_status', 'text')
        .addColumn('to_status', 'text')
        .addColumn('data', 'text', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('work_order_event_order_idx').on('work_order_event').columns(['order_id', 'id']).execute();

      await withIdColumn(db.schema.createTable('work_order_step'), dialect)
        .addColumn('order_id', 'integer', (col) => col.notNull().references('work_order.id'))
        /** Steps dispatched together share a batch; within a sequence, `sequence` orders them. */
        .addColumn('batch', 'integer', (col) => col.notNull())
        .addColumn('sequence', 'integer', (col) => col.notNull())
        .addColumn('mode', 'text', (col) => col.notNull())
        .addColumn('department_id', 'integer', (col) => col.references('department.id'))
        .addColumn('assignee_id', 'integer', (col) => col.references('app_user.id'))
        .addColumn('instructions', 'text', (col) => col.notNull())
        .addColumn('due_at', 'bigint')
        .addColumn('status', 'text', (col) => col.notNull())
        .addColumn('result', 'text')
        .addColumn('return_reason', 'text')
        .addColumn('created_by', 'integer', (col) => col.notNull().references('app_user.id'))
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .addColumn('accepted_at', 'bigint')
        .addColumn('finished_at', 'bigint')
        .execute();
      await db.schema.createIndex('work_order_step_order_idx').on('work_order_step').columns(['order_id', 'id']).execute();
      await db.schema.createIndex('work_order_step_assignee_idx').on('work_order_step').columns(['assignee_id', 'status']).execute();
      await db.schema.createIndex('work_order_step_department_idx').on('work_order_step').columns(['department_id', 'status']).execute();

      await withIdColumn(db.schema.createTable('work_order_message'), dialect)
        .addColumn('order_id', 'integer', (col) => col.notNull().references('work_order.id'))
        .addColumn('kind', 'text', (col) => col.notNull())
        /** Sanitised on the way in; safe to render. */
        .addColumn('body_html', 'text', (col) => col.notNull())
        /** The same as plain text, for search and excerpts. */
        .addColumn('body_text', 'text', (col) => col.notNull())
        .addColumn('author_id', 'integer', (col) => col.notNull().references('app_user.id'))
        /** JSON array of mentioned user ids. */
        .addColumn('mentions', 'text', (col) => col.notNull())
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('work_order_message_order_idx').on('work_order_message').columns(['order_id', 'id']).execute();

      await withIdColumn(db.schema.createTable('work_order_attachment'), dialect)
        .addColumn('order_id', 'integer', (col) => col.notNull().references('work_order.id'))
        .addColumn('message_id', 'integer', (col) => col.references('work_order_message.id'))
        .addColumn('file_name', 'text', (col) => col.notNull())
        .addColumn('content_type', 'text', (col) => col.notNull())
        .addColumn('size', 'integer', (col) => col.notNull())
        .addColumn('sha256', 'text', (col) => col.notNull())
        /** Decided at upload from the extension and the bytes (attachment-files.ts). */
        .addColumn('inline', 'integer', (col) => col.notNull())
        /** Random, 144 bits, base64url: the download URL cannot be guessed from another. */
        .addColumn('token', 'text', (col) => col.notNull().unique())
        /** `db`: bytes in `content`; `disk`: bytes in a file named by `storage_key`. */
        .addColumn('storage', 'text', (col) => col.notNull())
        .addColumn('storage_key', 'text')
        .addColumn('content', blob)
        .addColumn('uploaded_by', 'integer', (col) => col.notNull().references('app_user.id'))
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('work_order_attachment_order_idx').on('work_order_attachment').column('order_id').execute();

      await db.schema
        .createTable('work_order_link')
        .addColumn('order_id', 'integer', (col) => col.notNull().references('work_order.id'))
        .addColumn('other_id', 'integer', (col) => col.notNull().references('work_order.id'))
        .addColumn('created_by', 'integer', (col) => col.notNull().references('app_user.id'))
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .addPrimaryKeyConstraint('work_order_link_pk', ['order_id', 'other_id'])
        .execute();

      await db.schema
        .createTable('work_order_settings')
        .addColumn('id', 'integer', (col) => col.primaryKey())
        .addColumn('data', 'text', (col) => col.notNull())
        .addColumn('updated_at', 'bigint', (col) => col.notNull())
        .execute();
      // Intake needs a category; organisations grow their own tree from this one.
      await sql`insert into work_order_category
                  (name, default_department_id, default_priority, requires_confirmation, fields, sort_order, active, created_at, updated_at)
                values ('其他业务', null, 'normal', 0, '[]', 1000, 1, ${Date.now()}, ${Date.now()})`.execute(db);
      await sql`insert into work_order_settings (id, data, updated_at)
                values (1, ${JSON.stringify(DEFAULT_WORK_ORDER_SETTINGS)}, ${Date.now()})`.execute(db);

      // Availability is kept per user so the shift roster (WFM) can later write the same
      // rows instead of agents setting their own status.
      await db.schema
        .createTable('agent_availability')
        .addColumn('user_id', 'integer', (col) => col.primaryKey().references('app_user.id'))
        .addColumn('status', 'text', (col) => col.notNull())
        /** Null: the organisation's default capacity. */
        .addColumn('capacity', 'integer')
        .addColumn('updated_at', 'bigint', (col) => col.notNull())
        .execute();
      await db.schema
        .createTable('assignment_cursor')
        .addColumn('department_id', 'integer', (col) => col.primaryKey().references('department.id'))
        .addColumn('last_user_id', 'integer', (col) => col.notNull())
        .execute();

      await withIdColumn(db.schema.createTable('notification'), dialect)
        .addColumn('user_id', 'integer', (col) => col.notNull().references('app_user.id'))
        .addColumn('kind', 'text', (col) => col.notNull())
        .addColumn('work_order_id', 'integer', (col) => col.references('work_order.id'))
        .addColumn('actor_id', 'integer', (col) => col.references('app_user.id'))
        .addColumn('data', 'text', (col) => col.notNull())
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .addColumn('read_at', 'bigint')
        .execute();
      await db.schema.createIndex('notification_user_idx').on('notification').columns(['user_id', 'id']).execute();

      await grantToBuiltinRoles(db, { ...WORK_ORDER_GRANTS, administrator: WORK_ORDER_PERMISSIONS });
    },
  };
}
