import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_ROLE_CODES, PERMISSIONS, type AuditEntry, type Role } from '@kefu/contracts';
import { createHarness, type Harness } from '../../../test/harness.js';

async function rolesAs(client: { get(url: string): Promise<{ statusCode: number; json(): unknown }> }): Promise<Role[]> {
  const response = await client.get('/api/roles');
  expect(response.statusCode).toBe(200);
  return response.json() as Role[];
}

async function auditOf(h: Harness, action: string, targetId: number): Promise<AuditEntry[]> {
  const page = (await h.admin.get(`/api/audit?action=${action}&limit=200`)).json() as { items: AuditEntry[] };
  return page.items.filter((entry) => entry.targetId === String(targetId));
}

describe('roles and permissions (ADM-1)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  async function createRole(code: string, permissions: string[], dataScope = 'all') {
    const response = await h.admin.post('/api/roles', { code, name: `角色 ${code}`, dataScope, permissions });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Role;
  }

  it('lists the nine built-in roles of PRODUCT.md with names in the reader’s language', async () => {
    const zh = await rolesAs(h.admin);
    const builtin = zh.filter((role) => role.builtin);
    expect(builtin.map((role) => role.code).sort()).toEqual([...BUILTIN_ROLE_CODES].sort());
    expect(zh.find((role) => role.code === 'agent')).toMatchObject({
      name: '业务代表',
      description: '受理来电来访，创建并处理工单，回访客户。',
      dataScope: 'self',
      permissions: ['complaints.manage', 'complaints.read', 'customers.read', 'customers.write', 'knowledge.read', 'work_orders.create', 'work_orders.handle', 'work_orders.read'],
    });
    expect(zh.find((role) => role.code === 'administrator')).toMatchObject({ name: '系统管理员', dataScope: 'all', permissions: [...PERMISSIONS].sort() });
    expect(zh.find((role) => role.code === 'team_leader')).toMatchObject({ name: '班长', dataScope: 'department' });

    const reader = await h.signInAs('qa_inspector');
    expect((await reader.patch('/api/auth/profile', { locale: 'en-US' })).statusCode).toBe(200);
    const en = await rolesAs(reader);
    expect(en.find((role) => role.code === 'agent')!.name).toBe('Agent');
    expect(en.find((role) => role.code === 'knowledge_editor')!.name).toBe('Knowledge editor');
  });

  it('counts the users holding each role', async () => {
    const role = await createRole('counted_role', []);
    const agent = (await rolesAs(h.admin)).find((candidate) => candidate.code === 'agent')!;
    await h.createUser({ roles: [role.id] });
    await h.createUser({ roles: [role.id, agent.id] });
    expect((await rolesAs(h.admin)).find((candidate) => candidate.id === role.id)!.userCount).toBe(2);
  });

  it('creates a custom role, returning its permissions sorted and de-duplicated, and audits role.created', async () => {
    const response = await h.admin.post('/api/roles', {
      code: 'night_supervisor',
      name: '夜班主管',
      description: '夜间值班',
      dataScope: 'department',
      permissions: ['users.read', 'departments.read', 'users.read'],
    });
    expect(response.statusCode).toBe(200);
    const role = response.json();
    expect(role).toEqual({
      id: role.id,
      code: 'night_supervisor',
      name: '夜班主管',
      description: '夜间值班',
      builtin: false,
      dataScope: 'department',
      permissions: ['departments.read', 'users.read'],
      userCount: 0,
    });
    // A custom role's name is shown as typed, in every language.
    const english = await h.signInAs('qa_inspector');
    await english.patch('/api/auth/profile', { locale: 'en-US' });
    expect((await rolesAs(english)).find((candidate) => candidate.id === role.id)!.name).toBe('夜班主管');

    const [entry] = await auditOf(h, 'role.created', role.id);
    expect(entry).toMatchObject({
      outcome: 'success',
      actorName: 'admin',
      details: { code: 'night_supervisor', dataScope: 'department', permissions: ['departments.read', 'users.read'] },
    });
  });

  it('refuses a malformed code with 400 and a localised field message', async () => {
    for (const code of ['Bad-Code', '9lives', 'x']) {
      const response = await h.admin.post('/api/roles', { code, name: '坏代码', dataScope: 'self', permissions: [] });
      expect(response.statusCode, code).toBe(400);
      expect(response.json().error.code).toBe('validation_failed');
      expect(response.json().error.details.fields[0].path).toBe('code');
    }
    const response = await h.admin.post('/api/roles', { code: 'Bad-Code', name: '坏代码', dataScope: 'self', permissions: [] });
    expect(response.json().error.details.fields[0].message).toBe('角色代码须以小写字母开头，只含小写字母、数字和下划线。');
  });

  it('refuses a duplicate code with 409 role.code_taken, built-in codes included', async () => {
    await createRole('dup_role', []);
    const again = await h.admin.post('/api/roles', { code: 'dup_role', name: '又一个', dataScope: 'self', permissions: [] });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'role.code_taken', message: '角色代码“dup_role”已存在。' });
    const builtin = await h.admin.post('/api/roles', { code: 'agent', name: '冒充', dataScope: 'self', permissions: [] });
    expect(builtin.statusCode).toBe(409);
  });

  it('refuses an unknown permission or data scope with 400', async () => {
    const permission = await h.admin.post('/api/roles', { code: 'bad_perm', name: '坏权限', dataScope: 'self', permissions: ['users.read', 'nuclear.launch'] });
    expect(permission.statusCode).toBe(400);
    expect(permission.json().error.details.fields).toEqual([expect.objectContaining({ path: 'permissions.1', message: '不是允许的取值。' })]);
    const scope = await h.admin.post('/api/roles', { code: 'bad_scope', name: '坏范围', dataScope: 'galaxy', permissions: [] });
    expect(scope.statusCode).toBe(400);
    expect((await rolesAs(h.admin)).some((role) => role.code === 'bad_perm' || role.code === 'bad_scope')).toBe(false);
  });

  it('replaces permissions on update and audits what was granted and revoked', async () => {
    const role = await createRole('shifting_role', ['users.read', 'roles.read'], 'self');
    const response = await h.admin.patch(`/api/roles/${role.id}`, {
      name: '改后的角色',
      description: '新的说明',
      dataScope: 'department',
      permissions: ['roles.read', 'departments.read', 'audit.read'],
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      name: '改后的角色',
      description: '新的说明',
      dataScope: 'department',
      permissions: ['audit.read', 'departments.read', 'roles.read'],
    });
    const [entry] = await auditOf(h, 'role.updated', role.id);
    expect(entry!.details).toEqual({
      code: 'shifting_role',
      dataScope: { before: 'self', after: 'department' },
      granted: ['audit.read', 'departments.read'],
      revoked: ['users.read'],
    });
  });

  it('keeps every permission and the whole-center scope on the administrator role, whatever a PATCH says', async () => {
    const administrator = (await rolesAs(h.admin)).find((role) => role.code === 'administrator')!;
    const response = await h.admin.patch(`/api/roles/${administrator.id}`, { name: '改名', dataScope: 'self', permissions: ['users.read'] });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ code: 'administrator', name: '系统管理员', dataScope: 'all', permissions: [...PERMISSIONS].sort() });
    expect(h.admin.info!.user.permissions).toEqual([...PERMISSIONS].sort());
    expect((await h.admin.get('/api/settings')).statusCode).toBe(200);
    expect((await h.admin.get('/api/auth/session')).json().user.permissions).toEqual([...PERMISSIONS].sort());
  });

  it('answers 404 when updating or deleting a role that does not exist', async () => {
    expect((await h.admin.patch('/api/roles/999999', { name: '无', dataScope: 'self', permissions: [] })).statusCode).toBe(404);
    expect((await h.admin.delete('/api/roles/999999')).statusCode).toBe(404);
  });

  it('refuses to delete a built-in role (409 role.builtin_immutable)', async () => {
    const agent = (await rolesAs(h.admin)).find((role) => role.code === 'agent')!;
    const response = await h.admin.delete(`/api/roles/${agent.id}`);
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({ code: 'role.builtin_immutable', message: '内置角色的代码不能修改，也不能删除。' });
  });

  it('refuses to delete a role that users still hold (409 role.in_use), and deletes it once unused', async () => {
    const role = await createRole('held_role', ['users.read']);
    const holder = await h.createUser({ roles: [role.id] });
    const refused = await h.admin.delete(`/api/roles/${role.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'role.in_use', message: '仍有 1 名用户使用该角色，不能删除。' });

    const agent = (await rolesAs(h.admin)).find((candidate) => candidate.code === 'agent')!;
    expect((await h.admin.patch(`/api/users/${holder.id}`, { roleIds: [agent.id] })).statusCode).toBe(200);
    expect((await h.admin.delete(`/api/roles/${role.id}`)).json()).toEqual({ ok: true });
    expect((await rolesAs(h.admin)).some((candidate) => candidate.id === role.id)).toBe(false);
    const [entry] = await auditOf(h, 'role.deleted', role.id);
    expect(entry).toMatchObject({ outcome: 'success', details: { code: 'held_role' } });
  });

  it('deletes an unused custom role', async () => {
    const role = await createRole('unused_role', []);
    expect((await h.admin.delete(`/api/roles/${role.id}`)).statusCode).toBe(200);
    expect((await h.admin.delete(`/api/roles/${role.id}`)).statusCode).toBe(404);
  });

  it("changes a user's permissions on their very next request when their role changes", async () => {
    const role = await createRole('changing_role', ['users.read']);
    const user = await h.createUser({ roles: [role.id] });
    const client = await h.login(user.username, user.password);
    expect((await client.get('/api/users')).statusCode).toBe(200);
    expect((await client.get('/api/roles')).statusCode).toBe(403);

    await h.admin.patch(`/api/roles/${role.id}`, { name: role.name, dataScope: 'all', permissions: ['roles.read'] });
    expect((await client.get('/api/users')).statusCode).toBe(403);
    expect((await client.get('/api/roles')).statusCode).toBe(200);
    expect((await client.get('/api/auth/session')).json().user.permissions).toEqual(['roles.read']);
  });

  it("changes a user's permissions on their very next request when they are given another role", async () => {
    const user = await h.createUser({ roles: ['agent'] });
    const client = await h.login(user.username, user.password);
    expect((await client.get('/api/departments')).statusCode).toBe(403);
    const roles = await rolesAs(h.admin);
    const teamLeader = roles.find((role) => role.code === 'team_leader')!;
    expect((await h.admin.patch(`/api/users/${user.id}`, { roleIds: [teamLeader.id] })).statusCode).toBe(200);
    expect((await client.get('/api/departments')).statusCode).toBe(200);
    expect((await client.get('/api/auth/session')).json().user).toMatchObject({ dataScope: 'department', roles: [{ code: 'team_leader', name: '班长' }] });
  });

  it('refuses role management to a team leader (403) and the role list to an agent (403)', async () => {
    const leader = await h.signInAs('team_leader');
    expect((await leader.get('/api/roles')).statusCode).toBe(200);
    expect((await leader.post('/api/roles', { code: 'leader_made', name: '班长建的', dataScope: 'self', permissions: [] })).statusCode).toBe(403);
    const agent = await h.signInAs('agent');
    expect((await agent.get('/api/roles')).statusCode).toBe(403);
  });
});
