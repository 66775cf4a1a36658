import { existsSync, rmSync } from 'node:fs';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import {
  type CUSTOMER_TYPES,
  PERSONALITY_TYPES,
  type Channel,
  type CompletenessField,
  type CustomerTier,
  type Priority,
  type WorkOrderStatus,
} from '@kefu/contracts';
import { dialectOf, openDatabase, type Db, type DbDialect } from '../../server/src/db/database.js';
import { migrateToLatest } from '../../server/src/db/migrate.js';
import type { Database } from '../../server/src/db/schema.js';
import { completenessOf } from '../../server/src/modules/customers/privacy.js';
import {
  composeOrderTexts,
  corpusAddress,
  escapeHtml,
  searchDocumentOf,
  type CorpusMessage,
  type CorpusTopic,
} from '../../server/src/modules/work-orders/work-orders.corpus.js';
import { searchRepository, type SearchDocument } from '../../server/src/platform/search/search.repository.js';
import { seededRandom } from '../../server/src/platform/search/search.fixtures.js';
import { bulkWriter, type BulkWriter, type Row, type TableShape } from './bulk.js';
import { ADMIN_USERNAME, AGENT_PREFIX, LEADER_PREFIX, WORKER_PREFIX, createOrganisation, type Member, type Organisation } from './organisation.js';
import { companyName, mobileNumber, personName } from './people.js';
import { DAY, HOUR, arrivalTimes, localDay } from './rhythm.js';
import { writeSlaClocks } from './sla.js';

export interface GenerateOptions {
  /** `sqlite:<file>` or `postgres://…` */
  url: string;
  orders: number;
  /** Default: a quarter of the orders. */
  customers?: number;
  agents?: number;
  seed: number;
  /** Shared by every generated user (agents, leaders, back office, the demo users). */
  password: string;
  adminPassword: string;
  /** The end of the generated year (epoch ms); default: the current time. */
  now?: number;
  /** Empty the database first (SQLite: delete the file; PostgreSQL: drop and re-create the connection's current schema). */
  reset?: boolean;
  /** Progress lines. */
  log?: (line: string) => void;
}

export interface GenerateSummary {
  bench: 'data';
  db: DbDialect;
  url: string;
  seed: number;
  now: number;
  orders: number;
  customers: number;
  customerPhones: number;
  messages: number;
  steps: number;
  events: number;
  searchDocuments: number;
  openOrders: number;
  unclosedOrders: number;
  dispatchedOrders: number;
  statuses: Record<string, number>;
  users: {
    admin: { username: string; password: string };
    password: string;
    agents: { prefix: string; count: number; first: string };
    leaders: { prefix: string; count: number };
    backOffice: { prefix: string; count: number };
    demo: string[];
  };
  /** Normalised 11-digit numbers that belong to a customer, for lookups by phone. */
  samplePhones: string[];
  seconds: { organisation: number; customers: number; orders: number; slaClocks: number; finish: number; total: number };
}

const CHUNK = 10_000;
const OPEN: readonly WorkOrderStatus[] = ['new', 'accepted', 'in_progress', 'pending_confirmation', 'suspended'];

/**
 * Fills an empty Kefu database with a service centre's year: the organisation, customers and
 * work orders with their dispatch steps, conversation, events and search index. See
 * bench/generate.ts for the command and what the data looks like.
 */
