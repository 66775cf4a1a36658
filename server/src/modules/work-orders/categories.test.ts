import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, Category } from '@kefu/contracts';
import { createHarness, type Client, type Harness } from '../../../test/harness.js';

const auditOf = async (h: Harness, action: string) => (await h.admin.get(`/api/audit?action=${action}&limit=200`)).json().items as AuditEntry[];

describe('work-order categories (业务分类)', () => {
  let h: Harness;
  let agent: Client;
  let repairTeam: number;
  beforeAll(async () => {
    h = await createHarness();
    agent = await h.signInAs('agent');
    repairTeam = await h.createDepartment('宽带维修班');
  });
  afterAll(() => h.close());

  async function create(body: Record<string, unknown>): Promise<Category> {
    const response = await h.admin.post('/api/work-orders/categories', body);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<Category>();
  }

  it('builds a tree: every category carries the names from the root and its default team', async () => {
    const broadband = await create({ name: '宽带', sortOrder: 1 });
    const fault = await create({ name: '故障', parentId: broadband.id });
    const outage = await create({
      name: '断线',
      parentId: fault.id,
      defaultDepartmentId: repairTeam,
      defaultPriority: 'high',
      requiresConfirmation: true,
      fields: [
        { key: 'account', label: '宽带账号', type: 'text', required: true },
        { key: 'since', label: '断线时间', type: 'date' },
        { key: 'light', label: '光猫指示灯', type: 'select', options: ['红灯', '不亮'] },
      ],
    });
    expect(outage).toEqual({
      id: expect.any(Number),
      name: '断线',
      parentId: fault.id,
      pathNames: ['宽带', '故障', '断线'],
      defaultDepartment: { id: repairTeam, name: '宽带维修班' },
      defaultPriority: 'high',
      requiresConfirmation: true,
      fields: [
        { key: 'account', label: '宽带账号', type: 'text', required: true, options: [] },
        { key: 'since', label: '断线时间', type: 'date', required: false, options: [] },
        { key: 'light', label: '光猫指示灯', type: 'select', required: false, options: ['红灯', '不亮'] },
      ],
      sortOrder: 0,
      active: true,
    });
    const archived = await create({ name: '旧业务', active: false, sortOrder: 0 });

    // Agents read the list (they pick a category at intake); inactive ones are listed too.
    const listed = await agent.get('/api/work-orders/categories');
    expect(listed.statusCode).toBe(200);
    const byId = new Map(listed.json<Category[]>().map((category) => [category.id, category]));
    expect(byId.get(fault.id)!.pathNames).toEqual(['宽带', '故障']);
    expect(byId.get(outage.id)).toEqual(outage);
    expect(byId.get(archived.id)!.active).toBe(false);
    const order = listed.json<Category[]>().map((category) => category.sortOrder);
    expect(order).toEqual([...order].sort((a, b) => a - b));

    const created = (await auditOf(h, 'work_order.category_created')).find((entry) => entry.targetId === String(outage.id));
    expect(created).toMatchObject({ outcome: 'success', actorName: 'admin', targetType: 'work_order_category', details: { name: '断线', parentId: fault.id } });
  });

  it('changes only what a PATCH sends, renames along the path, moves and deactivates', async () => {
    const root = await create({ name: '话费' });
    const child = await create({ name: '查询', parentId: root.id, defaultDepartmentId: repairTeam, defaultPriority: 'urgent', fields: [{ key: 'month', label: '月份', type: 'text' }] });

    const renamed = await h.admin.patch(`/api/work-orders/categories/${child.id}`, { name: '账单查询' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toEqual({ ...child, name: '账单查询', pathNames: ['话费', '账单查询'] });

    await h.admin.patch(`/api/work-orders/categories/${root.id}`, { name: '话费账单' });
    const listed = (await h.admin.get('/api/work-orders/categories')).json<Category[]>();
    expect(listed.find((category) => category.id === child.id)!.pathNames).toEqual(['话费账单', '账单查询']);

    const moved = await h.admin.patch(`/api/work-orders/categories/${child.id}`, { parentId: null, active: false, defaultDepartmentId: null });
    expect(moved.json()).toMatchObject({ parentId: null, pathNames: ['账单查询'], active: false, defaultDepartment: null, defaultPriority: 'urgent' });

    const updated = (await auditOf(h, 'work_order.category_updated')).filter((entry) => entry.targetId === String(child.id));
    expect(updated.map((entry) => entry.details.changes)).toEqual(
      expect.arrayContaining([{ name: '账单查询' }, { parentId: null, active: false, defaultDepartmentId: null }]),
    );
  });

  it('refuses to move a category under itself or its own descendants (409), changing nothing', async () => {
    const top = await create({ name: '套餐' });
    const middle = await create({ name: '变更', parentId: top.id });
    const leaf = await create({ name: '降档', parentId: middle.id });
    for (const parentId of [top.id, middle.id, leaf.id]) {
      const response = await h.admin.patch(`/api/work-orders/categories/${top.id}`, { parentId });
      expect(response.statusCode, `under ${parentId}`).toBe(409);
      expect(response.json().error).toMatchObject({ code: 'work_order_category.cycle', message: '不能把分类移到它自己的下级。' });
    }
    // Moving a subtree elsewhere is fine.
    const elsewhere = await create({ name: '其他' });
    expect((await h.admin.patch(`/api/work-orders/categories/${middle.id}`, { parentId: elsewhere.id })).json().pathNames).toEqual(['其他', '变更']);
    const listed = (await h.admin.get('/api/work-orders/categories')).json<Category[]>();
    expect(listed.find((category) => category.id === leaf.id)!.pathNames).toEqual(['其他', '变更', '降档']);
    expect(listed.find((category) => category.id === top.id)!.parentId).toBeNull();
  });

  it('refuses an unknown parent or default team (422) and an unknown category (404)', async () => {
    const orphan = await h.admin.post('/api/work-orders/categories', { name: '孤儿', parentId: 999999 });
    expect(orphan.statusCode).toBe(422);
    expect(orphan.json().error).toMatchObject({ code: 'work_order.category_invalid', message: '业务分类不存在或已停用。' });
    const noTeam = await h.admin.post('/api/work-orders/categories', { name: '无班组', defaultDepartmentId: 999999 });
    expect(noTeam.statusCode).toBe(422);
    expect(noTeam.json().error).toMatchObject({ code: 'work_order.department_invalid', message: '部门不存在。' });
    const existing = await create({ name: '存在的' });
    expect((await h.admin.patch(`/api/work-orders/categories/${existing.id}`, { parentId: 999999 })).json().error.code).toBe('work_order.category_invalid');
    expect((await h.admin.patch(`/api/work-orders/categories/${existing.id}`, { defaultDepartmentId: 999999 })).json().error.code).toBe('work_order.department_invalid');
    expect((await h.admin.patch('/api/work-orders/categories/999999', { name: '不存在' })).statusCode).toBe(404);
    expect((await h.admin.get('/api/work-orders/categories')).json().map((category: Category) => category.name)).not.toContain('孤儿');
  });

  it('checks the form definition: unique keys, options for select fields, schema rules — messages in Chinese by default', async () => {
    const duplicate = await h.admin.post('/api/work-orders/categories', {
      name: '重复字段',
      fields: [
        { key: 'account', label: '账号', type: 'text' },
        { key: 'account', label: '又一个账号', type: 'number' },
        { key: 'kind', label: '类型', type: 'select' },
      ],
    });
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.json().error.code).toBe('validation_failed');
    expect(duplicate.json().error.details.fields).toEqual([
      { path: 'fields.1.key', code: 'duplicate', message: '字段代码“account”已存在。' },
      { path: 'fields.2.options', code: 'too_small', message: '下拉选择类型至少需要一个选项。' },
    ]);
    const badKey = await h.admin.post('/api/work-orders/categories', { name: '坏代码', fields: [{ key: 'Bad Key', label: 'x', type: 'text' }] });
    expect(badKey.statusCode).toBe(400);
    expect(badKey.json().error.details.fields[0]).toMatchObject({ path: 'fields.0.key', message: '格式不正确。' });
    const noName = await h.admin.post('/api/work-orders/categories', { name: '  ' });
    expect(noName.json().error.details.fields[0]).toMatchObject({ path: 'name', message: '必填。' });

    const existing = await create({ name: '表单', fields: [{ key: 'a', label: 'A', type: 'text' }] });
    const patch = await h.admin.patch(`/api/work-orders/categories/${existing.id}`, { fields: [{ key: 'b', label: 'B', type: 'text' }, { key: 'b', label: 'B2', type: 'text' }] });
    expect(patch.statusCode).toBe(400);
    expect(patch.json().error.details.fields).toEqual([expect.objectContaining({ path: 'fields.1.key' })]);
    expect((await h.admin.get('/api/work-orders/categories')).json().find((category: Category) => category.id === existing.id).fields).toHaveLength(1);
  });

  it('lets only work_orders.configure change categories: an agent gets 403', async () => {
    const denied = await agent.post('/api/work-orders/categories', { name: '坐席建的' });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error).toMatchObject({ code: 'forbidden', message: '您没有执行此操作的权限。' });
    const someone = await create({ name: '坐席改不了' });
    expect((await agent.patch(`/api/work-orders/categories/${someone.id}`, { name: '改了' })).statusCode).toBe(403);
    const director = await h.signInAs('center_director');
    expect((await director.post('/api/work-orders/categories', { name: '主任建的' })).statusCode).toBe(200);
    const knowledgeEditor = await h.signInAs('knowledge_editor');
    expect((await knowledgeEditor.get('/api/work-orders/categories')).statusCode).toBe(403);
  });

  it('replays a retried create with the same Idempotency-Key instead of creating twice', async () => {
    const headers = { 'idempotency-key': 'category-create-0001' };
    const first = await h.admin.post('/api/work-orders/categories', { name: '重试' }, headers);
    const retry = await h.admin.post('/api/work-orders/categories', { name: '重试' }, headers);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().id).toBe(first.json().id);
    expect((await h.admin.get('/api/work-orders/categories')).json().filter((category: Category) => category.name === '重试')).toHaveLength(1);
  });

  it('gives intake what it needs of a category inside the caller’s transaction', async () => {
    const category = await create({
      name: '补卡',
      defaultDepartmentId: repairTeam,
      requiresConfirmation: true,
      active: false,
      fields: [{ key: 'iccid', label: 'ICCID', type: 'text', required: true }],
    });
    const service = h.kefu.services.workOrderCategories;
    const found = await h.testDb.db.kysely.transaction().execute((trx) => service.findForIntake(trx, category.id));
    expect(found).toEqual({
      id: category.id,
      name: '补卡',
      active: false,
      defaultDepartmentId: repairTeam,
      defaultPriority: 'normal',
      requiresConfirmation: true,
      fields: [{ key: 'iccid', label: 'ICCID', type: 'text', required: true, options: [] }],
    });
    expect(await service.findForIntake(h.testDb.db.kysely, 999999)).toBeNull();
    expect(() => service.validateFormData(found!.fields, {})).toThrow(expect.objectContaining({ code: 'validation_failed', status: 400 }));
    expect(service.validateFormData(found!.fields, { iccid: ' 8986 ' })).toEqual({ iccid: '8986' });
  });
});

