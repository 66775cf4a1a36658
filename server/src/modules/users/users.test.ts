import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_ROLES, PERMISSIONS, type AuditEntry, type Permission } from '@kefu/contracts';
import { createHarness, USER_PASSWORD, type Client, type Harness } from '../../../test/harness.js';

/** A user manager must hold what an agent holds to hand out the agent role. */
const AGENT_PERMISSIONS = BUILTIN_ROLES.find((role) => role.code === 'agent')!.permissions;

async function roleId(h: Harness, code: string): Promise<number> {
  const roles = (await h.admin.get('/api/roles')).json() as { id: number; code: string }[];
  return roles.find((role) => role.code === code)!.id;
}

async function createRole(h: Harness, code: string, permissions: Permission[], dataScope: 'self' | 'department' | 'all'): Promise<number> {
  const response = await h.admin.post('/api/roles', { code, name: code, dataScope, permissions });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().id;
}

async function auditOf(h: Harness, action: string, targetId: number): Promise<AuditEntry[]> {
  const page = (await h.admin.get(`/api/audit?action=${action}&limit=200`)).json() as { items: AuditEntry[] };
  return page.items.filter((entry) => entry.targetId === String(targetId));
}

const validUser = (overrides: Record<string, unknown> = {}) => ({
  username: 'someone',
  displayName: '某人',
  departmentId: null,
  roleIds: [] as number[],
  password: USER_PASSWORD,
  ...overrides,
});

