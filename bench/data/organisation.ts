import type { Db } from '../../server/src/db/database.js';
import type { Executor } from '../../server/src/db/executor.js';
import { buildApp } from '../../server/src/app.js';
import { seedDemoData } from '../../server/src/demo/seed-demo.js';
import { departmentsRepository } from '../../server/src/modules/departments/departments.repository.js';
import { rolesRepository } from '../../server/src/modules/roles/roles.repository.js';
import { usersRepository } from '../../server/src/modules/users/users.repository.js';
import { hashPassword } from '../../server/src/platform/passwords.js';
import { personName } from './people.js';

export const ADMIN_USERNAME = 'admin';
export const AGENT_PREFIX = 'bench_agent_';
export const LEADER_PREFIX = 'bench_leader_';
export const WORKER_PREFIX = 'bench_worker_';

export interface Member {
  id: number;
  username: string;
  name: string;
  departmentId: number;
}

/** Call-centre teams and who works in them; back offices by subject. */
export interface Organisation {
  /** The 8 call-centre teams by kind: hotline shifts, stores, the online (web/WeChat) team. */
  hotlineTeams: number[];
  storeTeams: number[];
  onlineTeams: number[];
  agentsByTeam: Map<number, Member[]>;
  agents: Member[];
  leaders: Member[];
  backOffice: { repair: number; billing: number; network: number };
  workersByDepartment: Map<number, Member[]>;
  workers: Member[];
  /** Account manager of the top-tier customers (the demo's 大客户部). */
  accountManagerId: number;
  categories: Map<string, { id: number; requiresConfirmation: boolean }>;
  demoUsernames: string[];
}

const EXTRA_TEAMS: ReadonlyArray<{ name: string; kind: 'hotline' | 'store' | 'online' }> = [
  { name: '话务四班', kind: 'hotline' },
  { name: '话务五班', kind: 'hotline' },
  { name: '在线客服组', kind: 'online' },
  { name: '城东营业厅', kind: 'store' },
];
const DEMO_TEAMS: ReadonlyArray<{ name: string; kind: 'hotline' | 'store' }> = [
  { name: '话务一班', kind: 'hotline' },
  { name: '话务二班', kind: 'hotline' },
  { name: '话务三班', kind: 'hotline' },
  { name: '城西营业厅', kind: 'store' },
];
/** Back-office workers per department (40 in all). */
const WORKERS: ReadonlyArray<[department: string, count: number]> = [
  ['装维部', 20],
  ['计费部', 10],
  ['网络运维部', 10],
];

/**
 * First run as the product does it (setup bootstrap: organisation + `admin`), then the demo
 * organisation (KEFU_DEMO's departments, users of every role and business categories) grown to
 * service-centre size: 8 call-centre teams with a leader each, `agents` agents spread over
 * them, 40 back-office workers; everyone front-line is online for automatic assignment.
 * The password is hashed once and shared by every generated user.
 */
export async function createOrganisation(db: Db, options: { adminPassword: string; password: string; agents: number; random: () => number; now: number }): Promise<Organisation> {
  const { app, services } = await buildApp({ db });
  try {
    if (!(await services.setup.bootstrap({ organizationName: '客服中心', adminPassword: options.adminPassword }))) {
      throw new Error('the database already has an organisation: start from an empty one (--reset)');
    }
  } finally {
    await app.close();
  }
  await seedDemoData(db, { password: options.password });
  const passwordHash = await hashPassword(options.password);
  const { now, random } = options;

  return db.kysely.transaction().execute(async (trx) => {
    const departments = await trx.selectFrom('department').select(['id', 'name', 'path']).execute();
    const unit = (name: string) => {
      const found = departments.find((department) => department.name === name);
      if (!found) throw new Error(`demo department ${name} missing`);
      return found;
    };
    const service = unit('客服部');
    const teams: Array<{ id: number; kind: 'hotline' | 'store' | 'online' }> = DEMO_TEAMS.map((team) => ({ id: unit(team.name).id, kind: team.kind }));
    for (const [index, team] of EXTRA_TEAMS.entries()) {
      const { id } = await departmentsRepository.insert(trx, { parent_id: service.id, name: team.name, kind: 'team', sort_order: 100 + index, parentPath: service.path }, now);
      teams.push({ id, kind: team.kind });
    }
    const roleId = async (code: string) => {
      const role = await rolesRepository.findByCode(trx, code);
      if (!role) throw new Error(`built-in role ${code} missing`);
      return role.id;
    };
    const [agentRole, leaderRole, backOfficeRole] = [await roleId('agent'), await roleId('team_leader'), await roleId('back_office')];
    const addUser = async (ex: Executor, username: string, departmentId: number, role: number): Promise<Member> => {
      const name = personName(random);
      const id = await usersRepository.insert(
        ex,
        { username, displayName: name, email: `${username}@kefu.example.cn`, phone: null, passwordHash, departmentId, locale: 'zh-CN' },
        now,
      );
      await usersRepository.setRoles(ex, id, [role]);
      await ex.insertInto('agent_availability').values({ user_id: id, status: 'online', capacity: null, updated_at: now }).execute();
      return { id, username, name, departmentId };
    };

    const leaders: Member[] = [];
    for (const [index, team] of teams.entries()) leaders.push(await addUser(trx, `${LEADER_PREFIX}${index}`, team.id, leaderRole));
    const agents: Member[] = [];
    const agentsByTeam = new Map<number, Member[]>(teams.map((team) => [team.id, []]));
    for (let index = 0; index < options.agents; index += 1) {
      const team = teams[index % teams.length]!;
      const agent = await addUser(trx, `${AGENT_PREFIX}${index}`, team.id, agentRole);
      agents.push(agent);
      agentsByTeam.get(team.id)!.push(agent);
    }
    const workers: Member[] = [];
    const workersByDepartment = new Map<number, Member[]>();
    for (const [name, count] of WORKERS) {
      const departmentId = unit(name).id;
      workersByDepartment.set(departmentId, []);
      for (let index = 0; index < count; index += 1) {
        const worker = await addUser(trx, `${WORKER_PREFIX}${workers.length}`, departmentId, backOfficeRole);
        workers.push(worker);
        workersByDepartment.get(departmentId)!.push(worker);
      }
    }
    const manager = await trx.selectFrom('app_user').select('id').where('username', '=', 'jiangtao').executeTakeFirstOrThrow();
    const usernames = (await trx.selectFrom('app_user').select('username').orderBy('id').execute()).map((user) => user.username);
    const categoryRows = await trx.selectFrom('work_order_category').select(['id', 'name', 'requires_confirmation']).execute();
    return {
      hotlineTeams: teams.filter((team) => team.kind === 'hotline').map((team) => team.id),
      storeTeams: teams.filter((team) => team.kind === 'store').map((team) => team.id),
      onlineTeams: teams.filter((team) => team.kind === 'online').map((team) => team.id),
      agentsByTeam,
      agents,
      leaders,
      backOffice: { repair: unit('装维部').id, billing: unit('计费部').id, network: unit('网络运维部').id },
      workersByDepartment,
      workers,
      accountManagerId: manager.id,
      categories: new Map(categoryRows.map((row) => [row.name, { id: row.id, requiresConfirmation: row.requires_confirmation === 1 }])),
      demoUsernames: usernames.filter((username) => !username.startsWith('bench_') && username !== ADMIN_USERNAME),
    };
  });
}
