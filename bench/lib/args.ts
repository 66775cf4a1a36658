import { resolve } from 'node:path';

export interface BenchOptions {
  quick: boolean;
  /** Orders to generate (ignored with --reuse: the database has what it has). */
  orders: number;
  /** Database URL (sqlite:<file> or postgres://…); a temporary SQLite file when absent. */
  db: string | null;
  /** Use --db as it is, already generated. */
  reuse: boolean;
  /** Keep the temporary directory (database, server log, CPU profiles). */
  keep: boolean;
  /** Password of the generated accounts; defaults to what the generator prints. */
  password: string | null;
  /** Seconds per create-order concurrency level. */
  createSeconds: number;
  /** Timed requests per view, per search query (repetitions) and for the phone lookup. */
  viewRequests: number;
  searchRepetitions: number;
  phoneRequests: number;
  /** Start the server with --cpu-prof (profiles land in the kept temporary directory). */
  profile: boolean;
  /** Where the JSON result goes (default bench/results/<date>-<db>-<orders>.json). */
  out: string | null;
}

const USAGE = `usage: npm run bench -- [--quick] [--orders N] [--db sqlite:<file>|postgres://…] [--reuse]
       [--password P] [--create-seconds S] [--view-requests N] [--search-repetitions N]
       [--phone-requests N] [--profile] [--keep] [--out file.json]

  --quick      50,000 orders, 5 s per create level (default: 1,000,000 orders, 20 s)
  --db URL     generate into this database (kept), or with --reuse use it as it is
  --reuse      the database at --db is already generated: skip the generator
  --keep       keep the temporary directory (SQLite file, server log, CPU profiles)
  --profile    run the server with --cpu-prof (implies --keep)`;

export function parseArgs(argv: readonly string[]): BenchOptions {
  const flags = new Set(['quick', 'reuse', 'keep', 'profile', 'help']);
  const values = new Map<string, string>();
  const seen = new Set<string>();
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index]!;
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${arg}\n${USAGE}`);
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (flags.has(name)) {
      seen.add(name);
      continue;
    }
    const value = inline ?? argv[++index];
    if (value === undefined) throw new Error(`--${name} needs a value\n${USAGE}`);
    values.set(name, value);
  }
  if (seen.has('help')) {
    console.log(USAGE);
    process.exit(0);
  }
  const known = ['orders', 'db', 'password', 'create-seconds', 'view-requests', 'search-repetitions', 'phone-requests', 'out'];
  for (const name of values.keys()) if (!known.includes(name)) throw new Error(`unknown option --${name}\n${USAGE}`);
  const quick = seen.has('quick');
  const number = (name: string, fallback: number) => {
    const raw = values.get(name);
    if (raw === undefined) return fallback;
    const parsed = Number(raw.replaceAll('_', '').replaceAll(',', ''));
    if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`--${name} must be a positive integer`);
    return parsed;
  };
  let db = values.get('db') ?? null;
  if (db && !db.startsWith('sqlite:') && !/^postgres(ql)?:\/\//.test(db)) db = `sqlite:${db}`;
  if (db?.startsWith('sqlite:')) db = `sqlite:${resolve(db.slice('sqlite:'.length))}`;
  const reuse = seen.has('reuse');
  if (reuse && !db) throw new Error(`--reuse needs --db\n${USAGE}`);
  return {
    quick,
    orders: number('orders', quick ? 50_000 : 1_000_000),
    db,
    reuse,
    keep: seen.has('keep') || seen.has('profile'),
    password: values.get('password') ?? null,
    createSeconds: number('create-seconds', quick ? 5 : 20),
    viewRequests: number('view-requests', quick ? 100 : 300),
    searchRepetitions: number('search-repetitions', quick ? 5 : 10),
    phoneRequests: number('phone-requests', quick ? 1000 : 3000),
    profile: seen.has('profile'),
    out: values.get('out') ?? null,
  };
}
