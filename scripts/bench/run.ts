/**
 * `npm run bench`: Roster's SCIM benchmark (issue 6). Creates its own
 * databases (PostgreSQL or PGlite), seeds a large directory with bulk SQL,
 * starts the production build and a bare node:http+pg baseline, measures
 * every scenario for a fixed time with a fixed number of keep-alive clients,
 * and reports requests/s, latency percentiles, errors, CPU per request (app
 * and PostgreSQL, from /proc), memory, ratios to the framework floor and the
 * bare baseline, the query plans of the hot list queries, a whole import,
 * and pass/fail against the targets. See scripts/bench/README.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBenchDatabase, migrate, sampleDirectory, setUpInstance, childEnv, BackendMonitor, ADMIN_EMAIL, ADMIN_PASSWORD, type BenchDatabase, type DirectorySample } from './database';
import { explainHotQueries, type Plan } from './explain';
import { createClient } from './load';
import { measure, runImport, type ImportResult, type Measurement } from './measure';
import { parseOptions, USAGE, type BenchOptions } from './options';
import { SERVER_NODE_OPTIONS } from '../support/server-node-options';
import { summarizeProfile } from './profile-summary';
import { loadAverage, processTree } from './proc';
import { evaluate, printReport, type BenchResults } from './report';
import { coFragment, readScenarios, referenceScenarios, smallScenarios, writeScenarios, type Scenario, type ScenarioContext, type WriteState } from './scenarios';
import { seedDirectory, type SeedResult } from './seed';
import { ensureBuild, signIn, snapshotBuild, startApp, startBare, type RunningServer } from './servers';

const t0 = performance.now();
function log(line: string) {
  const s = ((performance.now() - t0) / 1000).toFixed(0).padStart(5);
  console.log(`[bench ${s}s] ${line}`);
}

const cleanups: (() => Promise<void> | void)[] = [];
const live = new Set<RunningServer>();
async function cleanUp() {
  for (const server of live) await server.stop().catch(() => {});
  while (cleanups.length) {
    try {
      await cleanups.pop()!();
    } catch (err) {
      console.error('[bench] clean-up:', err instanceof Error ? err.message : err);
    }
  }
}

async function prepareDatabase(options: BenchOptions, name: string, users: number, salt: string): Promise<{ db: BenchDatabase; seed: SeedResult; token: string }> {
  const db = await createBenchDatabase(options, name);
  if (!options.keep) cleanups.push(() => db.drop());
  else cleanups.push(() => log(`kept database ${db.label}`));
  const sql = await db.open();
  try {
    const applied = await migrate(sql);
    log(`${db.label}: migrated (${applied.length} migration(s)); seeding ${users.toLocaleString('en-US')} users…`);
    const seed = await seedDirectory(sql, users, salt, log);
    log(`${db.label}: seeded in ${seed.seconds.toFixed(1)} s`);
    await sql.close();
    const token = setUpInstance(db);
    log(`${db.label}: SCIM enabled, InfraToken and admin created through the CLI`);
    return { db, seed, token };
  } catch (err) {
    await sql.close().catch(() => {});
    throw err;
  }
}

/** Servers are stopped by clean-up too if the run is interrupted. */
function track(server: RunningServer): RunningServer {
  live.add(server);
  const stop = server.stop;
  server.stop = async () => {
    await stop();
    live.delete(server);
  };
  return server;
}

async function currentTotal(server: RunningServer, token: string): Promise<number> {
  const client = createClient(server.port, 1);
  const reply = await client.send({ method: 'GET', path: '/scim/v2/Users?count=0', headers: { Authorization: `Bearer ${token}` } }, { keepBody: true });
  client.close();
  if (reply.status !== 200) throw new Error(`GET /scim/v2/Users?count=0 answered ${reply.status}: ${reply.body?.slice(0, 300)}`);
  return (JSON.parse(reply.body!) as { totalResults: number }).totalResults;
}

/** Per-scenario breakdowns of the app server's CPU profile (written when it stopped). */
function sliceProfile(profDir: string, pid: number, run: number, list: Measurement[]) {
  const file = fs.readdirSync(profDir).find((f) => f.endsWith('.cpuprofile') && f.includes(`.${pid}.`));
  if (!file) {
    log(`  no CPU profile of process ${pid} in ${profDir} (did the server exit cleanly?)`);
    return;
  }
  for (const m of list) {
    const breakdown = summarizeProfile(path.join(profDir, file), 40, { fromUs: m.windowUs[0], toUs: m.windowUs[1] });
    fs.writeFileSync(path.join(profDir, `run${run}-${m.id}.txt`), `${m.id} (${m.title}), run ${run}: ${breakdown.text}\n`);
    m.profileOrigins = breakdown.origins;
  }
  log(`  CPU profile sliced per scenario: ${path.relative(process.cwd(), profDir)}/run${run}-<scenario>.txt`);
}

