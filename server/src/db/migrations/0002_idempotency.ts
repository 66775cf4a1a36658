import type { Kysely, Migration } from 'kysely';
import type { DbDialect } from '../database.js';

/** Remembered responses of writes sent with an Idempotency-Key (house rule 6). */
export function idempotencyMigration(_dialect: DbDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('idempotency_key')
        .addColumn('principal', 'text', (col) => col.notNull())
        .addColumn('key', 'text', (col) => col.notNull())
        .addColumn('route', 'text', (col) => col.notNull())
        .addColumn('request_hash', 'text', (col) => col.notNull())
        .addColumn('status_code', 'integer')
        .addColumn('response_body', 'text')
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .addPrimaryKeyConstraint('idempotency_key_pk', ['principal', 'key'])
        .execute();
      await db.schema.createIndex('idempotency_key_created_idx').on('idempotency_key').column('created_at').execute();
    },
  };
}
