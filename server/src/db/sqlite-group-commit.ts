import type SqliteDatabase from 'better-sqlite3';
import { SelectQueryNode, SqliteDialect, type CompiledQuery, type DatabaseConnection, type Driver, type QueryResult } from 'kysely';

/**
 * Group commit for the embedded database (issue 5: 2,000 intakes a second on two cores).
 *
 * A commit in SQLite writes every page the transaction touched to the WAL and flushes the
 * full-text index's pending segment: at one order per transaction it was a third of an
 * intake's database time, and the same index pages were written again by the next order a
 * moment later. So the writes of everything that runs in one turn of the event loop share
 * one transaction:
 *
 * - The first write opens a batch (`BEGIN IMMEDIATE`) and schedules its commit with
 *   `setImmediate`, after the requests that arrived with it have had their turn.
 * - Each Kysely transaction becomes a savepoint inside the batch: a unit that fails is rolled
 *   back alone, the others keep their work.
 * - Nothing that wrote is answered before its batch has committed: the unit's (or the lone
 *   write's) promise resolves only after `COMMIT`, and rejects if the batch is lost. The
 *   connection itself is handed to the next caller as soon as the unit is done, so the next
 *   request's work joins the batch instead of waiting for it. An acknowledged write is as
 *   durable as before (WAL, synchronous = NORMAL: safe when the process is killed).
 * - Reads outside a unit run inside an open batch, so a read can see a write whose author is
 *   still waiting for the commit. If the process dies in that instant the reader saw data that
 *   never landed; no writer was told it had.
 * - Statements SQLite will not run inside a transaction (PRAGMA, VACUUM, ATTACH, explicit
 *   transaction control) commit the open batch first and then run on their own.
 *
 * One connection, so units run one at a time behind a mutex, as with Kysely's own driver.
 */
export class GroupCommitSqliteDialect extends SqliteDialect {
  readonly #sqlite: SqliteDatabase.Database;

  constructor(sqlite: SqliteDatabase.Database) {
    super({ database: sqlite });
    this.#sqlite = sqlite;
  }

  override createDriver(): Driver {
    return new GroupCommitSqliteDriver(this.#sqlite);
  }
}

const UNIT_SAVEPOINT = 'kefu_unit';
const OUTSIDE_TRANSACTION = /^\s*(pragma|vacuum|attach|detach|begin|commit|end|rollback|savepoint|release)\b/i;

/** Writes that share one SQLite transaction; settled once it has committed or was lost. */
class Batch {
  readonly committed: Promise<void>;
  #settle!: (error?: unknown) => void;

  constructor() {
    this.committed = new Promise<void>((resolve, reject) => {
      this.#settle = (error) => (error === undefined ? resolve() : reject(error));
    });
    // Awaited by every writer of the batch; a batch nobody waits for must not crash the process.
    this.committed.catch(() => undefined);
  }

  settle(error?: unknown): void {
    this.#settle(error);
  }
}

/** One caller's turn on the connection, from acquire to release. */
class Lease implements DatabaseConnection {
  inUnit = false;
  released = false;
  /** The batch this caller's writes went into; its release waits for that batch's commit. */
  awaits: Batch | null = null;

  constructor(private readonly driver: GroupCommitSqliteDriver) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return Promise.resolve(this.driver.execute<R>(this, query));
  }

  streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    return this.driver.stream<R>(query);
  }
}

class Mutex {
  #tail: Promise<void> = Promise.resolve();
  #release: (() => void) | null = null;

  async lock(): Promise<void> {
    const previous = this.#tail;
    let release!: () => void;
    this.#tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    this.#release = release;
  }

  unlock(): void {
    const release = this.#release;
    this.#release = null;
    release?.();
  }
}

export class GroupCommitSqliteDriver implements Driver {
  readonly #sqlite: SqliteDatabase.Database;
  readonly #mutex = new Mutex();
  #batch: Batch | null = null;