describe('user administration (ADM-1)', () => {
  let h: Harness;
  let agentRole: number;
  beforeAll(async () => {
    h = await createHarness();
    agentRole = await roleId(h, 'agent');
  });
  afterAll(() => h.close());

  it('refuses bad input with 400 validation_failed and a Chinese message for each field', async () => {
    const response = await h.admin.post('/api/users', {
      username: 'a',
      displayName: '   ',
      email: 'not-an-email',
      departmentId: null,
      roleIds: [],
      password: 'lettersonly',
    });
    expect(response.statusCode).toBe(400);
    const error = response.json().error;
    expect(error).toMatchObject({ code: 'validation_failed', message: '提交的内容有误，请检查标出的字段。' });
    expect(error.details.fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'username', message: '至少 2 个字符。' }),
        expect.objectContaining({ path: 'displayName', message: '必填。' }),
        expect.objectContaining({ path: 'email', message: '邮箱地址格式不正确。' }),
        expect.objectContaining({ path: 'roleIds', message: '至少选择 1 项。' }),
        expect.objectContaining({ path: 'password', message: '密码须同时包含字母和数字。' }),
      ]),
    );
  });

  it('answers validation errors in English to a user whose language is en-US', async () => {
    const english = await h.createUser({ username: 'english.admin', roles: ['administrator'] });
    const client = await h.login(english.username, english.password);
    expect((await client.patch('/api/auth/profile', { locale: 'en-US' })).statusCode).toBe(200);
    const response = await client.post('/api/users', validUser({ username: 'bad name!', roleIds: [agentRole], password: 'short1' }));
    expect(response.statusCode).toBe(400);
    const error = response.json().error;
    expect(error.message).toBe('Some fields are not valid. Please check the highlighted fields.');
    expect(error.details.fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'username', message: 'Usernames may contain only letters, digits, dots, underscores and hyphens.' }),
        expect.objectContaining({ path: 'password', message: 'At least 8 characters.' }),
      ]),
    );
  });

  it("answers in the signed-in user's chosen language rather than the browser's Accept-Language", async () => {
    // The account preference wins (platform/i18n negotiateLocale); Accept-Language serves anonymous callers.
    const response = await h.admin.post('/api/users', validUser({ username: 'x' }), { 'accept-language': 'en-US' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.fields).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'username', message: '至少 2 个字符。' })]));
  });

  it('refuses a username that is already taken, whatever its case, with 409 user.username_taken', async () => {
    expect((await h.admin.post('/api/users', validUser({ username: 'dup.user', roleIds: [agentRole] }))).statusCode).toBe(200);
    const again = await h.admin.post('/api/users', validUser({ username: 'DUP.User', roleIds: [agentRole] }));
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'user.username_taken', message: '用户名“dup.user”已被使用。' });
  });

  it('refuses an unknown role or department with 422', async () => {
    const role = await h.admin.post('/api/users', validUser({ username: 'no.such.role', roleIds: [999_999] }));
    expect(role.statusCode).toBe(422);
    expect(role.json().error.code).toBe('user.unknown_role');
    const department = await h.admin.post('/api/users', validUser({ username: 'no.such.dept', roleIds: [agentRole], departmentId: 999_999 }));
    expect(department.statusCode).toBe(422);
    expect(department.json().error.code).toBe('user.unknown_department');
  });

  it('creates a user in a department with the given roles and audits user.created', async () => {
    const team = await h.createDepartment('新建用户班');
    const response = await h.admin.post(
      '/api/users',
      validUser({ username: 'New.Agent', displayName: '新坐席', email: 'new.agent@example.com', phone: '', departmentId: team, roleIds: [agentRole] }),
    );
    expect(response.statusCode).toBe(200);
    const user = response.json();
    expect(user).toMatchObject({
      username: 'new.agent',
      displayName: '新坐席',
      email: 'new.agent@example.com',
      phone: null,
      departmentId: team,
      departmentName: '新建用户班',
      status: 'active',
      locale: 'zh-CN',
      roleIds: [agentRole],
      lockedUntil: null,
      lastLoginAt: null,
      createdAt: h.clock.now(),
    });
    expect(user).not.toHaveProperty('passwordHash');
    expect((await h.admin.get(`/api/users/${user.id}`)).json()).toEqual(user);
    await h.login('new.agent', USER_PASSWORD);

    const [entry] = await auditOf(h, 'user.created', user.id);
    expect(entry).toMatchObject({
      outcome: 'success',
      actorName: 'admin',
      targetType: 'user',
      details: { username: 'new.agent', departmentId: team, roleIds: [agentRole] },
    });
  });

  it('filters the list by text (username, name, phone; case and LIKE wildcards are literal)', async () => {
    const wang = await h.admin.post('/api/users', validUser({ username: 'wang_fang', displayName: '王芳', roleIds: [agentRole] }));
    const decoy = await h.admin.post('/api/users', validUser({ username: 'wangxfang', displayName: '王小芳', roleIds: [agentRole] }));
    const li = await h.admin.post('/api/users', validUser({ username: 'li.lei', displayName: 'Li Lei', phone: '13912345678', roleIds: [agentRole] }));
    const idsFor = async (q: string) =>
      ((await h.admin.get(`/api/users?q=${encodeURIComponent(q)}`)).json().items as { id: number }[]).map((user) => user.id);

    expect(await idsFor('wang_')).toEqual([wang.json().id]);
    expect(await idsFor('WANG_FANG')).toEqual([wang.json().id]);
    expect(await idsFor('芳')).toEqual([wang.json().id, decoy.json().id]);
    expect(await idsFor('Li Lei')).toEqual([li.json().id]);
    expect(await idsFor('1234567')).toEqual([li.json().id]);
    expect(await idsFor('100%')).toEqual([]);
  });

  it('filters the list by department subtree, role and status, with totals for paging', async () => {
    const center = await h.createDepartment('筛选中心', null, 'center');
    const team = await h.createDepartment('筛选一班', center, 'team');
    const elsewhere = await h.createDepartment('别处班组');
    const probeRole = await createRole(h, 'filter_probe', [], 'self');
    const inCenter = await h.createUser({ roles: ['agent'], departmentId: center });
    const inTeam = await h.createUser({ roles: ['agent'], departmentId: team });
    const inTeamProbe = await h.createUser({ roles: [agentRole, probeRole], departmentId: team });
    await h.createUser({ roles: ['agent'], departmentId: elsewhere });
    const list = async (query: string) => (await h.admin.get(`/api/users?${query}`)).json() as { items: { id: number }[]; total: number };

    const subtree = await list(`departmentId=${center}`);
    expect(subtree.items.map((user) => user.id)).toEqual([inCenter.id, inTeam.id, inTeamProbe.id]);
    expect(subtree.total).toBe(3);
    expect((await list(`departmentId=${team}`)).items.map((user) => user.id)).toEqual([inTeam.id, inTeamProbe.id]);
    expect(await list(`roleId=${probeRole}`)).toMatchObject({ items: [{ id: inTeamProbe.id }], total: 1 });
    expect(await list('departmentId=999999')).toEqual({ items: [], total: 0 });

    const firstPage = await list(`departmentId=${center}&limit=2`);
    expect(firstPage.items.map((user) => user.id)).toEqual([inCenter.id, inTeam.id]);
    expect(firstPage.total).toBe(3);
    const secondPage = await list(`departmentId=${center}&limit=2&offset=2`);
    expect(secondPage.items.map((user) => user.id)).toEqual([inTeamProbe.id]);
    expect(secondPage.total).toBe(3);

    expect((await h.admin.patch(`/api/users/${inTeam.id}`, { status: 'disabled' })).statusCode).toBe(200);
    expect(await list(`departmentId=${center}&status=disabled`)).toMatchObject({ items: [{ id: inTeam.id, status: 'disabled' }], total: 1 });
    expect((await list(`departmentId=${center}&status=active`)).total).toBe(2);
  });

  it('rejects a bad list query with 400 naming the query field', async () => {
    const response = await h.admin.get('/api/users?limit=500&status=gone');
    expect(response.statusCode).toBe(400);
    const paths = response.json().error.details.fields.map((field: { path: string }) => field.path);
    expect(paths).toEqual(expect.arrayContaining(['querystring.limit', 'querystring.status']));
  });

  it('updates a user and audits user.updated with the before and after of each changed field', async () => {
    const team = await h.createDepartment('改动前班组');
    const otherTeam = await h.createDepartment('改动后班组');
    const teamLeaderRole = await roleId(h, 'team_leader');
    const user = await h.createUser({ roles: ['agent'], departmentId: team });
    const before = (await h.admin.get(`/api/users/${user.id}`)).json();

    const response = await h.admin.patch(`/api/users/${user.id}`, {
      displayName: '改过名字',
      email: 'changed@example.com',
      departmentId: otherTeam,
      roleIds: [teamLeaderRole, agentRole],
      locale: 'zh-CN',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      displayName: '改过名字',
      email: 'changed@example.com',
      departmentId: otherTeam,
      departmentName: '改动后班组',
      roleIds: [agentRole, teamLeaderRole].sort((a, b) => a - b),
    });

    const [entry] = await auditOf(h, 'user.updated', user.id);
    expect(entry!.actorName).toBe('admin');
    // Unchanged fields (locale) are not listed.
    expect(entry!.details).toEqual({
      displayName: { before: before.displayName, after: '改过名字' },
      email: { before: null, after: 'changed@example.com' },
      departmentId: { before: team, after: otherTeam },
      roleIds: { before: [agentRole], after: [agentRole, teamLeaderRole].sort((a, b) => a - b) },
    });
  });

  it('answers 404 for a user that does not exist', async () => {
    expect((await h.admin.get('/api/users/999999')).statusCode).toBe(404);
    expect((await h.admin.patch('/api/users/999999', { displayName: '无人' })).statusCode).toBe(404);
    expect((await h.admin.post('/api/users/999999/password', { password: 'another-pass-1' })).statusCode).toBe(404);
  });

  it('resets a password: every session of the user ends, the new password works, user.password_reset is audited', async () => {
    const user = await h.createUser({ roles: ['agent'] });
    const laptop = await h.login(user.username, user.password);
    const phone = await h.login(user.username, user.password);

    const weak = await h.admin.post(`/api/users/${user.id}/password`, { password: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details.fields[0]).toMatchObject({ path: 'password' });

    expect((await h.admin.post(`/api/users/${user.id}/password`, { password: 'reset-pass-42' })).statusCode).toBe(200);
    expect((await laptop.get('/api/auth/session')).statusCode).toBe(401);
    expect((await phone.get('/api/auth/session')).statusCode).toBe(401);
    const oldPassword = await h.anonymous().post('/api/auth/login', { username: user.username, password: user.password });
    expect(oldPassword.statusCode).toBe(401);
    await h.login(user.username, 'reset-pass-42');

    const entries = await auditOf(h, 'user.password_reset', user.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ outcome: 'success', actorName: 'admin' });
    expect(JSON.stringify(entries[0]!.details)).not.toContain('reset-pass-42');
  });

  it('does not let an administrator disable their own account (422)', async () => {
    const response = await h.admin.patch(`/api/users/${h.adminActor.userId}`, { status: 'disabled' });
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({ code: 'user.cannot_disable_self', message: '不能停用自己的账号。' });
    expect((await h.admin.get('/api/auth/session')).statusCode).toBe(200);
  });
});

