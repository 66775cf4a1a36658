// `npm run dev`: the API with live reload (tsx watch) on :3000 and the Vite dev server
// on :5173, which proxies /api to it. Ctrl-C stops both.
import { spawn } from 'node:child_process';
import { ROOT } from './build-if-needed.mjs';

const children = [
  spawn('npx', ['tsx', 'watch', 'server/src/main.ts'], { cwd: ROOT, stdio: 'inherit' }),
  spawn('npx', ['vite', '--host', '127.0.0.1'], { cwd: `${ROOT}/web`, stdio: 'inherit' }),
];
const stop = () => children.forEach((child) => child.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) child.on('exit', (code) => code && stop());
