/**
 * Turns the measurements of every run into the report: medians per scenario,
 * ratios to the framework floor and to the bare baseline (computed within
 * each run, then the median taken), the issue-6 targets as pass/fail, and the
 * printed table.
 */
import { readsWholeTable, type Plan } from './explain';
import type { ImportResult, Measurement } from './measure';
import type { BenchOptions } from './options';
import type { SeedResult } from './seed';

/** Everything a run produced: written to bench-results/<timestamp>.json, and re-rendered by --report. */
export interface BenchResults {
  startedAt: string;
  finishedAt: string;
  options: BenchOptions;
  machine: { cpus: number; cpuModel?: string; memoryMb: number; node: string; loadBefore: string; loadAfter: string; floorSpreadPct?: number };
  build: { buildId: string; builtAt: string; stale: boolean; snapshot: boolean; processes: string };
  directory: { users: number; bigGroupMembers: number; seedSeconds: number; small: SeedResult };
  summaries: Summary[];
  targets: TargetResult[];
  imports: ImportResult[];
  plans: Plan[];
  measurements: Measurement[];
  profiles?: string;
}

export interface Summary {
  id: string;
  title: string;
  runs: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  statuses: Record<string, number>;
  vsFloor: number;
  /** Floor's server CPU per request ÷ this one's (app + PostgreSQL): the ×floor ratio without the noise. */
  vsFloorCpu: number;
  vsBare: number;
  bareReference: string;
  appCpuMs: number | null;
  pgCpuMs: number | null;
  rssPeakMb: number;
  foreignCpuPct: number;
  clientCpuPct: number;
  notes: string[];
}

export interface TargetResult {
  target: string;
  measured: string;
  pass: boolean | null;
  detail?: string;
}