function describeTree(server: RunningServer): string {
  return processTree(server.pid)
    .map((s) => `${s.comm}(${s.pid})`)
    .join(' ');
}

async function main() {
  const parsed = parseOptions(process.argv.slice(2));
  if (parsed === 'help') {
    console.log(USAGE);
    return;
  }
  if (typeof parsed === 'object' && 'report' in parsed) {
    // Re-render a saved run with the current report code (summaries and targets recomputed).
    const results = JSON.parse(fs.readFileSync(parsed.report, 'utf8')) as BenchResults;
    evaluate(results);
    printReport(results);
    return;
  }
  const options = parsed;
  const startedAt = new Date();
  const stamp = startedAt.toISOString().replace(/[-:]/g, '').replace('T', '_').slice(0, 15).toLowerCase();
  const loadBefore = loadAverage();
  log(`${os.cpus().length} CPUs, load ${loadBefore}, Node ${process.version}; ${options.db}, ${options.users.toLocaleString('en-US')} users, ${options.clients} clients, ${options.durationMs / 1000} s (+${options.warmupMs / 1000} s warm-up) per scenario, ${options.runs} run(s)`);

  const build = ensureBuild(options.build, log);
  log(`production build ${build.buildId} from ${build.builtAt}${build.stale ? ' — WARNING: sources changed after this build; pass --build to measure them' : ''}`);
  const appDir = options.snapshot ? snapshotBuild() : process.cwd();
  if (options.snapshot) cleanups.push(() => fs.rmSync(appDir, { recursive: true, force: true }));

  const outDir = path.resolve(options.outDir);
  fs.mkdirSync(outDir, { recursive: true });
  const profDir = options.cpuProf ? path.join(outDir, `prof-${stamp}`) : undefined;
  if (profDir) fs.mkdirSync(profDir, { recursive: true });

  const big = await prepareDatabase(options, `roster_bench_${stamp}`, options.users, `big-${stamp}`);
  const small = await prepareDatabase(options, `roster_bench_${stamp}_small`, options.smallUsers, `small-${stamp}`);

  // Sample and EXPLAIN before any server opens the database (PGlite: one process at a time).
  let sample: DirectorySample;
  let plans: Plan[];
  {
    const sql = await big.db.open();
    try {
      sample = await sampleDirectory(sql);
      log(`sampled ${sample.users.length} users and ${sample.spare.length} spare users; ${sample.totalUsers.toLocaleString('en-US')} users in the directory`);
      plans = await explainHotQueries(sql, { userName: sample.users[0].userName, coFragment: coFragment(sample.users[0]), totalUsers: sample.totalUsers });
    } finally {
      await sql.close();
    }
  }

  const monitor = big.db.kind === 'postgres' ? new BackendMonitor(options.serverUrl) : undefined;
  if (monitor) cleanups.push(() => monitor.close());
  const wanted = (id: string) => id === 'floor' || id.startsWith('bare.') || options.only.length === 0 || options.only.some((o) => id.startsWith(o));
  const measurements: Measurement[] = [];
  const imports: ImportResult[] = [];
  const state: WriteState = { active: new Map(sample.users.map((u) => [u.id, u.active])), inGroup: new Map() };
  const mOpts = (run: number) => ({ clients: options.clients, warmupMs: options.warmupMs, durationMs: options.durationMs, run });
  let total = sample.totalUsers;
  // The per-token rate limit (ROSTER_SCIM_RATE_LIMIT, 100 req/s by default) would cap every SCIM scenario with 429s:
  // the bench measures the server's capacity, so it is off unless --rate-limit keeps the server's setting.
  const appEnv = (db: BenchDatabase) =>
    childEnv(db, {
      ...(options.rateLimit ? {} : { ROSTER_SCIM_RATE_LIMIT: '0' }),
      // The server runs with the options it is deployed with (package.json config.serverNodeOptions) unless overridden.
      NODE_OPTIONS: options.serverNodeOptions ?? SERVER_NODE_OPTIONS,
    });
  let processes = '';

  async function measureAll(list: Scenario[], server: RunningServer, db: BenchDatabase, run: number): Promise<Measurement[]> {
    const done: Measurement[] = [];
    for (const scenario of list.filter((s) => wanted(s.id))) {
      const m = await measure(scenario, server, db, monitor, mOpts(run));
      measurements.push(m);
      done.push(m);
      const errs = m.errors ? `, ${m.errors} errors ${JSON.stringify(m.statuses)}` : '';
      log(`  ${scenario.id.padEnd(18)} ${m.rps.toFixed(0).padStart(6)} req/s  p50 ${m.latencyMs.p50.toFixed(1)} ms  p99 ${m.latencyMs.p99.toFixed(1)} ms  app ${m.appCpuMs?.toFixed(2)} ms/req  pg ${m.pgCpuMs?.toFixed(2) ?? '—'} ms/req  others ${m.foreignCpuPct.toFixed(0)}%${errs}${m.note ? `  NOTE: ${m.note}` : ''}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    return done;
  }

  for (let run = 1; run <= options.runs; run++) {
    log(`run ${run}/${options.runs} (load ${loadAverage()})`);
    const ctx: ScenarioContext = {
      sample,
      token: big.token,
      cookie: '',
      smallCookie: '',
      clients: options.clients,
      runTag: `${stamp.slice(-6)}r${run}`,
      totalUsers: () => total,
    };

    const bare = track(await startBare(childEnv(big.db)));
    try {
      await measureAll(referenceScenarios(ctx), bare, big.db, run);
    } finally {
      await bare.stop();
    }

    const app = track(await startApp('app', appDir, appEnv(big.db), profDir));
    const onApp: Measurement[] = [];
    try {
      processes ||= describeTree(app);
      ctx.cookie = await signIn(app.port, ADMIN_EMAIL, ADMIN_PASSWORD);
      total = await currentTotal(app, big.token);
      onApp.push(...(await measureAll(readScenarios(ctx), app, big.db, run)));
      if (!options.skipImport && (options.only.length === 0 || options.only.includes('import'))) {
        const users = Math.min(options.importUsers, total);
        log(`  whole import: ${users.toLocaleString('en-US')} users, one client, startIndex += 100…`);
        const imp = await runImport(app, big.db, monitor, big.token, users, run);
        imports.push(imp);
        log(`  import: ${imp.seconds.toFixed(1)} s for ${imp.pages} pages (p50 ${imp.pageMs.p50.toFixed(1)} ms, first 10 ${imp.pageMs.firstTenMean.toFixed(1)} ms, last 10 ${imp.pageMs.lastTenMean.toFixed(1)} ms), ${imp.errors} errors, ${imp.duplicates} duplicates, ${imp.missing} missing`);
      }
      onApp.push(...(await measureAll(writeScenarios(ctx, state), app, big.db, run)));
    } finally {
      await app.stop();
    }
    if (profDir) sliceProfile(profDir, app.pid, run, onApp);

    if (smallScenarios(ctx).some((s) => wanted(s.id))) {
      const smallApp = track(await startApp('small', appDir, appEnv(small.db)));
      try {
        ctx.smallCookie = await signIn(smallApp.port, ADMIN_EMAIL, ADMIN_PASSWORD);
        await measureAll(smallScenarios(ctx), smallApp, small.db, run);
      } finally {
        await smallApp.stop();
      }
    }
  }

  const loadAfter = loadAverage();
  const results: BenchResults = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    options: { ...options, serverUrl: options.serverUrl.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@') },
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryMb: Math.round(os.totalmem() / 2 ** 20), node: process.version, loadBefore, loadAfter },
    build: { ...build, snapshot: options.snapshot, processes },
    directory: { users: sample.totalUsers, bigGroupMembers: sample.bigGroupMembers, seedSeconds: big.seed.seconds, small: small.seed },
    summaries: [],
    targets: [],
    imports,
    plans,
    measurements,
    profiles: profDir,
  };
  evaluate(results);
  printReport(results);
  const file = path.join(outDir, `${stamp}.json`);
  fs.writeFileSync(file, JSON.stringify(results, null, 2));
  console.log(`\nwrote ${path.relative(process.cwd(), file)}${profDir ? ` and CPU profiles in ${path.relative(process.cwd(), profDir)}` : ''}`);
}

let exiting = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (exiting) return;
    exiting = true;
    console.error(`\n[bench] ${signal}: stopping servers and dropping the bench databases…`);
    void cleanUp().finally(() => process.exit(130));
  });
}

main()
  .then(cleanUp)
  .catch(async (err) => {
    console.error(`[bench] failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    await cleanUp();
    process.exit(1);
  });
