// Bundles the server (and its CLI commands) into dist/ with esbuild. npm packages stay
// external and load from node_modules; the workspace contracts package is TypeScript
// source, so it is bundled in.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const external = Object.keys(pkg.dependencies).filter((name) => !name.startsWith('@kefu/'));

await build({
  entryPoints: { main: 'src/main.ts', 'verify-audit': 'src/cli/verify-audit.ts' },
  absWorkingDir: new URL('.', import.meta.url).pathname,
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  external,
  logLevel: 'warning',
  // Bundled CommonJS dependencies of the contracts package may call require().
  banner: { js: "import { createRequire as __kefuCreateRequire } from 'node:module'; const require = __kefuCreateRequire(import.meta.url);" },
});
