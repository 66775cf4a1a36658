import type { DepartmentKind } from '@kefu/contracts';
import type { Db } from '../db/database.js';
import type { Executor } from '../db/executor.js';
import { hashPassword } from '../platform/passwords.js';
import { departmentsRepository } from '../modules/departments/departments.repository.js';
import { rolesRepository } from '../modules/roles/roles.repository.js';
import { usersRepository } from '../modules/users/users.repository.js';
import { seedDemoKnowledge } from './seed-knowledge.js';

interface DemoUnit {
  key: string;
  name: string;
  kind: DepartmentKind;
  children?: DemoUnit[];
}

/** A telecom service center as the seeds describe it: hotline shifts, a store, QA, back offices. */
const DEMO_ORGANIZATION: DemoUnit = {
  key: 'center',
  name: '客服中心',
  kind: 'center',
  children: [
    {
      key: 'service',
      name: '客服部',
      kind: 'department',
      children: [
        { key: 'shift1', name: '话务一班', kind: 'team' },
        { key: 'shift2', name: '话务二班', kind: 'team' },
        { key: 'shift3', name: '话务三班', kind: 'team' },
        { key: 'store', name: '城西营业厅', kind: 'team' },
      ],
    },
    { key: 'qa', name: '质检组', kind: 'team' },
    { key: 'knowledge', name: '信息采编组', kind: 'team' },
    { key: 'vip', name: '大客户部', kind: 'department' },
    { key: 'repair', name: '装维部', kind: 'department' },
    { key: 'billing', name: '计费部', kind: 'department' },
    { key: 'network', name: '网络运维部', kind: 'department' },
  ],
};

const DEMO_USERS: ReadonlyArray<{ username: string; name: string; unit: string; role: string; phone: string }> = [
  { username: 'zhaoli', name: '赵丽', unit: 'center', role: 'center_director', phone: '13800000001' },
  { username: 'qianjun', name: '钱军', unit: 'service', role: 'department_head', phone: '13800000002' },
  { username: 'sunmei', name: '孙梅', unit: 'shift1', role: 'team_leader', phone: '13800000003' },
  { username: 'liqiang', name: '李强', unit: 'shift2', role: 'team_leader', phone: '13800000004' },
  { username: 'zhouting', name: '周婷', unit: 'shift1', role: 'agent', phone: '13800000005' },
  { username: 'wuhao', name: '吴昊', unit: 'shift1', role: 'agent', phone: '13800000006' },
  { username: 'zhengshuang', name: '郑爽', unit: 'shift2', role: 'agent', phone: '13800000007' },
  { username: 'wangfang', name: '王芳', unit: 'shift2', role: 'agent', phone: '13800000008' },
  { username: 'fengxue', name: '冯雪', unit: 'shift3', role: 'agent', phone: '13800000009' },
  { username: 'chenlin', name: '陈琳', unit: 'store', role: 'agent', phone: '13800000010' },
  { username: 'chujing', name: '褚静', unit: 'qa', role: 'qa_inspector', phone: '13800000011' },
  { username: 'weixin', name: '卫欣', unit: 'knowledge', role: 'knowledge_editor', phone: '13800000012' },
  { username: 'jiangtao', name: '蒋涛', unit: 'vip', role: 'account_manager', phone: '13800000013' },
  { username: 'shenbin', name: '沈斌', unit: 'repair', role: 'back_office', phone: '13800000014' },
  { username: 'hanlei', name: '韩磊', unit: 'billing', role: 'back_office', phone: '13800000015' },
  { username: 'yangpeng', name: '杨鹏', unit: 'network', role: 'back_office', phone: '13800000016' },
];

/**
 * KEFU_DEMO=1: fills an organisation that has no departments yet with realistic Chinese
 * units and one or more users of every role. Returns false when there was something already.
 * The organisation itself and its administrator still come from first-run setup.
 */
