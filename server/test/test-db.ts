import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Db } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';

export interface TestDb {
  db: Db;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: SQLite in memory, or — when the suite runs
 * as the `server-postgres` project — a new schema in KEFU_TEST_PG_URL, dropped afterwards.
 */
export async function createTestDb(): Promise<TestDb> {
  if (process.env.KEFU_TEST_DB !== 'postgres') {
    const db = openDatabase('sqlite::memory:');
    await migrateToLatest(db);
    return { db, drop: () => db.close() };
  }
  const url = process.env.KEFU_TEST_PG_URL;
  if (!url) throw new Error('KEFU_TEST_DB=postgres needs KEFU_TEST_PG_URL');
  const schema = `kefu_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const db = openDatabase(url, { schema, poolSize: 4 });
  await migrateToLatest(db);
  return {
    db,
    async drop() {
      await db.close();
      const cleaner = new pg.Client({ connectionString: url });
      await cleaner.connect();
      await cleaner.query(`DROP SCHEMA ${schema} CASCADE`);
      await cleaner.end();
    },
  };
}