export async function generateBenchData(options: GenerateOptions): Promise<GenerateSummary> {
  const log = options.log ?? (() => undefined);
  const began = performance.now();
  const seconds = (since: number) => Math.round((performance.now() - since) / 100) / 10;
  // The start of the current hour: runs within the same hour give identical data (pin it with --now).
  const now = options.now ?? Math.floor(Date.now() / HOUR) * HOUR;
  const dialect = dialectOf(options.url);
  const customerCount = options.customers ?? Math.max(1, Math.round(options.orders / 4));
  const random = seededRandom(options.seed);

  if (options.reset) await emptyDatabase(options.url);
  const db = openDatabase(options.url, { poolSize: 2 });
  await migrateToLatest(db);
  const organisation = await createOrganisation(db, { adminPassword: options.adminPassword, password: options.password, agents: options.agents ?? 200, random, now });
  const required = JSON.parse((await db.kysely.selectFrom('customer_settings').select('required_fields').executeTakeFirstOrThrow()).required_fields) as CompletenessField[];
  const organisationSeconds = seconds(began);
  log(`organisation: ${organisation.agents.length} agents in ${organisation.agentsByTeam.size} teams, ${organisation.leaders.length} team leaders, ${organisation.workers.length} back-office workers (${organisationSeconds} s)`);

  const target = dialect === 'sqlite' ? openBulkSqlite(options.url) : { db, writer: bulkWriter('postgres'), sqlite: undefined };
  if (dialect === 'sqlite') await db.close();
  const { writer } = target;
  const restoreIndexes = dialect === 'postgres' ? await deferSecondaryIndexes(target.db, BULK_TABLES, log) : async () => undefined;

  try {
    const customersBegan = performance.now();
    const customers = await writeCustomers(target.db, writer, { count: customerCount, seed: options.seed, random, now, required, organisation, log });
    const customersSeconds = seconds(customersBegan);
    log(`customers: ${customerCount.toLocaleString()} with ${customers.phoneCount.toLocaleString()} phones (${customersSeconds} s)`);

    const ordersBegan = performance.now();
    const counts = await writeOrders(target.db, writer, { count: options.orders, random, now, organisation, customers, seed: options.seed, log, began: ordersBegan });
    const ordersSeconds = seconds(ordersBegan);

    const slaBegan = performance.now();
    const sla = await writeSlaClocks(target.db, writer, { now, log });
    const slaSeconds = seconds(slaBegan);
    log(`SLA clocks: ${sla.clocks.toLocaleString('en')} (${slaSeconds} s)`);

    const finishBegan = performance.now();
    await restoreIndexes();
    await finish(target.db, target.sqlite, counts.sequences, log);
    const finishSeconds = seconds(finishBegan);
    const samplePhones = Array.from({ length: 20 }, (_, index) => customers.phones[Math.floor((index * customers.phones.length) / 20)]!);
    return {
      bench: 'data',
      db: dialect,
      url: options.url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@'),
      seed: options.seed,
      now,
      orders: options.orders,
      customers: customerCount,
      customerPhones: customers.phoneCount,
      messages: counts.messages,
      steps: counts.steps,
      events: counts.events,
      searchDocuments: options.orders + customerCount,
      openOrders: OPEN.reduce((sum, status) => sum + (counts.statuses[status] ?? 0), 0),
      unclosedOrders: counts.unclosed,
      dispatchedOrders: counts.dispatched,
      statuses: counts.statuses,
      users: {
        admin: { username: ADMIN_USERNAME, password: options.adminPassword },
        password: options.password,
        agents: { prefix: AGENT_PREFIX, count: organisation.agents.length, first: organisation.agents[0]!.username },
        leaders: { prefix: LEADER_PREFIX, count: organisation.leaders.length },
        backOffice: { prefix: WORKER_PREFIX, count: organisation.workers.length },
        demo: organisation.demoUsernames,
      },
      samplePhones,
      seconds: { organisation: organisationSeconds, customers: customersSeconds, orders: ordersSeconds, slaClocks: slaSeconds, finish: finishSeconds, total: seconds(began) },
    };
  } finally {
    await target.db.close();
  }
}

const BULK_TABLES = ['customer', 'customer_phone', 'customer_tag', 'work_order', 'work_order_step', 'work_order_message', 'work_order_event', 'search_entry'];

/**
 * PostgreSQL: drops the secondary indexes of the bulk-loaded tables (not primary keys or
 * unique constraints, which the load relies on) and returns how to build them again from
 * their own definitions — one sort per index instead of a million random inserts, which
 * matters most for the search GIN index. SQLite keeps its indexes: with a large page cache
 * row-by-row maintenance is cheap there.
 */
async function deferSecondaryIndexes(db: Db, tables: readonly string[], log: (line: string) => void): Promise<() => Promise<void>> {
  const { rows } = await sql<{ name: string; definition: string }>`
    select i.indexname as name, i.indexdef as definition from pg_indexes i
    where i.schemaname = current_schema() and i.tablename in (${sql.join(tables)})
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname and c.connamespace = (select oid from pg_namespace where nspname = current_schema()))`.execute(db.kysely);
  for (const row of rows) await sql.raw(`drop index "${row.name}"`).execute(db.kysely);
  return async () => {
    const began = performance.now();
    await db.kysely.transaction().execute(async (trx) => {
      await sql`set local maintenance_work_mem = '1GB'`.execute(trx);
      for (const row of rows) await sql.raw(row.definition).execute(trx);
    });
    log(`rebuilt ${rows.length} indexes in ${Math.round((performance.now() - began) / 100) / 10} s`);
  };
}

async function emptyDatabase(url: string): Promise<void> {
  if (dialectOf(url) === 'sqlite') {
    const file = url.slice('sqlite:'.length);
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(file + suffix)) rmSync(file + suffix);
    return;
  }
  const db = openDatabase(url, { poolSize: 1 });
  try {
    // Tables, the audit triggers' functions and everything else of the schema go with it.
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db.kysely);
    const schema = sql.id(rows[0]!.schema);
    await sql`drop schema ${schema} cascade`.execute(db.kysely);
    await sql`create schema ${schema}`.execute(db.kysely);
  } finally {
    await db.close();
  }
}

/**
 * The bulk connection on SQLite: the product's pragmas except durability and the rollback
 * journal, which a generator that starts from an empty file does not need (a failed run is
 * simply run again); `finish` puts the file back into WAL mode. Foreign keys are checked
 * once at the end (`foreign_key_check`) instead of row by row.
 */
function openBulkSqlite(url: string): { db: Db; writer: BulkWriter; sqlite: SqliteDatabase.Database } {
  const sqlite = new SqliteDatabase(url.slice('sqlite:'.length));
  sqlite.pragma('journal_mode = OFF');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('foreign_keys = OFF');
  sqlite.pragma('cache_size = -1000000');
  sqlite.pragma('temp_store = MEMORY');
  sqlite.pragma('locking_mode = EXCLUSIVE');
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const db: Db = { kysely, dialect: 'sqlite', ping: async () => undefined, close: () => kysely.destroy() };
  return { db, writer: bulkWriter('sqlite', sqlite), sqlite };
}

// ---------------------------------------------------------------------------------------------
// Customers