describe("a new user's language", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  it("is the organisation's default unless the form says otherwise", async () => {
    const agent = await roleId(h, 'agent');
    expect((await h.admin.post('/api/users', validUser({ username: 'default.zh', roleIds: [agent] }))).json().locale).toBe('zh-CN');
    expect((await h.admin.patch('/api/settings', { defaultLocale: 'en-US' })).statusCode).toBe(200);
    expect((await h.admin.post('/api/users', validUser({ username: 'default.en', roleIds: [agent] }))).json().locale).toBe('en-US');
    expect((await h.admin.post('/api/users', validUser({ username: 'chosen.zh', roleIds: [agent], locale: 'zh-CN' }))).json().locale).toBe('zh-CN');
  });
});

describe('user data scope', () => {
  let h: Harness;
  let teamA: number;
  let teamB: number;
  let subTeamA: number;
  let leaderA: Client;
  beforeAll(async () => {
    h = await createHarness();
    const center = await h.createDepartment('范围中心', null, 'center');
    teamA = await h.createDepartment('甲班', center, 'team');
    subTeamA = await h.createDepartment('甲班一组', teamA, 'team');
    teamB = await h.createDepartment('乙班', center, 'team');
    leaderA = await h.signInAs('team_leader', teamA);
  });
  afterAll(() => h.close());

  it("lets a team leader list only the users in their team's subtree", async () => {
    const inA = await h.createUser({ roles: ['agent'], departmentId: teamA });
    const inSubA = await h.createUser({ roles: ['agent'], departmentId: subTeamA });
    const inB = await h.createUser({ roles: ['agent'], departmentId: teamB });
    const page = (await leaderA.get('/api/users?limit=200')).json() as { items: { id: number; departmentId: number }[]; total: number };
    const ids = page.items.map((user) => user.id);
    expect(ids).toEqual(expect.arrayContaining([leaderA.info!.user.id, inA.id, inSubA.id]));
    expect(ids).not.toContain(inB.id);
    expect(ids).not.toContain(h.adminActor.userId);
    expect(page.items.every((user) => user.departmentId === teamA || user.departmentId === subTeamA)).toBe(true);
    expect(page.total).toBe(page.items.length);
    // Filtering by a department outside the reach does not widen it.
    expect((await leaderA.get(`/api/users?departmentId=${teamB}`)).json()).toEqual({ items: [], total: 0 });
  });

  it("answers 404, not 403, for a user outside the team leader's subtree", async () => {
    const inA = await h.createUser({ roles: ['agent'], departmentId: subTeamA });
    const inB = await h.createUser({ roles: ['agent'], departmentId: teamB });
    expect((await leaderA.get(`/api/users/${inA.id}`)).statusCode).toBe(200);
    const hidden = await leaderA.get(`/api/users/${inB.id}`);
    expect(hidden.statusCode).toBe(404);
    // Exactly what a user who does not exist looks like.
    const missing = await leaderA.get('/api/users/999999');
    expect(hidden.json().error).toEqual({ ...missing.json().error, requestId: hidden.json().error.requestId });
    expect(hidden.json().error.code).toBe('not_found');
  });

  it('shows a department-scoped user without a department nobody', async () => {
    const adrift = await h.signInAs('team_leader', null);
    expect((await adrift.get('/api/users')).json()).toEqual({ items: [], total: 0 });
    expect((await adrift.get(`/api/users/${adrift.info!.user.id}`)).statusCode).toBe(404);
  });

  it('refuses an agent (self scope, no users.read) with 403', async () => {
    const agent = await h.signInAs('agent', teamA);
    const response = await agent.get('/api/users');
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('forbidden');
    expect((await agent.get(`/api/users/${agent.info!.user.id}`)).statusCode).toBe(403);
  });

  it('lets a department-scoped user manager place users only inside their subtree', async () => {
    const role = await createRole(h, 'team_user_manager', ['users.read', 'users.manage', ...AGENT_PERMISSIONS], 'department');
    const managerUser = await h.createUser({ roles: [role], departmentId: teamA });
    const manager = await h.login(managerUser.username, managerUser.password);
    const agentRole = await roleId(h, 'agent');
    const inside = await manager.post('/api/users', validUser({ username: 'placed.inside', departmentId: subTeamA, roleIds: [agentRole] }));
    expect(inside.statusCode).toBe(200);
    const outside = await manager.post('/api/users', validUser({ username: 'placed.outside', departmentId: teamB, roleIds: [agentRole] }));
    expect(outside.statusCode).toBe(422);
    expect(outside.json().error.code).toBe('user.unknown_department');
    const nowhere = await manager.post('/api/users', validUser({ username: 'placed.nowhere', departmentId: null, roleIds: [agentRole] }));
    expect(nowhere.statusCode).toBe(422);
    const inB = await h.createUser({ roles: ['agent'], departmentId: teamB });
    expect((await manager.patch(`/api/users/${inB.id}`, { displayName: '越界修改' })).statusCode).toBe(404);
    expect((await manager.post(`/api/users/${inB.id}/password`, { password: 'taken-over-1' })).statusCode).toBe(404);
    const move = await manager.patch(`/api/users/${inside.json().id}`, { departmentId: teamB });
    expect(move.statusCode).toBe(422);
  });
});

