import type { Kysely, Migration } from 'kysely';
import type { DbDialect } from '../database.js';
import { withIdColumn } from '../ddl.js';

/** Organisation-defined customer fields (CUS-1) and users' saved list filters. */
export function customFieldsAndSavedViewsMigration(dialect: DbDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('customer').addColumn('custom_fields', 'text', (col) => col.notNull().defaultTo('{}')).execute();

      await withIdColumn(db.schema.createTable('customer_field'), dialect)
        .addColumn('key', 'text', (col) => col.notNull().unique())
        .addColumn('label', 'text', (col) => col.notNull())
        .addColumn('type', 'text', (col) => col.notNull())
        /** JSON array of the choices of a select field. */
        .addColumn('options', 'text', (col) => col.notNull())
        .addColumn('sort_order', 'integer', (col) => col.notNull())
        .addColumn('archived_at', 'bigint')
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .execute();

      await withIdColumn(db.schema.createTable('saved_view'), dialect)
        .addColumn('user_id', 'integer', (col) => col.notNull().references('app_user.id').onDelete('cascade'))
        .addColumn('scope', 'text', (col) => col.notNull())
        .addColumn('name', 'text', (col) => col.notNull())
        /** JSON object of query parameters. */
        .addColumn('query', 'text', (col) => col.notNull())
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .addUniqueConstraint('saved_view_name_unique', ['user_id', 'scope', 'name'])
        .execute();
    },
  };
}
