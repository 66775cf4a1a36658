/**
 * Benchmark data generator (issue 5): an empty Kefu database filled with a telecom service
 * centre's year, deterministic for a seed.
 *
 *   npm run bench:data -- --orders 1000000 [--db sqlite:<file> | postgres://…] [--seed N]
 *                         [--customers N] [--password P] [--admin-password P] [--now <epoch ms>] [--reset]
 *
 * Defaults: --db sqlite:./data/bench/kefu.db, --orders 50000, --customers orders/4,
 * --seed 20261127, --password kefu2026bench, --admin-password kefu2026admin, --now the start of the current
 * hour (pin it for identical data on another day: every timestamp is relative to it).
 * The database must be empty (fresh file / schema); --reset empties it first (SQLite: deletes
 * the file; PostgreSQL: drops and re-creates the connection's current schema).
 *
 * What it writes, through the product's migrations, services and repositories (bulk paths):
 * - First-run setup (organisation 客服中心, user `admin` / --admin-password), then the KEFU_DEMO
 *   organisation (客服部 with its teams, 装维部/计费部/网络运维部, QA, a user of every role,
 *   the business-category tree) grown to 8 call-centre teams (5 hotline shifts, 2 stores, the
 *   online team) with a leader each (bench_leader_0…7), 200 agents bench_agent_0…199 (spread
 *   round-robin over the teams) and 40 back-office workers bench_worker_0…39; all online.
 *   Every generated and demo user has --password (hashed once).
 * - orders/4 customers: Chinese names (families, companies), unique normalised mobile numbers
 *   (13x/15x/18x/19x; 12% have a second number), tiers 普通 80% / 银 10% / 金 6% / 钻石 3% /
 *   至尊 1%, types personal 92% / family 5% / group 3%, personality 35%, completeness as the
 *   product computes it, names and notes indexed for search as the customers service does.
 * - Work orders over the 12 months before --now: weekdays busier than weekends, peaks at
 *   9–11 h and 14–16 h Asia/Shanghai; numbers GD<yyyymmdd>-<seq> per local day with
 *   work_order_sequence in step; subjects 宽带故障, 话费, 5G/信号, 补换卡, 上门装维, 投诉,
 *   表扬/建议 filed under the demo categories; channels phone 62% / WeChat 12% / web 8% /
 *   store visit 8% / …; 90% linked to a customer (contact = the customer's name and primary
 *   phone); owner = an agent of a team serving the channel. Recent orders are more often
 *   open: about 4% open (new/accepted/in_progress/pending_confirmation/suspended), about 1%
 *   resolved/visited awaiting close, the rest closed (~96.5%) or cancelled. ~35% dispatched
 *   to a back office in 1–3 steps whose statuses, handler and handling team match the
 *   order's status as the service's dispatch/stepAction leave them. ~3 messages each (the
 *   corpus's service language), 2–3 events each (created, dispatch, the transition into the
 *   current status), due 24–72 h after creation by priority; search index rows exactly as
 *   reindex() writes them.
 *
 * Output: progress on stderr; on stdout a few human lines, then as the LAST line one JSON
 * object (`{"bench":"data", …}`, see GenerateSummary in data/generator.ts): counts, statuses,
 * users and passwords, sample customer phones, seconds per phase.
 *
 * For the runner (bench/bench.ts):
 * - `generateBenchData(options)` from './data/generator.js' does the same in-process.
 * - Recall: `bruteForceSearch(url, queries)` from './data/recall.js' scans the work orders'
 *   texts in the database (product tables, not the index; normalised as the product does)
 *   and returns, per query, the ids of the live orders holding every word in one field —
 *   exactly what `GET /api/work-orders?view=all&q=…` must find for an administrator. It reads
 *   the database at call time, so orders the benchmark itself created are included.
 */
import { generateBenchData } from './data/generator.js';

const args = new Map<string, string>();
const flags = new Set<string>();
for (let index = 2; index < process.argv.length; index += 1) {
  const name = process.argv[index]!.replace(/^--/, '');
  const value = process.argv[index + 1];
  if (value === undefined || value.startsWith('--')) flags.add(name);
  else {
    args.set(name, value);
    index += 1;
  }
}
const number = (name: string, fallback: number) => {
  const value = Number(args.get(name) ?? fallback);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`--${name} must be a non-negative integer`);
  return value;
};

const url = args.get('db') ?? 'sqlite:./data/bench/kefu.db';
const summary = await generateBenchData({
  url,
  orders: number('orders', 50_000),
  customers: args.has('customers') ? number('customers', 0) : undefined,
  seed: number('seed', 20_261_127),
  password: args.get('password') ?? 'kefu2026bench',
  adminPassword: args.get('admin-password') ?? 'kefu2026admin',
  now: args.has('now') ? number('now', 0) : undefined,
  reset: flags.has('reset'),
  log: (line) => process.stderr.write(`${line}\n`),
});
console.log(
  `generated ${summary.orders.toLocaleString()} orders (${summary.openOrders.toLocaleString()} open, ${summary.dispatchedOrders.toLocaleString()} dispatched), ` +
    `${summary.customers.toLocaleString()} customers, ${summary.messages.toLocaleString()} messages, ${summary.steps.toLocaleString()} steps, ` +
    `${summary.events.toLocaleString()} events in ${summary.seconds.total} s`,
);
console.log(`sign in: admin / ${summary.users.admin.password}; ${summary.users.agents.first} … (and every bench_/demo user) / ${summary.users.password}`);
console.log(JSON.stringify(summary));
