/**
 * Times the work-order list views over HTTP against a running server, as real clients:
 * signed in, cookie and all. Sequential requests (one agent's browser), so the figures are
 * latencies, not throughput.
 *
 *   node bench/run.mjs measure-views --url http://127.0.0.1:3200 --requests 200
 */
const args = new Map<string, string>();
for (let index = 2; index < process.argv.length; index += 2) args.set(process.argv[index]!.replace(/^--/, ''), process.argv[index + 1]!);
const base = args.get('url') ?? 'http://127.0.0.1:3000';
const requests = Number(args.get('requests') ?? 200);
const password = args.get('password') ?? 'kefu2026';

async function signIn(username: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`sign-in ${username}: ${response.status}`);
  return response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]).join('; ');
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const cases: Array<{ who: string; label: string; path: string }> = [
  { who: 'zhouting', label: 'agent: my accountable', path: '/api/work-orders?view=accountable' },
  { who: 'zhouting', label: 'agent: my handling', path: '/api/work-orders?view=handling' },
  { who: 'zhouting', label: 'agent: team queue', path: '/api/work-orders?view=team' },
  { who: 'zhouting', label: 'agent: breaching soon (due asc)', path: '/api/work-orders?view=breaching&sort=due_asc' },
  { who: 'zhouting', label: 'agent: view counts', path: '/api/work-orders/counts' },
  { who: 'sunmei', label: 'team leader: team queue, high priority first', path: '/api/work-orders?view=team&sort=priority_desc' },
  { who: 'sunmei', label: 'team leader: unassigned', path: '/api/work-orders?view=unassigned' },
  { who: 'sunmei', label: 'team leader: suspended', path: '/api/work-orders?view=suspended' },
  { who: 'zhaoli', label: 'director: all, in progress', path: '/api/work-orders?view=all&status=in_progress' },
  { who: 'zhaoli', label: 'director: all, newest first, page 5', path: '/api/work-orders?view=all&sort=created_desc&offset=200' },
];

const cookies = new Map<string, string>();
console.log(`| view | p50 ms | p95 ms | p99 ms | total |`);
console.log(`|---|---|---|---|---|`);
for (const testCase of cases) {
  const cookie = cookies.get(testCase.who) ?? (await signIn(testCase.who));
  cookies.set(testCase.who, cookie);
  const timings: number[] = [];
  let total = 0;
  for (let index = 0; index < requests + 10; index += 1) {
    const started = performance.now();
    const response = await fetch(`${base}${testCase.path}`, { headers: { cookie } });
    const body = (await response.json()) as { total?: number };
    if (!response.ok) throw new Error(`${testCase.path}: ${response.status} ${JSON.stringify(body)}`);
    // The first requests warm the caches; they are not counted.
    if (index >= 10) timings.push(performance.now() - started);
    total = body.total ?? 0;
  }
  timings.sort((a, b) => a - b);
  console.log(`| ${testCase.label} | ${percentile(timings, 50).toFixed(1)} | ${percentile(timings, 95).toFixed(1)} | ${percentile(timings, 99).toFixed(1)} | ${total} |`);
}
