import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupCommitSqliteDialect } from './sqlite-group-commit.js';

interface Schema {
  item: { id: number; label: string };
}

/** The driver on a real file, a second connection to see what is committed, and a count of COMMITs. */
function openPair(dir: string) {
  const file = join(dir, 'group-commit.db');
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  let commits = 0;
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((source: string) => {
    if (source === 'commit') commits += 1;
    return prepare(source);
  }) as typeof sqlite.prepare;
  sqlite.exec('create table item (id integer primary key, label text not null unique)');
  const db = new Kysely<Schema>({ dialect: new GroupCommitSqliteDialect(sqlite) });
  const observer = new SqliteDatabase(file, { readonly: true });
  const committedIds = () => (observer.prepare('select id from item order by id').all() as Array<{ id: number }>).map((row) => row.id);
  return { db, sqlite, observer, committedIds, commits: () => commits };
}

describe('SQLite group commit', () => {
  let dir: string;
  let pair: ReturnType<typeof openPair>;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kefu-group-commit-'));
    pair = openPair(dir);
  });

  afterEach(async () => {
    pair.observer.close();
    await pair.db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets concurrent transactions share one commit, and acknowledges each only once it is committed', async () => {
    const seen: number[][] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        pair.db.transaction().execute(async (trx) => {
          await trx.insertInto('item').values({ id: index + 1, label: `unit ${index + 1}` }).execute();
          await trx.selectFrom('item').select('id').where('id', '=', index + 1).executeTakeFirstOrThrow();
        }).then(() => seen.push(pair.committedIds())),
      ),
    );
    // Every acknowledgement came after its row was visible to another connection.
    seen.forEach((ids, index) => expect(ids.length).toBeGreaterThanOrEqual(index + 1));
    expect(pair.committedIds()).toHaveLength(20);
    expect(pair.commits()).toBeLessThan(20);
  });

  it('acknowledges a write outside a transaction only after its commit, and a read at once', async () => {
    const write = pair.db.insertInto('item').values({ id: 1, label: 'lone' }).execute();
    // The read runs inside the open batch and answers before the commit.
    const read = await pair.db.selectFrom('item').select('id').execute();
    expect(read).toEqual([{ id: 1 }]);
    expect(pair.committedIds()).toEqual([]);
    await write;
    expect(pair.committedIds()).toEqual([1]);
  });

  it('rolls back a failed transaction alone; the others in its batch commit', async () => {
    const results = await Promise.allSettled([
      pair.db.transaction().execute((trx) => trx.insertInto('item').values({ id: 1, label: 'first' }).execute()),
      pair.db.transaction().execute(async (trx) => {
        await trx.insertInto('item').values({ id: 2, label: 'doomed' }).execute();
        throw new Error('refused after writing');
      }),
      pair.db.transaction().execute(async (trx) => {
        await trx.insertInto('item').values({ id: 3, label: 'third' }).execute();
        // A constraint error inside the unit: the unit is rolled back, the batch lives on.
        await trx.insertInto('item').values({ id: 4, label: 'first' }).execute();
      }),
      pair.db.transaction().execute((trx) => trx.insertInto('item').values({ id: 5, label: 'fifth' }).execute()),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(pair.committedIds()).toEqual([1, 5]);
  });

  it('commits the open batch before a statement that cannot run inside a transaction', async () => {
    const write = pair.db.insertInto('item').values({ id: 1, label: 'before the pragma' }).execute();
    await sql`pragma wal_checkpoint(passive)`.execute(pair.db);
    expect(pair.committedIds()).toEqual([1]);
    await write;
  });

  it('commits what is pending when the database is closed', async () => {
    const write = pair.db.insertInto('item').values({ id: 7, label: 'last' }).execute();
    // A read queues behind the write and does not wait for the commit: the batch is still open.
    await pair.db.selectFrom('item').select('id').execute();
    expect(pair.committedIds()).toEqual([]);
    await pair.db.destroy();
    await write;
    expect(pair.committedIds()).toEqual([7]);
    pair = { ...pair, db: new Kysely<Schema>({ dialect: new GroupCommitSqliteDialect(new SqliteDatabase(join(dir, 'group-commit.db'))) }) };
  });

  it('loses no acknowledged write when the process is killed mid-stream', async () => {
    const file = join(dir, 'killed.db');
    const require = createRequire(import.meta.url);
    const child = spawn(process.execPath, ['--import', require.resolve('tsx'), join(import.meta.dirname, 'sqlite-group-commit.child.ts'), file], { stdio: ['ignore', 'pipe', 'inherit'] });
    const acknowledged: number[] = [];
    let buffered = '';
    await new Promise<void>((resolve, reject) => {
      child.once('error', reject);
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop()!;
        for (const line of lines) if (/^\d+$/.test(line)) acknowledged.push(Number(line));
        if (acknowledged.length >= 3000 && child.exitCode === null && !child.killed) child.kill('SIGKILL');
      });
      child.once('exit', () => resolve());
    });
    expect(acknowledged.length).toBeGreaterThanOrEqual(3000);
    const survivor = new SqliteDatabase(file);
    const stored = new Set((survivor.prepare('select id from acked').all() as Array<{ id: number }>).map((row) => row.id));
    survivor.close();
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
  }, 60_000);
});
