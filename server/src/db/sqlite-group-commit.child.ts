// Child process of sqlite-group-commit.test.ts: writes rows through the group-commit driver as
// fast as it can, printing each row's id the moment its write is acknowledged, until the
// parent kills it with SIGKILL. Every id printed must be in the file afterwards.
import SqliteDatabase from 'better-sqlite3';
import { Kysely } from 'kysely';
import { GroupCommitSqliteDialect } from './sqlite-group-commit.js';

interface Schema {
  acked: { id: number; note: string };
}

const sqlite = new SqliteDatabase(process.argv[2]!);
sqlite.pragma('journal_mode = WAL');
sqlite.pragma('synchronous = NORMAL');
const db = new Kysely<Schema>({ dialect: new GroupCommitSqliteDialect(sqlite) });
await db.schema.createTable('acked').ifNotExists().addColumn('id', 'integer', (column) => column.primaryKey()).addColumn('note', 'text').execute();
process.stdout.write('ready\n');

let next = 0;
async function writer(): Promise<never> {
  for (;;) {
    const id = (next += 1);
    if (id % 2 === 0) {
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('acked').values({ id, note: 'unit' }).execute();
        await trx.selectFrom('acked').select('id').where('id', '=', id).executeTakeFirstOrThrow();
      });
    } else {
      await db.insertInto('acked').values({ id, note: 'lone' }).execute();
    }
    process.stdout.write(`${id}\n`);
  }
}
await Promise.all(Array.from({ length: 16 }, () => writer()));