export function median(values: number[]): number {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** App-server plus PostgreSQL CPU per request: the cost, steadier than latency on a shared machine. */
const serverCpu = (m: Measurement | undefined) => (m ? (m.appCpuMs ?? NaN) + (m.pgCpuMs ?? 0) : NaN);

const medianOrNull = (values: (number | null)[]) => (values.every((v) => v === null) ? null : median(values.filter((v): v is number => v !== null)));

/** Older result files did not record each scenario's bare reference. */
function bareOf(m: Measurement): string {
  return m.bare ?? (/^scim\.(eq|co|page)/.test(m.id) || m.id === 'bare.eq' ? 'bare.eq' : 'bare.get');
}

export function summarize(measurements: Measurement[]): Summary[] {
  const byRun = (run: number, id: string) => measurements.find((m) => m.run === run && m.id === id);
  const ids = [...new Set(measurements.map((m) => m.id))];
  return ids.map((id) => {
    const ms = measurements.filter((m) => m.id === id);
    const bare = bareOf(ms[0]);
    const statuses: Record<string, number> = {};
    for (const m of ms) for (const [k, v] of Object.entries(m.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
    return {
      id,
      title: ms[0].title,
      runs: ms.length,
      rps: median(ms.map((m) => m.rps)),
      p50: median(ms.map((m) => m.latencyMs.p50)),
      p95: median(ms.map((m) => m.latencyMs.p95)),
      p99: median(ms.map((m) => m.latencyMs.p99)),
      errors: ms.reduce((s, m) => s + m.errors, 0),
      statuses,
      vsFloor: median(ms.map((m) => m.rps / (byRun(m.run, 'floor')?.rps ?? NaN))),
      vsFloorCpu: median(ms.map((m) => serverCpu(byRun(m.run, 'floor')) / serverCpu(m))),
      vsBare: median(ms.map((m) => m.rps / (byRun(m.run, bare)?.rps ?? NaN))),
      bareReference: bare,
      appCpuMs: medianOrNull(ms.map((m) => m.appCpuMs)),
      pgCpuMs: medianOrNull(ms.map((m) => m.pgCpuMs)),
      rssPeakMb: Math.max(...ms.map((m) => m.rssPeakMb)),
      foreignCpuPct: median(ms.map((m) => m.foreignCpuPct)),
      clientCpuPct: median(ms.map((m) => m.clientCpuPct)),
      notes: [...new Set(ms.map((m) => m.note).filter((n): n is string => Boolean(n)))],
    };
  });
}

/** Per-run ratio of two scenarios' values, then the median over runs. */
function ratio(measurements: Measurement[], a: string, b: string, value: (m: Measurement) => number): number {
  const runs = [...new Set(measurements.map((m) => m.run))];
  return median(
    runs.map((run) => {
      const ma = measurements.find((m) => m.run === run && m.id === a);
      const mb = measurements.find((m) => m.run === run && m.id === b);
      return ma && mb ? value(ma) / value(mb) : NaN;
    }),
  );
}


const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : 'n/a');

export function evaluateTargets(measurements: Measurement[], summaries: Summary[], plans: Plan[], imports: ImportResult[], users: number): TargetResult[] {
  const s = (id: string) => summaries.find((x) => x.id === id);
  const out: TargetResult[] = [];
  const atLeast = (id: string, min: number, label: string) => {
    const x = s(id);
    if (!x) return;
    out.push({ target: `${label}: ≥ ${min} × floor req/s`, measured: `${f2(x.vsFloor)} × floor`, pass: x.vsFloor >= min, detail: `by CPU per request ${f2(x.vsFloorCpu)} ×` });
  };
  atLeast('scim.eq', 0.7, 'userName eq filter');
  atLeast('scim.get', 0.7, 'GET by id');
  atLeast('scim.post', 0.4, 'POST /Users');
  atLeast('scim.put', 0.4, 'PUT /Users/{id}');
  atLeast('scim.patch', 0.4, 'PATCH deactivate/reactivate');
  atLeast('scim.page.first', 0.2, 'import page of 100 (first page)');
  atLeast('scim.page.last', 0.2, 'import page of 100 (last page)');

  if (s('scim.page.first') && s('scim.page.last')) {
    const cpu = ratio(measurements, 'scim.page.last', 'scim.page.first', serverCpu);
    const lat = ratio(measurements, 'scim.page.last', 'scim.page.first', (m) => m.latencyMs.p50);
    out.push({
      target: 'last page costs ≤ 1.5 × first page (server CPU per request)',
      measured: `${f2(cpu)} ×`,
      pass: cpu <= 1.5,
      detail: `p50 latency ${f2(lat)} ×; at ${users.toLocaleString('en-US')} users, the target is stated for 1M`,
    });
  }
  const coPlans = plans.filter((p) => p.id.startsWith('co.'));
  if (coPlans.length) {
    const full = coPlans.filter((p) => p.fullScan).map((p) => p.id);
    out.push({ target: '`co` filter on emails uses an index (plan)', measured: full.length ? `reads every user in ${full.join(', ')}` : 'index', pass: full.length === 0 });
  }
  if (s('scim.co') && s('scim.eq')) {
    const r = ratio(measurements, 'scim.co', 'scim.eq', (m) => m.latencyMs.p50);
    const cpu = ratio(measurements, 'scim.co', 'scim.eq', serverCpu);
    const eqFull = plans.some((p) => p.id.startsWith('eq.') && p.fullScan);
    out.push({
      target: '`co` latency ≤ 10 × `eq` latency (p50)',
      measured: `${f2(r)} ×`,
      pass: r <= 10,
      detail: `server CPU per request ${f2(cpu)} ×${eqFull ? '; flattered: `eq` itself reads every user here' : ''}`,
    });
  }
  if (s('scim.group.big') && s('scim.group.small')) {
    const cpu = ratio(measurements, 'scim.group.big', 'scim.group.small', serverCpu);
    const lat = ratio(measurements, 'scim.group.big', 'scim.group.small', (m) => m.latencyMs.p50);
    out.push({
      target: 'add member to 100k group ≈ to 10-member group (server CPU per request, ≤ 1.25 ×)',
      measured: `${f2(cpu)} ×`,
      pass: cpu <= 1.25,
      detail: `p50 latency ${f2(lat)} ×`,
    });
  }
  if (s('admin.users.big') && s('admin.users.small')) {
    const lat = ratio(measurements, 'admin.users.big', 'admin.users.small', (m) => m.latencyMs.p50);
    const cpu = ratio(measurements, 'admin.users.big', 'admin.users.small', serverCpu);
    const notes = [...(s('admin.users.big')?.notes ?? []), ...(s('admin.users.small')?.notes ?? [])];
    out.push({
      target: 'admin Users page at N users ≤ 1.5 × at 1k (server CPU per request)',
      measured: `${f2(cpu)} ×`,
      pass: notes.length ? null : cpu <= 1.5,
      detail: notes.length ? `not conclusive: ${notes[0]}` : `p50 latency ${f2(lat)} ×`,
    });
  }
  const app = summaries.filter((x) => !x.id.startsWith('bare.'));
  if (app.length) {
    const peak = Math.max(...app.map((x) => x.rssPeakMb));
    out.push({ target: 'server memory < 400 MB under load (peak RSS, all server processes)', measured: `${peak.toFixed(0)} MB`, pass: peak < 400 });
  }
  if (imports.length) {
    const ok = imports.every((i) => i.errors === 0 && i.duplicates === 0 && i.missing === 0);
    const secs = median(imports.map((i) => i.seconds));
    out.push({
      target: `whole import of ${imports[0].users.toLocaleString('en-US')} users (${imports[0].pages} pages of 100) finishes, nothing lost or repeated`,
      measured: `${secs.toFixed(1)} s`,
      pass: ok,
      detail: ok ? undefined : imports.map((i) => `run ${i.run}: ${i.errors} errors, ${i.duplicates} duplicates, ${i.missing} missing`).join('; '),
    });
  }
  const eqPlans = plans.filter((p) => p.id.startsWith('eq.'));
  if (eqPlans.length) {
    const full = eqPlans.filter((p) => p.fullScan).map((p) => p.id);
    out.push({ target: '(diagnostic) `userName eq` reads only the matching user (plan)', measured: full.length ? `reads every user in ${full.join(', ')}` : 'index', pass: full.length === 0 });
  }
  return out;
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

export function table(rows: string[][], rightFrom = 1): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => pad(c, widths[i], i >= rightFrom)).join('  ').trimEnd()).join('\n');
}

