// Builds what `npm start` and the browser tests need, skipping the web build when
// web/dist is newer than every source it is made from.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function webIsStale() {
  const built = join(ROOT, 'web/dist/index.html');
  if (!existsSync(built)) return true;
  const sources = ['web/src', 'web/index.html', 'web/vite.config.ts', 'web/public', 'packages/contracts/src'];
  return Math.max(...sources.map((source) => newestMtime(join(ROOT, source)))) > statSync(built).mtimeMs;
}

export function buildIfNeeded() {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  if (webIsStale()) {
    console.log('[kefu] building the web UI (vite build)…');
    execFileSync(npm, ['run', 'build', '-w', 'web', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  }
  // The server bundle takes well under a second; always rebuild it.
  execFileSync(npm, ['run', 'build', '-w', 'server', '--silent'], { cwd: ROOT, stdio: 'inherit' });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) buildIfNeeded();
