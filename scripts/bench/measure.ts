/**
 * One measurement: a scenario's load against one server, with the CPU time
 * of that server's process tree and of the PostgreSQL backends of the bench
 * database over exactly the measured window, the server's peak RSS, and the
 * share of the machine that went to other processes (noise).
 */
import { BackendMonitor, type BenchDatabase } from './database';
import { createClient, percentile, runLoad, type LoadResult, type RequestSpec } from './load';
import { cpuSecondsBetween, machineCpu, processTree, statsOf, tickMap, type TickMap } from './proc';
import type { Scenario } from './scenarios';
import type { RunningServer } from './servers';

export interface Measurement extends LoadResult {
  id: string;
  title: string;
  /** The bare-baseline scenario this one is compared with. */
  bare: string;
  run: number;
  /** Milliseconds of app-server CPU (all its processes) per request. */
  appCpuMs: number | null;
  /** Milliseconds of PostgreSQL backend CPU per request (null on PGlite: it runs inside the app). */
  pgCpuMs: number | null;
  rssPeakMb: number;
  /** Busy CPU of everything else on the machine, in % of the machine's capacity. */
  foreignCpuPct: number;
  /** CPU of the load generator (this process), in % of the machine's capacity. */
  clientCpuPct: number;
  note?: string;
  /** With --cpu-prof: the app server's self time in the window by origin, in %. */
  profileOrigins?: Record<string, number>;
}

export interface Accounting {
  start(): Promise<void>;
  /** CPU seconds over the window, peak RSS, and the machine's share used by other processes. */
  stop(): Promise<{ appCpuS: number; pgCpuS: number | null; rssPeakMb: number; foreignCpuPct: number; clientCpuPct: number }>;
}

export function accounting(server: RunningServer, db: BenchDatabase, monitor: BackendMonitor | undefined): Accounting {
  let appPids: number[] = [];
  let appBefore: TickMap = new Map();
  let pgBefore: TickMap | undefined;
  let machineBefore = machineCpu();
  let selfBefore = process.cpuUsage();
  let rssPeak = 0;
  let timer: NodeJS.Timeout | undefined;
  const pgTicks = async () => (monitor && db.pgName ? tickMap(statsOf(await monitor.pids(db.pgName))) : undefined);
  const sampleRss = () => {
    rssPeak = Math.max(rssPeak, statsOf(appPids).reduce((sum, s) => sum + s.rssBytes, 0));
  };
  return {
    async start() {
      const tree = processTree(server.pid);
      appPids = tree.map((s) => s.pid);
      appBefore = tickMap(tree);
      machineBefore = machineCpu();
      selfBefore = process.cpuUsage();
      rssPeak = 0;
      sampleRss();
      timer = setInterval(sampleRss, 250);
      pgBefore = await pgTicks();
    },
    async stop() {
      clearInterval(timer);
      sampleRss();
      const appAfter = tickMap(processTree(server.pid));
      const machineAfter = machineCpu();
      const self = process.cpuUsage(selfBefore);
      const pgAfter = await pgTicks();
      const appCpuS = cpuSecondsBetween(appBefore, appAfter);
      const pgCpuS = pgBefore && pgAfter ? cpuSecondsBetween(pgBefore, pgAfter) : null;
      const busy = machineAfter.busy - machineBefore.busy;
      const total = machineAfter.total - machineBefore.total;
      const client = (self.user + self.system) / 1e6;
      const foreign = Math.max(0, busy - appCpuS - (pgCpuS ?? 0) - client);
      return {
        appCpuS,
        pgCpuS,
        rssPeakMb: rssPeak / 2 ** 20,
        foreignCpuPct: total > 0 ? (100 * foreign) / total : 0,
        clientCpuPct: total > 0 ? (100 * client) / total : 0,
      };
    },
  };
}

export interface MeasureOptions {
  clients: number;
  warmupMs: number;
  durationMs: number;
  run: number;
}

export async function measure(scenario: Scenario, server: RunningServer, db: BenchDatabase, monitor: BackendMonitor | undefined, o: MeasureOptions): Promise<Measurement> {
  let note: string | undefined;
  if (scenario.probeRequest && scenario.probe) {
    const client = createClient(server.port, 1);
    const reply = await client.send(scenario.probeRequest(), { keepBody: true });
    client.close();
    note = scenario.probe(reply);
  }
  const acct = accounting(server, db, monitor);
  let resources: Awaited<ReturnType<Accounting['stop']>> | undefined;
  const result = await runLoad({
    port: server.port,
    clients: o.clients,
    warmupMs: o.warmupMs,
    durationMs: o.durationMs,
    next: scenario.next,
    onReply: scenario.onReply,
    onWindowStart: () => acct.start(),
    onWindowEnd: async () => {
      resources = await acct.stop();
    },
  });
  const r = resources!;
  return {
    ...result,
    id: scenario.id,
    title: scenario.title,
    bare: scenario.bare,
    run: o.run,
    appCpuMs: result.requests ? (r.appCpuS * 1000) / result.requests : null,
    pgCpuMs: r.pgCpuS !== null && result.requests ? (r.pgCpuS * 1000) / result.requests : null,
    rssPeakMb: r.rssPeakMb,
    foreignCpuPct: r.foreignCpuPct,
    clientCpuPct: r.clientCpuPct,
    ...(note ? { note } : {}),
  };
}

export interface ImportResult {
  run: number;
  users: number;
  pages: number;
  seconds: number;
  pageMs: { p50: number; p95: number; max: number; firstTenMean: number; lastTenMean: number };
  /** Users returned twice, or missing, across the whole import (must both be 0). */
  duplicates: number;
  missing: number;
  errors: number;
  appCpuS: number;
  pgCpuS: number | null;
}

/** A whole import as Okta runs it: one client, startIndex += 100 until every user was read. */
export async function runImport(server: RunningServer, db: BenchDatabase, monitor: BackendMonitor | undefined, token: string, users: number, run: number): Promise<ImportResult> {
  const client = createClient(server.port, 1);
  const headers = { Authorization: `Bearer ${token}`, Accept: 'application/scim+json' };
  const acct = accounting(server, db, monitor);
  const seen = new Set<string>();
  const latencies: number[] = [];
  let duplicates = 0;
  let errors = 0;
  const pages = Math.ceil(users / 100);
  await acct.start();
  const started = performance.now();
  for (let page = 0; page < pages; page++) {
    const spec: RequestSpec = { method: 'GET', path: `/scim/v2/Users?startIndex=${page * 100 + 1}&count=100`, headers };
    const t = performance.now();
    const reply = await client.send(spec, { keepBody: true, timeoutMs: 60_000 });
    latencies.push(performance.now() - t);
    if (reply.status !== 200) {
      errors++;
      continue;
    }
    const body = JSON.parse(reply.body!) as { Resources: { id: string }[] };
    for (const r of body.Resources.slice(0, Math.min(100, users - page * 100))) {
      if (seen.has(r.id)) duplicates++;
      seen.add(r.id);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const r = await acct.stop();
  client.close();
  const sorted = Float64Array.from(latencies).sort();
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  return {
    run,
    users,
    pages,
    seconds,
    pageMs: { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1], firstTenMean: mean(latencies.slice(0, 10)), lastTenMean: mean(latencies.slice(-10)) },
    duplicates,
    missing: Math.max(0, users - seen.size),
    errors,
    appCpuS: r.appCpuS,
    pgCpuS: r.pgCpuS,
  };
}