const TIERS: ReadonlyArray<[CustomerTier, number]> = [
  ['regular', 0.8],
  ['silver', 0.1],
  ['gold', 0.06],
  ['diamond', 0.03],
  ['supreme', 0.01],
];
const CUSTOMER_TYPE_MIX: ReadonlyArray<[(typeof CUSTOMER_TYPES)[number], number]> = [
  ['personal', 0.92],
  ['family', 0.05],
  ['group', 0.03],
];
const SEGMENTS = ['大众客户', '家庭客户', '校园客户', '商企客户'];
const SOURCES = ['营业厅', '热线', '网上营业厅', '地推活动', '渠道代理'];
const TAGS: ReadonlyArray<[string, number]> = [
  ['宽带用户', 0.4],
  ['5G用户', 0.3],
  ['老年客户', 0.05],
  ['敏感客户', 0.02],
];
const CUSTOMER_NOTES = ['客户习惯下午来电', '曾投诉装维上门迟到，注意沟通', '家中有老人，请耐心解释', '客户要求短信通知处理进度', '集团客户联系人，优先处理'];

interface CustomerDirectory {
  names: string[];
  /** Primary phone per customer (index = id - 1). */
  phones: string[];
  addresses: Array<string | null>;
  phoneCount: number;
}

const CUSTOMER_SHAPE: TableShape<'customer'> = {
  table: 'customer',
  columns: [
    ['id', 'int'], ['name', 'text'], ['type', 'text'], ['tier', 'text'], ['segment', 'text'], ['source', 'text'], ['email', 'text'],
    ['address', 'text'], ['id_number', 'text'], ['id_suffix', 'text'], ['birthday', 'text'], ['personality', 'text'],
    ['account_manager_id', 'int'], ['organization_id', 'int'], ['family_id', 'int'], ['notes', 'text'], ['completeness', 'int'],
    ['missing_fields', 'text'], ['status', 'text'], ['merged_into_id', 'int'], ['created_by', 'int'], ['import_id', 'int'],
    ['custom_fields', 'text'], ['created_at', 'bigint'], ['updated_at', 'bigint'],
  ],
};
const PHONE_SHAPE: TableShape<'customer_phone'> = {
  table: 'customer_phone',
  columns: [['id', 'int'], ['customer_id', 'int'], ['number', 'text'], ['label', 'text'], ['is_primary', 'int']],
};
const TAG_SHAPE: TableShape<'customer_tag'> = { table: 'customer_tag', columns: [['customer_id', 'int'], ['tag', 'text']] };

export function weighted<T>(random: () => number, table: ReadonlyArray<readonly [T, number]>): T {
  let roll = random();
  for (const [value, weight] of table) if ((roll -= weight) < 0) return value;
  return table[table.length - 1]![0];
}

async function writeCustomers(
  db: Db,
  writer: BulkWriter,
  context: { count: number; seed: number; random: () => number; now: number; required: CompletenessField[]; organisation: Organisation; log: (line: string) => void },
): Promise<CustomerDirectory> {
  const { count, seed, random, now, required, organisation } = context;
  const directory: CustomerDirectory = { names: [], phones: [], addresses: [], phoneCount: 0 };
  // Second numbers come after every primary one in the sequence of unique numbers.
  let nextPhoneIndex = count;
  let phoneId = 0;
  const creatorIds = organisation.agents.map((agent) => agent.id);
  for (let start = 0; start < count; start += CHUNK) {
    const customers: Row[] = [];
    const phones: Row[] = [];
    const tags: Row[] = [];
    const documents: SearchDocument[] = [];
    for (let index = start; index < Math.min(count, start + CHUNK); index += 1) {
      const id = index + 1;
      const type = weighted(random, CUSTOMER_TYPE_MIX);
      const person = personName(random);
      const name = type === 'group' ? companyName(random) : type === 'family' ? `${person}家庭` : person;
      const tier = weighted(random, TIERS);
      const address = random() < 0.65 ? corpusAddress(random) : null;
      const birthday = type === 'personal' && random() < 0.45 ? birthdayOf(random) : null;
      const personality = random() < 0.35 ? PERSONALITY_TYPES[Math.floor(random() * PERSONALITY_TYPES.length)]! : null;
      const segment = random() < 0.7 ? SEGMENTS[type === 'group' ? 3 : type === 'family' ? 1 : Math.floor(random() * 3)]! : null;
      const source = random() < 0.8 ? SOURCES[Math.floor(random() * SOURCES.length)]! : null;
      const email = random() < 0.15 ? `u${mobileNumber(index, seed).slice(3)}@example.cn` : null;
      const accountManager = tier === 'diamond' || tier === 'supreme' || type === 'group' ? organisation.accountManagerId : null;
      const notes = random() < 0.08 ? CUSTOMER_NOTES[Math.floor(random() * CUSTOMER_NOTES.length)]! : null;
      const primary = mobileNumber(index, seed);
      const completeness = completenessOf(
        { primaryPhone: primary, email, address, idNumber: null, birthday, personality, segment, source, accountManager },
        required,
      );
      const createdAt = now - 365 * DAY - Math.floor(random() * 5 * 365 * DAY);
      customers.push([
        id, name, type, tier, segment, source, email, address, null, null, birthday, personality, accountManager, null, null, notes,
        completeness.percent, JSON.stringify(completeness.missing), 'active', null, creatorIds[index % creatorIds.length]!, null, '{}', createdAt, createdAt,
      ]);
      phones.push([(phoneId += 1), id, primary, '手机', 1]);
      if (random() < 0.12) phones.push([(phoneId += 1), id, mobileNumber(nextPhoneIndex++, seed), random() < 0.5 ? '家人' : '备用', 0]);
      for (const [tag, share] of TAGS) if (random() < share) tags.push([id, tag]);
      if (type === 'group') tags.push([id, '集团客户']);
      directory.names.push(name);
      directory.phones.push(primary);
      directory.addresses.push(address);
      documents.push({ entityType: 'customer', entityId: id, fields: { name, notes } });
    }
    await db.kysely.transaction().execute(async (trx) => {
      await writer.insert(trx, CUSTOMER_SHAPE, customers);
      await writer.insert(trx, PHONE_SHAPE, phones);
      await writer.insert(trx, TAG_SHAPE, tags);
      // As the customers service indexes a profile (name and notes, entity `customer`).
      await searchRepository.upsertMany(trx, db.dialect, documents, { batchSize: 2000 });
    });
    directory.phoneCount += phones.length;
    context.log(`customers ${Math.min(count, start + CHUNK).toLocaleString()} / ${count.toLocaleString()}`);
  }
  directory.phoneCount = phoneId;
  return directory;
}

