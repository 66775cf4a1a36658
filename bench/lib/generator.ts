import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { GenerateSummary } from '../data/generator.js';

/** The generator's default password of every generated and demo user (bench/generate.ts). */
export const DEFAULT_BENCH_PASSWORD = 'kefu2026bench';

/**
 * Runs the data generator (bench/generate.ts) as a child process, its output shown as it
 * comes. Returns its summary (the last line of its standard output: counts, users, password).
 */
export async function generate(options: { root: string; orders: number; databaseUrl: string }): Promise<GenerateSummary> {
  if (!existsSync(join(options.root, 'bench/generate.ts'))) throw new Error('bench/generate.ts is missing: the data generator is needed unless --db … --reuse');
  const args = [join(options.root, 'bench/run.mjs'), 'generate', '--orders', String(options.orders), '--db', options.databaseUrl];
  console.log(`generating: node ${args.slice(1).join(' ')}`);
  let output = '';
  const child = spawn(process.execPath, args, { cwd: options.root, stdio: ['ignore', 'pipe', 'pipe'] });
  const show = (chunk: Buffer) => process.stdout.write(chunk.toString('utf8').replace(/^(?=.)/gm, '  [generate] '));
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
    // The summary line is long JSON: shown as counts below instead.
    show(Buffer.from(chunk.toString('utf8').replace(/^\{"bench":"data".*$/m, '')));
  });
  child.stderr.on('data', show);
  const code = await new Promise<number | null>((resolveExit) => child.once('exit', (exitCode) => resolveExit(exitCode)));
  if (code !== 0) throw new Error(`the generator failed (exit ${code})`);
  const last = output.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(last) as GenerateSummary;
  } catch {
    throw new Error(`the generator's last line is not its JSON summary: ${last.slice(0, 200)}`);
  }
}
