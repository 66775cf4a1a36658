import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';

/** The bench scripts run bundled from bench/.build/: the repository is the nearest folder holding bench/run.mjs. */
export function repositoryRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'bench/run.mjs'))) return dir;
    if (dirname(dir) === dir) throw new Error(`bench/run.mjs not found above ${from}`);
  }
}