export async function seedDemoData(db: Db, options: { password: string }): Promise<boolean> {
  const passwordHash = await hashPassword(options.password);
  return db.kysely.transaction().execute(async (trx) => {
    const existing = await departmentsRepository.listWithMemberCounts(trx, null);
    if (existing.length > 0) return false;
    const now = Date.now();
    const unitIds = new Map<string, number>();
    const userIds = new Map<string, number>();
    await insertUnit(trx, DEMO_ORGANIZATION, null, '/', unitIds, now);
    for (const user of DEMO_USERS) {
      if (await usersRepository.findByUsername(trx, user.username)) continue;
      const role = await rolesRepository.findByCode(trx, user.role);
      if (!role) throw new Error(`demo role ${user.role} missing`);
      const userId = await usersRepository.insert(
        trx,
        {
          username: user.username,
          displayName: user.name,
          email: `${user.username}@kefu.example.cn`,
          phone: user.phone,
          passwordHash,
          departmentId: unitIds.get(user.unit) ?? null,
          locale: 'zh-CN',
        },
        now,
      );
      await usersRepository.setRoles(trx, userId, [role.id]);
      userIds.set(user.username, userId);
      // Front-line staff start the demo signed on, so automatic assignment has someone to pick.
      if (['agent', 'team_leader', 'back_office'].includes(user.role)) {
        await trx.insertInto('agent_availability').values({ user_id: userId, status: 'online', capacity: null, updated_at: now }).execute();
      }
    }
    for (const category of DEMO_CATEGORIES) await insertCategory(trx, category, null, unitIds, now);
    await insertPolicies(trx, now);
    if (userIds.has('weixin') && userIds.has('chujing') && userIds.has('sunmei')) {
      await seedDemoKnowledge(trx, db.dialect, {
        editorId: userIds.get('weixin')!,
        editorName: '卫欣',
        reviewerId: userIds.get('chujing')!,
        reviewerName: '褚静',
        publisherId: userIds.get('sunmei')!,
        publisherName: '孙梅',
        now,
      });
    }
    return true;
  });
}

interface DemoCategory {
  name: string;
  team?: string;
  priority?: 'low' | 'normal' | 'high' | 'urgent';
  confirm?: boolean;
  fields?: Array<{ key: string; label: string; type: 'text' | 'number' | 'date' | 'select'; required: boolean; options: string[] }>;
  children?: DemoCategory[];
}

/** A telecom service center's business tree (业务分类) with the teams that handle each branch. */
const DEMO_CATEGORIES: readonly DemoCategory[] = [
  {
    name: '宽带业务',
    team: 'repair',
    children: [
      {
        name: '宽带故障',
        team: 'repair',
        priority: 'high',
        confirm: true,
        fields: [
          { key: 'broadband_account', label: '宽带账号', type: 'text', required: true, options: [] },
          { key: 'area', label: '区域', type: 'select', required: false, options: ['城区', '农村'] },
        ],
      },
      { name: '宽带装机', team: 'repair', confirm: true },
      { name: '宽带咨询', team: 'shift1' },
    ],
  },
  { name: '话费账单', team: 'billing', children: [{ name: '话费查询', team: 'shift1' }, { name: '费用争议', team: 'billing', priority: 'high' }] },
  { name: '卡号业务', team: 'store', children: [{ name: 'USIM卡补换卡', team: 'store' }, { name: '过户销户', team: 'store' }] },
  { name: '网络信号', team: 'network', children: [{ name: '信号覆盖', team: 'network', confirm: true }] },
  { name: '投诉建议', team: 'service', priority: 'high' },
];

