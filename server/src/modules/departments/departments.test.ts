import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, Department, Permission } from '@kefu/contracts';
import { createHarness, type Client, type Harness } from '../../../test/harness.js';

async function create(client: Client, input: { name: string; parentId: number | null; kind: 'center' | 'department' | 'team'; sortOrder?: number }) {
  return client.post('/api/departments', input);
}

async function createOk(client: Client, input: { name: string; parentId: number | null; kind: 'center' | 'department' | 'team'; sortOrder?: number }) {
  const response = await create(client, input);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Department;
}

async function listOf(client: Client): Promise<Department[]> {
  const response = await client.get('/api/departments');
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function auditOf(h: Harness, action: string, targetId: number): Promise<AuditEntry[]> {
  const page = (await h.admin.get(`/api/audit?action=${action}&limit=200`)).json() as { items: AuditEntry[] };
  return page.items.filter((entry) => entry.targetId === String(targetId));
}

async function signInWithRole(h: Harness, code: string, permissions: Permission[], departmentId: number): Promise<Client> {
  const role = await h.admin.post('/api/roles', { code, name: code, dataScope: 'department', permissions });
  expect(role.statusCode, role.body).toBe(200);
  const user = await h.createUser({ roles: [role.json().id], departmentId });
  return h.login(user.username, user.password);
}

describe('departments and teams (ADM-1)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  it('creates a center → department → teams tree and lists it with direct member counts', async () => {
    const center = await createOk(h.admin, { name: '树形客服中心', parentId: null, kind: 'center' });
    const department = await createOk(h.admin, { name: '客服部', parentId: center.id, kind: 'department' });
    const teamOne = await createOk(h.admin, { name: '话务一班', parentId: department.id, kind: 'team', sortOrder: 2 });
    const teamTwo = await createOk(h.admin, { name: '话务二班', parentId: department.id, kind: 'team', sortOrder: 1 });
    expect(center).toEqual({ id: center.id, parentId: null, name: '树形客服中心', kind: 'center', sortOrder: 0, memberCount: 0 });
    await h.createUser({ roles: ['team_leader'], departmentId: department.id });
    await h.createUser({ roles: ['agent'], departmentId: teamOne.id });
    await h.createUser({ roles: ['agent'], departmentId: teamOne.id });

    const tree = (await listOf(h.admin)).filter((unit) => [center.id, department.id, teamOne.id, teamTwo.id].includes(unit.id));
    expect(tree).toEqual(
      expect.arrayContaining([
        { id: center.id, parentId: null, name: '树形客服中心', kind: 'center', sortOrder: 0, memberCount: 0 },
        { id: department.id, parentId: center.id, name: '客服部', kind: 'department', sortOrder: 0, memberCount: 1 },
        { id: teamOne.id, parentId: department.id, name: '话务一班', kind: 'team', sortOrder: 2, memberCount: 2 },
        { id: teamTwo.id, parentId: department.id, name: '话务二班', kind: 'team', sortOrder: 1, memberCount: 0 },
      ]),
    );
    // Listed in sort order.
    const order = tree.map((unit) => unit.id);
    expect(order.indexOf(teamTwo.id)).toBeLessThan(order.indexOf(teamOne.id));
  });

  it('refuses bad input with 400 and a parent that does not exist with 422', async () => {
    const blank = await create(h.admin, { name: '  ', parentId: null, kind: 'team' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.details.fields).toEqual([expect.objectContaining({ path: 'name', message: '必填。' })]);
    const kind = await h.admin.post('/api/departments', { name: '某组', parentId: null, kind: 'squad' });
    expect(kind.statusCode).toBe(400);
    expect(kind.json().error.details.fields[0]).toMatchObject({ path: 'kind', message: '不是允许的取值。' });
    const orphan = await create(h.admin, { name: '孤儿班', parentId: 999_999, kind: 'team' });
    expect(orphan.statusCode).toBe(422);
    expect(orphan.json().error.code).toBe('department.unknown_parent');
  });

  it('refuses a second unit of the same name under the same parent (409), not under another parent', async () => {
    const first = await createOk(h.admin, { name: '重名测试部', parentId: null, kind: 'department' });
    const second = await createOk(h.admin, { name: '重名测试部二', parentId: null, kind: 'department' });
    await createOk(h.admin, { name: '夜班', parentId: first.id, kind: 'team' });
    const clash = await create(h.admin, { name: '夜班', parentId: first.id, kind: 'team' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error).toMatchObject({ code: 'department.name_taken', message: '同一上级下已有名为“夜班”的部门。' });
    const elsewhere = await createOk(h.admin, { name: '夜班', parentId: second.id, kind: 'team' });
    // Renaming or moving into a clash is refused the same way.
    const rename = await create(h.admin, { name: '早班', parentId: first.id, kind: 'team' });
    const renameClash = await h.admin.patch(`/api/departments/${rename.json().id}`, { name: '夜班' });
    expect(renameClash.statusCode).toBe(409);
    const moveClash = await h.admin.patch(`/api/departments/${elsewhere.id}`, { parentId: first.id });
    expect(moveClash.statusCode).toBe(409);
    expect(moveClash.json().error.code).toBe('department.name_taken');
  });

  it('moves a subtree under another node: the children move along and scoped users keep their reach', async () => {
    const north = await createOk(h.admin, { name: '北区中心', parentId: null, kind: 'center' });
    const south = await createOk(h.admin, { name: '南区中心', parentId: null, kind: 'center' });
    const department = await createOk(h.admin, { name: '投诉处理部', parentId: north.id, kind: 'department' });
    const team = await createOk(h.admin, { name: '投诉一班', parentId: department.id, kind: 'team' });
    const subTeam = await createOk(h.admin, { name: '投诉一班甲组', parentId: team.id, kind: 'team' });
    const member = await h.createUser({ roles: ['agent'], departmentId: subTeam.id });
    const leader = await h.signInAs('department_head', department.id);

    const moved = await h.admin.patch(`/api/departments/${department.id}`, { parentId: south.id });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ id: department.id, parentId: south.id, name: '投诉处理部' });

    const units = await listOf(h.admin);
    expect(units.find((unit) => unit.id === team.id)!.parentId).toBe(department.id);
    expect(units.find((unit) => unit.id === subTeam.id)!.parentId).toBe(team.id);

    // Subtree queries follow the move.
    const underSouth = (await h.admin.get(`/api/users?departmentId=${south.id}`)).json().items.map((user: { id: number }) => user.id);
    expect(underSouth).toContain(member.id);
    expect((await h.admin.get(`/api/users?departmentId=${north.id}`)).json().total).toBe(0);

    // The department head still reaches the whole moved subtree, and nothing of the old parent.
    expect((await leader.get(`/api/users/${member.id}`)).statusCode).toBe(200);
    const leaderUnits = (await listOf(leader)).map((unit) => unit.id).sort((a, b) => a - b);
    expect(leaderUnits).toEqual([department.id, team.id, subTeam.id].sort((a, b) => a - b));

    // A deeper team can be moved on its own, too.
    expect((await h.admin.patch(`/api/departments/${subTeam.id}`, { parentId: north.id })).statusCode).toBe(200);
    expect((await leader.get(`/api/users/${member.id}`)).statusCode).toBe(404);
    expect((await h.admin.get(`/api/users?departmentId=${north.id}`)).json().items.map((user: { id: number }) => user.id)).toEqual([member.id]);
  });

  it('refuses to move a unit under itself or one of its descendants (422 department.cycle)', async () => {
    const top = await createOk(h.admin, { name: '循环测试中心', parentId: null, kind: 'center' });
    const middle = await createOk(h.admin, { name: '循环测试部', parentId: top.id, kind: 'department' });
    const leaf = await createOk(h.admin, { name: '循环测试班', parentId: middle.id, kind: 'team' });
    for (const parentId of [leaf.id, middle.id, top.id]) {
      const response = await h.admin.patch(`/api/departments/${top.id}`, { parentId });
      expect(response.statusCode, `under ${parentId}`).toBe(422);
      expect(response.json().error).toMatchObject({ code: 'department.cycle', message: '不能把部门移动到它自己或它的下级之下。' });
    }
    const units = await listOf(h.admin);
    expect(units.find((unit) => unit.id === top.id)!.parentId).toBeNull();
    expect(units.find((unit) => unit.id === leaf.id)!.parentId).toBe(middle.id);
  });

  it('refuses to delete a unit with sub-units or members (409) and deletes an empty one', async () => {
    const parent = await createOk(h.admin, { name: '删除测试部', parentId: null, kind: 'department' });
    const child = await createOk(h.admin, { name: '删除测试班', parentId: parent.id, kind: 'team' });
    const member = await h.createUser({ roles: ['agent'], departmentId: child.id });

    const withChildren = await h.admin.delete(`/api/departments/${parent.id}`);
    expect(withChildren.statusCode).toBe(409);
    expect(withChildren.json().error.code).toBe('department.has_children');
    const withMembers = await h.admin.delete(`/api/departments/${child.id}`);
    expect(withMembers.statusCode).toBe(409);
    expect(withMembers.json().error).toMatchObject({ code: 'department.has_members', message: '该部门下还有人员，不能删除。' });

    expect((await h.admin.patch(`/api/users/${member.id}`, { departmentId: null })).statusCode).toBe(200);
    expect((await h.admin.delete(`/api/departments/${child.id}`)).json()).toEqual({ ok: true });
    expect((await h.admin.delete(`/api/departments/${parent.id}`)).statusCode).toBe(200);
    const ids = (await listOf(h.admin)).map((unit) => unit.id);
    expect(ids).not.toContain(parent.id);
    expect(ids).not.toContain(child.id);
    expect((await h.admin.delete(`/api/departments/${parent.id}`)).statusCode).toBe(404);
  });

  it('answers 404 for a unit that does not exist', async () => {
    expect((await h.admin.patch('/api/departments/999999', { name: '无' })).statusCode).toBe(404);
    expect((await h.admin.delete('/api/departments/999999')).statusCode).toBe(404);
  });

  it('audits creation, changes with before and after, and deletion', async () => {
    const home = await createOk(h.admin, { name: '审计原上级', parentId: null, kind: 'center' });
    const unit = await createOk(h.admin, { name: '审计班', parentId: null, kind: 'team' });
    await h.admin.patch(`/api/departments/${unit.id}`, { name: '审计班（改）', parentId: home.id });
    await h.admin.delete(`/api/departments/${unit.id}`);

    const [created] = await auditOf(h, 'department.created', unit.id);
    expect(created).toMatchObject({ outcome: 'success', actorName: 'admin', targetType: 'department', details: { name: '审计班', kind: 'team', parentId: null } });
    const [updated] = await auditOf(h, 'department.updated', unit.id);
    expect(updated!.details).toEqual({
      before: { name: '审计班', kind: 'team', parentId: null },
      after: { name: '审计班（改）', kind: 'team', parentId: home.id },
    });
    const [deleted] = await auditOf(h, 'department.deleted', unit.id);
    expect(deleted).toMatchObject({ outcome: 'success', details: { name: '审计班（改）' } });
  });
});

