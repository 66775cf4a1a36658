import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** The real server as its own process on 127.0.0.1, with its memory sampled from /proc. */
export interface ServerProcess {
  url: string;
  pid: number;
  memory: MemorySampler;
  /** SIGTERM, then wait for the exit (SIGKILL after 10 s). */
  stop(): Promise<void>;
}

export interface StartServerOptions {
  root: string;
  databaseUrl: string;
  workDir: string;
  profile: boolean;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

/** Children still running; killed synchronously if the runner exits without stopping them. */
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export async function startServer(options: StartServerOptions): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logFile = join(options.workDir, 'server.log');
  const log = createWriteStream(logFile, { flags: 'a' });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    KEFU_DATABASE_URL: options.databaseUrl,
    KEFU_WEB_DIST: '/nonexistent',
    KEFU_LOG_LEVEL: 'warn',
    // The sweep is measured on its own, at the data's moment; a server sweeping with the wall
    // clock would find months of generated clocks due and change the data under the benchmark.
    KEFU_SLA_SWEEP_SECONDS: '0',
    KEFU_ATTACHMENT_DIR: join(options.workDir, 'attachments'),
    NODE_ENV: 'production',
  };
  // The benchmark measures the data it was given: no demo data, no first-run administrator.
  delete env.KEFU_DEMO;
  delete env.KEFU_ADMIN_PASSWORD;
  const nodeArgs = options.profile ? ['--cpu-prof', `--cpu-prof-dir=${join(options.workDir, 'profiles')}`] : [];
  const child = spawn(process.execPath, [...nodeArgs, join(options.root, 'server/dist/main.js')], { cwd: options.workDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  void exited.then(() => running.delete(child));
  const memory = new MemorySampler(child.pid!);

  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      memory.stop();
      throw new Error(`the server exited (${child.exitCode ?? child.signalCode}) before answering; its log:\n${tail(logFile)}`);
    }
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not answer /api/health within 180 s; its log:\n${tail(logFile)}`);
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 200));
  }

  return {
    url,
    pid: child.pid!,
    memory,
    async stop() {
      memory.stop();
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * Resident memory of a process, read from /proc/<pid>/status every 200 ms: VmRSS now and
 * VmHWM, the kernel's own high-water mark (so a peak between two samples is not missed).
 */
export class MemorySampler {
  private readonly timer: NodeJS.Timeout | null;
  private peakRssKb = 0;
  private hwmKb = 0;
  private phase = 'start';
  readonly peakByPhaseKb: Record<string, number> = {};
  readonly available: boolean;

  constructor(private readonly pid: number) {
    this.available = this.sample();
    this.timer = this.available ? setInterval(() => this.sample(), 200) : null;
    this.timer?.unref();
  }

  /** Later samples count towards this phase's peak too. */
  mark(phase: string): void {
    this.sample();
    this.phase = phase;
  }

  private sample(): boolean {
    let status: string;
    try {
      status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    } catch {
      return false;
    }
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    const rss = field('VmRSS');
    this.hwmKb = Math.max(this.hwmKb, field('VmHWM'));
    this.peakRssKb = Math.max(this.peakRssKb, rss);
    this.peakByPhaseKb[this.phase] = Math.max(this.peakByPhaseKb[this.phase] ?? 0, rss);
    return true;
  }

  stop(): void {
    if (this.timer) {
      this.sample();
      clearInterval(this.timer);
    }
  }

  /** Peak resident set in MB: the larger of the kernel's high-water mark and the sampled maximum. */
  peakMb(): number | null {
    return this.available ? Math.round(Math.max(this.hwmKb, this.peakRssKb) / 1024) : null;
  }

  peaksByPhaseMb(): Record<string, number> {
    return Object.fromEntries(Object.entries(this.peakByPhaseKb).map(([phase, kb]) => [phase, Math.round(kb / 1024)]));
  }
}