async function insertCategory(ex: Executor, category: DemoCategory, parentId: number | null, unitIds: Map<string, number>, now: number) {
  const row = await ex
    .insertInto('work_order_category')
    .values({
      parent_id: parentId,
      name: category.name,
      default_department_id: category.team ? (unitIds.get(category.team) ?? null) : null,
      default_priority: category.priority ?? 'normal',
      requires_confirmation: category.confirm ? 1 : 0,
      fields: JSON.stringify(category.fields ?? []),
      sort_order: 0,
      active: 1,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const child of category.children ?? []) await insertCategory(ex, child, Number(row.id), unitIds, now);
}

const HOURS = 60;
const DAYS = 24 * HOURS;

/**
 * Service commitments as a telecom center states them (SLA-2), first match wins: the 4-hour
 * broadband repair promise (7×24), installation average ≤ 7 days and at most 20, complaints
 * answered in 2 business hours and resolved within 48 h, and the general promise for the rest.
 */
const DEMO_POLICIES: ReadonlyArray<{ name: string; category?: string; types?: string[]; calendar: '标准营业时间' | '7×24 小时'; targets: Record<string, { maxMinutes: number; averageMinutes: number | null; basis: 'business' | 'calendar' } | null>; notifyOutsideHours: boolean }> = [
  {
    name: '宽带故障 4 小时修复承诺',
    category: '宽带故障',
    calendar: '7×24 小时',
    targets: { firstResponse: { maxMinutes: 30, averageMinutes: null, basis: 'calendar' }, resolution: { maxMinutes: 4 * HOURS, averageMinutes: 3 * HOURS, basis: 'calendar' }, callback: { maxMinutes: 24 * HOURS, averageMinutes: null, basis: 'business' } },
    notifyOutsideHours: true,
  },
  {
    name: '宽带装机（平均 7 天，最长 20 天）',
    category: '宽带装机',
    calendar: '标准营业时间',
    targets: { firstResponse: { maxMinutes: 24 * HOURS, averageMinutes: null, basis: 'calendar' }, resolution: { maxMinutes: 20 * DAYS, averageMinutes: 7 * DAYS, basis: 'calendar' }, callback: null },
    notifyOutsideHours: false,
  },
  {
    name: '投诉处理时限',
    types: ['complaint'],
    calendar: '标准营业时间',
    targets: { firstResponse: { maxMinutes: 2 * HOURS, averageMinutes: null, basis: 'business' }, resolution: { maxMinutes: 48 * HOURS, averageMinutes: 24 * HOURS, basis: 'calendar' }, callback: { maxMinutes: 24 * HOURS, averageMinutes: null, basis: 'business' } },
    notifyOutsideHours: false,
  },
  {
    name: '一般服务承诺（24 小时答复，7 天办结）',
    calendar: '标准营业时间',
    targets: { firstResponse: { maxMinutes: 24 * HOURS, averageMinutes: null, basis: 'calendar' }, resolution: { maxMinutes: 7 * DAYS, averageMinutes: 1 * DAYS, basis: 'calendar' }, callback: null },
    notifyOutsideHours: false,
  },
];

async function insertPolicies(ex: Executor, now: number) {
  for (const [index, policy] of DEMO_POLICIES.entries()) {
    const calendar = await ex.selectFrom('sla_calendar').select('id').where('name', '=', policy.calendar).executeTakeFirst();
    const category = policy.category ? await ex.selectFrom('work_order_category').select('id').where('name', '=', policy.category).executeTakeFirst() : undefined;
    await ex
      .insertInto('sla_policy')
      .values({
        name: policy.name,
        position: index + 1,
        active: 1,
        conditions: JSON.stringify({ types: policy.types ?? [], categoryIds: category ? [category.id] : [], channels: [], tiers: [], priorities: [] }),
        calendar_id: calendar?.id ?? null,
        targets: JSON.stringify(policy.targets),
        warn_at_percent: 75,
        notify_outside_hours: policy.notifyOutsideHours ? 1 : 0,
        escalation_minutes: JSON.stringify({ team_leader: 2 * HOURS, department_head: 4 * HOURS, center_director: 8 * HOURS }),
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
}

async function insertUnit(ex: Executor, unit: DemoUnit, parentId: number | null, parentPath: string, ids: Map<string, number>, now: number) {
  const { id, path } = await departmentsRepository.insert(
    ex,
    { parent_id: parentId, name: unit.name, kind: unit.kind, sort_order: ids.size, parentPath },
    now,
  );
  ids.set(unit.key, id);
  for (const child of unit.children ?? []) await insertUnit(ex, child, id, path, ids, now);
}
