import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import { SAFETY_NET_AUTOCHECKPOINT_PAGES, startCheckpointer } from './sqlite-checkpointer.js';
import { GroupCommitSqliteDialect } from './sqlite-group-commit.js';

export type DbDialect = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: DbDialect;
  /** Proves the database answers (health check). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL only: run every connection in this schema (tests isolate themselves this way). */
  schema?: string;
  /** PostgreSQL only: connection pool size. */
  poolSize?: number;
  /**
   * SQLite file only: checkpoint the WAL on a worker thread instead of inside commits (the
   * server turns this on; short-lived tools and tests do not need the thread).
   */
  backgroundCheckpoints?: { onError: (message: string) => void };
}

const PG_INT8_OID = 20;

export function dialectOf(url: string): DbDialect {
  return url.startsWith('sqlite:') ? 'sqlite' : 'postgres';
}

export function openDatabase(url: string, options: OpenDatabaseOptions = {}): Db {
  return dialectOf(url) === 'sqlite' ? openSqlite(url, options) : openPostgres(url, options);
}

function openSqlite(url: string, options: OpenDatabaseOptions): Db {
  const file = url.slice('sqlite:'.length);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  // NORMAL is durable across process crashes in WAL mode; only an OS crash can lose
  // the last transactions, and it never corrupts the file.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  cachePreparedStatements(sqlite);
  const checkpointer = options.backgroundCheckpoints && file !== ':memory:' ? startCheckpointer(file, options.backgroundCheckpoints) : null;
  if (checkpointer) sqlite.pragma(`wal_autocheckpoint = ${SAFETY_NET_AUTOCHECKPOINT_PAGES}`);
  const kysely = new Kysely<Database>({ dialect: new GroupCommitSqliteDialect(sqlite) });
  const close = async () => {
    await kysely.destroy();
    await checkpointer?.stop();
  };
  return { kysely, dialect: 'sqlite', ping: () => ping(kysely), close };
}

/** Distinct SQL texts kept prepared; the product issues a few hundred. */
const STATEMENT_CACHE_SIZE = 1000;

/**
 * Kysely prepares every query afresh, and preparing was an eighth of an intake's CPU time.
 * The same SQL text gets the same prepared statement back (SQLite re-prepares it by itself
 * after a schema change); the least recently used ones go first when the cache is full.
 */
function cachePreparedStatements(sqlite: SqliteDatabase.Database): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, SqliteDatabase.Statement>();
  sqlite.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (statement) {
      cache.delete(source);
    } else {
      statement = prepare(source);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    }
    cache.set(source, statement);
    return statement;
  }) as typeof sqlite.prepare;
}

function openPostgres(url: string, options: OpenDatabaseOptions): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    options: options.schema ? `-c search_path=${options.schema}` : undefined,
    // Epoch-millisecond timestamps and counts are BIGINT; they fit a JS number, so read
    // them as numbers on this pool only (no global type-parser mutation).
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === PG_INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { kysely, dialect: 'postgres', ping: () => ping(kysely), close: () => kysely.destroy() };
}

async function ping(kysely: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(kysely);
}
