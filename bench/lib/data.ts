import { sql } from 'kysely';
import { openDatabase, type Db } from '../../server/src/db/database.js';

/** Direct, read-mostly access to the benchmark's database from the runner process. */
export function openBenchDb(url: string): Db {
  return openDatabase(url, { poolSize: 2 });
}

export async function describeDatabase(db: Db): Promise<{ kind: string; version: string }> {
  if (db.dialect === 'sqlite') {
    const row = await sql<{ version: string }>`select sqlite_version() as version`.execute(db.kysely);
    return { kind: 'sqlite', version: row.rows[0]!.version };
  }
  const row = await sql<{ server_version: string }>`show server_version`.execute(db.kysely);
  return { kind: 'postgres', version: row.rows[0]!.server_version };
}

export async function countOrders(db: Db): Promise<number> {
  const row = await db.kysely.selectFrom('work_order').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface Account {
  id: number;
  username: string;
  departmentId: number | null;
}

export interface Accounts {
  administrator: Account;
  /** Active agents who belong to a team, by id. */
  agents: Account[];
  /** The agent the views are timed for: the one accountable for the most open orders. */
  viewAgent: Account;
  /** That agent's team leader (or any team leader). */
  teamLeader: Account | null;
  /** An organisation-wide user (centre director, else the administrator). */
  director: Account;
}

async function usersWithRole(db: Db, code: string): Promise<Account[]> {
  const rows = await db.kysely
    .selectFrom('app_user')
    .innerJoin('user_role', 'user_role.user_id', 'app_user.id')
    .innerJoin('role', 'role.id', 'user_role.role_id')
    .where('role.code', '=', code)
    .where('app_user.status', '=', 'active')
    .select(['app_user.id', 'app_user.username', 'app_user.department_id'])
    .orderBy('app_user.id')
    .execute();
  return rows.map((row) => ({ id: Number(row.id), username: row.username, departmentId: row.department_id === null ? null : Number(row.department_id) }));
}

export async function findAccounts(db: Db): Promise<Accounts> {
  const [administrator] = await usersWithRole(db, 'administrator');
  if (!administrator) throw new Error('the database has no active administrator: is it a generated Kefu database?');
  const agents = (await usersWithRole(db, 'agent')).filter((agent) => agent.departmentId !== null);
  if (agents.length === 0) throw new Error('the database has no active agent in a team: is it a generated Kefu database?');
  const busiest = await db.kysely
    .selectFrom('work_order')
    .where('unclosed', '=', 1)
    .where(
      'owner_id',
      'in',
      agents.map((agent) => agent.id),
    )
    .groupBy('owner_id')
    .select(['owner_id', (eb) => eb.fn.countAll<number>().as('n')])
    .orderBy('n', 'desc')
    .orderBy('owner_id')
    .limit(1)
    .executeTakeFirst();
  const viewAgent = agents.find((agent) => agent.id === Number(busiest?.owner_id)) ?? agents[0]!;
  const leaders = await usersWithRole(db, 'team_leader');
  const teamLeader = leaders.find((leader) => leader.departmentId === viewAgent.departmentId) ?? leaders[0] ?? null;
  const [director] = await usersWithRole(db, 'center_director');
  return { administrator, agents, viewAgent, teamLeader, director: director ?? administrator };
}

export interface IntakeCategory {
  id: number;
  name: string;
  pathNames: string[];
  fields: Array<{ key: string; type: string; required: boolean; options: string[] }>;
}

/** Active categories nobody files under a child of (leaves), with their names from the root. */
export async function intakeCategories(db: Db): Promise<IntakeCategory[]> {
  const rows = await db.kysely.selectFrom('work_order_category').select(['id', 'parent_id', 'name', 'fields', 'active']).orderBy('id').execute();
  const byId = new Map(rows.map((row) => [Number(row.id), row]));
  const parents = new Set(rows.filter((row) => row.active === 1 && row.parent_id !== null).map((row) => Number(row.parent_id)));
  const pathOf = (id: number): string[] => {
    const row = byId.get(id);
    return row ? [...(row.parent_id === null ? [] : pathOf(Number(row.parent_id))), row.name] : [];
  };
  const categories = rows
    .filter((row) => row.active === 1 && !parents.has(Number(row.id)))
    .map((row) => ({ id: Number(row.id), name: row.name, pathNames: pathOf(Number(row.id)), fields: JSON.parse(row.fields) as IntakeCategory['fields'] }));
  if (categories.length === 0) throw new Error('the database has no active work-order category');
  return categories;
}

/** Up to `limit` active customers spread evenly over the id range. */
export async function sampleCustomerIds(db: Db, limit: number): Promise<number[]> {
  const bounds = await db.kysely
    .selectFrom('customer')
    .where('status', '=', 'active')
    .select((eb) => [eb.fn.min<number>('id').as('low'), eb.fn.max<number>('id').as('high')])
    .executeTakeFirstOrThrow();
  if (bounds.low === null || bounds.high === null) return [];
  const ids: number[] = [];
  const step = Math.max(1, Math.floor((Number(bounds.high) - Number(bounds.low)) / limit));
  for (let from = Number(bounds.low); from <= Number(bounds.high) && ids.length < limit; from += step) {
    const row = await db.kysely.selectFrom('customer').where('status', '=', 'active').where('id', '>=', from).select('id').orderBy('id').limit(1).executeTakeFirst();
    if (row && ids.at(-1) !== Number(row.id)) ids.push(Number(row.id));
  }
  return ids;
}

/** Up to `limit` phone numbers of active customers, spread evenly over the table. */
export async function samplePhones(db: Db, limit: number): Promise<string[]> {
  const customerIds = await sampleCustomerIds(db, limit * 2);
  const phones: string[] = [];
  for (let start = 0; start < customerIds.length && phones.length < limit; start += 500) {
    const rows = await db.kysely
      .selectFrom('customer_phone')
      .where('customer_id', 'in', customerIds.slice(start, start + 500))
      .select(['customer_id', 'number'])
      .orderBy('customer_id')
      .orderBy('id')
      .execute();
    const seen = new Set<number>();
    for (const row of rows) {
      if (seen.has(row.customer_id)) continue;
      seen.add(row.customer_id);
      phones.push(row.number);
    }
  }
  return phones.slice(0, limit);
}
