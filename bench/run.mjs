// Runs a TypeScript bench script: bundles it with esbuild (npm packages stay external), then imports it.
import { build } from 'esbuild';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
const [name, ...rest] = process.argv.slice(2);
const outfile = join(import.meta.dirname, '.build', `${name}.mjs`);
await build({
  entryPoints: [join(import.meta.dirname, `${name}.ts`)],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // npm packages load from node_modules; the workspace contracts package is TypeScript
  // source and is bundled in (as the server build does).
  external: Object.keys(JSON.parse(readFileSync(join(import.meta.dirname, '../server/package.json'), 'utf8')).dependencies).filter((name) => !name.startsWith('@kefu/')),
  logLevel: 'warning',
});
process.argv = [process.argv[0], outfile, ...rest];
await import(pathToFileURL(outfile).href);