function birthdayOf(random: () => number): string {
  const year = 1945 + Math.floor(random() * 60);
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Work orders

/** Share of each subject among a telecom service centre's orders. */
export const TOPIC_MIX: ReadonlyArray<[CorpusTopic, number]> = [
  ['broadband', 0.26],
  ['billing', 0.22],
  ['mobile', 0.17],
  ['card', 0.12],
  ['visit', 0.1],
  ['complaint', 0.09],
  ['praise', 0.02],
  ['suggestion', 0.02],
];
/** The demo's business categories each subject files under. */
export const TOPIC_CATEGORIES: Record<CorpusTopic, ReadonlyArray<[string, number]>> = {
  broadband: [['宽带故障', 1]],
  billing: [['话费查询', 0.7], ['费用争议', 0.3]],
  card: [['USIM卡补换卡', 0.85], ['过户销户', 0.15]],
  visit: [['宽带装机', 0.5], ['宽带故障', 0.5]],
  complaint: [['投诉建议', 1]],
  mobile: [['信号覆盖', 0.6], ['其他业务', 0.4]],
  praise: [['投诉建议', 1]],
  suggestion: [['投诉建议', 1]],
};
type BackOffice = keyof Organisation['backOffice'];
/** How often a subject goes to a back office (派单), and to which: ~35% of all orders. */
const DISPATCH: Record<CorpusTopic, { share: number; to: readonly BackOffice[] }> = {
  broadband: { share: 0.6, to: ['repair'] },
  visit: { share: 0.7, to: ['repair'] },
  billing: { share: 0.25, to: ['billing'] },
  card: { share: 0.03, to: ['billing'] },
  complaint: { share: 0.3, to: ['repair', 'billing', 'network'] },
  mobile: { share: 0.2, to: ['network'] },
  praise: { share: 0, to: [] },
  suggestion: { share: 0, to: [] },
};
const CHANNEL_MIX: ReadonlyArray<[Channel, number]> = [
  ['phone', 0.62],
  ['wechat', 0.12],
  ['web', 0.08],
  ['visit', 0.08],
  ['sms', 0.04],
  ['email', 0.03],
  ['api', 0.03],
];
const PRIORITY_MIX: Record<'complaint' | 'fault' | 'other', ReadonlyArray<[Priority, number]>> = {
  complaint: [['urgent', 0.12], ['high', 0.4], ['normal', 0.45], ['low', 0.03]],
  fault: [['urgent', 0.06], ['high', 0.3], ['normal', 0.6], ['low', 0.04]],
  other: [['urgent', 0.02], ['high', 0.12], ['normal', 0.76], ['low', 0.1]],
};
const PRIORITY_RANK: Record<Priority, number> = { low: 0, normal: 1, high: 2, urgent: 3 };
const DUE_HOURS: Record<Priority, [number, number]> = { urgent: [24, 24], high: [24, 48], normal: [48, 72], low: [72, 72] };
const OPEN_MIX: ReadonlyArray<[WorkOrderStatus, number]> = [
  ['new', 0.12],
  ['accepted', 0.1],
  ['in_progress', 0.45],
  ['pending_confirmation', 0.18],
  ['suspended', 0.15],
];
const INSTRUCTIONS: Record<BackOffice, readonly string[]> = {
  repair: ['请上门检修宽带线路', '请核实光猫状态并上门处理', '请预约客户上门安装', '请排查入户光纤'],
  billing: ['请核实账单并处理退费', '请核查增值业务扣费记录', '请核实充值到账情况'],
  network: ['请排查基站信号覆盖', '请核查区域网络告警', '请安排路测优化'],
};
const STEP_RESULTS: Record<BackOffice, readonly string[]> = {
  repair: ['已上门更换光猫，宽带恢复正常', '已修复入户光纤，测速正常', '已完成安装调试，客户可正常上网'],
  billing: ['已核实并退费，三个工作日到账', '账单无误，已向客户解释', '已退订增值业务并退还费用'],
  network: ['已优化基站参数，信号恢复', '区域告警已消除', '已纳入基站建设计划，先行调整天线'],
};
const RESULTS = ['已处理完毕，客户认可', '问题已解决，客户满意', '已为客户办理完成', '已向客户解释清楚，客户接受'];
const CANCEL_REASONS = ['客户来电撤销', '重复工单', '客户已自行解决'];
const SUSPEND_REASONS = ['等待客户提供资料', '客户外出，约定改日上门', '等待厂家备件'];

const ORDER_SHAPE: TableShape<'work_order'> = {
  table: 'work_order',
  columns: [
    ['id', 'int'], ['number', 'text'], ['type', 'text'], ['category_id', 'int'], ['channel', 'text'], ['priority', 'text'], ['priority_rank', 'int'],
    ['status', 'text'], ['title', 'text'], ['description', 'text'], ['reason', 'text'], ['requested_handling', 'text'], ['location', 'text'],
    ['contact_name', 'text'], ['contact_phone', 'text'], ['customer_id', 'int'], ['occurred_at', 'bigint'], ['owner_id', 'int'],
    ['owner_department_id', 'int'], ['handler_id', 'int'], ['department_id', 'int'], ['due_at', 'bigint'], ['form_data', 'text'],
    ['first_contact_resolution', 'int'], ['result', 'text'], ['confirmation_method', 'text'], ['confirmation_note', 'text'],
    ['confirmed_at', 'bigint'], ['confirmed_by', 'int'], ['resolved_at', 'bigint'], ['closed_at', 'bigint'], ['suspended_from', 'text'],
    ['reopen_count', 'int'], ['reminder_count', 'int'], ['last_activity_at', 'bigint'], ['merged_into_id', 'int'], ['unclosed', 'int'],
    ['deleted_at', 'bigint'], ['deleted_by', 'int'], ['delete_reason', 'text'], ['created_by', 'int'], ['created_at', 'bigint'], ['updated_at', 'bigint'],
  ],
};
const STEP_SHAPE: TableShape<'work_order_step'> = {
  table: 'work_order_step',
  columns: [
    ['id', 'int'], ['order_id', 'int'], ['batch', 'int'], ['sequence', 'int'], ['mode', 'text'], ['department_id', 'int'], ['assignee_id', 'int'],
    ['instructions', 'text'], ['due_at', 'bigint'], ['status', 'text'], ['result', 'text'], ['return_reason', 'text'], ['created_by', 'int'],
    ['created_at', 'bigint'], ['accepted_at', 'bigint'], ['finished_at', 'bigint'],
  ],
};
const MESSAGE_SHAPE: TableShape<'work_order_message'> = {
  table: 'work_order_message',
  columns: [['id', 'int'], ['order_id', 'int'], ['kind', 'text'], ['body_html', 'text'], ['body_text', 'text'], ['author_id', 'int'], ['mentions', 'text'], ['created_at', 'bigint']],
};
const EVENT_SHAPE: TableShape<'work_order_event'> = {
  table: 'work_order_event',
  columns: [['id', 'int'], ['order_id', 'int'], ['at', 'bigint'], ['kind', 'text'], ['actor_id', 'int'], ['actor_name', 'text'], ['from_status', 'text'], ['to_status', 'text'], ['data', 'text']],
};

interface OrderCounts {
  messages: number;
  steps: number;
  events: number;
  dispatched: number;
  unclosed: number;
  statuses: Record<string, number>;
  /** Local day → last sequence number used, for work_order_sequence. */
  sequences: Map<string, number>;
}

interface StepPlan {
  department: BackOffice;
  departmentId: number;
  /** Chosen at dispatch, or the worker who accepts it from the team queue. */
  assignee: Member;
  assignedAtDispatch: boolean;
  instructions: string;
}

async function writeOrders(
  db: Db,
  writer: BulkWriter,
  context: {
    count: number;
    random: () => number;
    now: number;
    seed: number;
    organisation: Organisation;
    customers: CustomerDirectory;
    log: (line: string) => void;
    began: number;
  },
): Promise<OrderCounts> {
  const { random, now, organisation, customers } = context;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const between = (low: number, high: number) => low + random() * (high - low);
  const counts: OrderCounts = { messages: 0, steps: 0, events: 0, dispatched: 0, unclosed: 0, statuses: {}, sequences: new Map() };
  let orderId = 0;
  let stepId = 0;
  let messageId = 0;
  let eventId = 0;
  // Numbers of callers who are not (yet) customers: past every customer number in the sequence.
  let strangerPhone = customers.phones.length * 2;
  const teamAgents = (teams: readonly number[]) => teams.flatMap((team) => organisation.agentsByTeam.get(team) ?? []);
  const agentPools = {
    hotline: teamAgents(organisation.hotlineTeams),
    store: teamAgents(organisation.storeTeams),
    online: teamAgents(organisation.onlineTeams),
  };

  for (const times of arrivalTimes(context.count, now, random, CHUNK)) {
    const orders: Row[] = [];
    const steps: Row[] = [];
    const messages: Row[] = [];
    const events: Row[] = [];
    const documents: SearchDocument[] = [];

    for (const createdAt of times) {
      const id = (orderId += 1);
      const age = now - createdAt;
      const day = localDay(createdAt);
      const sequence = (counts.sequences.get(day) ?? 0) + 1;
      counts.sequences.set(day, sequence);
      const number = `GD${day}-${String(sequence).padStart(4, '0')}`;

      // Who called and about what.
      const topic = weighted(random, TOPIC_MIX);
      const channel = weighted(random, CHANNEL_MIX);
      const pool = channel === 'visit' ? agentPools.store : (channel === 'web' || channel === 'wechat' || channel === 'api') && random() < 0.7 ? agentPools.online : agentPools.hotline;
      const owner = pick(pool);
      let customerId: number | null = null;
      let contactName: string;
      let contactPhone: string;
      let address: string;
      if (random() < 0.9) {
        // A few customers call often; most call once or twice a year.
        const index = Math.floor(customers.phones.length * random() ** 1.7);
        customerId = index + 1;
        contactName = customers.names[index]!;
        contactPhone = customers.phones[index]!;
        address = customers.addresses[index] ?? corpusAddress(random);
      } else {
        contactName = personName(random);
        contactPhone = mobileNumber(strangerPhone++, context.seed);
        address = corpusAddress(random);
      }
      const account = `${pick(['gz', 'sz', 'bj', 'hz'])}${String(Math.floor(random() * 1e8)).padStart(8, '0')}`;

      // Where it stands: recent orders are more often still open.
      const ageDays = age / DAY;
      const openShare = 0.03 + 0.9 * Math.exp(-ageDays / 2.5);
      const settlingShare = 0.006 + 0.5 * Math.exp(-ageDays / 4);
      const roll = random();
      const status: WorkOrderStatus =
        roll < openShare ? weighted(random, OPEN_MIX) : roll < openShare + settlingShare ? (random() < 0.6 ? 'resolved' : 'visited') : random() < 0.965 ? 'closed' : 'cancelled';
      const dispatchRule = DISPATCH[topic];
      const dispatchable = status !== 'new' && status !== 'accepted' && dispatchRule.share > 0;
      const dispatched =
        dispatchable && random() < (status === 'in_progress' || status === 'suspended' ? Math.min(0.9, dispatchRule.share * 1.4) : status === 'cancelled' ? dispatchRule.share / 2 : dispatchRule.share);
      const answered = status === 'closed' && !dispatched && random() < (topic === 'billing' || topic === 'card' || topic === 'mobile' || topic === 'praise' || topic === 'suggestion' ? 0.6 : 0.35);

      const categoryName = weighted(random, TOPIC_CATEGORIES[topic]);
      const category = organisation.categories.get(categoryName)!;
      const texts = composeOrderTexts(random, topic, { name: contactName, phone: contactPhone, address, account }, status === 'new' ? 1 : 2 + Math.floor(random() * 3));
      const priority = weighted(random, PRIORITY_MIX[texts.type === 'complaint' ? 'complaint' : texts.type === 'fault' ? 'fault' : 'other']);
      const [dueLow, dueHigh] = DUE_HOURS[priority];
      const dueAt = createdAt + Math.round(between(dueLow, dueHigh)) * HOUR;

      // The timeline, in nominal hours after creation, squeezed to fit the order's age.
      const plan: StepPlan[] = [];
      let mode: 'sequence' | 'parallel' = 'sequence';
      if (dispatched) {
        const stepCount = weighted(random, [[1, 0.72], [2, 0.2], [3, 0.08]] as const);
        mode = stepCount > 1 && random() < 0.15 ? 'parallel' : 'sequence';
        for (let index = 0; index < stepCount; index += 1) {
          const department: BackOffice = index === 0 ? pick(dispatchRule.to) : pick(['repair', 'billing', 'network'] as const);
          const departmentId = organisation.backOffice[department];
          plan.push({ department, departmentId, assignee: pick(organisation.workersByDepartment.get(departmentId)!), assignedAtDispatch: random() < 0.6, instructions: pick(INSTRUCTIONS[department]) });
        }
      }
      const nominal = {
        answered: between(0.03, 0.25),
        accepted: between(0.1, 1),
        dispatched: between(0.2, 3),
        stepAccept: plan.map(() => between(0.5, 6)),
        stepWork: plan.map(() => between(1, 30)),
        handled: between(1, 24),
        confirmed: between(0.2, 12),
        visited: between(2, 48),
        closed: between(0.2, 24),
        suspended: between(1, 12),
        cancelled: between(0.5, 48),
      };
      // Which step is under way for an order still being handled (sequence: the k-th).
      const activeStep = plan.length > 0 ? Math.floor(random() * plan.length) : 0;
      const activeAccepted = random() < 0.5;
      const finishedSteps = status !== 'in_progress' && status !== 'suspended' && status !== 'cancelled';
      const stepTimes: Array<{ start: number; accepted: number | null; finished: number | null; status: string }> = [];
      let cursor = nominal.dispatched;
      let handledAt = dispatched ? nominal.dispatched : nominal.accepted + nominal.handled;
      for (const [index] of plan.entries()) {
        const start = mode === 'parallel' ? nominal.dispatched : cursor;
        const acceptedAt = start + nominal.stepAccept[index]!;
        const finishedAt = acceptedAt + nominal.stepWork[index]!;
        let stepStatus: string;
        if (status === 'cancelled') stepStatus = 'cancelled';
        else if (finishedSteps) stepStatus = 'completed';
        else if (mode === 'parallel') stepStatus = index === activeStep ? (activeAccepted ? 'accepted' : 'pending') : random() < 0.5 ? 'completed' : 'accepted';
        else stepStatus = index < activeStep ? 'completed' : index === activeStep ? (activeAccepted ? 'accepted' : 'pending') : 'queued';
        stepTimes.push({
          start,
          accepted: stepStatus === 'completed' || stepStatus === 'accepted' ? acceptedAt : null,
          finished: stepStatus === 'completed' ? finishedAt : null,
          status: stepStatus,
        });
        cursor = finishedAt;
        handledAt = Math.max(handledAt, finishedAt);
      }
      if (!dispatched) handledAt = nominal.accepted + nominal.handled;
      const resolvedAt = handledAt + nominal.confirmed;
      const visitedAt = resolvedAt + nominal.visited;
      const viaCallback = status === 'visited' || (status === 'closed' && random() < 0.6);
      const closedAt = (viaCallback ? visitedAt : resolvedAt) + nominal.closed;
      const progress = dispatched
        ? Math.max(nominal.dispatched, ...stepTimes.flatMap((step) => [step.start, step.accepted ?? 0, step.finished ?? 0]))
        : status === 'in_progress'
          ? nominal.accepted + nominal.handled / 2
          : nominal.accepted;
      const lastNominal = answered
        ? nominal.answered
        : {
            new: 0,
            accepted: nominal.accepted,
            in_progress: progress,
            suspended: progress + nominal.suspended,
            pending_confirmation: handledAt,
            resolved: resolvedAt,
            visited: visitedAt,
            closed: closedAt,
            cancelled: (dispatched ? nominal.dispatched : 0) + nominal.cancelled,
          }[status as string]!;
      // Hours → an instant no later than 95% of the order's age.
      const squeeze = lastNominal * HOUR > age * 0.95 ? (age * 0.95) / (lastNominal * HOUR) : 1;
      const at = (hours: number) => createdAt + Math.round(hours * HOUR * squeeze);
      const lastActivity = at(lastNominal);

      // Who holds it now (see the service's dispatch and stepAction).
      let handlerId: number | null = owner.id;
      let departmentId: number = owner.departmentId;
      if (status === 'new') handlerId = null;
      if (dispatched && (status === 'in_progress' || status === 'suspended' || status === 'cancelled')) {
        const active = stepTimes.map((step, index) => ({ step, index })).filter(({ step }) => step.status === 'pending' || step.status === 'accepted');
        const current = status === 'cancelled' ? { index: 0, step: stepTimes[0]! } : (active.find(({ index }) => index === activeStep) ?? active[0]!);
        const holder = plan[current.index]!;
        departmentId = mode === 'parallel' ? plan[0]!.departmentId : holder.departmentId;
        const single = mode === 'sequence' || active.length === 1;
        handlerId = single && (holder.assignedAtDispatch || current.step.status === 'accepted') ? holder.assignee.id : null;
      }
      const final = status === 'closed' || status === 'cancelled';
      const result = answered ? pick(RESULTS) : ['pending_confirmation', 'resolved', 'visited', 'closed'].includes(status) ? (dispatched ? pick(STEP_RESULTS[plan[plan.length - 1]!.department]) : pick(RESULTS)) : null;
      const confirmed = !answered && ['resolved', 'visited', 'closed'].includes(status);
      const withConfirmation = confirmed && category.requiresConfirmation;
      const suspendedFrom = status === 'suspended' ? (dispatched || random() < 0.7 ? 'in_progress' : 'accepted') : null;
      const formData = categoryName === '宽带故障' ? JSON.stringify({ broadband_account: account, area: random() < 0.8 ? '城区' : '农村' }) : '{}';
      const reminders = OPEN.includes(status) && age > DAY && random() < 0.3 ? 1 + Math.floor(random() * 2) : 0;
      const occurredAt = createdAt - Math.floor(random() * 2 * HOUR);

      orders.push([
        id, number, texts.type, category.id, channel, priority, PRIORITY_RANK[priority], status, texts.title, texts.description, texts.reason,
        texts.requestedHandling, topic === 'broadband' || topic === 'visit' || topic === 'mobile' ? address : null, contactName, contactPhone, customerId,
        occurredAt, owner.id, owner.departmentId, handlerId, departmentId, dueAt, formData, answered ? 1 : 0, result,
        withConfirmation ? weighted(random, [['phone', 0.8], ['sms', 0.1], ['wechat', 0.1]] as const) : null, null,
        withConfirmation ? at(resolvedAt) : null, withConfirmation ? owner.id : null,
        answered ? lastActivity : confirmed ? at(resolvedAt) : null,
        status === 'closed' ? lastActivity : null,
        suspendedFrom, 0, reminders, lastActivity, null, final ? 0 : 1, null, null, null, owner.id, createdAt, lastActivity,
      ]);
      counts.statuses[status] = (counts.statuses[status] ?? 0) + 1;
      if (!final) counts.unclosed += 1;
      if (dispatched) counts.dispatched += 1;

      // Dispatch steps.
      for (const [index, step] of plan.entries()) {
        const times = stepTimes[index]!;
        const assigned = step.assignedAtDispatch || times.accepted !== null;
        steps.push([
          (stepId += 1), id, 1, index + 1, mode, step.departmentId, assigned ? step.assignee.id : null, step.instructions,
          at(nominal.dispatched) + 48 * HOUR, times.status, times.status === 'completed' ? pick(STEP_RESULTS[step.department]) : null, null,
          owner.id, at(nominal.dispatched), times.accepted === null ? null : at(times.accepted),
          times.finished !== null ? at(times.finished) : times.status === 'cancelled' ? lastActivity : null,
        ]);
      }

      // Events: created, the dispatch, the step that led to the current status.
      const event = (hours: number, kind: string, actor: Member | null, from: string | null, to: string | null, data: Record<string, unknown>) =>
        events.push([(eventId += 1), id, at(hours), kind, actor?.id ?? null, actor?.name ?? null, from, to, JSON.stringify(data)]);
      event(0, 'created', owner, null, 'new', { channel });
      if (answered) event(nominal.answered, 'answered', owner, 'new', 'closed', { result });
      else if (dispatched) {
        event(nominal.dispatched, 'dispatched', owner, 'new', 'in_progress', {
          mode,
          batch: 1,
          steps: plan.map((step) => ({ departmentId: step.departmentId, userId: step.assignedAtDispatch ? step.assignee.id : null, instructions: step.instructions })),
        });
      } else if (status !== 'new' && status !== 'cancelled') event(nominal.accepted, 'transition', owner, 'new', 'accepted', { action: 'accept' });
      const transition = (from: WorkOrderStatus, to: WorkOrderStatus, data: Record<string, unknown>, actor: Member | null = owner) => event(lastNominal, 'transition', actor, from, to, data);
      if (!answered) {
        if (status === 'in_progress' && !dispatched) transition('accepted', 'in_progress', { action: 'start' });
        if (status === 'pending_confirmation') transition(dispatched ? 'in_progress' : 'accepted', status, dispatched ? { action: 'submit_result', cause: 'steps_completed', result } : { action: 'submit_result', result }, dispatched ? null : owner);
        if (status === 'resolved') transition('pending_confirmation', status, { action: 'confirm' });
        if (status === 'visited') transition('resolved', status, { action: 'record_callback' });
        if (status === 'closed') transition(viaCallback ? 'visited' : 'resolved', status, { action: 'close' });
        if (status === 'suspended') transition(suspendedFrom as WorkOrderStatus, status, { action: 'suspend', reason: pick(SUSPEND_REASONS) });
        if (status === 'cancelled') transition(dispatched ? 'in_progress' : 'new', status, { action: 'cancel', reason: pick(CANCEL_REASONS) });
      }

      // The conversation, spread between creation and the last activity.
      const conversation: CorpusMessage[] = texts.messages;
      for (const [index, message] of conversation.entries()) {
        const author = dispatched && index % 2 === 1 ? plan[Math.min(plan.length - 1, index >> 1)]!.assignee : owner;
        const time = createdAt + Math.round(((index + 1) / (conversation.length + 1)) * (lastActivity - createdAt));
        messages.push([(messageId += 1), id, message.kind, `<p>${escapeHtml(message.text)}</p>`, message.text, author.id, '[]', time]);
      }
      documents.push(
        searchDocumentOf({ id, number, title: texts.title, description: texts.description, contactName, contactPhone, messages: conversation }),
      );
    }

    await db.kysely.transaction().execute(async (trx) => {
      await writer.insert(trx, ORDER_SHAPE, orders);
      await writer.insert(trx, STEP_SHAPE, steps);
      await writer.insert(trx, MESSAGE_SHAPE, messages);
      await writer.insert(trx, EVENT_SHAPE, events);
      // Exactly what the service's reindex() writes for each order.
      await searchRepository.upsertMany(trx, db.dialect, documents, { batchSize: 2000 });
    });
    counts.messages += messages.length;
    counts.steps += steps.length;
    counts.events += events.length;
    const rate = Math.round(orderId / ((performance.now() - context.began) / 1000));
    context.log(`orders ${orderId.toLocaleString()} / ${context.count.toLocaleString()} (${rate.toLocaleString()}/s)`);
  }
  return counts;
}

/** Numbering state, identity sequences, statistics, and the product's journal mode. */
async function finish(db: Db, sqlite: SqliteDatabase.Database | undefined, sequences: Map<string, number>, log: (line: string) => void): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    const rows = [...sequences].map(([day, last]) => ({ day, last_value: last }));
    for (let start = 0; start < rows.length; start += 500) await trx.insertInto('work_order_sequence').values(rows.slice(start, start + 500)).execute();
  });
  if (db.dialect === 'postgres') {
    // Ids were written explicitly: move each identity past them.
    for (const table of ['customer', 'customer_phone', 'work_order', 'work_order_step', 'work_order_message', 'work_order_event']) {
      await sql
        .raw(`select setval(pg_get_serial_sequence('${table}', 'id'), coalesce((select max(id) from ${table}), 0) + 1, false)`)
        .execute(db.kysely);
    }
    log('VACUUM ANALYZE …');
    await sql`vacuum analyze`.execute(db.kysely);
    return;
  }
  log('foreign key check, ANALYZE …');
  const broken = sqlite!.pragma('foreign_key_check') as unknown[];
  if (broken.length > 0) throw new Error(`generated rows break ${broken.length} foreign keys, e.g. ${JSON.stringify(broken.slice(0, 3))}`);
  sqlite!.exec('ANALYZE');
  sqlite!.pragma('locking_mode = NORMAL');
  sqlite!.pragma('journal_mode = WAL');
}
