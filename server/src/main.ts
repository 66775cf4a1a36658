import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { passwordSchema } from '@kefu/contracts';
import { buildApp } from './app.js';
import { loadConfig, securityPolicyFrom } from './config.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { seedDemoData } from './demo/seed-demo.js';
import { startSlaSweeper } from './modules/sla/sla.jobs.js';
import { AdjustableClock } from './modules/sla/test-clock.routes.js';

/** Process entry: config → database → migrations → first run → HTTP → graceful shutdown. */
async function main(): Promise<void> {
  const config = loadConfig();
  if (config.KEFU_ADMIN_PASSWORD !== undefined && !passwordSchema.safeParse(config.KEFU_ADMIN_PASSWORD).success) {
    throw new Error('KEFU_ADMIN_PASSWORD is too weak: at least 8 characters with both letters and digits');
  }
  const db = openDatabase(config.KEFU_DATABASE_URL, {
    // Before the logger exists; a failing checkpoint only lets the WAL grow to its safety net.
    backgroundCheckpoints: { onError: (message) => console.error(`WAL checkpoint failed: ${message}`) },
  });
  await migrateToLatest(db);

  const here = dirname(fileURLToPath(import.meta.url));
  const webDist = config.KEFU_WEB_DIST ?? resolve(here, '../../web/dist');
  const { app, services } = await buildApp({
    db,
    securityPolicy: securityPolicyFrom(config),
    trustProxy: config.KEFU_TRUST_PROXY,
    attachments: {
      storage: config.KEFU_ATTACHMENT_STORAGE,
      directory: resolve(config.KEFU_ATTACHMENT_DIR),
      maxBytes: config.KEFU_ATTACHMENT_MAX_MB * 1024 * 1024,
    },
    webDist,
    testClock: config.KEFU_TEST_CLOCK ? new AdjustableClock() : undefined,
    logger: {
      level: config.KEFU_LOG_LEVEL,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'],
    },
  });
  const log = app.log;
  if (config.KEFU_TEST_CLOCK) log.warn('KEFU_TEST_CLOCK is on: anyone can move this server\'s clock (browser tests only, never in production)');

  if (config.KEFU_ADMIN_PASSWORD && (await services.setup.bootstrap({ organizationName: config.KEFU_ORG_NAME, adminPassword: config.KEFU_ADMIN_PASSWORD }))) {
    log.info('first run: created the organisation and the "admin" user from KEFU_ADMIN_PASSWORD');
  }
  if (config.KEFU_DEMO) {
    const seeded = await seedDemoData(db, { password: config.KEFU_DEMO_PASSWORD });
    if (seeded) log.info(`demo data loaded: departments, teams and users of every role (password "${config.KEFU_DEMO_PASSWORD}")`);
  }
  const undone = await services.customerImports.recoverInterrupted();
  if (undone > 0) log.warn({ imports: undone }, 'undid customer imports a previous stop interrupted');
  if ((await services.setup.status()).needsSetup) log.info('no organisation yet: open the web UI to run the setup page');

  const sweeper = config.KEFU_SLA_SWEEP_SECONDS > 0 ? startSlaSweeper(services.orderClocks, config.KEFU_SLA_SWEEP_SECONDS * 1000, log) : null;

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    const forceExit = setTimeout(() => process.exit(1), 10_000).unref();
    try {
      await sweeper?.stop();
      await app.close();
      await db.close();
    } finally {
      clearTimeout(forceExit);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.PORT, host: config.HOST });
  log.info({ db: db.dialect }, `Kefu listening on http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${config.PORT}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