describe('no privilege escalation through user administration', () => {
  let h: Harness;
  let manager: Client;
  beforeAll(async () => {
    h = await createHarness();
    const role = await createRole(h, 'user_manager', ['users.manage', 'users.read', 'departments.read', ...AGENT_PERMISSIONS], 'all');
    const user = await h.createUser({ roles: [role] });
    manager = await h.login(user.username, user.password);
  });
  afterAll(() => h.close());

  it('refuses to create a user with the administrator role (422 user.role_not_grantable)', async () => {
    const administrator = await roleId(h, 'administrator');
    const response = await manager.post('/api/users', validUser({ username: 'sneaky.admin', roleIds: [administrator] }));
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({ code: 'user.role_not_grantable', message: '您不能授予比自己权限更大的角色：系统管理员。' });
    expect((await h.admin.get('/api/users?q=sneaky')).json().total).toBe(0);
  });

  it('refuses a role that reaches further, and a role with permissions the manager lacks, on update too', async () => {
    const target = await h.createUser({ roles: ['agent'] });
    const administrator = await roleId(h, 'administrator');
    const centerDirector = await roleId(h, 'center_director');
    for (const role of [administrator, centerDirector]) {
      const response = await manager.patch(`/api/users/${target.id}`, { roleIds: [role] });
      expect(response.statusCode).toBe(422);
      expect(response.json().error.code).toBe('user.role_not_grantable');
    }
    const wider = await createRole(h, 'wider_reach', ['users.read'], 'all');
    const narrowManagerRole = await createRole(h, 'narrow_manager', ['users.manage', 'users.read', ...AGENT_PERMISSIONS], 'department');
    const team = await h.createDepartment('窄范围班');
    const narrowUser = await h.createUser({ roles: [narrowManagerRole], departmentId: team });
    const narrow = await h.login(narrowUser.username, narrowUser.password);
    const response = await narrow.post('/api/users', validUser({ username: 'wider.one', departmentId: team, roleIds: [wider] }));
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({ code: 'user.role_not_grantable', message: '您不能授予比自己权限更大的角色：wider_reach。' });
    expect((await h.admin.get(`/api/users/${target.id}`)).json().roleIds).toEqual([await roleId(h, 'agent')]);
  });

  it('still lets the manager grant roles within their own permissions', async () => {
    const response = await manager.post('/api/users', validUser({ username: 'plain.agent', roleIds: [await roleId(h, 'agent')] }));
    expect(response.statusCode).toBe(200);
  });

  it("refuses to reset the password of, disable or re-role a user whose roles reach further than the manager's", async () => {
    const other = await h.createUser({ roles: ['administrator'] });
    const response = await manager.post(`/api/users/${other.id}/password`, { password: 'taken-over-1' });
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({ code: 'user.outranks_actor', message: '该用户拥有超出您权限的角色（系统管理员），您不能修改其账号。' });
    expect((await manager.patch(`/api/users/${other.id}`, { status: 'disabled' })).json().error.code).toBe('user.outranks_actor');
    expect((await manager.patch(`/api/users/${other.id}`, { roleIds: [await roleId(h, 'agent')] })).json().error.code).toBe('user.outranks_actor');
    expect((await manager.post(`/api/users/${other.id}/unlock`)).json().error.code).toBe('user.outranks_actor');
    await h.login(other.username, other.password);
    const agent = await h.createUser({ roles: ['agent'] });
    expect((await manager.post(`/api/users/${agent.id}/password`, { password: 'fresh-start-1' })).statusCode).toBe(200);
  });
});