describe('department data scope', () => {
  let h: Harness;
  let center: number;
  let mine: number;
  let myTeam: number;
  let theirs: number;
  beforeAll(async () => {
    h = await createHarness();
    center = await h.createDepartment('范围测试中心', null, 'center');
    mine = await h.createDepartment('本部门', center, 'department');
    myTeam = await h.createDepartment('本部门一班', mine, 'team');
    theirs = await h.createDepartment('他部门', center, 'department');
  });
  afterAll(() => h.close());

  it("shows a department-scoped reader only their unit's subtree", async () => {
    const leader = await h.signInAs('team_leader', mine);
    const ids = (await listOf(leader)).map((unit) => unit.id).sort((a, b) => a - b);
    expect(ids).toEqual([mine, myTeam].sort((a, b) => a - b));
  });

  it('shows a department-scoped reader without a department no unit at all', async () => {
    const adrift = await h.signInAs('team_leader', null);
    expect(await listOf(adrift)).toEqual([]);
  });

  it('refuses an agent the department list (403)', async () => {
    const agent = await h.signInAs('agent', mine);
    expect((await agent.get('/api/departments')).statusCode).toBe(403);
  });

  it('lets a department-scoped manager change units inside their subtree only; outside is 404', async () => {
    const manager = await signInWithRole(h, 'unit_manager', ['departments.read', 'departments.manage'], mine);

    const inside = await createOk(manager, { name: '本部门新班', parentId: mine, kind: 'team' });
    expect((await manager.patch(`/api/departments/${inside.id}`, { name: '本部门新班（改）' })).statusCode).toBe(200);

    const rename = await manager.patch(`/api/departments/${theirs}`, { name: '被改名' });
    expect(rename.statusCode).toBe(404);
    expect(rename.json().error.code).toBe('not_found');
    expect((await manager.delete(`/api/departments/${theirs}`)).statusCode).toBe(404);
    expect((await manager.patch(`/api/departments/${center}`, { name: '被改名' })).statusCode).toBe(404);

    const underTheirs = await create(manager, { name: '越界班', parentId: theirs, kind: 'team' });
    expect(underTheirs.statusCode).toBe(422);
    expect(underTheirs.json().error.code).toBe('department.unknown_parent');
    const root = await create(manager, { name: '越界中心', parentId: null, kind: 'center' });
    expect(root.statusCode).toBe(422);
    const moveOut = await manager.patch(`/api/departments/${inside.id}`, { parentId: theirs });
    expect(moveOut.statusCode).toBe(422);
    expect(moveOut.json().error.code).toBe('department.unknown_parent');

    const untouched = (await listOf(h.admin)).find((unit) => unit.id === theirs)!;
    expect(untouched.name).toBe('他部门');
    expect((await listOf(h.admin)).find((unit) => unit.id === inside.id)!.parentId).toBe(mine);
  });
});
