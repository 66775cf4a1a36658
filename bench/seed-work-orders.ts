/**
 * Fills a Kefu database (one that has run with KEFU_DEMO=1) with N work orders over the
 * last 12 months, spread over 200 extra agents in the demo teams, for measuring the list
 * views at scale. Rows go in through the product's own tables in large batches.
 *
 *   node bench/run.mjs seed-work-orders --db sqlite:/tmp/kefu-bench/kefu.db --orders 1000000
 *
 * The full benchmark suite (issue: benchmark suite) builds on this.
 */
import { sql } from 'kysely';
import { openDatabase } from '../server/src/db/database.js';
import { seededRandom } from '../server/src/platform/search/search.fixtures.js';

const args = new Map<string, string>();
for (let index = 2; index < process.argv.length; index += 2) args.set(process.argv[index]!.replace(/^--/, ''), process.argv[index + 1]!);
const url = args.get('db') ?? 'sqlite:./data/kefu.db';
const total = Number(args.get('orders') ?? 100_000);
const random = seededRandom(Number(args.get('seed') ?? 20261127));
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const db = openDatabase(url);
const kysely = db.kysely;
const now = Date.now();
const YEAR = 365 * 86_400_000;

const departments = await kysely.selectFrom('department').select(['id', 'name']).execute();
const teamNames = ['话务一班', '话务二班', '话务三班', '城西营业厅'];
const backNames = ['装维部', '计费部', '网络运维部'];
const teams = departments.filter((department) => teamNames.includes(department.name));
const back = departments.filter((department) => backNames.includes(department.name));
if (teams.length === 0) throw new Error('run the server once with KEFU_DEMO=1 first');
const agentRole = await kysely.selectFrom('role').select('id').where('code', '=', 'agent').executeTakeFirstOrThrow();
const existing = await kysely.selectFrom('app_user').select(['id', 'department_id', 'password_hash']).where('username', '=', 'zhouting').executeTakeFirstOrThrow();

// 200 more agents so one agent's share of a million orders is realistic (~5,000).
const agents: Array<{ id: number; departmentId: number }> = [{ id: existing.id, departmentId: existing.department_id! }];
await kysely.transaction().execute(async (trx) => {
  for (let index = 0; index < 200; index += 1) {
    const team = teams[index % teams.length]!;
    const username = `bench_agent_${index}`;
    const found = await trx.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst();
    const id =
      found?.id ??
      Number(
        (
          await trx
            .insertInto('app_user')
            .values({
              username,
              display_name: `坐席${index}`,
              email: null,
              phone: null,
              password_hash: existing.password_hash,
              department_id: team.id,
              status: 'active',
              locale: 'zh-CN',
              failed_login_count: 0,
              locked_until: null,
              password_changed_at: now,
              last_login_at: null,
              created_at: now,
              updated_at: now,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id,
      );
    if (!found) await trx.insertInto('user_role').values({ user_id: id, role_id: agentRole.id }).execute();
    agents.push({ id, departmentId: team.id });
  }
});

const categories = await kysely.selectFrom('work_order_category').select(['id']).execute();
const start = Number((await kysely.selectFrom('work_order').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst())?.id ?? 0);
// About 4% of a year's orders are still open at any time: a service center clears most
// within days.
const STATUS_WEIGHTS: Array<[string, number]> = [
  ['closed', 0.88],
  ['cancelled', 0.03],
  ['visited', 0.03],
  ['resolved', 0.02],
  ['pending_confirmation', 0.008],
  ['in_progress', 0.015],
  ['accepted', 0.005],
  ['new', 0.005],
  ['suspended', 0.007],
];
function status(): string {
  let roll = random();
  for (const [name, weight] of STATUS_WEIGHTS) {
    if ((roll -= weight) < 0) return name;
  }
  return 'closed';
}
const TYPES = ['consultation', 'query', 'service_request', 'complaint', 'suggestion', 'praise', 'fault'];
const CHANNELS = ['phone', 'phone', 'phone', 'visit', 'web', 'wechat', 'sms', 'email'];
const PRIORITIES = ['low', 'normal', 'normal', 'normal', 'high', 'urgent'];
const RANK: Record<string, number> = { low: 0, normal: 1, high: 2, urgent: 3 };

const began = performance.now();
const BATCH = 500;
for (let offset = 0; offset < total; offset += 50_000) {
  await kysely.transaction().execute(async (trx) => {
    for (let batchStart = offset; batchStart < Math.min(total, offset + 50_000); batchStart += BATCH) {
      const rows = [];
      for (let index = batchStart; index < Math.min(total, batchStart + BATCH); index += 1) {
        const owner = pick(agents);
        const created = now - Math.floor(random() * YEAR);
        const state = status();
        const unclosed = state === 'closed' || state === 'cancelled' ? 0 : 1;
        const dispatched = random() < 0.35;
        const department = dispatched ? pick(back).id : owner.departmentId;
        const handler = state === 'new' ? null : dispatched ? null : owner.id;
        const updated = Math.min(now, created + Math.floor(random() * 5 * 86_400_000));
        const priority = pick(PRIORITIES);
        const number = `BM${String(start + index + 1).padStart(9, '0')}`;
        rows.push({
          number,
          type: pick(TYPES),
          category_id: pick(categories).id,
          channel: pick(CHANNELS),
          priority,
          priority_rank: RANK[priority]!,
          status: state,
          title: '宽带故障报修',
          description: '客户反映家中宽带断线，需要上门检修。',
          reason: '宽带无法使用',
          requested_handling: '上门维修',
          location: null,
          contact_name: null,
          contact_phone: null,
          customer_id: null,
          occurred_at: created,
          owner_id: owner.id,
          owner_department_id: owner.departmentId,
          handler_id: handler,
          department_id: department,
          due_at: created + (24 + Math.floor(random() * 48)) * 3_600_000,
          form_data: '{}',
          first_contact_resolution: state === 'closed' && random() < 0.3 ? 1 : 0,
          result: null,
          confirmation_method: null,
          confirmation_note: null,
          confirmed_at: null,
          confirmed_by: null,
          resolved_at: unclosed ? null : updated,
          closed_at: state === 'closed' ? updated : null,
          suspended_from: state === 'suspended' ? 'in_progress' : null,
          reopen_count: 0,
          reminder_count: 0,
          last_activity_at: updated,
          merged_into_id: null,
          unclosed,
          deleted_at: null,
          deleted_by: null,
          delete_reason: null,
          created_by: owner.id,
          created_at: created,
          updated_at: updated,
        });
      }
      await trx.insertInto('work_order').values(rows).execute();
    }
  });
  process.stdout.write(`\r${Math.min(total, offset + 50_000).toLocaleString()} / ${total.toLocaleString()} orders`);
}
await sql`ANALYZE`.execute(kysely);
console.log(`\ninserted ${total.toLocaleString()} orders in ${((performance.now() - began) / 1000).toFixed(1)} s`);
await db.close();
