// `npm start`: build what is missing or stale, then run the server in this process
// (so signals reach it directly and shutdown stays graceful).
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { buildIfNeeded, ROOT } from './build-if-needed.mjs';

buildIfNeeded();
process.chdir(ROOT);
await import(pathToFileURL(join(ROOT, 'server/dist/main.js')).href);