  constructor(sqlite: SqliteDatabase.Database) {
    this.#sqlite = sqlite;
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock();
    return new Lease(this);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease;
    this.#openBatch();
    this.#run(`savepoint ${UNIT_SAVEPOINT}`);
    lease.inUnit = true;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease;
    this.#run(`release ${UNIT_SAVEPOINT}`);
    lease.inUnit = false;
    lease.awaits = this.#batch;
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease;
    lease.inUnit = false;
    // A batch SQLite already rolled back as a whole (disk full, I/O error) has no savepoint left.
    if (!this.#batch || !this.#sqlite.inTransaction) return;
    this.#run(`rollback to ${UNIT_SAVEPOINT}`);
    this.#run(`release ${UNIT_SAVEPOINT}`);
  }

  async savepoint(_connection: DatabaseConnection, name: string): Promise<void> {
    this.#run(`savepoint ${quoteName(name)}`);
  }

  async rollbackToSavepoint(_connection: DatabaseConnection, name: string): Promise<void> {
    this.#run(`rollback to ${quoteName(name)}`);
  }

  async releaseSavepoint(_connection: DatabaseConnection, name: string): Promise<void> {
    this.#run(`release ${quoteName(name)}`);
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease;
    if (lease.released) return;
    lease.released = true;
    this.#mutex.unlock();
    if (lease.awaits) await lease.awaits.committed;
  }

  async destroy(): Promise<void> {
    await this.#mutex.lock();
    try {
      this.#commit();
    } finally {
      this.#sqlite.close();
      // Whoever still waits gets the closed database's error instead of waiting for ever.
      this.#mutex.unlock();
    }
  }

  execute<R>(lease: Lease, query: CompiledQuery): QueryResult<R> {
    const statement = this.#sqlite.prepare(query.sql);
    if (!lease.inUnit) {
      if (OUTSIDE_TRANSACTION.test(query.sql)) this.#commit();
      else if (!statement.readonly) {
        this.#openBatch();
        lease.awaits = this.#batch;
      }
    }
    try {
      if (statement.reader) return { rows: statement.all(query.parameters) as R[] };
      const { changes, lastInsertRowid } = statement.run(query.parameters);
      return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
    } catch (error) {
      this.#noticeLostBatch(error);
      throw error;
    }
  }

  async *stream<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(query.query)) throw new Error('only select queries can be streamed');
    for (const row of this.#sqlite.prepare(query.sql).iterate(query.parameters)) yield { rows: [row as R] };
  }

  #run(sql: string): void {
    try {
      this.#sqlite.prepare(sql).run();
    } catch (error) {
      this.#noticeLostBatch(error);
      throw error;
    }
  }

  #openBatch(): void {
    if (this.#batch) return;
    this.#sqlite.prepare('begin immediate').run();
    const batch = new Batch();
    this.#batch = batch;
    setImmediate(() => void this.#commitWhenFree(batch));
  }

  async #commitWhenFree(batch: Batch): Promise<void> {
    await this.#mutex.lock();
    try {
      if (this.#batch === batch) this.#commit();
    } finally {
      this.#mutex.unlock();
    }
  }

  /** Commits the open batch (the caller holds the connection) and tells its writers. */
  #commit(): void {
    const batch = this.#batch;
    if (!batch) return;
    this.#batch = null;
    try {
      this.#sqlite.prepare('commit').run();
      batch.settle();
    } catch (error) {
      if (this.#sqlite.inTransaction) this.#sqlite.prepare('rollback').run();
      batch.settle(error);
    }
  }

  /** Some errors make SQLite roll back the whole transaction: every writer of the batch is told. */
  #noticeLostBatch(error: unknown): void {
    const batch = this.#batch;
    if (!batch || this.#sqlite.inTransaction) return;
    this.#batch = null;
    batch.settle(error);
  }
}

function quoteName(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