describe('the last active administrator', () => {
  let h: Harness;
  let manager: Client;
  beforeAll(async () => {
    h = await createHarness();
    // As powerful as an administrator without holding the role: the only kind of user who
    // may disable an administrator, and so the only one who could disable the last one.
    const role = await createRole(h, 'org_user_manager', [...PERMISSIONS], 'all');
    const user = await h.createUser({ roles: [role] });
    manager = await h.login(user.username, user.password);
  });
  afterAll(() => h.close());

  it('cannot lose the administrator role, not even by their own hand (409 user.last_administrator)', async () => {
    const response = await h.admin.patch(`/api/users/${h.adminActor.userId}`, { roleIds: [await roleId(h, 'agent')] });
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({ code: 'user.last_administrator', message: '这是最后一个可用的系统管理员，不能停用或撤销其管理员角色。' });
    expect((await h.admin.get(`/api/users/${h.adminActor.userId}`)).json().roleIds).toEqual([await roleId(h, 'administrator')]);
  });

  it('cannot be disabled (409 user.last_administrator)', async () => {
    const response = await manager.patch(`/api/users/${h.adminActor.userId}`, { status: 'disabled' });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('user.last_administrator');
    expect((await h.admin.get('/api/auth/session')).statusCode).toBe(200);
  });
});

describe('an administrator who is no longer the last one', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  it('can be disabled or lose the role once a second administrator is active', async () => {
    const administrator = await roleId(h, 'administrator');
    const agent = await roleId(h, 'agent');
    const second = await h.createUser({ username: 'second.admin', roles: ['administrator'] });
    const secondClient = await h.login(second.username, second.password);

    expect((await h.admin.patch(`/api/users/${second.id}`, { roleIds: [agent] })).statusCode).toBe(200);
    expect((await h.admin.patch(`/api/users/${second.id}`, { roleIds: [administrator] })).statusCode).toBe(200);
    expect((await secondClient.patch(`/api/users/${h.adminActor.userId}`, { status: 'disabled' })).statusCode).toBe(200);
    expect((await h.admin.get('/api/auth/session')).statusCode).toBe(401);
    // With the first one disabled, the second is the last active administrator again.
    const last = await secondClient.patch(`/api/users/${second.id}`, { roleIds: [agent] });
    expect(last.statusCode).toBe(409);
    expect(last.json().error.code).toBe('user.last_administrator');
  });
});