const n0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');
const n1 = (n: number | null) => (n !== null && Number.isFinite(n) ? n.toFixed(1) : '—');
const n2 = (n: number | null) => (n !== null && Number.isFinite(n) ? n.toFixed(2) : '—');

export function formatSummaries(summaries: Summary[]): string {
  const head = ['scenario', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', '×floor', '×floor cpu', '×bare', 'app ms/req', 'pg ms/req', 'RSS MB', 'client %', 'others %'];
  const rows = summaries.map((x) => [
    x.id,
    n0(x.rps),
    n1(x.p50),
    n1(x.p95),
    n1(x.p99),
    x.errors ? `${x.errors} (${Object.entries(x.statuses).filter(([k]) => !/^2|^304$/.test(k)).map(([k, v]) => `${k}:${v}`).join(' ')})` : '0',
    n2(x.vsFloor),
    n2(x.vsFloorCpu),
    n2(x.vsBare),
    n2(x.appCpuMs),
    n2(x.pgCpuMs),
    n0(x.rssPeakMb),
    n0(x.clientCpuPct),
    n0(x.foreignCpuPct),
  ]);
  return table([head, ...rows]);
}

export function formatTargets(targets: TargetResult[]): string {
  const rows = targets.map((t) => [t.pass === null ? 'n/a ' : t.pass ? 'PASS' : 'FAIL', t.target, t.measured + (t.detail ? ` (${t.detail})` : '')]);
  return table([['', 'target', 'measured'], ...rows], 99);
}

/** Recomputes summaries and targets from the raw measurements (also for saved files). */
export function evaluate(r: BenchResults): void {
  for (const p of r.plans) p.fullScan = readsWholeTable(p.plan, r.directory.users);
  r.summaries = summarize(r.measurements);
  r.targets = evaluateTargets(r.measurements, r.summaries, r.plans, r.imports, r.directory.users);
  const floor = r.measurements.filter((m) => m.id === 'floor').map((m) => m.rps);
  r.machine.floorSpreadPct = floor.length > 1 ? (100 * (Math.max(...floor) - Math.min(...floor))) / Math.min(...floor) : 0;
}

export function printReport(r: BenchResults): void {
  const o = r.options;
  console.log('\n=== Query plans (EXPLAIN ANALYZE, BUFFERS of the statements listScimUsers runs) ===');
  for (const p of r.plans) {
    console.log(`\n--- ${p.title}${p.fullScan ? '   [READS EVERY USER]' : ''}\n${p.sql}\n  params: ${JSON.stringify(p.params)}\n${p.plan}`);
  }
  if (r.imports.length) {
    console.log('\n=== Whole import (one client, pages of 100) ===');
    for (const i of r.imports) {
      console.log(
        `run ${i.run}: ${i.users.toLocaleString('en-US')} users in ${i.pages} pages: ${i.seconds.toFixed(1)} s; page p50 ${i.pageMs.p50.toFixed(1)} ms, p95 ${i.pageMs.p95.toFixed(1)} ms, max ${i.pageMs.max.toFixed(1)} ms; ` +
          `first 10 pages ${i.pageMs.firstTenMean.toFixed(1)} ms, last 10 ${i.pageMs.lastTenMean.toFixed(1)} ms; app CPU ${i.appCpuS.toFixed(1)} s, PostgreSQL CPU ${i.pgCpuS?.toFixed(1) ?? '—'} s; ` +
          `${i.errors} errors, ${i.duplicates} duplicates, ${i.missing} missing`,
      );
    }
  }
  console.log(`\n=== Results: ${o.db}, ${r.directory.users.toLocaleString('en-US')} users (small directory ${o.smallUsers.toLocaleString('en-US')}), ${o.clients} clients, ${o.durationMs / 1000} s per scenario, median of ${o.runs} run(s) ===`);
  console.log('×floor: req/s ÷ GET /api/health/live on the same server, same run; ×floor cpu: the same ratio from server CPU per request (app + PostgreSQL), steadier under noise;');
  console.log('×bare: req/s ÷ the bare node:http+pg server (bare.eq for list requests, bare.get otherwise).');
  console.log('app/pg ms/req: CPU time per request of the app server (all its processes) and of the PostgreSQL backends of the bench database.');
  console.log('RSS MB: peak resident memory of the server under test; client %: the load generator; others %: every other process (noise); both in % of the whole machine.\n');
  console.log(formatSummaries(r.summaries));
  for (const s of r.summaries.filter((x) => x.notes.length)) console.log(`note ${s.id}: ${s.notes.join('; ')}`);
  console.log(`\n=== Targets (issue 6)${o.runs < 3 ? ': indicative only, the targets ask for the median of at least 3 runs (--runs 3)' : ''} ===`);
  console.log(formatTargets(r.targets));
  const others = median(r.summaries.map((s) => s.foreignCpuPct));
  console.log(
    `\nnoise: load average ${r.machine.loadBefore} before, ${r.machine.loadAfter} after; floor req/s spread across runs ${(r.machine.floorSpreadPct ?? 0).toFixed(0)}%; ` +
      `median share of the machine used by other processes during scenarios ${Number.isFinite(others) ? others.toFixed(0) : '?'}%`,
  );
  console.log(`build ${r.build.buildId} (${r.build.builtAt})${r.build.stale ? ', older than the sources' : ''}; app server processes: ${r.build.processes}`);
}
