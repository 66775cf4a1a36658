import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { systemClock } from '../platform/clock.js';
import { createAuditService } from '../modules/audit/audit.service.js';

/**
 * `npm run audit:verify` — recomputes the audit hash chain of the configured database.
 * Exit code 0 when intact, 2 when an entry was altered, removed or inserted.
 */
async function verifyAuditChain(): Promise<number> {
  const config = loadConfig();
  const db = openDatabase(config.KEFU_DATABASE_URL);
  try {
    await migrateToLatest(db);
    const result = await createAuditService({ db: db.kysely, dialect: db.dialect, clock: systemClock }).verify();
    if (result.ok) {
      console.log(`audit chain intact: ${result.checked} entries verified`);
      return 0;
    }
    console.error(`audit chain BROKEN at entry ${result.firstBrokenId} (${result.checked} entries before it verified)`);
    return 2;
  } finally {
    await db.close();
  }
}

verifyAuditChain().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
