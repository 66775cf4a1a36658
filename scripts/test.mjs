// `npm test`: unit and integration tests on SQLite always; the same server suite on
// PostgreSQL when KEFU_TEST_PG_URL is set; the browser flows when Chromium is present.
// Anything left out is announced loudly — and in CI (CI=true) it is a failure instead.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { buildIfNeeded, ROOT } from './build-if-needed.mjs';

const inCI = Boolean(process.env.CI) && process.env.CI !== 'false';
const chromium = process.env.KEFU_CHROMIUM ?? '/usr/bin/chromium';
const projects = ['contracts', 'web', 'server-sqlite'];
const skipped = [];

if (process.env.KEFU_TEST_PG_URL) projects.push('server-postgres');
else skipped.push('the server suite on PostgreSQL — set KEFU_TEST_PG_URL=postgres://postgres@127.0.0.1:5432/test to run it');

if (existsSync(chromium)) projects.push('e2e');
else skipped.push(`the browser tests — no Chromium at ${chromium} (apt-get install chromium fonts-wqy-zenhei, or set KEFU_CHROMIUM)`);

function announceSkipped() {
  if (skipped.length === 0) return;
  const lines = ['', '!'.repeat(78), '!! NOT RUN in this `npm test`:', ...skipped.map((s) => `!!  - ${s}`), '!'.repeat(78), ''];
  console.error(lines.join('\n'));
}

announceSkipped();
if (inCI && skipped.length > 0) {
  console.error('CI must run every suite; failing.');
  process.exit(1);
}
if (projects.includes('e2e')) buildIfNeeded();

const args = ['vitest', 'run', ...projects.flatMap((project) => ['--project', project]), ...process.argv.slice(2)];
const result = spawnSync('npx', args, { cwd: ROOT, stdio: 'inherit' });
announceSkipped();
process.exit(result.status ?? 1);
