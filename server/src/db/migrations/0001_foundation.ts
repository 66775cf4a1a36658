import { sql, type Kysely, type Migration } from 'kysely';
import { BUILTIN_ROLES } from '@kefu/contracts';
import type { DbDialect } from '../database.js';
import { withIdColumn } from '../ddl.js';

export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/**
 * The audit log is append-only in the database itself, not only in the code: UPDATE and
 * DELETE abort. Tampering then needs DDL rights, and the hash chain still reveals it.
 */
async function forbidAuditRewrites(db: Kysely<unknown>, dialect: DbDialect): Promise<void> {
  if (dialect === 'sqlite') {
    for (const operation of ['UPDATE', 'DELETE']) {
      await sql
        .raw(
          `CREATE TRIGGER audit_log_no_${operation.toLowerCase()} BEFORE ${operation} ON audit_log
           BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
        )
        .execute(db);
    }
    return;
  }
  await sql
    .raw(
      `CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
       FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`,
    )
    .execute(db);
}

/** The default roles of PRODUCT.md; their names come from the locale files, so none is stored. */
async function seedBuiltinRoles(db: Kysely<unknown>): Promise<void> {
  const now = Date.now();
  for (const role of BUILTIN_ROLES) {
    const inserted = await sql<{ id: number }>`
      insert into role (code, name, description, builtin, data_scope, created_at, updated_at)
      values (${role.code}, '', '', 1, ${role.dataScope}, ${now}, ${now}) returning id`.execute(db);
    const roleId = inserted.rows[0]!.id;
    for (const permission of role.permissions) {
      await sql`insert into role_permission (role_id, permission) values (${roleId}, ${permission})`.execute(db);
    }
  }
}

/** Organisation, departments/teams, roles, users, sessions, API tokens, audit log. */
export function foundationMigration(dialect: DbDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('organization')
        .addColumn('id', 'integer', (col) => col.primaryKey())
        .addColumn('name', 'text', (col) => col.notNull())
        .addColumn('time_zone', 'text', (col) => col.notNull())
        .addColumn('default_locale', 'text', (col) => col.notNull())
        .addColumn('setup_completed_at', 'bigint')
        .addColumn('updated_at', 'bigint', (col) => col.notNull())
        .execute();

      await withIdColumn(db.schema.createTable('department'), dialect)
        .addColumn('parent_id', 'integer', (col) => col.references('department.id'))
        .addColumn('name', 'text', (col) => col.notNull())
        .addColumn('kind', 'text', (col) => col.notNull())
        .addColumn('sort_order', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('path', 'text', (col) => col.notNull())
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .addColumn('updated_at', 'bigint', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('department_path_idx').on('department').column('path').execute();
      await db.schema.createIndex('department_parent_idx').on('department').column('parent_id').execute();

      await withIdColumn(db.schema.createTable('role'), dialect)
        .addColumn('code', 'text', (col) => col.notNull().unique())
        .addColumn('name', 'text', (col) => col.notNull())
        .addColumn('description', 'text', (col) => col.notNull())
        .addColumn('builtin', 'integer', (col) => col.notNull())
        .addColumn('data_scope', 'text', (col) => col.notNull())
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .addColumn('updated_at', 'bigint', (col) => col.notNull())
        .execute();

      await db.schema
        .createTable('role_permission')
        .addColumn('role_id', 'integer', (col) => col.notNull().references('role.id').onDelete('cascade'))
        .addColumn('permission', 'text', (col) => col.notNull())
        .addPrimaryKeyConstraint('role_permission_pk', ['role_id', 'permission'])
        .execute();

      await withIdColumn(db.schema.createTable('app_user'), dialect)
        .addColumn('username', 'text', (col) => col.notNull().unique())
        .addColumn('display_name', 'text', (col) => col.notNull())
        .addColumn('email', 'text')
        .addColumn('phone', 'text')
        .addColumn('password_hash', 'text', (col) => col.notNull())
        .addColumn('department_id', 'integer', (col) => col.references('department.id'))
        .addColumn('status', 'text', (col) => col.notNull())
        .addColumn('locale', 'text', (col) => col.notNull())
        .addColumn('failed_login_count', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('locked_until', 'bigint')
        .addColumn('password_changed_at', 'bigint', (col) => col.notNull())
        .addColumn('last_login_at', 'bigint')
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .addColumn('updated_at', 'bigint', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('app_user_department_idx').on('app_user').column('department_id').execute();

      await db.schema
        .createTable('user_role')
        .addColumn('user_id', 'integer', (col) => col.notNull().references('app_user.id').onDelete('cascade'))
        .addColumn('role_id', 'integer', (col) => col.notNull().references('role.id'))
        .addPrimaryKeyConstraint('user_role_pk', ['user_id', 'role_id'])
        .execute();
      await db.schema.createIndex('user_role_role_idx').on('user_role').column('role_id').execute();

      await withIdColumn(db.schema.createTable('session'), dialect)
        .addColumn('public_id', 'text', (col) => col.notNull().unique())
        .addColumn('token_hash', 'text', (col) => col.notNull().unique())
        .addColumn('user_id', 'integer', (col) => col.notNull().references('app_user.id').onDelete('cascade'))
        .addColumn('csrf_token', 'text', (col) => col.notNull())
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .addColumn('last_seen_at', 'bigint', (col) => col.notNull())
        .addColumn('expires_at', 'bigint', (col) => col.notNull())
        .addColumn('ip', 'text')
        .addColumn('user_agent', 'text')
        .addColumn('revoked_at', 'bigint')
        .execute();
      await db.schema.createIndex('session_user_idx').on('session').column('user_id').execute();

      await withIdColumn(db.schema.createTable('api_token'), dialect)
        .addColumn('owner_id', 'integer', (col) => col.notNull().references('app_user.id').onDelete('cascade'))
        .addColumn('name', 'text', (col) => col.notNull())
        .addColumn('prefix', 'text', (col) => col.notNull())
        .addColumn('token_hash', 'text', (col) => col.notNull().unique())
        .addColumn('permissions', 'text', (col) => col.notNull())
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .addColumn('expires_at', 'bigint')
        .addColumn('last_used_at', 'bigint')
        .addColumn('revoked_at', 'bigint')
        .execute();

      await withIdColumn(db.schema.createTable('audit_log'), dialect)
        .addColumn('at', 'bigint', (col) => col.notNull())
        .addColumn('actor_id', 'integer')
        .addColumn('actor_name', 'text')
        .addColumn('action', 'text', (col) => col.notNull())
        .addColumn('outcome', 'text', (col) => col.notNull())
        .addColumn('target_type', 'text')
        .addColumn('target_id', 'text')
        .addColumn('ip', 'text')
        .addColumn('details', 'text', (col) => col.notNull())
        .addColumn('prev_hash', 'text', (col) => col.notNull())
        .addColumn('hash', 'text', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('audit_log_at_idx').on('audit_log').column('at').execute();
      await db.schema.createIndex('audit_log_actor_idx').on('audit_log').columns(['actor_id', 'at']).execute();
      await db.schema.createIndex('audit_log_action_idx').on('audit_log').columns(['action', 'at']).execute();

      await db.schema
        .createTable('audit_chain_head')
        .addColumn('id', 'integer', (col) => col.primaryKey())
        .addColumn('last_id', 'integer', (col) => col.notNull())
        .addColumn('last_hash', 'text', (col) => col.notNull())
        .execute();
      await sql`insert into audit_chain_head (id, last_id, last_hash) values (1, 0, ${AUDIT_GENESIS_HASH})`.execute(db);
      await forbidAuditRewrites(db, dialect);
      await seedBuiltinRoles(db);
    },
  };
}
