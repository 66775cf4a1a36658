import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import type { DbDialect } from './database.js';

/** An auto-numbered integer primary key, spelled the way each database wants it. */
export function withIdColumn<T extends string>(
  table: CreateTableBuilder<T, never>,
  dialect: DbDialect,
): CreateTableBuilder<T, 'id'> {
  return dialect === 'sqlite'
    ? table.addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    : table.addColumn('id', 'integer', (col) => col.primaryKey().generatedByDefaultAsIdentity());
}

/**
 * Grants permissions to the built-in roles of an existing organisation, as each module's
 * migration does when it adds its rights (roles an organisation made itself are left alone).
 */
export async function grantToBuiltinRoles(db: Kysely<unknown>, grants: Readonly<Record<string, readonly string[]>>): Promise<void> {
  for (const [role, permissions] of Object.entries(grants)) {
    for (const permission of permissions) {
      await sql`insert into role_permission (role_id, permission)
                select id, ${permission} from role where code = ${role} and builtin = 1
                on conflict do nothing`.execute(db);
    }
  }
}
