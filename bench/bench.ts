/**
 * Kefu's benchmark runner: a real server process on 127.0.0.1, load from this process with
 * autocannon, signed in like a browser (session cookie, CSRF token, Origin), figures compared
 * with the targets of issue 5 and written to bench/results/. See bench/README.md.
 *
 *   npm run bench -- --quick                          50,000 orders in a temporary SQLite file
 *   npm run bench                                     1,000,000 orders
 *   npm run bench -- --db sqlite:/data/kefu-1m.db     generate there (kept) …
 *   npm run bench -- --db sqlite:/data/kefu-1m.db --reuse    … and measure it again later
 *   npm run bench -- --db postgres://user@127.0.0.1/kefu_bench [--reuse]
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from './lib/args.js';
import { getJson, signIn, type Session } from './lib/client.js';
import { createOrders, type CreateRun } from './lib/create.js';
import { countOrders, describeDatabase, findAccounts, intakeCategories, openBenchDb, sampleCustomerIds, samplePhones } from './lib/data.js';
import { DEFAULT_BENCH_PASSWORD, generate } from './lib/generator.js';
import { intakeBodies } from './lib/intake.js';
import { expectAllOk, load } from './lib/load.js';
import { atLeast, atMost, figures, formatTable, type Row } from './lib/report.js';
import { bruteForceSearch } from './data/recall.js';
import { SEARCH_QUERIES, searchedIds, type QueryRecall } from './lib/search.js';
import { repositoryRoot } from './lib/root.js';
import { startServer, type ServerProcess } from './lib/server.js';
import { measureSweep, recountFigures, type FiguresCheck, type SweepFigures } from './lib/sla.js';
import type { SlaFigures } from '@kefu/contracts';
import { round, summarize, type LatencySummary } from './lib/stats.js';

const root = repositoryRoot(import.meta.dirname);
const DAY_MS = 86_400_000;
const options = parseArgs(process.argv.slice(2));
const startedAt = new Date();
const workDir = mkdtempSync(join(tmpdir(), 'kefu-bench-'));
let server: ServerProcess | null = null;

async function cleanUp(): Promise<void> {
  await server?.stop();
  server = null;
  if (options.keep) console.log(`kept ${workDir}`);
  else rmSync(workDir, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the server and cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  });
}

try {
  await main();
  await cleanUp();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await cleanUp();
  process.exitCode = 1;
}

async function main(): Promise<void> {
  const step = (text: string) => console.log(`\n== ${text}`);
  const databaseUrl = options.db ?? `sqlite:${join(workDir, 'kefu.db')}`;
  let password = options.password ?? DEFAULT_BENCH_PASSWORD;
  let generation: { orders: number; seconds: number; phases: Record<string, number> } | null = null;
  if (!options.reuse) {
    step(`generating ${options.orders.toLocaleString('en')} orders into ${redact(databaseUrl)}`);
    const started = performance.now();
    const summary = await generate({ root, orders: options.orders, databaseUrl });
    generation = { orders: summary.orders, seconds: round((performance.now() - started) / 1000, 1), phases: summary.seconds };
    password = options.password ?? summary.users.password;
    console.log(`generated in ${generation.seconds} s`);
  }

  step('reading the database');
  const db = openBenchDb(databaseUrl);
  try {
    const database = await describeDatabase(db);
    const ordersAtStart = await countOrders(db);
    const accounts = await findAccounts(db);
    const categories = await intakeCategories(db);
    const customerIds = await sampleCustomerIds(db, 2000);
    const phones = await samplePhones(db, 200);
    // Before the create phase adds clocks of its own: the moment the data was generated at.
    const dataNow = await generatedAt(db);
    console.log(
      `${database.kind} ${database.version}: ${ordersAtStart.toLocaleString('en')} orders, ${accounts.agents.length} agents, ` +
        `${categories.length} categories, ${customerIds.length} sampled customers, ${phones.length} sampled phones`,
    );

    step('starting the server');
    server = await startServer({ root, databaseUrl, workDir, profile: options.profile });
    const { url } = server;
    console.log(`server pid ${server.pid} on ${url}`);
    const signedIn = new Map<string, Session>();
    const session = async (username: string) => {
      if (!signedIn.has(username)) signedIn.set(username, await signIn(url, username, password));
      return signedIn.get(username)!;
    };
    const intakeAgents = await Promise.all(accounts.agents.slice(0, 16).map((agent) => session(agent.username)));

    // 1. create order
    step(`create order: concurrency 1, 16, 64, ${options.createSeconds} s each`);
    server.memory.mark('create');
    const nextBody = intakeBodies({ categories, customerIds });
    const creates: Array<CreateRun & { growth: number; consistent: boolean }> = [];
    for (const connections of [1, 16, 64]) {
      const before = await countOrders(db);
      const run = await createOrders({ url, connections, seconds: options.createSeconds, sessions: intakeAgents, nextBody });
      const growth = (await countOrders(db)) - before;
      const consistent = growth === run.acknowledged;
      creates.push({ ...run, growth, consistent });
      console.log(
        `c=${connections}: ${run.run.okPerSecond} orders/s, p50 ${run.run.latency.p50} p95 ${run.run.latency.p95} p99 ${run.run.latency.p99} ms, ` +
          `statuses ${JSON.stringify(run.run.statuses)}, ${run.resent.requests} in flight at the end re-sent (${run.resent.replayed} replayed, ${run.resent.created} created, ${run.resent.failed} failed); ` +
          `orders +${growth} vs ${run.acknowledged} acknowledged: ${consistent ? 'equal' : 'DIFFERENT'}`,
      );
    }

    // 2. views
    step(`views: ${options.viewRequests} sequential requests each`);
    server.memory.mark('views');
    const agent = accounts.viewAgent.username;
    const leader = accounts.teamLeader?.username ?? agent;
    const director = accounts.director.username;
    const viewCases: Array<{ key: string; who: string; label: string; path: string; targeted: boolean }> = [
      { key: 'accountable', who: agent, label: 'agent: my accountable', path: '/api/work-orders?view=accountable', targeted: true },
      { key: 'team', who: agent, label: 'agent: team queue', path: '/api/work-orders?view=team', targeted: true },
      { key: 'breaching', who: agent, label: 'agent: breaching soon, due first', path: '/api/work-orders?view=breaching&sort=due_asc', targeted: true },
      { key: 'team_filtered', who: agent, label: 'agent: team queue, in progress, priority first', path: '/api/work-orders?view=team&status=in_progress&sort=priority_desc', targeted: true },
      { key: 'handling', who: agent, label: 'agent: my handling', path: '/api/work-orders?view=handling', targeted: false },
      { key: 'counts', who: agent, label: 'agent: view counts', path: '/api/work-orders/counts', targeted: false },
      { key: 'leader_team_priority', who: leader, label: 'team leader: team queue, priority first', path: '/api/work-orders?view=team&sort=priority_desc', targeted: false },
      { key: 'leader_unassigned', who: leader, label: 'team leader: unassigned', path: '/api/work-orders?view=unassigned', targeted: false },
      { key: 'director_in_progress', who: director, label: 'director: all, in progress', path: '/api/work-orders?view=all&status=in_progress', targeted: false },
      { key: 'director_page5', who: director, label: 'director: all, newest first, page 5', path: '/api/work-orders?view=all&sort=created_desc&offset=200', targeted: false },
    ];
    const views: Array<{ key: string; label: string; user: string; path: string; targeted: boolean; total: number | null; latency: LatencySummary }> = [];
    for (const view of viewCases) {
      const user = await session(view.who);
      const first = await getJson<{ total?: number }>(url, view.path, user);
      const run = await load({ url, connections: 1, amount: options.viewRequests + 10, warmup: 10, requests: [{ method: 'GET', path: view.path }], headers: user.readHeaders });
      expectAllOk(view.label, run);
      views.push({ key: view.key, label: view.label, user: view.who, path: view.path, targeted: view.targeted, total: first.total ?? null, latency: run.latency });
      console.log(`${view.label} (${view.who}, total ${first.total ?? '-'}): p50 ${run.latency.p50} p95 ${run.latency.p95} p99 ${run.latency.p99} ms`);
    }
    const targetedViewLatencies = views.filter((view) => view.targeted);

    // 3. search latency, and the HTTP side of recall
    step(`search: ${SEARCH_QUERIES.length} queries × ${options.searchRepetitions} as ${director} (view=all, first page of 50)`);
    server.memory.mark('search');
    const directorSession = await session(director);
    const searchLatencies: number[] = [];
    const perQuery: Array<{ query: string; total: number; p50: number; max: number }> = [];
    for (const query of SEARCH_QUERIES) {
      const path = `/api/work-orders?view=all&q=${encodeURIComponent(query)}`;
      const run = await load({ url, connections: 1, amount: options.searchRepetitions + 1, warmup: 1, requests: [{ method: 'GET', path }], headers: directorSession.readHeaders });
      expectAllOk(`search ${query}`, run);
      searchLatencies.push(...run.latencies);
      const first = await getJson<{ total: number }>(url, path, directorSession);
      perQuery.push({ query, total: first.total, p50: run.latency.p50, max: run.latency.max });
    }
    const search = summarize(searchLatencies);
    console.log(`search: p50 ${search.p50} p95 ${search.p95} p99 ${search.p99} max ${search.max} ms over ${search.samples} requests`);
    const slowest = [...perQuery].sort((a, b) => b.p50 - a.p50).slice(0, 5);
    console.log(`slowest (p50): ${slowest.map((item) => `${item.query} ${item.p50} ms (${item.total === 1001 ? '1000+' : item.total})`).join(', ')}`);

    const httpPages = new Map<string, { total: number; ids: number[]; full: boolean }>();
    for (const query of SEARCH_QUERIES) {
      const ids: number[] = [];
      let total = 0;
      let full = false;
      for (let offset = 0; ; offset += 200) {
        const page = await getJson<{ total: number; items: Array<{ id: number }> }>(url, `/api/work-orders?view=all&limit=200&offset=${offset}&q=${encodeURIComponent(query)}`, directorSession);
        total = page.total;
        ids.push(...page.items.map((item) => item.id));
        if (page.items.length < 200) {
          full = true;
          break;
        }
        // Beyond the count cap the first page is compared; the full set is compared in-process.
        if (total > 1000) break;
      }
      httpPages.set(query, { total, ids, full });
    }

    // 4. customer lookup by phone
    step(`customer lookup by phone: ${options.phoneRequests} sequential requests over ${phones.length} numbers`);
    server.memory.mark('phone');
    const agentSession = await session(agent);
    let phone: LatencySummary | null = null;
    if (phones.length > 0) {
      for (const number of phones.slice(0, 5)) {
        const found = await getJson<{ total: number }>(url, `/api/customers?phone=${number}`, agentSession);
        if (found.total < 1) throw new Error(`phone lookup ${number} found nobody`);
      }
      const run = await load({
        url,
        connections: 1,
        amount: options.phoneRequests + 20,
        warmup: 20,
        requests: phones.map((number) => ({ method: 'GET' as const, path: `/api/customers?phone=${number}` })),
        headers: agentSession.readHeaders,
      });
      expectAllOk('phone lookup', run);
      phone = run.latency;
      console.log(`phone lookup: p50 ${phone.p50} p95 ${phone.p95} p99 ${phone.p99} ms`);
    } else console.log('no customer phones in the database: not measured');

    // 6. the 30-day service figures report (SLA-6), as the director asks for it, against a recount
    step('30-day service figures report: GET /api/sla/figures, 5 sequential requests, then a brute-force recount');
    server.memory.mark('report');
    const reportPath = `/api/sla/figures?from=${dataNow - 30 * DAY_MS}&to=${dataNow}`;
    const reportTimes: number[] = [];
    let served: SlaFigures | null = null;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const began = performance.now();
      served = await getJson<SlaFigures>(url, reportPath, directorSession);
      reportTimes.push(performance.now() - began);
    }
    const reportCheck: FiguresCheck = await recountFigures(db, dataNow - 30 * DAY_MS, dataNow, Date.now(), served!);
    const report = { seconds: round(summarize(reportTimes).p50 / 1000, 3), worstSeconds: round(Math.max(...reportTimes) / 1000, 3), orders: served!.totals.orders, equalToRecount: reportCheck.equal, differences: reportCheck.differences.slice(0, 20) };
    console.log(`30-day report: p50 ${report.seconds} s, worst ${report.worstSeconds} s over ${report.orders.toLocaleString('en')} orders; equal to the recount: ${report.equalToRecount}`);
    for (const difference of report.differences) console.log(`  MISMATCH ${difference}`);

    // 7. memory
    const peakRss = server.memory.peakMb();
    const rssByPhase = server.memory.peaksByPhaseMb();
    await server.stop();
    server = null;

    // 5. the SLA sweep (background work, measured in this process once the server has stopped)
    step('SLA sweep: what fell due in the last hour, then a day of downtime caught up');
    const sweepSteady: SweepFigures = await measureSweep(db, dataNow);
    const sweepDay: SweepFigures = await measureSweep(db, dataNow + DAY_MS);
    console.log(`sweep (last hour): ${sweepSteady.due} clocks due, ${sweepSteady.notifications} notifications in ${sweepSteady.seconds} s`);
    console.log(`sweep (a day caught up): ${sweepDay.due} clocks due, ${sweepDay.notifications} notifications in ${sweepDay.seconds} s`);
    console.log(`server peak RSS ${peakRss ?? 'n.a.'} MB (by phase ${JSON.stringify(rssByPhase)})`);

    // 3b. recall, in-process, with the server stopped (it does not disturb the latencies)
    step('search recall: brute-force substring scan of every live order vs the search');
    const ordersNow = await countOrders(db);
    const bruteStarted = performance.now();
    const expectedSets = new Map([...(await bruteForceSearch(databaseUrl, SEARCH_QUERIES))].map(([query, ids]) => [query, new Set(ids)]));
    const bruteSeconds = round((performance.now() - bruteStarted) / 1000, 1);
    const recall: QueryRecall[] = [];
    for (const query of SEARCH_QUERIES) {
      const expected = expectedSets.get(query)!;
      const found = await searchedIds(db, query);
      const missed = [...expected].filter((id) => !found.has(id)).length;
      const falseHits = [...found].filter((id) => !expected.has(id)).length;
      const page = httpPages.get(query)!;
      const agrees =
        page.total === Math.min(expected.size, 1001) &&
        page.ids.every((id) => expected.has(id)) &&
        new Set(page.ids).size === page.ids.length &&
        (!page.full || page.ids.length === expected.size);
      recall.push({
        query,
        expected: expected.size,
        found: found.size,
        missed,
        falseHits,
        recall: expected.size === 0 ? (found.size === 0 ? 1 : 0) : round((expected.size - missed) / expected.size, 6),
        http: { total: page.total, checkedIds: page.ids.length, full: page.full, agrees },
      });
    }
    const minRecall = Math.min(...recall.map((item) => item.recall));
    const exact = recall.every((item) => item.missed === 0 && item.falseHits === 0 && item.http.agrees);
    console.log(`brute force over ${ordersNow.toLocaleString('en')} orders in ${bruteSeconds} s; min recall ${minRecall}; exact (no miss, no false hit, HTTP agrees): ${exact}`);
    for (const item of recall.filter((entry) => entry.missed > 0 || entry.falseHits > 0 || !entry.http.agrees)) console.log(`  MISMATCH ${JSON.stringify(item)}`);
    const sizes = recall.map((item) => item.expected);
    console.log(
      `matches per query: ${sizes.filter((n) => n === 0).length} none, ${sizes.filter((n) => n > 0 && n < 100).length} under 100, ` +
        `${sizes.filter((n) => n >= 100 && n <= 10_000).length} 100–10,000, ${sizes.filter((n) => n > 10_000).length} over 10,000 (largest ${Math.max(...sizes).toLocaleString('en')})`,
    );

    // table and JSON
    const rows: Row[] = [];
    for (const run of creates) {
      const isC16 = run.connections === 16;
      rows.push({ metric: `create c${run.connections} throughput`, value: run.run.okPerSecond, unit: 'orders/s', ...(isC16 ? atLeast(run.run.okPerSecond, 2000) : { target: '', status: '' }) });
      rows.push({ metric: `create c${run.connections} p50 / p95`, value: run.run.latency.p50, unit: 'ms', display: figures([run.run.latency.p50, run.run.latency.p95], 'ms'), target: '', status: '' });
      rows.push({ metric: `create c${run.connections} p99`, value: run.run.latency.p99, unit: 'ms', ...(isC16 ? atMost(run.run.latency.p99, 50) : { target: '', status: '' }) });
    }
    rows.push({
      metric: 'create: orders added = acknowledged',
      value: creates.reduce((sum, run) => sum + run.growth, 0),
      unit: '',
      display: figures([creates.reduce((sum, run) => sum + run.growth, 0), creates.reduce((sum, run) => sum + run.acknowledged, 0)], ''),
      target: 'equal',
      status: creates.every((run) => run.consistent) ? 'met' : 'not met',
    });
    for (const view of views) {
      rows.push({
        metric: `view ${view.label} p50 / p95 / p99`,
        value: view.latency.p95,
        unit: 'ms',
        display: figures([view.latency.p50, view.latency.p95, view.latency.p99], 'ms'),
        ...(view.targeted ? atMost(view.latency.p95, 20) : { target: '', status: '' }),
      });
    }
    const worstViewP95 = Math.max(...targetedViewLatencies.map((view) => view.latency.p95));
    rows.push({ metric: 'views (the four targeted) worst p95', value: worstViewP95, unit: 'ms', ...atMost(worstViewP95, 20) });
    rows.push({ metric: 'search p50', value: search.p50, unit: 'ms', target: '', status: '' });
    rows.push({ metric: 'search p95', value: search.p95, unit: 'ms', ...atMost(search.p95, 50) });
    rows.push({ metric: 'search p99', value: search.p99, unit: 'ms', ...atMost(search.p99, 150) });
    rows.push({ metric: 'search recall (min over 50 queries)', value: minRecall, unit: '', target: '= 1.0', status: minRecall === 1 ? 'met' : 'not met', note: exact ? 'exact: no false hit, HTTP agrees' : 'see MISMATCH lines' });
    rows.push({ metric: 'phone lookup p50', value: phone?.p50 ?? null, unit: 'ms', target: '', status: phone ? '' : 'n.a.' });
    rows.push({ metric: 'phone lookup p95', value: phone?.p95 ?? null, unit: 'ms', ...atMost(phone?.p95 ?? null, 2) });
    rows.push({ metric: 'SLA sweep (what fell due in the last hour)', value: sweepSteady.seconds, unit: 's', ...atMost(sweepSteady.seconds, 1), note: `${sweepSteady.due} clocks` });
    rows.push({ metric: 'SLA sweep (a day of downtime caught up)', value: sweepDay.seconds, unit: 's', target: '', status: '', note: `${sweepDay.due} clocks, ${sweepDay.notifications} notifications` });
    rows.push({ metric: '30-day report p50', value: report.seconds, unit: 's', ...atMost(report.seconds, 1), note: `${report.orders} orders` });
    rows.push({ metric: '30-day report = brute-force recount', value: null, unit: '', display: report.equalToRecount ? 'equal' : 'DIFFERENT', target: 'equal', status: report.equalToRecount ? 'met' : 'not met' });
    rows.push({ metric: 'server peak RSS', value: peakRss, unit: 'MB', ...atMost(peakRss, 400) });

    const machine = {
      cores: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGb: round(totalmem() / 1024 ** 3, 1),
      node: process.version,
      os: `${process.platform} ${release()}`,
      database: database,
    };
    console.log(`\n== results: ${ordersAtStart.toLocaleString('en')} orders, ${database.kind} ${database.version}, ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGb} GB, Node ${machine.node}`);
    console.log(formatTable(rows));

    const result = {
      date: startedAt.toISOString(),
      quick: options.quick,
      machine,
      data: { ordersAtStart, ordersAtEnd: ordersNow, generation, agents: accounts.agents.length, categories: categories.length },
      settings: {
        createSeconds: options.createSeconds,
        viewRequests: options.viewRequests,
        searchRepetitions: options.searchRepetitions,
        phoneRequests: options.phoneRequests,
        client: 'autocannon 9 in the runner process, 127.0.0.1, session cookie + CSRF token + Origin',
      },
      create: creates.map((run) => ({
        connections: run.connections,
        seconds: run.run.durationSeconds,
        ordersPerSecond: run.run.okPerSecond,
        latencyMs: run.run.latency,
        statuses: run.run.statuses,
        errors: run.run.errors,
        timeouts: run.run.timeouts,
        inFlightResent: run.resent,
        acknowledged: run.acknowledged,
        ordersAdded: run.growth,
        addedEqualsAcknowledged: run.consistent,
      })),
      views: views.map(({ latency, ...view }) => ({ ...view, latencyMs: latency })),
      search: {
        as: director,
        request: '/api/work-orders?view=all&q=… (first page, 50)',
        latencyMs: search,
        perQuery,
        recall: { min: minRecall, exact, bruteForceSeconds: bruteSeconds, ordersScanned: ordersNow, perQuery: recall },
      },
      phoneLookup: phone ? { numbers: phones.length, latencyMs: phone } : null,
      slaSweep: { lastHour: sweepSteady, dayCaughtUp: sweepDay },
      report30Days: { request: reportPath, ...report },
      serverPeakRssMb: peakRss,
      serverPeakRssByPhaseMb: rssByPhase,
      table: rows,
    };
    const outFile = options.out
      ? resolve(options.out)
      : join(root, 'bench/results', `${startedAt.toISOString().slice(0, 10)}-${database.kind}-${ordersAtStart}.json`);
    mkdirSync(join(outFile, '..'), { recursive: true });
    writeFileSync(`${outFile}.tmp`, `${JSON.stringify(result, null, 2)}\n`);
    renameSync(`${outFile}.tmp`, outFile);
    console.log(`\nwritten ${outFile}`);
  } finally {
    await db.close();
  }
}

/** What the 30-day report will show, recounted the slow, obvious way (the later comparison's reference). */
/** The generator's "now": every generated clock row was stamped with it. */
async function generatedAt(db: ReturnType<typeof openBenchDb>): Promise<number> {
  const row = await db.kysely.selectFrom('work_order_sla').select((eb) => eb.fn.max('updated_at').as('at')).executeTakeFirst();
  const at = Number(row?.at ?? 0);
  if (!at) throw new Error('the database has no SLA clocks: regenerate it with this version of bench:data');
  return at;
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@');
}
