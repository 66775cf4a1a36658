import type SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import type { DbDialect } from '../../server/src/db/database.js';
import type { Executor } from '../../server/src/db/executor.js';
import type { Database } from '../../server/src/db/schema.js';

/** How a column travels in a PostgreSQL array parameter (SQLite binds values as they are). */
export type ColumnKind = 'int' | 'bigint' | 'text';

/** A table and the columns a bulk insert fills, in row order. */
export interface TableShape<T extends keyof Database = keyof Database> {
  table: T;
  columns: ReadonlyArray<readonly [keyof Database[T] & string, ColumnKind]>;
}

export type Row = Array<string | number | null>;

/**
 * Multi-row INSERTs for the data generator, the way the product's own bulk paths write
 * (customer import, search upsertMany), only larger:
 * - SQLite: one prepared `INSERT … VALUES (?, …), (?, …) …` per table and row count,
 *   prepared once and reused; it runs on the same connection as the Kysely transaction,
 *   so it is part of that transaction.
 * - PostgreSQL: `INSERT … SELECT * FROM unnest($1::int[], $2::text[], …)`: one array
 *   parameter per column whatever the number of rows, in the caller's transaction.
 */
export interface BulkWriter {
  insert<T extends keyof Database>(ex: Executor, shape: TableShape<T>, rows: readonly Row[]): Promise<void>;
}

/** Bound parameters per SQLite statement stay under its limit of 32,766. */
const SQLITE_MAX_PARAMETERS = 32_000;
const SQLITE_MAX_ROWS = 500;
const PG_MAX_ROWS = 5_000;

export function bulkWriter(dialect: DbDialect, sqlite?: SqliteDatabase.Database): BulkWriter {
  if (dialect === 'sqlite') {
    if (!sqlite) throw new Error('bulk writer: the SQLite connection is needed');
    return sqliteWriter(sqlite);
  }
  return postgresWriter();
}

function sqliteWriter(sqlite: SqliteDatabase.Database): BulkWriter {
  const statements = new Map<string, SqliteDatabase.Statement>();
  const statementFor = (shape: { table: string; columns: ReadonlyArray<readonly [string, ColumnKind]> }, rows: number) => {
    const key = `${shape.table}:${rows}`;
    let statement = statements.get(key);
    if (!statement) {
      const tuple = `(${shape.columns.map(() => '?').join(', ')})`;
      const columns = shape.columns.map(([name]) => name).join(', ');
      statement = sqlite.prepare(`INSERT INTO ${shape.table} (${columns}) VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}`);
      statements.set(key, statement);
    }
    return statement;
  };
  return {
    async insert(_ex, shape, rows) {
      const perStatement = Math.min(SQLITE_MAX_ROWS, Math.floor(SQLITE_MAX_PARAMETERS / shape.columns.length));
      for (let start = 0; start < rows.length; start += perStatement) {
        const chunk = rows.slice(start, start + perStatement);
        statementFor(shape, chunk.length).run(chunk.flat());
      }
    },
  };
}

const PG_ARRAY_TYPES: Record<ColumnKind, string> = { int: 'integer[]', bigint: 'bigint[]', text: 'text[]' };

function postgresWriter(): BulkWriter {
  return {
    async insert(ex, shape, rows) {
      for (let start = 0; start < rows.length; start += PG_MAX_ROWS) {
        const chunk = rows.slice(start, start + PG_MAX_ROWS);
        const arrays = shape.columns.map(([, kind], column) => sql`cast(${chunk.map((row) => row[column])} as ${sql.raw(PG_ARRAY_TYPES[kind])})`);
        await sql`insert into ${sql.table(shape.table)} (${sql.join(shape.columns.map(([name]) => sql.ref(name)))})
          select * from unnest(${sql.join(arrays)})`.execute(ex);
      }
    },
  };
}
