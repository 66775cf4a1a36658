import { sql, type Kysely, type Migration } from 'kysely';
import type { DbDialect } from '../database.js';
import { withIdColumn } from '../ddl.js';

/** What each built-in role may do with customer profiles (PRODUCT.md ROLE table). */
const CUSTOMER_GRANTS: Record<string, string[]> = {
  agent: ['customers.read', 'customers.write'],
  team_leader: ['customers.read', 'customers.write', 'customers.merge'],
  qa_inspector: ['customers.read'],
  department_head: ['customers.read', 'customers.write', 'customers.merge', 'customers.import', 'customers.export'],
  center_director: ['customers.read', 'customers.write', 'customers.merge', 'customers.import', 'customers.export', 'customers.erase'],
  back_office: ['customers.read'],
  account_manager: ['customers.read', 'customers.write', 'customers.export'],
  administrator: ['customers.read', 'customers.write', 'customers.merge', 'customers.import', 'customers.export', 'customers.erase'],
};

/** Customer archives (CUS-1 … CUS-8): profiles, phones, tags, the 360° timeline, completeness settings. */
export function customersMigration(dialect: DbDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await withIdColumn(db.schema.createTable('customer'), dialect)
        .addColumn('name', 'text', (col) => col.notNull())
        .addColumn('type', 'text', (col) => col.notNull())
        .addColumn('tier', 'text', (col) => col.notNull())
        .addColumn('segment', 'text')
        .addColumn('source', 'text')
        .addColumn('email', 'text')
        .addColumn('address', 'text')
        .addColumn('id_number', 'text')
        /** Last six characters of the ID number: lookup by suffix is an index seek. */
        .addColumn('id_suffix', 'text')
        .addColumn('birthday', 'text')
        .addColumn('personality', 'text')
        .addColumn('account_manager_id', 'integer', (col) => col.references('app_user.id'))
        .addColumn('organization_id', 'integer', (col) => col.references('customer.id'))
        .addColumn('family_id', 'integer', (col) => col.references('customer.id'))
        .addColumn('notes', 'text')
        .addColumn('completeness', 'integer', (col) => col.notNull())
        /** JSON array of the required fields still empty. */
        .addColumn('missing_fields', 'text', (col) => col.notNull())
        .addColumn('status', 'text', (col) => col.notNull())
        .addColumn('merged_into_id', 'integer', (col) => col.references('customer.id'))
        .addColumn('created_by', 'integer', (col) => col.references('app_user.id'))
        /** Set while an import stages its rows (status `importing`), so a failed import can be undone. */
        .addColumn('import_id', 'integer')
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .addColumn('updated_at', 'bigint', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('customer_import_idx').on('customer').column('import_id').execute();
      await db.schema.createIndex('customer_name_idx').on('customer').column('name').execute();
      await db.schema.createIndex('customer_id_suffix_idx').on('customer').column('id_suffix').execute();
      await db.schema.createIndex('customer_manager_idx').on('customer').column('account_manager_id').execute();
      await db.schema.createIndex('customer_organization_idx').on('customer').column('organization_id').execute();
      await db.schema.createIndex('customer_status_updated_idx').on('customer').columns(['status', 'updated_at']).execute();

      await withIdColumn(db.schema.createTable('customer_phone'), dialect)
        .addColumn('customer_id', 'integer', (col) => col.notNull().references('customer.id'))
        .addColumn('number', 'text', (col) => col.notNull())
        .addColumn('label', 'text')
        .addColumn('is_primary', 'integer', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('customer_phone_number_idx').on('customer_phone').column('number').execute();
      await db.schema.createIndex('customer_phone_customer_idx').on('customer_phone').column('customer_id').execute();

      await db.schema
        .createTable('customer_tag')
        .addColumn('customer_id', 'integer', (col) => col.notNull().references('customer.id'))
        .addColumn('tag', 'text', (col) => col.notNull())
        .addPrimaryKeyConstraint('customer_tag_pk', ['customer_id', 'tag'])
        .execute();
      await db.schema.createIndex('customer_tag_tag_idx').on('customer_tag').column('tag').execute();

      await withIdColumn(db.schema.createTable('customer_event'), dialect)
        .addColumn('customer_id', 'integer', (col) => col.notNull().references('customer.id'))
        .addColumn('at', 'bigint', (col) => col.notNull())
        .addColumn('kind', 'text', (col) => col.notNull())
        .addColumn('source_type', 'text')
        .addColumn('source_id', 'text')
        .addColumn('actor_id', 'integer')
        .addColumn('actor_name', 'text')
        .addColumn('data', 'text', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('customer_event_timeline_idx').on('customer_event').columns(['customer_id', 'at']).execute();

      await withIdColumn(db.schema.createTable('customer_import'), dialect)
        .addColumn('created_by', 'integer', (col) => col.notNull().references('app_user.id'))
        .addColumn('file_name', 'text', (col) => col.notNull())
        .addColumn('status', 'text', (col) => col.notNull())
        .addColumn('total_rows', 'integer', (col) => col.notNull())
        .addColumn('error_count', 'integer', (col) => col.notNull())
        /** JSON array of { row, field, code, message }, the first 1000. */
        .addColumn('errors', 'text', (col) => col.notNull())
        /** JSON array of validated customer inputs, consumed by the commit. */
        .addColumn('rows', 'text', (col) => col.notNull())
        .addColumn('processed', 'integer', (col) => col.notNull())
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .addColumn('finished_at', 'bigint')
        .execute();

      await db.schema
        .createTable('customer_settings')
        .addColumn('id', 'integer', (col) => col.primaryKey())
        .addColumn('required_fields', 'text', (col) => col.notNull())
        .addColumn('updated_at', 'bigint', (col) => col.notNull())
        .execute();
      await sql`insert into customer_settings (id, required_fields, updated_at)
                values (1, ${JSON.stringify(['primaryPhone', 'address', 'personality', 'segment', 'birthday'])}, ${Date.now()})`.execute(db);

      for (const [role, permissions] of Object.entries(CUSTOMER_GRANTS)) {
        for (const permission of permissions) {
          await sql`insert into role_permission (role_id, permission)
                    select id, ${permission} from role where code = ${role} and builtin = 1
                    on conflict do nothing`.execute(db);
        }
      }
    },
  };
}
