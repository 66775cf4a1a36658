/**
 * The create-order phase of the benchmark on its own, for working on the intake path: the same
 * server process, sessions, bodies and acknowledged-vs-added check as `npm run bench`, against a
 * database generated earlier. Nothing is written to bench/results/.
 *
 *   npm run bench:create -- --db sqlite:/tmp/bench-50k/kefu.db [--seconds 10] [--levels 1,16,64] [--password P] [--profile]
 *
 * With --profile the server runs with --cpu-prof and the profile's directory is printed.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signIn } from './lib/client.js';
import { createOrders } from './lib/create.js';
import { countOrders, findAccounts, intakeCategories, openBenchDb, sampleCustomerIds } from './lib/data.js';
import { DEFAULT_BENCH_PASSWORD } from './lib/generator.js';
import { intakeBodies } from './lib/intake.js';
import { repositoryRoot } from './lib/root.js';
import { startServer } from './lib/server.js';

const argv = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const index = argv.indexOf(`--${name}`);
  return index >= 0 ? argv[index + 1] : undefined;
};
const databaseUrl = option('db');
if (!databaseUrl) {
  console.error('usage: npm run bench:create -- --db sqlite:<file>|postgres://… [--seconds S] [--levels 1,16,64] [--password P] [--profile]');
  process.exit(2);
}
const seconds = Number(option('seconds') ?? 10);
const levels = (option('levels') ?? '1,16,64').split(',').map(Number);
const profile = argv.includes('--profile');
const root = repositoryRoot(import.meta.dirname);
const workDir = mkdtempSync(join(tmpdir(), 'kefu-bench-create-'));

const db = openBenchDb(databaseUrl);
const server = await startServer({ root, databaseUrl, workDir, profile });
try {
  const accounts = await findAccounts(db);
  const nextBody = intakeBodies({ categories: await intakeCategories(db), customerIds: await sampleCustomerIds(db, 2000) });
  const sessions = await Promise.all(accounts.agents.slice(0, 16).map((agent) => signIn(server.url, agent.username, option('password') ?? DEFAULT_BENCH_PASSWORD)));
  for (const connections of levels) {
    const before = await countOrders(db);
    const run = await createOrders({ url: server.url, connections, seconds, sessions, nextBody });
    const growth = (await countOrders(db)) - before;
    console.log(
      `c=${connections}: ${run.run.okPerSecond} orders/s, p50 ${run.run.latency.p50} p95 ${run.run.latency.p95} p99 ${run.run.latency.p99} ms, ` +
        `statuses ${JSON.stringify(run.run.statuses)}; orders +${growth} vs ${run.acknowledged} acknowledged: ${growth === run.acknowledged ? 'equal' : 'DIFFERENT'}`,
    );
  }
  console.log(`peak RSS ${server.memory.peakMb()} MB`);
} finally {
  await server.stop();
  await db.close();
  console.log(`server log and profiles: ${workDir}`);
}
