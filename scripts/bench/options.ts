/** Command-line options of `npm run bench` (see scripts/bench/README.md). */
import { parseArgs } from 'node:util';

export interface BenchOptions {
  db: 'postgres' | 'pglite';
  /** A PostgreSQL URL whose server hosts the bench databases (created and dropped here). */
  serverUrl: string;
  users: number;
  /** The small directory the admin Users page is compared with. */
  smallUsers: number;
  /** Users the whole-import measurement pages through (capped at the directory size). */
  importUsers: number;
  durationMs: number;
  warmupMs: number;
  clients: number;
  runs: number;
  build: boolean;
  keep: boolean;
  /** Run the Next server from a private copy of .next, safe from concurrent rebuilds. */
  snapshot: boolean;
  cpuProf: boolean;
  /** Scenario ids (or prefixes) to run; empty = all. */
  only: string[];
  skipImport: boolean;
  outDir: string;
  /** NODE_OPTIONS for the app server (e.g. --max-old-space-size=256), for experiments. */
  serverNodeOptions?: string;
  /** Keep the server's per-token SCIM rate limit (off by default: the bench measures capacity). */
  rateLimit: boolean;
}

export const USAGE = `Usage: npm run bench -- [options]

  --db postgres|pglite   database engine (default postgres)
  --users N              directory size (default 100000; 1000000 on request)
  --small-users N        small directory for the admin-page comparison (default 1000)
  --duration S           measured seconds per scenario (default 10)
  --warmup S             unmeasured seconds before each scenario (default 2)
  --clients N            concurrent keep-alive clients (default 8)
  --runs N               repeat every measurement N times, report medians (default 1)
  --import-users N       users the whole-import test pages through (default 100000)
  --no-import            skip the whole-import test
  --only a,b             only these scenarios (ids or prefixes, e.g. scim.eq,admin)
  --build                run \`next build\` first (also done when .next is missing)
  --no-snapshot          serve .next in place instead of a private copy
  --cpu-prof             write V8 CPU profiles of the app server to bench-results/
  --server-node-options=S
                         NODE_OPTIONS of the app server (default: package.json
                         config.serverNodeOptions, as npm start runs it)
  --rate-limit           keep the server's per-token SCIM rate limit (default: ROSTER_SCIM_RATE_LIMIT=0)
  --keep                 keep the bench databases (default: dropped at the end)
  --out DIR              results directory (default bench-results)
  --report FILE          print the report of a saved run (bench-results/<ts>.json) again

  BENCH_DATABASE_URL     PostgreSQL server to create the bench databases on
                         (default postgresql://postgres@127.0.0.1:5432/postgres)
`;

function positiveInt(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, not "${value}"`);
  return n;
}

export function parseOptions(argv: string[]): BenchOptions | 'help' | { report: string } {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      users: { type: 'string' },
      'small-users': { type: 'string' },
      'import-users': { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      clients: { type: 'string' },
      runs: { type: 'string' },
      only: { type: 'string' },
      out: { type: 'string' },
      'server-node-options': { type: 'string' },
      report: { type: 'string' },
      'rate-limit': { type: 'boolean' },
      build: { type: 'boolean' },
      keep: { type: 'boolean' },
      'no-snapshot': { type: 'boolean' },
      'no-import': { type: 'boolean' },
      'cpu-prof': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  if (values.report) return { report: values.report };
  const db = values.db ?? 'postgres';
  if (db !== 'postgres' && db !== 'pglite') throw new Error(`--db must be postgres or pglite, not "${db}"`);
  const users = Math.trunc(positiveInt(values.users, 100_000, 'users'));
  const smallUsers = Math.trunc(positiveInt(values['small-users'], 1_000, 'small-users'));
  if (users < 2_000) throw new Error('--users must be at least 2000');
  return {
    db,
    serverUrl: process.env.BENCH_DATABASE_URL?.trim() || 'postgresql://postgres@127.0.0.1:5432/postgres',
    users,
    smallUsers,
    importUsers: Math.trunc(positiveInt(values['import-users'], 100_000, 'import-users')),
    durationMs: positiveInt(values.duration, 10, 'duration') * 1000,
    warmupMs: (values.warmup === undefined ? 2 : Number(values.warmup)) * 1000,
    clients: Math.trunc(positiveInt(values.clients, 8, 'clients')),
    runs: Math.trunc(positiveInt(values.runs, 1, 'runs')),
    build: values.build ?? false,
    keep: values.keep ?? false,
    snapshot: !values['no-snapshot'],
    cpuProf: values['cpu-prof'] ?? false,
    only: values.only ? values.only.split(',').map((s) => s.trim()).filter(Boolean) : [],
    skipImport: values['no-import'] ?? false,
    outDir: values.out ?? 'bench-results',
    serverNodeOptions: values['server-node-options'],
    rateLimit: values['rate-limit'] ?? false,
  };
}
