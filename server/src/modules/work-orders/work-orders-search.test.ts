import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIST_COUNT_CAP, type Category, type WorkOrder, type WorkOrderSort, type WorkOrderSummary } from '@kefu/contracts';
import { createHarness, type Client, type Harness } from '../../../test/harness.js';
import { normalizeForSearch } from '../../platform/search/normalize.js';
import { searchRepository, type SearchPlan } from '../../platform/search/search.repository.js';
import { loadWorkOrderCorpus, searchDocumentOf, workOrderCorpus } from './work-orders.corpus.js';
import { workOrdersRepository, type OrderListFilter } from './work-orders.repository.js';
import { SEARCH_ENTITY, SEARCH_WEIGHTS } from './work-orders.service.js';

type Page = { items: WorkOrderSummary[]; total: number };

async function list(client: Client, params: Record<string, string | number>): Promise<Page> {
  const query = new URLSearchParams(Object.entries(params).map(([key, value]): [string, string] => [key, String(value)]));
  const response = await client.get(`/api/work-orders?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Page>();
}

const idsOf = (page: Page) => page.items.map((item) => item.id);

describe('work-order search through the list (GET /api/work-orders?q=)', () => {
  let h: Harness;
  let category: Category;
  let agentA: Client;
  let teammateA: Client;
  let agentB: Client;
  let teamA: number;
  beforeAll(async () => {
    h = await createHarness();
    teamA = await h.createDepartment('宽带装维一班');
    const teamB = await h.createDepartment('宽带装维二班');
    category = (await h.admin.post('/api/work-orders/categories', { name: '宽带故障' })).json<Category>();
    agentA = await h.signInAs('agent', teamA);
    teammateA = await h.signInAs('agent', teamA);
    agentB = await h.signInAs('agent', teamB);
  });
  afterAll(() => h.close());

  async function intake(client: Client, fields: Record<string, unknown>): Promise<WorkOrder> {
    h.clock.advance(1000);
    const response = await client.post('/api/work-orders', {
      customer: { mode: 'anonymous' },
      channel: 'phone',
      type: 'fault',
      categoryId: category.id,
      title: '客户报修',
      description: '客户来电报修。',
      reason: '故障',
      requestedHandling: '尽快处理',
      resolution: { mode: 'order' },
      ...fields,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<WorkOrder>();
  }

  async function reply(client: Client, orderId: number, body: string, kind: 'reply' | 'note' = 'reply') {
    const response = await client.post(`/api/work-orders/${orderId}/messages`, { kind, body });
    expect(response.statusCode, response.body).toBe(200);
  }

  it('finds "宽带 断线" in a description and marks both words in the excerpt', async () => {
    const order = await intake(agentA, { title: '报修：家里没网了', description: '我家的宽带从昨天开始一直断线' });
    const onlyOneWord = await intake(agentA, { title: '报修：网慢', description: '我家的宽带晚上很慢' });
    const page = await list(agentA, { q: '宽带 断线' });
    expect(idsOf(page)).toEqual([order.id]);
    expect(page.total).toBe(1);
    expect(page.items[0]!.highlight).toBe('我家的<mark>宽带</mark>从昨天开始一直<mark>断线</mark>');
    // Words may be typed in any order, full-width or with extra spaces.
    expect(idsOf(await list(agentA, { q: '  断线　宽带 ' }))).toEqual([order.id]);
    expect(idsOf(await list(agentA, { q: '宽带' }))).toEqual(expect.arrayContaining([order.id, onlyOneWord.id]));
    // Without q there is no excerpt.
    expect((await list(agentA, { view: 'all' })).items.every((item) => item.highlight === null)).toBe(true);
  });

  it('escapes the order text in the excerpt: only <mark> is HTML', async () => {
    const order = await intake(agentA, { title: '页面异常', description: '客户粘贴了<script>alert(1)</script>和<b>粗体</b>，光猫异常灯闪' });
    const [item] = (await list(agentA, { q: '光猫异常灯' })).items;
    expect(item!.id).toBe(order.id);
    expect(item!.highlight).toBe('客户粘贴了&lt;script&gt;alert(1)&lt;/script&gt;和&lt;b&gt;粗体&lt;/b&gt;，<mark>光猫异常灯</mark>闪');
  });

  it('searches titles, descriptions and the conversation: a word only in a reply finds the order', async () => {
    const byTitle = await intake(agentA, { title: '机顶盒蓝屏死机', description: '电视无法观看。' });
    const byDescription = await intake(agentA, { title: '电视故障', description: '客户说机顶盒蓝屏死机了。' });
    const byReply = await intake(agentA, { title: '电视故障', description: '电视没有图像。' });
    expect(idsOf(await list(agentA, { q: '蓝屏死机' }))).toEqual([byTitle.id, byDescription.id]);

    await reply(agentA, byReply.id, '<p>上门检查发现<strong>机顶盒蓝屏死机</strong>，已更换。</p>');
    const page = await list(agentA, { q: '蓝屏死机' });
    expect(idsOf(page)).toEqual([byTitle.id, byDescription.id, byReply.id]);
    expect(page.items.find((item) => item.id === byReply.id)!.highlight).toBe('上门检查发现机顶盒<mark>蓝屏死机</mark>，已更换。');
    // A later edit of the description is searchable at once, and the old text no longer is.
    const edited = await agentA.patch(`/api/work-orders/${byDescription.id}`, { description: '客户说机顶盒花屏。' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(idsOf(await list(agentA, { q: '蓝屏死机' }))).toEqual([byTitle.id, byReply.id]);
    expect(idsOf(await list(agentA, { q: '机顶盒花屏' }))).toEqual([byDescription.id]);
  });

  it('finds Latin words, numbers, phone fragments and order-number fragments', async () => {
    const order = await intake(agentA, {
      title: 'ONU离线',
      description: '光猫型号 HG8245H，Wi-Fi 无法连接，测速 300Mbps。',
      contactName: '欧阳娜娜',
      contactPhone: '139-1234-5678',
    });
    const other = await intake(agentA, { title: '普通报修', description: '无关内容', contactPhone: '13800001111' });
    expect(order.number).toMatch(/^GD\d{8}-\d{4}$/);
    const queries = ['onu', 'ＯＮＵ', 'hg8245h', 'HG8245', 'wi-fi', '300mbps', '5678', '1234 5678', '13912345678', '欧阳', order.number, order.number.slice(2), order.number.slice(-9).toLowerCase()];
    for (const q of queries) {
      expect({ q, ids: idsOf(await list(agentA, { q })) }).toEqual({ q, ids: [order.id] });
    }
    expect(idsOf(await list(agentA, { q: '1111' }))).toEqual([other.id]);
    expect((await list(agentA, { q: '99999999' })).total).toBe(0);
  });

  it('ranks a title hit above a description-only hit, whatever the sort', async () => {
    const byTitle = await intake(agentA, { title: '光纤被老鼠咬断', description: '客户家中无网络。' });
    const byDescription = await intake(agentA, { title: '家中无网络', description: '检查发现光纤被老鼠咬断。' });
    const newestTitle = await intake(agentA, { title: '又一处光纤被老鼠咬断', description: '同一小区。' });
    for (const sort of ['updated_desc', 'created_desc', 'created_asc', 'priority_desc', 'due_asc']) {
      const ids = idsOf(await list(agentA, { q: '老鼠咬断', sort }));
      expect({ sort, last: ids[2] }).toEqual({ sort, last: byDescription.id });
      expect(ids.slice(0, 2).sort()).toEqual([byTitle.id, newestTitle.id].sort());
    }
    // Among equal scores the chosen sort decides.
    expect(idsOf(await list(agentA, { q: '老鼠咬断', sort: 'created_desc' }))).toEqual([newestTitle.id, byTitle.id, byDescription.id]);
    expect(idsOf(await list(agentA, { q: '老鼠咬断', sort: 'created_asc' }))).toEqual([byTitle.id, newestTitle.id, byDescription.id]);
  });

  it('combines with status and view filters and pages the matches', async () => {
    const open = await intake(agentA, { title: '国际漫游费争议', description: '客户出国产生漫游费。' });
    const closed = await intake(agentA, {
      title: '漫游费咨询',
      description: '客户咨询漫游费标准。',
      resolution: { mode: 'answered', answer: '已告知漫游费标准。' },
    });
    const teammates = await intake(teammateA, { title: '漫游费退费', description: '客户要求退还漫游费。' });
    const noMatch = await intake(agentA, { title: '话费查询', description: '客户查询话费。' });

    expect(idsOf(await list(agentA, { q: '漫游费' })).sort()).toEqual([open.id, closed.id, teammates.id].sort());
    expect(idsOf(await list(agentA, { q: '漫游费', status: 'closed' }))).toEqual([closed.id]);
    expect(idsOf(await list(agentA, { q: '漫游费', status: 'new', sort: 'created_asc' }))).toEqual([open.id, teammates.id]);
    expect(idsOf(await list(agentA, { q: '漫游费', view: 'accountable' }))).toEqual([open.id]);
    expect(idsOf(await list(teammateA, { q: '漫游费', view: 'accountable' }))).toEqual([teammates.id]);
    expect(idsOf(await list(agentA, { q: '漫游费', view: 'team', sort: 'created_asc' }))).toEqual([open.id, teammates.id]);
    expect(idsOf(await list(agentA, { q: '漫游费', view: 'all', departmentId: teamA, type: 'fault', sort: 'created_asc' }))).toEqual([open.id, closed.id, teammates.id]);
    expect((await list(agentA, { q: '漫游费', channel: 'email' })).total).toBe(0);
    expect(idsOf(await list(agentA, { q: '话费查询' }))).toEqual([noMatch.id]);

    // Pages of one: no gaps, no repeats, the same total on each.
    const all = await list(agentA, { q: '漫游费', sort: 'created_asc' });
    const paged: number[] = [];
    for (let offset = 0; offset < 4; offset += 1) {
      const page = await list(agentA, { q: '漫游费', sort: 'created_asc', limit: 1, offset });
      expect(page.total).toBe(3);
      paged.push(...idsOf(page));
    }
    expect(paged).toEqual(idsOf(all));

    // A binned order drops out of the search.
    expect((await h.admin.request('DELETE', `/api/work-orders/${open.id}`, { reason: '录入错误' })).statusCode).toBe(200);
    expect(idsOf(await list(agentA, { q: '漫游费' }))).not.toContain(open.id);
  });

  it("respects data scope: an agent of another team never sees another team's match", async () => {
    const ours = await intake(agentA, { title: '电梯间光分箱损坏', description: '一班辖区。' });
    const theirs = await intake(agentB, { title: '电梯间光分箱损坏', description: '二班辖区。' });
    for (const view of ['all', 'team', 'unassigned', 'accountable']) {
      expect({ view, ids: idsOf(await list(agentB, { q: '光分箱', view })) }).toEqual({ view, ids: [theirs.id] });
      expect({ view, ids: idsOf(await list(agentA, { q: '光分箱', view })) }).toEqual({ view, ids: [ours.id] });
    }
    expect((await list(agentB, { q: '一班辖区' })).total).toBe(0);
    expect((await list(agentB, { q: ours.number })).total).toBe(0);
    expect(idsOf(await list(h.admin, { q: '光分箱', sort: 'created_asc' }))).toEqual([ours.id, theirs.id]);
    // Not even by asking for the other team's department.
    expect((await list(agentB, { q: '光分箱', departmentId: teamA })).total).toBe(0);
  });

  it('finds nothing for a query of punctuation or a word nobody wrote', async () => {
    expect((await list(agentA, { q: '从未出现过的词语' })).total).toBe(0);
    expect((await list(agentA, { q: '@@@' })).items).toEqual([]);
  });
});

/** The recall check: on 20,000 generated orders, exactly what a substring scan finds. */
const CORPUS_SIZE = 20_000;
const RECALL_QUERIES: readonly string[] = [
  '宽带', '话费', '补卡', '投诉', '光猫', '宽带 断线', '光猫 红灯', '话费 退费', '退费 三个工作日', '补换卡 营业厅',
  '上门 维修 预约', '投诉 态度', '携号转网', '复机', '机顶盒 电源', '王师傅 光猫', '阳光花园 断线', '内部备注 加急',
  '雷击', '光交箱 被盗', '听障', '弱电箱', 'ZXHN', 'zxhn f650', 'HG8245H', 'Wi-Fi', 'ＡＸ３０００', '1380',
  'GD20260415', '0415-0012', '5G套餐 升级', '千兆 测速', '不存在的故障',
];
/** Asked through HTTP, paging with limit=200, as the administrator (the rest through the repository). */
const HTTP_QUERIES: readonly string[] = ['宽带 断线', '雷击', 'zxhn f650', '1380', '0415-0012', '阳光花园 断线', '不存在的故障'];

describe(`search recall on ${CORPUS_SIZE.toLocaleString('en')} generated orders`, () => {
  let h: Harness;
  const corpus = workOrderCorpus(CORPUS_SIZE, { teams: 3 });
  let ids: number[] = [];
  let teams: number[] = [];
  /** Per order (by id), its indexed fields, normalised like the search does. */
  const indexed = new Map<number, string[]>();

  /** The reference: every word (after normalisation) a substring of at least one indexed field. */
  function bruteForce(query: string): number[] {
    const words = [...new Set(normalizeForSearch(query).split(' ').filter(Boolean))];
    if (words.length === 0) return [];
    const found: number[] = [];
    for (const [id, fields] of indexed) {
      if (words.every((word) => fields.some((field) => field.includes(word)))) found.push(id);
    }
    return found.sort((a, b) => a - b);
  }

  beforeAll(async () => {
    const started = performance.now();
    h = await createHarness();
    const departmentIds = [await h.createDepartment('装维一班'), await h.createDepartment('账务二班'), await h.createDepartment('投诉专席')];
    teams = departmentIds;
    const category = (await h.admin.post('/api/work-orders/categories', { name: '综合' })).json<Category>();
    const { db } = h.testDb;
    ids = await loadWorkOrderCorpus(db, corpus, { categoryId: category.id, userId: h.adminActor.userId, departmentIds, now: h.clock.now() });
    // What autovacuum does after a bulk load: statistics for the planner and the search's own estimates.
    if (db.dialect === 'postgres') {
      await sql`vacuum analyze search_entry`.execute(db.kysely);
      await sql`analyze work_order`.execute(db.kysely);
    }
    corpus.forEach((order, index) => {
      indexed.set(
        ids[index]!,
        Object.values(searchDocumentOf({ id: ids[index]!, ...order }).fields).map((text) => normalizeForSearch(text ?? '')),
      );
    });
    console.info(`recall corpus: ${CORPUS_SIZE} orders generated, loaded and indexed in ${Math.round(performance.now() - started)} ms (${db.dialect})`);
  }, 240_000);
  afterAll(() => h.close());

  it('indexes the loaded orders exactly as the service re-indexes them', async () => {
    const { db } = h.testDb;
    const sample = [0, 1, 77, 4_321, 12_345, CORPUS_SIZE - 1].map((index) => ids[index]!);
    const entries = () =>
      db.kysely
        .selectFrom('search_entry')
        .select(['entity_id', 'field', 'content'])
        .where('entity_type', '=', SEARCH_ENTITY)
        .where('entity_id', 'in', sample)
        .orderBy('entity_id')
        .orderBy('field')
        .execute();
    const loaded = await entries();
    expect(new Set(loaded.map((row) => row.field))).toEqual(new Set(['number', 'title', 'description', 'contact', 'replies']));
    await db.kysely.transaction().execute(async (trx) => {
      for (const id of sample) await h.kefu.services.workOrders.reindex(trx, id);
    });
    expect(await entries()).toEqual(loaded);
  });

  it(`finds for each of ${RECALL_QUERIES.length} queries exactly the orders a substring scan finds`, async () => {
    const { db } = h.testDb;
    const started = performance.now();
    const sizes: Record<string, number> = {};
    for (const query of RECALL_QUERIES) {
      const expected = bruteForce(query);
      sizes[query] = expected.length;
      // The list's own query: the search joined with the order table, scope and view applied.
      const matches = await searchRepository.matching(db.kysely, db.dialect, { entityType: SEARCH_ENTITY, query, fieldWeights: SEARCH_WEIGHTS });
      const rows = matches
        ? await workOrdersRepository.page(
            db.kysely,
            { view: 'all', userId: h.adminActor.userId, reach: { everything: true }, teamDepartmentIds: [], breachingBefore: 0, matches },
            'updated_desc',
            CORPUS_SIZE + 1,
            0,
          )
        : [];
      const found = rows.map((row) => row.id).sort((a, b) => a - b);
      expect({ query, count: found.length }).toEqual({ query, count: expected.length });
      expect({ query, found }).toEqual({ query, found: expected });
    }
    const counts = Object.values(sizes);
    // The queries cover common words, rare ones and one that nothing matches.
    expect(counts.filter((count) => count > 2_000).length).toBeGreaterThanOrEqual(4);
    expect(counts.filter((count) => count > 0 && count < 100).length).toBeGreaterThanOrEqual(5);
    expect(counts.filter((count) => count === 0)).toHaveLength(1);
    console.info(`recall (repository): ${RECALL_QUERIES.length} queries in ${Math.round(performance.now() - started)} ms`, sizes);
  }, 120_000);

  /** The reference page order: every match ranked (matching() joined, as the list did before plans), or the view's own order. */
  async function referenceOrder(filter: OrderListFilter, query: string, sort: WorkOrderSort, ranked: boolean): Promise<number[]> {
    const { db } = h.testDb;
    const matches = await searchRepository.matching(db.kysely, db.dialect, { entityType: SEARCH_ENTITY, query, fieldWeights: SEARCH_WEIGHTS });
    const found = matches ? (await workOrdersRepository.page(db.kysely, { ...filter, matches }, sort, CORPUS_SIZE + 1, 0)).map((row) => row.id) : [];
    if (ranked) return found;
    const matching = new Set(found);
    return (await workOrdersRepository.page(db.kysely, filter, sort, CORPUS_SIZE + 1, 0)).map((row) => row.id).filter((id) => matching.has(id));
  }

  /** Every page of searchPage() with this plan, and the totals it reported. */
  async function allPages(filter: OrderListFilter, plan: SearchPlan, sort: WorkOrderSort, pageSize: number) {
    const { db } = h.testDb;
    const ids: number[] = [];
    const totals = new Set<number>();
    for (let offset = 0; ; offset += pageSize) {
      const page = await workOrdersRepository.searchPage(db.kysely, db.dialect, filter, plan, sort, pageSize, offset);
      totals.add(page.total);
      ids.push(...page.rows.map((row) => row.id));
      if (page.rows.length < pageSize) break;
    }
    return { ids, totals: [...totals] };
  }

  it('pages a search within views, scopes, filters and sorts exactly: ranked up to the cap, in the sort beyond, either way it is answered', async () => {
    const { db } = h.testDb;
    const admin: OrderListFilter = { view: 'all', userId: h.adminActor.userId, reach: { everything: true }, teamDepartmentIds: [], breachingBefore: h.clock.now() };
    // Someone of the first team who owns nothing: only the team's orders are within reach.
    const teamMember: OrderListFilter = { ...admin, userId: -1, reach: { everything: false, userId: -1, departmentIds: [teams[0]!] }, teamDepartmentIds: [teams[0]!] };
    const cases: Array<[string, OrderListFilter, WorkOrderSort]> = [
      ['admin, all', admin, 'updated_desc'],
      ['admin, all, oldest first', admin, 'created_asc'],
      ['admin, closed, by priority', { ...admin, statuses: ['closed'] }, 'priority_desc'],
      ['team member, all, due first', teamMember, 'due_asc'],
      ['team member, team queue', { ...teamMember, view: 'team' }, 'updated_desc'],
      ['admin, my accountable, newest', { ...admin, view: 'accountable' }, 'created_desc'],
    ];
    const queries = ['宽带', '光猫 红灯', '雷击', 'zxhn f650', '1380', '不存在的故障'];
    let beyondCap = 0;
    let ranked = 0;
    for (const query of queries) {
      const plan = (await searchRepository.plan(db.kysely, db.dialect, { entityType: SEARCH_ENTITY, query, fieldWeights: SEARCH_WEIGHTS }))!;
      // As planned, and forced each way: the matches driving (fetched from the index), the view driving (each order tested).
      const plans: Array<[string, SearchPlan]> = [
        ['planned', plan],
        ['matches drive', { ...plan, countUpTo: () => Promise.resolve(0) }],
        ['view drives', { ...plan, countUpTo: (_, cap) => Promise.resolve(cap) }],
      ];
      for (const [label, filter, sort] of cases) {
        const size = (await referenceOrder(filter, query, sort, true)).length;
        const expected = await referenceOrder(filter, query, sort, size <= LIST_COUNT_CAP);
        if (size > LIST_COUNT_CAP) beyondCap += 1;
        else if (size > 1) ranked += 1;
        for (const [how, each] of plans) {
          const { ids: found, totals } = await allPages(filter, each, sort, 700);
          expect({ query, label, how, totals }).toEqual({ query, label, how, totals: [Math.min(size, LIST_COUNT_CAP + 1)] });
          expect({ query, label, how, found }).toEqual({ query, label, how, found: expected });
        }
      }
    }
    expect(beyondCap).toBeGreaterThanOrEqual(4);
    expect(ranked).toBeGreaterThanOrEqual(4);
  }, 240_000);

  it('ranks by relevance up to exactly LIST_COUNT_CAP matches and follows the sort from one more', async () => {
    const { db } = h.testDb;
    const admin: OrderListFilter = { view: 'all', userId: h.adminActor.userId, reach: { everything: true }, teamDepartmentIds: [], breachingBefore: h.clock.now() };
    const query = '宽带';
    const newestFirst = await referenceOrder(admin, query, 'created_desc', false);
    expect(newestFirst.length).toBeGreaterThan(LIST_COUNT_CAP + 1);
    const created = new Map((await workOrdersRepository.findMany(db.kysely, newestFirst)).map((row) => [row.id, row.created_at]));
    // The newest `size` matches, cut by creation time (the corpus has no two orders created at once).
    const window = (size: number): OrderListFilter => ({ ...admin, createdFrom: created.get(newestFirst[size - 1]!)! });
    const plan = (await searchRepository.plan(db.kysely, db.dialect, { entityType: SEARCH_ENTITY, query, fieldWeights: SEARCH_WEIGHTS }))!;
    const atCap = await workOrdersRepository.searchPage(db.kysely, db.dialect, window(LIST_COUNT_CAP), plan, 'created_desc', LIST_COUNT_CAP, 0);
    expect(atCap.total).toBe(LIST_COUNT_CAP);
    expect(atCap.rows.map((row) => row.id)).toEqual(await referenceOrder(window(LIST_COUNT_CAP), query, 'created_desc', true));
    // Ranked: not simply newest first.
    expect(atCap.rows.map((row) => row.id)).not.toEqual(newestFirst.slice(0, LIST_COUNT_CAP));
    const beyond = await workOrdersRepository.searchPage(db.kysely, db.dialect, window(LIST_COUNT_CAP + 1), plan, 'created_desc', LIST_COUNT_CAP + 1, 0);
    expect(beyond.total).toBe(LIST_COUNT_CAP + 1);
    expect(beyond.rows.map((row) => row.id)).toEqual(newestFirst.slice(0, LIST_COUNT_CAP + 1));
  }, 60_000);

  it('gives the same through HTTP, paging 200 at a time as the administrator', async () => {
    const started = performance.now();
    for (const query of HTTP_QUERIES) {
      const expected = bruteForce(query);
      const found: number[] = [];
      for (let offset = 0; ; offset += 200) {
        const page = await list(h.admin, { q: query, view: 'all', limit: 200, offset });
        // Totals stop just past the cap ("1000+"); the pages still hold every match.
        expect({ query, total: page.total }).toEqual({ query, total: Math.min(expected.length, LIST_COUNT_CAP + 1) });
        found.push(...idsOf(page));
        if (page.items.length < 200) break;
      }
      expect({ query, found: found.sort((a, b) => a - b) }).toEqual({ query, found: expected });
    }
    console.info(`recall (HTTP): ${HTTP_QUERIES.length} queries in ${Math.round(performance.now() - started)} ms`);
  }, 120_000);
});