describe('work-order settings', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  it('starts from the defaults and is readable with work_orders.read', async () => {
    const agent = await h.signInAs('agent');
    const response = await agent.get('/api/work-orders/settings');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      numberPrefix: 'GD',
      reopenWindowDays: 7,
      backlogThresholdHours: 24,
      backlogThresholdByDepartment: {},
      breachingWindowHours: 4,
      defaultAgentCapacity: 20,
    });
    expect(await h.kefu.services.workOrderCategories.settings()).toEqual(response.json());
    expect((await agent.patch('/api/work-orders/settings', { reopenWindowDays: 30 })).statusCode).toBe(403);
  });

  it('changes only the settings sent and audits before and after', async () => {
    const team = await h.createDepartment('投诉处理班');
    const before = (await h.admin.get('/api/work-orders/settings')).json();
    const response = await h.admin.patch('/api/work-orders/settings', { numberPrefix: 'KF', backlogThresholdByDepartment: { [team]: 8 } });
    expect(response.statusCode, response.body).toBe(200);
    const after = { ...before, numberPrefix: 'KF', backlogThresholdByDepartment: { [team]: 8 } };
    expect(response.json()).toEqual(after);
    expect((await h.admin.get('/api/work-orders/settings')).json()).toEqual(after);

    const entry = (await auditOf(h, 'work_order.settings_updated')).at(0)!;
    expect(entry).toMatchObject({ outcome: 'success', actorName: 'admin', targetType: 'work_order_settings', details: { before, after } });

    const again = await h.admin.patch('/api/work-orders/settings', { breachingWindowHours: 2 });
    expect(again.json()).toEqual({ ...after, breachingWindowHours: 2 });
  });

  it('refuses thresholds for unknown teams (422) and malformed values (400), changing nothing', async () => {
    const before = (await h.admin.get('/api/work-orders/settings')).json();
    const unknown = await h.admin.patch('/api/work-orders/settings', { backlogThresholdByDepartment: { '999999': 4 } });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error).toMatchObject({ code: 'work_order.department_invalid', message: '部门不存在。' });
    const prefix = await h.admin.patch('/api/work-orders/settings', { numberPrefix: 'gd1' });
    expect(prefix.statusCode).toBe(400);
    expect(prefix.json().error.details.fields).toEqual([expect.objectContaining({ path: 'numberPrefix', message: '编号前缀为 1–6 个大写字母。' })]);
    expect((await h.admin.patch('/api/work-orders/settings', { reopenWindowDays: -1 })).statusCode).toBe(400);
    expect((await h.admin.patch('/api/work-orders/settings', { backlogThresholdByDepartment: { abc: 4 } })).statusCode).toBe(400);
    expect((await h.admin.get('/api/work-orders/settings')).json()).toEqual(before);
  });
});
