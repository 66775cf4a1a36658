import { Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import type { Db, DbDialect } from './database.js';
import { foundationMigration } from './migrations/0001_foundation.js';
import { idempotencyMigration } from './migrations/0002_idempotency.js';
import { searchMigration } from './migrations/0003_search.js';
import { customersMigration } from './migrations/0004_customers.js';
import { customFieldsAndSavedViewsMigration } from './migrations/0005_custom_fields_saved_views.js';
import { workOrdersMigration } from './migrations/0006_work_orders.js';

import { slaMigration } from './migrations/0007_sla.js';
import { knowledgeMigration } from './migrations/0008_knowledge.js';
import { searchSpeedMigration } from './migrations/0009_search_speed.js';

/**
 * Ordered migrations. Each file exports a factory taking the dialect, because a few
 * DDL details (identity columns) differ; everything else is shared.
 * Files are imported statically so the bundled server carries them.
 */
const MIGRATIONS: ReadonlyArray<[name: string, factory: (dialect: DbDialect) => Migration]> = [
  ['0001_foundation', foundationMigration],
  ['0002_idempotency', idempotencyMigration],
  ['0003_search', searchMigration],
  ['0004_customers', customersMigration],
  ['0005_custom_fields_saved_views', customFieldsAndSavedViewsMigration],
  ['0006_work_orders', workOrdersMigration],

  ['0007_sla', slaMigration],
  ['0008_knowledge', knowledgeMigration],
  ['0009_search_speed', searchSpeedMigration],
];

export async function migrateToLatest(db: Db): Promise<void> {
  await migrate(db, (migrator) => migrator.migrateToLatest());
}

/** Up to and including the named migration: for tests of a later migration's backfill. */
export async function migrateUpTo(db: Db, name: string): Promise<void> {
  await migrate(db, (migrator) => migrator.migrateTo(name));
}

async function migrate(db: Db, run: (migrator: Migrator) => ReturnType<Migrator['migrateToLatest']>): Promise<void> {
  const provider: MigrationProvider = {
    getMigrations: async () => Object.fromEntries(MIGRATIONS.map(([name, factory]) => [name, factory(db.dialect)])),
  };
  const migrator = new Migrator({ db: db.kysely, provider, migrationTableSchema: await currentSchema(db) });
  const { error, results } = await run(migrator);
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, { cause: error });
  }
}

/**
 * On PostgreSQL the migrator must be told the schema: otherwise it looks for its own
 * tables in every schema and may mistake another schema's for ours.
 */
async function currentSchema(db: Db): Promise<string | undefined> {
  if (db.dialect !== 'postgres') return undefined;
  const result = await sql<{ schema: string }>`select current_schema() as schema`.execute(db.kysely);
  return result.rows[0]?.schema;
}
